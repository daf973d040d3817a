/// The public verify page's script (an ES module, served from /static): it checks a ticket's
/// whole chain in the browser — every transaction's Ed25519 signature (WebCrypto), its txid,
/// its RFC 9162 inclusion proof against the latest checkpoint, and the checkpoint's node
/// signature — so the reader trusts the ledger's signatures, not the page.
enum VerifyScript {
    static let files: [String: (type: String, text: String)] = [
        "kippu-ledger.v1.js": ("text/javascript; charset=utf-8", ledger),
        "verify.v1.js": ("text/javascript; charset=utf-8", page),
    ]

    /// Ledger primitives shared by the verify page and the wallet (PROTOCOL §1–3).
    static let ledger = #"""
    // Kippu ledger primitives for browsers: base64url, RFC 8785 JCS, SHA-256, Ed25519, RFC 9162 proofs.
    const encoder = new TextEncoder();

    export function b64urlToBytes(s) {
      if (typeof s !== "string" || !/^[A-Za-z0-9_-]*$/.test(s)) throw new Error("bad base64url");
      const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
      const bin = atob(b64);
      const out = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    }

    export function bytesToB64url(bytes) {
      let bin = "";
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    // RFC 8785 for the protocol's subset (strings, integers, booleans, arrays, objects):
    // members sorted by UTF-16 code units (JavaScript's default sort), strings as JSON.stringify.
    export function jcs(v) {
      if (Array.isArray(v)) return "[" + v.map(jcs).join(",") + "]";
      if (v !== null && typeof v === "object") {
        return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + jcs(v[k])).join(",") + "}";
      }
      if (typeof v === "number" && !Number.isSafeInteger(v)) throw new Error("not an integer");
      return JSON.stringify(v);
    }

