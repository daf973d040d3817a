/// Static files of the operator console and the export: a small style sheet and the progress
/// poller of store imports and ledger checks.
enum OperatorAssets {
    static let files: [String: (type: String, text: String)] = [
        "operator.v1.css": ("text/css; charset=utf-8", css),
        "operator-progress.v1.js": ("text/javascript; charset=utf-8", progressJS),
    ]

    static let css = """
    nav.subnav { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: 0 0 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
    nav.subnav a[aria-current=page] { font-weight: 700; color: var(--ink); text-decoration: none; }
    form.search { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem; margin-bottom: 1rem; }
    label.check { display: flex; align-items: center; gap: .5rem; font-weight: 400; }
    label.check input { min-height: 0; }
    progress { width: 100%; height: 1.2rem; }
    code.wrap { word-break: break-all; }
    pre.sample { background: #fff; border: 1px solid var(--line); padding: .6rem; overflow-x: auto; }
    table { display: block; overflow-x: auto; }
    """

    /// Polls the JSON at the `data-poll` address of the first element that has one, every
    /// second; writes each field into the descendants marked `data-field="<name>"` and the
    /// `<progress>` bar (value and max fields named by its `data-value`/`data-max`, default
    /// `done`/`total`); reloads the page once the answer says `final`.
    static let progressJS = """
    (function () {
      'use strict';
      var box = document.querySelector('[data-poll]');
      if (!box) { return; }
      var url = box.getAttribute('data-poll');
      function show(j) {
        Object.keys(j).forEach(function (k) {
          box.querySelectorAll('[data-field="' + k + '"]').forEach(function (el) { el.textContent = String(j[k]); });
        });
        var bar = box.querySelector('progress');
        if (bar) {
          var v = j[bar.getAttribute('data-value') || 'done'], m = j[bar.getAttribute('data-max') || 'total'];
          if (typeof m === 'number' && m > 0) { bar.max = m; }
          if (typeof v === 'number') { bar.value = v; }
        }
      }
      function tick() {
        fetch(url, { credentials: 'same-origin', cache: 'no-store' })
          .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
          .then(function (j) { show(j); if (j.final) { window.location.reload(); } else { setTimeout(tick, 1000); } })
          .catch(function () { setTimeout(tick, 3000); });
      }
      setTimeout(tick, 1000);
    })();
    """
}
