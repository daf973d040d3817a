/// The wallet's scripts (ES modules and the service worker), served from /static and /wallet/.
/// Keys are made with WebCrypto (`extractable: false`) and kept in IndexedDB: the server never
/// sees a private key and can never move a consumer's ticket.
enum WalletScript {
    static let files: [String: (type: String, text: String)] = [
        "wallet-store.v1.js": ("text/javascript; charset=utf-8", store),
        "wallet.v1.js": ("text/javascript; charset=utf-8", app),
        "wallet.v1.css": ("text/css; charset=utf-8", css),
        "wallet-icon.svg": ("image/svg+xml", icon),
    ]

    /// IndexedDB persistence and the wallet's keys, session and signing.
    static let store = #"""
    import { b64urlToBytes, bytesToB64url, jcs, concat } from "/static/kippu-ledger.v1.js";
    const encoder = new TextEncoder();

    function openDB() {
      return new Promise((resolve, reject) => {
        const req = indexedDB.open("kippu-wallet", 1);
        req.onupgradeneeded = () => req.result.createObjectStore("kv");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    export async function get(key) {
      const db = await openDB();
      return new Promise((resolve, reject) => {
        const r = db.transaction("kv").objectStore("kv").get(key);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    }
    export async function put(key, value) {
      const db = await openDB();
      return new Promise((resolve, reject) => {
        const tx = db.transaction("kv", "readwrite");
        tx.objectStore("kv").put(value, key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }

    // The wallet key: made once, private half non-extractable, kept in IndexedDB.
    export async function walletKey() {
      let keys = await get("key");
      if (!keys) {
        const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
        const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
        keys = { privateKey: pair.privateKey, publicKey: bytesToB64url(raw) };
        await put("key", keys);
      }
      return keys;
    }

    // A one-time claim key for a transfer by link, from a 32-byte seed (PKCS #8 wrapping of RFC 8410).
    export async function keyFromSeed(seed) {
      const pkcs8 = concat(new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]), seed);
      const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
      const jwk = await crypto.subtle.exportKey("jwk", privateKey);
      return { privateKey, publicKey: jwk.x };
    }

    export async function sign(keys, bytes) {
      return bytesToB64url(new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, keys.privateKey, bytes)));
    }

    // A signed envelope (PROTOCOL §2): signature over "kippu/tx/v1\n" || JCS(body).
    export async function envelope(keys, net, type, fields) {
      const nonce = bytesToB64url(crypto.getRandomValues(new Uint8Array(16)));
      const body = { v: 1, net, type, signer: keys.publicKey, time: Date.now(), nonce, ...fields };
      const sig = await sign(keys, concat(encoder.encode("kippu/tx/v1\n"), encoder.encode(jcs(body))));
      return { body, sig };
    }

    export async function api(path, options = {}) {
      const headers = { Accept: "application/json", ...(options.headers || {}) };
      const session = await get("session");
      if (session && options.auth !== false) headers.Authorization = "Bearer " + session.token;
      let body;
      if (options.json !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(options.json); }
      const r = await fetch(path, { method: options.method || "GET", headers, body });
      const text = await r.text();
      const data = text ? JSON.parse(text) : {};
      if (!r.ok) { const e = new Error(data.detail || String(r.status)); e.status = r.status; e.code = data.code; throw e; }
      return data;
    }

    // Signs in (or up) by signing the server's challenge (docs/accounts.md).
    export async function signIn(net) {
      const keys = await walletKey();
      const session = await get("session");
      if (session && session.key === keys.publicKey && session.expires > Date.now() + 60_000) return session;
      const { challenge } = await api("/api/v1/accounts/challenge", { method: "POST", auth: false });
      const signature = await sign(keys, concat(encoder.encode("kippu/account/v1\n"), encoder.encode(jcs({ challenge, key: keys.publicKey, net }))));
      const s = await api("/api/v1/accounts/session", { method: "POST", auth: false, json: { key: keys.publicKey, challenge, signature } });
      const saved = { token: s.token, expires: s.expires, account: s.account, key: keys.publicKey };
      await put("session", saved);
      return saved;
    }
    export { b64urlToBytes, bytesToB64url };
    """#

    /// The home-screen icon: 切 on the accent colour.
    static let icon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="18" fill="#b3261e"/>\
    <text x="48" y="66" font-size="56" text-anchor="middle" fill="#fff" font-family="sans-serif">切</text></svg>
    """

    static let css = """
    .wallet section { margin-bottom: 1.5rem; }
    .ticket { background: #fff; border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; margin: .6rem 0; }
    .ticket h3 { margin: 0 0 .3rem; font-size: 1.1rem; }
    .offer.wanted { border: 2px solid var(--accent); }
    .ticket .verified { color: var(--ok); font-weight: 700; }
    .ticket .unverified { color: var(--accent); font-weight: 700; }
    .ticket button, .offer button { width: 100%; margin-top: .5rem; font-size: 1.1rem; min-height: 3.2rem; }
    .offline { background: #fff4e5; border: 1px solid #f0c36d; padding: .5rem .8rem; border-radius: .4rem; }
    .message { padding: .6rem .8rem; border-radius: .4rem; background: #fdecea; color: var(--accent); font-weight: 600; }
    #used { position: fixed; inset: 0; background: #1e7d32; color: #fff; display: flex; flex-direction: column;
            align-items: center; justify-content: center; text-align: center; padding: 1rem; z-index: 10; }
    #used[hidden] { display: none; }
    #used .big { font-size: 3rem; font-weight: 800; }
    #used .clock { font-size: 2.4rem; font-variant-numeric: tabular-nums; margin-top: 1rem; }
    #used .pulse { width: 7rem; height: 7rem; border-radius: 50%; background: #fff; margin: 1.5rem auto;
                   animation: kippu-pulse 1.2s ease-in-out infinite; }
    @keyframes kippu-pulse { 0%, 100% { transform: scale(.6); opacity: .5; } 50% { transform: scale(1); opacity: 1; } }
    """
}
