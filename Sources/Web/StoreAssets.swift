/// The store pages' style sheet and scripts (served under `/static`; the CSP forbids inline ones).
enum StoreAssets {
    static let cssPath = "/static/store.v1.css"
    static let posterJS = "/static/poster.v1.js"
    static let rotatingJS = "/static/store-rotating.v1.js"
    static let screenJS = "/static/staff-screen.v2.js"

    static let files: [String: (type: String, text: String)] = [
        "store.v1.css": ("text/css; charset=utf-8", css),
        "poster.v1.js": ("text/javascript; charset=utf-8", posterScript),
        "store-rotating.v1.js": ("text/javascript; charset=utf-8", rotatingScript),
        "staff-screen.v2.js": ("text/javascript; charset=utf-8", screenScript),
    ]

    static let css = """
    a.button { display: inline-flex; align-items: center; min-height: 2.8rem; padding: .5rem 1.2rem; border-radius: .4rem;
               background: var(--accent); color: #fff; font-weight: 700; text-decoration: none; }
    .toolbar { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; margin: .5rem 0 1rem; }
    .toolbar form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
    .stores-table td.actions a { display: inline-block; margin-right: .8rem; }
    .table-wrap { overflow-x: auto; }
    .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
    .hint { color: var(--muted); font-size: .9rem; font-weight: 400; }
    .qr-box svg { display: block; width: 100%; height: auto; }
    .poster { background: #fff; border: 1px solid var(--line); border-radius: .6rem; text-align: center;
              max-width: 186mm; margin: 0 auto 2rem; padding: 1.5rem 1rem; }
    .poster .merchant-name { color: var(--muted); margin: 0; }
    .poster .store-name { font-size: 2.6rem; line-height: 1.25; margin: .3rem 0 1rem; }
    .poster .qr-box { width: min(100%, 125mm); margin: 0 auto; }
    .poster .instructions { font-size: 1.35rem; font-weight: 700; margin: 1rem auto .4rem; max-width: 160mm; }
    .poster .instructions-en { color: var(--muted); margin: 0 0 .8rem; }
    .poster .store-id { font-family: ui-monospace, monospace; color: var(--muted); margin: 0; }
    @page { size: A4; margin: 12mm; }
    @media print {
      main { max-width: none; padding: 0; }
      .toolbar, .notice, .success { display: none; }
      .poster { border: 0; border-radius: 0; margin: 0; padding: 0; max-width: none;
                page-break-after: always; break-after: page; page-break-inside: avoid; }
      .poster:last-of-type { page-break-after: auto; break-after: auto; }
      .poster .qr-box { width: 140mm; }
    }
    .rotating { text-align: center; }
    .rotating .store-name { font-size: 2rem; margin: .2rem 0; }
    .rotating .qr-box { width: min(92vw, 68vh); margin: .5rem auto; }
    .status { display: inline-block; padding: .2rem .7rem; border-radius: 1rem; background: #eee; font-size: .95rem; }
    .status.ok { background: #e8f5e9; color: var(--ok); }
    .status.warn { background: #fff4e5; color: #8a5300; }
    .uses { list-style: none; padding: 0; margin: 1rem 0; }
    .uses li { background: #fff; border: 1px solid var(--line); border-left: .5rem solid var(--ok); border-radius: .4rem;
               padding: .7rem 1rem; margin-bottom: .6rem; display: grid; grid-template-columns: auto 1fr; gap: 0 1rem; }
    .uses .use-time { font-size: 1.6rem; font-weight: 700; grid-row: span 2; }
    .uses .use-product { font-size: 1.25rem; font-weight: 700; }
    .uses .use-ticket { font-size: .9rem; word-break: break-all; }
    .uses li.new { animation: kippu-flash 3s ease-out; }
    @keyframes kippu-flash { from { background: #c8e6c9; } to { background: #fff; } }
    """

    /// The poster's print button.
    static let posterScript = """
    "use strict";
    (function () {
      var button = document.getElementById("print");
      if (button) button.addEventListener("click", function () { window.print(); });
    })();
    """