    export function concat(...parts) {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) { out.set(p, o); o += p.length; }
      return out;
    }

    export async function sha256(bytes) { return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)); }

    export async function ed25519Verify(publicKeyB64, signatureB64, message) {
      const key = await crypto.subtle.importKey("raw", b64urlToBytes(publicKeyB64), { name: "Ed25519" }, false, ["verify"]);
      return crypto.subtle.verify({ name: "Ed25519" }, key, b64urlToBytes(signatureB64), message);
    }

    export function equalBytes(a, b) {
      if (a.length !== b.length) return false;
      let d = 0;
      for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
      return d === 0;
    }

    // An envelope: signature over "kippu/tx/v1\n" || JCS(body); txid = base64url(SHA-256(JCS(body))).
    export async function checkEnvelope(envelope, expectedTxid) {
      const body = encoder.encode(jcs(envelope.body));
      const txid = bytesToB64url(await sha256(body));
      const signed = await ed25519Verify(envelope.body.signer, envelope.sig, concat(encoder.encode("kippu/tx/v1\n"), body));
      return { txid, txidOK: expectedTxid === undefined || txid === expectedTxid, signatureOK: signed };
    }

    // Leaf hash = SHA-256(0x00 || JCS(envelope)); node = SHA-256(0x01 || left || right) (RFC 9162 §2.1.1).
    export async function leafHash(envelope) { return sha256(concat(new Uint8Array([0]), encoder.encode(jcs(envelope)))); }

    // RFC 9162 §2.1.3.2: verifying an inclusion proof.
    export async function checkInclusion(index, size, leaf, pathB64, rootB64) {
      if (index >= size) return false;
      let fn = index, sn = size - 1, r = leaf;
      for (const p of pathB64.map(b64urlToBytes)) {
        if (sn === 0) return false;
        if (fn % 2 === 1 || fn === sn) {
          r = await sha256(concat(new Uint8Array([1]), p, r));
          while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        } else {
          r = await sha256(concat(new Uint8Array([1]), r, p));
        }
        fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
      }
      return sn === 0 && equalBytes(r, b64urlToBytes(rootB64));
    }

    // RFC 9162 §2.1.4.2: verifying a consistency proof between tree sizes `first` and `second`.
    export async function checkConsistency(first, second, pathB64, firstRootB64, secondRootB64) {
      if (first === second) return pathB64.length === 0 && firstRootB64 === secondRootB64;
      if (first === 0 || first > second) return false;
      let path = pathB64.map(b64urlToBytes);
      const firstRoot = b64urlToBytes(firstRootB64), secondRoot = b64urlToBytes(secondRootB64);
      let odd = first;
      while (odd % 2 === 0) odd /= 2;  // sizes reach 2^53: no 32-bit bit operations
      if (odd === 1) path = [firstRoot, ...path];
      if (path.length === 0) return false;
      let fn = first - 1, sn = second - 1;
      while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      let fr = path[0], sr = path[0];
      for (const c of path.slice(1)) {
        if (sn === 0) return false;
        if (fn % 2 === 1 || fn === sn) {
          fr = await sha256(concat(new Uint8Array([1]), c, fr));
          sr = await sha256(concat(new Uint8Array([1]), c, sr));
          while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        } else {
          sr = await sha256(concat(new Uint8Array([1]), sr, c));
        }
        fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
      }
      return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
    }

    // The checkpoint this browser saw last must be a prefix of the one it sees now: a node that
    // rewrote its history could not prove that. The newest verified checkpoint is remembered.
    const extendsChecked = new Map();  // one check per checkpoint size and page, however many tickets
    export function checkExtends(checkpoint) {
      const key = checkpoint.header.size + "/" + checkpoint.header.root;
      if (!extendsChecked.has(key)) extendsChecked.set(key, checkExtendsOnce(checkpoint));
      return extendsChecked.get(key);
    }

    async function checkExtendsOnce(checkpoint) {
      let previous = null;
      try { previous = JSON.parse(localStorage.getItem("kippu.checkpoint") || "null"); } catch (e) { previous = null; }
      const now = checkpoint.header;
      let ok = true;
      if (previous && previous.net === now.net && previous.size <= now.size) {
        const proof = await getJSON(`/api/v1/proof/consistency?from=${previous.size}&to=${now.size}`);
        ok = await checkConsistency(previous.size, now.size, proof.path, previous.root, now.root);
      } else if (previous && previous.net === now.net && previous.size > now.size) {
        ok = false;  // the log shrank
      }
      if (ok) localStorage.setItem("kippu.checkpoint", JSON.stringify({ net: now.net, size: now.size, root: now.root }));
      return ok;
    }

    // A checkpoint: signature over "kippu/block/v1\n" || JCS(header) by a node of the network.
    export async function checkCheckpoint(checkpoint, nodes) {
      const signer = checkpoint.header.signer;
      if (!nodes.includes(signer)) return false;
      return ed25519Verify(signer, checkpoint.sig, concat(encoder.encode("kippu/block/v1\n"), encoder.encode(jcs(checkpoint.header))));
    }

    async function getJSON(path) {
      const r = await fetch(path, { headers: { Accept: "application/json" } });
      if (!r.ok) { const e = new Error(path + " → " + r.status); e.status = r.status; throw e; }
      return r.json();
    }

    // Verifies a ticket's whole chain; returns {ticket, checkpoint, steps: [{txid, type, height, time, ok, …}], ok}.
    export async function verifyTicket(id) {
      const [ticket, checkpoint, network] = await Promise.all([
        getJSON("/api/v1/tickets/" + encodeURIComponent(id)), getJSON("/api/v1/checkpoint"), getJSON("/api/v1/network")]);
      const checkpointOK = await checkCheckpoint(checkpoint, network.nodes) && await checkExtends(checkpoint);
      const size = checkpoint.header.size;
      const steps = [];
      for (const txid of ticket.history) {
        const rec = await getJSON("/api/v1/tx/" + encodeURIComponent(txid));
        const env = await checkEnvelope(rec.envelope, txid);
        const proof = await getJSON(`/api/v1/proof/inclusion?index=${rec.index}&size=${size}`);
        const included = await checkInclusion(rec.index, size, await leafHash(rec.envelope), proof.path, checkpoint.header.root);
        const body = rec.envelope.body;
        steps.push({ txid, type: body.type, time: body.time, height: rec.height, signer: body.signer, to: body.to, store: body.store,
                     signatureOK: env.signatureOK, txidOK: env.txidOK, included, ok: env.signatureOK && env.txidOK && included });
      }
      return { ticket, checkpoint, checkpointOK, steps, ok: checkpointOK && steps.length > 0 && steps.every((s) => s.ok) };
    }
    """#

    /// Fills the verify page from `verifyTicket`; texts come from the page's data attributes.
    static let page = #"""
    import { verifyTicket } from "/static/kippu-ledger.v1.js";

    const root = document.getElementById("verify");
    const t = root.dataset;
    const status = document.getElementById("status");
    const list = document.getElementById("steps");
    const fmt = new Intl.DateTimeFormat(document.documentElement.lang === "ja" ? "ja-JP" : "en-GB",
      { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
    const short = (s) => (s ? s.slice(0, 10) + "…" : "");

    function show(state, text) { status.dataset.state = state; status.textContent = text; }

    try {
      const result = await verifyTicket(t.ticket);
      document.getElementById("state").textContent = t["state" + result.ticket.state[0].toUpperCase() + result.ticket.state.slice(1)] || result.ticket.state;
      document.getElementById("product").textContent = result.ticket.product;
      document.getElementById("checkpoint").textContent = `${result.checkpoint.header.height} (${result.checkpoint.header.size})`;
      for (const s of result.steps) {
        const li = document.createElement("li");
        li.className = s.ok ? "ok" : "bad";
        li.dataset.type = s.type;
        const what = t["type" + s.type.replace("ticket.", "").replace(/^./, (c) => c.toUpperCase())] || s.type;
        li.textContent = `${s.ok ? "✓" : "✗"} ${what} · ${fmt.format(new Date(s.time))} · ${t.height} ${s.height} · ${short(s.txid)}`
          + (s.store ? ` · ${s.store}` : "") + (s.to ? ` → ${short(s.to)}` : "");
        list.appendChild(li);
      }
      if (!result.checkpointOK) show("failed", t.badCheckpoint);
      else if (result.ok) show("verified", t.verified);
      else show("failed", t.failed);
    } catch (e) {
      show("failed", e.status === 404 ? t.notFound : t.error + " (" + e.message + ")");
    }
    """#
}
