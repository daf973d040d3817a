extension WalletScript {
    /// The wallet page and the store-QR use page (`data-mode` on `#wallet`).
    static let app = #"""
    import { verifyTicket } from "/static/kippu-ledger.v1.js";
    import { get, put, walletKey, keyFromSeed, envelope, api, signIn, bytesToB64url, b64urlToBytes } from "/static/wallet-store.v1.js";

    const root = document.getElementById("wallet");
    const T = JSON.parse(root.dataset.texts);
    const $ = (id) => document.getElementById(id);
    const el = (tag, attrs = {}, ...children) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) { if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v; }
      for (const c of children) e.append(c);
      return e;
    };
    const jst = new Intl.DateTimeFormat(document.documentElement.lang === "ja" ? "ja-JP" : "en-GB",
      { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
    const yen = (n) => (n === 0 ? T.free : T.yen.replace("{0}", n.toLocaleString("ja-JP")));
    const say = (text) => { const m = $("message"); m.textContent = text; m.hidden = !text; };
    const problem = (e) => (e && e.code && T["code." + e.code]) || (e && e.status ? T.failed + " (" + (e.code || e.status) + ")" : T.offline);

    let net = null, keys = null;
    const products = new Map();
    async function product(id) {
      if (!products.has(id)) products.set(id, await api("/api/v1/products/" + encodeURIComponent(id), { auth: false }));
      return products.get(id);
    }

    async function network() {
      try { const n = await api("/api/v1/network", { auth: false }); await put("net", n.net); return n.net; }
      catch (e) { return get("net"); }
    }

    async function post(envelopeValue) { return api("/api/v1/tx", { method: "POST", json: envelopeValue, auth: false }); }

    // ---- wallet page ----
    async function loadTickets() {
      try {
        const { tickets } = await api(`/api/v1/holders/${keys.publicKey}/tickets`, { auth: false });
        await put("tickets", { tickets, synced: Date.now() });
        $("offline").hidden = true;
        return tickets;
      } catch (e) {
        const cached = await get("tickets");
        $("offline").hidden = false;
        $("offline").textContent = T.offlineSince.replace("{0}", cached ? jst.format(new Date(cached.synced)) : "—");
        return cached ? cached.tickets : [];
      }
    }

    async function renderTickets() {
      const tickets = await loadTickets();
      const active = tickets.filter((t) => t.state === "active").sort((a, b) => (a.validUntil || Infinity) - (b.validUntil || Infinity));
      const past = tickets.filter((t) => t.state !== "active");
      const list = $("tickets"); list.replaceChildren();
      const history = $("history"); history.replaceChildren();
      if (active.length === 0) list.append(el("p", { class: "muted" }, T.noTickets));
      // A package's parts stay together, with the parts already used shown inside the group.
      const groups = new Map();
      for (const t of active) { const k = t.package || t.ticket; if (!groups.has(k)) groups.set(k, []); groups.get(k).push(t); }
      for (const [k, members] of groups) {
        if (members.length === 1 && !members[0].package) { list.append(await ticketCard(members[0], true)); continue; }
        const usedParts = past.filter((t) => t.package === k);
        const box = el("div", { class: "package", "data-package": k }, el("div", { class: "muted" }, T.package.replace("{0}", members.length + usedParts.length).replace("{1}", usedParts.length)));
        for (const t of members) box.append(await ticketCard(t, true));
        for (const t of usedParts) box.append(await ticketCard(t, false));
        list.append(box);
      }
      for (const t of past) history.append(await ticketCard(t, false));
      await renderTransfers();
    }

    async function ticketCard(t, active) {
      let p = null;
      try { p = await product(t.product); } catch (e) { /* offline: ids only */ }
      const mark = el("span", { class: "unverified", "data-role": "verification" }, T.checking);
      const card = el("article", { class: "ticket", "data-ticket": t.ticket, "data-state": t.state },
        el("h3", {}, p ? p.name : t.product),
        el("div", { class: "muted" }, (p ? p.issuerName + " · " : "") + T["state." + t.state]
          + (t.validUntil ? " · " + T.until.replace("{0}", jst.format(new Date(t.validUntil))) : "")
          + (t.package ? " · " + T.inPackage : "")),
        mark, " ", el("a", { href: "/verify/" + t.ticket, class: "chain" }, T.chain));
      verifyTicket(t.ticket).then((r) => { mark.className = r.ok ? "verified" : "unverified"; mark.textContent = r.ok ? T.verified : T.notVerified; })
        .catch(() => { mark.textContent = T.notVerified; });
      if (active && p && p.transfer.allowed) {
        // A hand-over by link takes two transfers (to the link's one-time key, then to the person).
        const left = (await transfersAllowed(t, p)) - (t.history.length - 1);
        if (left >= 2) {
          card.append(el("button", { type: "button", class: "transfer", "data-ticket": t.ticket, onclick: () => transferByLink(t.ticket) }, T.transfer));
        } else {
          card.append(el("div", { class: "muted" }, T.noLinkTransfer));
        }
      }
      return card;
    }

    // The ticket's transfer limit: the stricter of its product's and (for a package's part) the package's.
    const packageProducts = new Map();
    async function transfersAllowed(t, p) {
      let max = p.transfer.max ?? Infinity;
      if (t.package) {
        if (!packageProducts.has(t.package)) {
          const issue = await api("/api/v1/tx/" + encodeURIComponent(t.package), { auth: false });
          packageProducts.set(t.package, await product(issue.envelope.body.product));
        }
        const pkg = packageProducts.get(t.package);
        if (!pkg.transfer.allowed) return 0;
        max = Math.min(max, pkg.transfer.max ?? Infinity);
      }
      return max;
    }

    async function renderOffers() {
      const box = $("offers"); box.replaceChildren();
      let page;
      try { page = await api("/api/v1/products?limit=100", { auth: false }); } catch (e) { box.append(el("p", { class: "muted" }, T.offline)); return; }
      // A claim link from a shop (`/wallet/?product=<id>`) puts that offer first.
      const wanted = new URLSearchParams(location.search).get("product");
      const onSale = page.products.filter((p) => p.onSale).sort((a, b) => (b.id === wanted) - (a.id === wanted));
      for (const p of onSale) {
        const parts = p.components ? p.components.map((c) => `${c.product.name} ×${c.qty}`).join("、") : "";
        const until = p.validity.until ? T.until.replace("{0}", jst.format(new Date(p.validity.until)))
          : p.validity.days ? T.days.replace("{0}", p.validity.days) : "";
        const shops = p.usable ? p.usable.stores.map((s) => s.name).join("、") + (p.usable.truncated ? " " + T.more.replace("{0}", p.usable.count) : "") : "";
        box.append(el("article", { class: "ticket offer" + (p.id === wanted ? " wanted" : ""), "data-product": p.id },
          el("h3", {}, p.name),
          el("div", { class: "muted" }, `${p.issuerName} · ${yen(p.price)}` + (p.remaining !== undefined ? " · " + T.remaining.replace("{0}", p.remaining) : "")
            + (until ? " · " + until : "")),
          p.description ? el("div", {}, p.description) : "",
          parts ? el("div", {}, parts) : "",
          shops ? el("div", { class: "muted shops" }, T.usableAt + shops) : "",
          el("button", { type: "button", class: "claim", "data-product": p.id, onclick: () => order(p) }, p.price === 0 ? T.claim : T.buy)));
      }
    }

    async function order(p) {
      say("");
      try {
        await signIn(net);
        const key = bytesToB64url(crypto.getRandomValues(new Uint8Array(16)));
        const o = await api("/api/v1/orders", { method: "POST", headers: { "Idempotency-Key": key },
                                                json: { product: p.id, provider: p.price === 0 ? "free" : "onsite" } });
        if (o.status === "pending_payment") {
          say(T.payAtCounter.replace("{0}", o.payment && o.payment.code ? o.payment.code : "—"));
          $("message").dataset.code = (o.payment && o.payment.code) || "";
          watchOrder(o.id);
        }
        else say(T.claimed);
        $("message").className = "success";
        await renderTickets();
      } catch (e) { $("message").className = "message"; say(problem(e)); }
    }

    // While the counter has not confirmed the payment, look every 5 s; the tickets then appear.
    function watchOrder(id) {
      const timer = setInterval(async () => {
        try {
          const o = await api("/api/v1/orders/" + encodeURIComponent(id));
          if (o.status === "pending_payment") return;
          clearInterval(timer);
          $("message").className = o.status === "issued" ? "success" : "message";
          say(o.status === "issued" ? T.claimed : T.failed);
          await renderTickets();
        } catch (e) { /* offline for now: try again at the next tick */ }
      }, 5000);
    }

    // Optional attributes, given only with consent (sex, birth year, prefecture 1–47).
    async function renderAttributes() {
      const form = $("attributes");
      if (!form) return;
      let a = null;
      try { a = (await api("/api/v1/accounts/me")).attributes || null; } catch (e) { return; }
      form.elements.sex.value = a && a.sex ? a.sex : "";
      form.elements.birthYear.value = a && a.birthYear ? String(a.birthYear) : "";
      form.elements.prefecture.value = a && a.prefecture ? String(a.prefecture) : "";
      form.elements.consent.checked = !!a;
      $("attributes-delete").hidden = !a;
      form.dataset.saved = String(!!a);
    }

    function wireAttributes() {
      const form = $("attributes");
      if (!form) return;
      form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const f = form.elements, body = { consent: f.consent.checked };
        if (f.sex.value) body.sex = f.sex.value;
        if (f.birthYear.value) body.birthYear = Number(f.birthYear.value);
        if (f.prefecture.value) body.prefecture = Number(f.prefecture.value);
        try {
          await api("/api/v1/accounts/me/attributes", { method: "PUT", json: body });
          $("attributes-status").textContent = T.attributesSaved;
        } catch (e) {
          $("attributes-status").textContent = e.status === 400 ? T.attributesInvalid : problem(e);
        }
        await renderAttributes();
      });
      $("attributes-delete").addEventListener("click", async () => {
        try { await api("/api/v1/accounts/me/attributes", { method: "DELETE" }); $("attributes-status").textContent = T.attributesDeleted; }
        catch (e) { $("attributes-status").textContent = problem(e); }
        await renderAttributes();
      });
    }

    async function transferByLink(ticket) {
      say("");
      const seed = crypto.getRandomValues(new Uint8Array(32));
      const claim = await keyFromSeed(seed);
      try {
        await post(await envelope(keys, net, "ticket.transfer", { ticket, to: claim.publicKey }));
      } catch (e) { $("message").className = "message"; say(problem(e)); return; }
      const link = `${location.origin}/wallet/#claim=${bytesToB64url(seed)}&t=${ticket}`;
      const transfers = (await get("transfers")) || [];
      transfers.push({ ticket, seed: bytesToB64url(seed), claimKey: claim.publicKey, link, made: Date.now() });
      await put("transfers", transfers);
      await renderTickets();
    }

    async function renderTransfers() {
      const box = $("transfers"); box.replaceChildren();
      const transfers = (await get("transfers")) || [];
      for (const tr of transfers) {
        let holder = null;
        try { holder = (await api("/api/v1/tickets/" + tr.ticket, { auth: false })).holder; } catch (e) { /* offline */ }
        const claimed = holder !== null && holder !== tr.claimKey;
        const row = el("article", { class: "ticket", "data-transfer": tr.ticket, "data-claimed": String(claimed) },
          el("div", {}, claimed ? T.transferClaimed : T.transferWaiting),
          el("input", { value: tr.link, readOnly: true, class: "link", onfocus: (ev) => ev.target.select() }));
        if (!claimed && holder === tr.claimKey) {
          row.append(el("button", { type: "button", class: "takeback", onclick: async () => {
            const k = await keyFromSeed(b64urlToBytes(tr.seed));
            try { await post(await envelope(k, net, "ticket.transfer", { ticket: tr.ticket, to: keys.publicKey })); } catch (e) { say(problem(e)); return; }
            await put("transfers", transfers.filter((x) => x !== tr));
            await renderTickets();
          } }, T.takeBack));
        }
        box.append(row);
      }
    }

    // Moving to a new phone: the new wallet shows a link with its key; opening it on the old
    // phone, after a confirmation naming the destination key, tries a signed transfer of every
    // active ticket (those whose transfer limit is reached stay and are counted).
    function renderMove() {
      $("move-link").value = `${location.origin}/wallet/#moveto=${keys.publicKey}`;
    }

    async function moveFromLink() {
      const params = new URLSearchParams(location.hash.slice(1));
      const to = params.get("moveto");
      if (!to) return;
      history.replaceState(null, "", location.pathname);
      if (!/^[A-Za-z0-9_-]{43}$/.test(to) || to === keys.publicKey) { $("message").className = "message"; say(T["code.bad_link"]); return; }
      const tickets = (await loadTickets()).filter((t) => t.state === "active");
      if (!confirm(T.moveConfirm.replace("{0}", tickets.length).replace("{1}", to.slice(0, 12)))) return;
      let moved = 0, kept = 0;
      for (const t of tickets) {
        try { await post(await envelope(keys, net, "ticket.transfer", { ticket: t.ticket, to })); moved++; } catch (e) { kept++; }
      }
      $("message").className = kept ? "message" : "success";
      say(T.moved.replace("{0}", moved) + (kept ? " " + T.notMoved.replace("{0}", kept) : ""));
    }

    async function claimFromLink() {
      const params = new URLSearchParams(location.hash.slice(1));
      const seed = params.get("claim"), ticket = params.get("t");
      if (!seed || !ticket) return;
      history.replaceState(null, "", location.pathname);
      try {
        if (!/^[A-Za-z0-9_-]{43}$/.test(seed) || !/^[A-Za-z0-9_-]{22}$/.test(ticket)) throw Object.assign(new Error("bad link"), { code: "bad_link" });
        const claim = await keyFromSeed(b64urlToBytes(seed));
        await post(await envelope(claim, net, "ticket.transfer", { ticket, to: keys.publicKey }));
        $("message").className = "success"; say(T.received);
      } catch (e) { $("message").className = "message"; say(e.code === "not_holder" ? T["code.linkUsed"] : problem(e)); }
    }

    // ---- store QR page: use a ticket here ----
    async function usePage() {
      const store = root.dataset.store, proof = root.dataset.proof, storeName = root.dataset.storeName;
      const tickets = await loadTickets();
      const list = $("usable"); list.replaceChildren();
      const now = Date.now();
      let shown = 0;
      for (const t of tickets) {
        let p = null;
        try { p = await product(t.product); } catch (e) { continue; }
        let why = null;
        if (t.state === "used") why = T["code.already_used"];
        else if (t.state === "cancelled") why = T["code.cancelled"];
        else if (t.state === "expired" || (t.validUntil && now >= t.validUntil)) why = T["code.expired"];
        else if (t.validFrom > now) why = T["code.not_yet_valid"];
        // The catalogue lists at most 50 shops; beyond them, the ledger decides when the ticket is used.
        else if (!(p.usable && (p.usable.truncated || p.usable.stores.some((s) => s.id === store)))) why = T.wrongShop;
        const card = el("article", { class: "ticket", "data-ticket": t.ticket, "data-usable": String(!why) },
          el("h3", {}, p.name), el("div", { class: "muted" }, p.issuerName));
        if (why) card.append(el("div", { class: "muted why" }, why));
        else {
          shown++;
          const amount = p.minPurchase ? el("input", { type: "number", min: String(p.minPurchase), inputMode: "numeric",
                                                        placeholder: T.amount.replace("{0}", p.minPurchase), class: "amount" }) : null;
          if (amount) card.append(el("label", {}, T.amountLabel, amount));
          card.append(el("button", { type: "button", class: "use", "data-ticket": t.ticket,
                                     onclick: () => use(t, p, store, proof, storeName, amount) }, T.use));
        }
        list.append(card);
      }
      if (shown === 0) say(tickets.length ? T.noneUsableHere : T.noTickets);
    }

    async function use(t, p, store, proof, storeName, amountInput) {
      say("");
      const fields = { ticket: t.ticket, store, storeProof: proof };
      if (amountInput) {
        const n = Number(amountInput.value);
        if (!Number.isSafeInteger(n) || n < p.minPurchase) { say(T.amount.replace("{0}", p.minPurchase)); return; }
        fields.amount = n;
      }
      if (!confirm(T.confirmUse.replace("{0}", p.name).replace("{1}", storeName))) return;
      const env = await envelope(keys, net, "ticket.use", fields);
      await submitUse(env, t, p, storeName);
    }

    // Shows "used" only once the server has committed the use; a retry of the same envelope is safe.
    async function submitUse(env, t, p, storeName) {
      try {
        const receipt = await post(env);
        showUsed(p.name, storeName, receipt.height);
      } catch (e) {
        if (e.code === "duplicate_tx") {
          const now = await api("/api/v1/tickets/" + t.ticket, { auth: false });
          if (now.state === "used") { showUsed(p.name, storeName, null); return; }
        }
        const retry = !e.status || e.status >= 500;
        $("message").className = "message";
        say(retry ? T.notUsedRetry : problem(e));
        if (retry) $("message").append(el("button", { type: "button", class: "retry", onclick: () => submitUse(env, t, p, storeName) }, T.retry));
      }
    }

    function showUsed(productName, storeName, height) {
      $("used-product").textContent = productName;
      $("used-store").textContent = storeName;
      $("used-at").textContent = jst.format(new Date());
      $("used").hidden = false;
      $("used").dataset.height = height === null ? "" : String(height);
      const tick = () => { $("used-clock").textContent = new Date().toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo" }); };
      tick(); setInterval(tick, 1000);
    }

    // ---- start ----
    (async () => {
      net = await network();
      keys = await walletKey();
      $("mykey").textContent = keys.publicKey.slice(0, 12) + "…";
      root.dataset.key = keys.publicKey;
      if ("serviceWorker" in navigator) navigator.serviceWorker.register("/wallet/sw.js", { scope: "/" }).catch(() => {});
      if (root.dataset.mode === "use") { await usePage(); root.dataset.ready = "true"; return; }
      renderMove();
      await moveFromLink();
      await claimFromLink();
      try { await signIn(net); } catch (e) { /* offline: the wallet still shows what it has */ }
      wireAttributes();
      await Promise.all([renderOffers(), renderTickets(), renderAttributes()]);
      // A claim or move link opened while the wallet is already open only changes the fragment.
      window.addEventListener("hashchange", async () => {
        root.dataset.ready = "false";
        await moveFromLink();
        await claimFromLink();
        await renderTickets();
        root.dataset.ready = "true";
      });
      root.dataset.ready = "true";
    })();
    """#
}