    /// Refreshes the rotating QR at each 30-second epoch from `data-source` (JSON: svg, url,
    /// epoch, now, next). The SVG is built by the server from numbers only.
    static let rotatingScript = """
    "use strict";
    (function () {
      var root = document.getElementById("rotating");
      if (!root) return;
      var box = root.querySelector(".qr-box");
      var stale = document.getElementById("rotating-stale");
      function schedule(ms) { window.setTimeout(refresh, Math.min(Math.max(ms, 1000), 60000)); }
      function refresh() {
        fetch(root.dataset.source, { credentials: "same-origin", cache: "no-store" })
          .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
          .then(function (j) {
            box.innerHTML = j.svg;
            root.dataset.url = j.url;
            root.dataset.epoch = String(j.epoch);
            stale.hidden = true;
            schedule(j.next - j.now + 300);
          })
          .catch(function () { stale.hidden = false; schedule(5000); });
      }
      schedule(Number(root.dataset.next) - Number(root.dataset.now) + 300);
    })();
    """

    /// The staff screen: listens to the store's live feed, shows each use at the top with a
    /// beep (Web Audio, after the "turn on sound" button: browsers block audio before a gesture),
    /// and looks the product's name up through the public ticket and product endpoints.
    static let screenScript = """
    "use strict";
    (function () {
      var root = document.getElementById("screen");
      if (!root) return;
      var t = root.dataset;
      var list = document.getElementById("uses");
      var empty = document.getElementById("uses-empty");
      var status = document.getElementById("feed-status");
      var soundButton = document.getElementById("sound");
      var audio = null;
      soundButton.addEventListener("click", function () {
        var AC = window.AudioContext || window.webkitAudioContext;
        if (!AC) return;
        audio = audio || new AC();
        audio.resume().then(function () {
          soundButton.textContent = t.soundOn;
          soundButton.disabled = true;
          beep();
        });
      });
      function beep() {
        if (!audio || audio.state !== "running") return;
        var start = audio.currentTime;
        [880, 1320].forEach(function (hz, i) {
          var at = start + i * 0.18;
          var osc = audio.createOscillator();
          var gain = audio.createGain();
          osc.type = "sine";
          osc.frequency.value = hz;
          gain.gain.setValueAtTime(0.0001, at);
          gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
          osc.connect(gain);
          gain.connect(audio.destination);
          osc.start(at);
          osc.stop(at + 0.17);
        });
      }
      function two(n) { return (n < 10 ? "0" : "") + n; }
      function line(cls, text) {
        var d = document.createElement("div");
        d.className = cls;
        d.textContent = text;
        return d;
      }
      function show(use) {
        if (list.querySelector('[data-txid="' + use.txid + '"]')) return;
        var li = document.createElement("li");
        li.className = "use new";
        li.dataset.ticket = use.ticket;
        li.dataset.txid = use.txid;
        li.dataset.height = use.height;
        var d = new Date(use.time);
        var name = line("use-product", t.used);
        var detail = use.ticket;
        if (typeof use.amount === "number") detail += " · " + t.amount.replace("{0}", use.amount.toLocaleString());
        // Japan time, whatever the tablet's own time zone is.
        li.appendChild(line("use-time", d.toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour12: false })));
        li.appendChild(name);
        li.appendChild(line("use-ticket muted mono", detail));
        // Newest first by ledger height: uses replayed after a reconnection may come after newer ones.
        var next = list.firstChild;
        while (next && Number(next.dataset.height) > use.height) next = next.nextSibling;
        list.insertBefore(li, next);
        empty.hidden = true;
        while (list.children.length > 100) list.removeChild(list.lastChild);
        beep();
        fetch("/api/v1/tickets/" + encodeURIComponent(use.ticket))
          .then(function (r) { if (!r.ok) throw new Error(); return r.json(); })
          .then(function (ticket) { return fetch("/api/v1/products/" + encodeURIComponent(ticket.product)); })
          .then(function (r) { if (!r.ok) throw new Error(); return r.json(); })
          .then(function (product) { name.textContent = product.name; li.dataset.product = product.id; })
          .catch(function () {});
      }
      var source = new EventSource(t.events);
      source.addEventListener("open", function () { status.textContent = t.connected; status.className = "status ok"; });
      source.addEventListener("error", function () { status.textContent = t.reconnecting; status.className = "status warn"; });
      source.addEventListener("use", function (e) {
        var use;
        try { use = JSON.parse(e.data); } catch (err) { return; }
        show(use);
      });
    })();
    """
}
