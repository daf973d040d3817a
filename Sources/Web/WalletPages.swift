import HTML
import HTTPServer
import Ledger

/// The consumer wallet (`/wallet/`, installable PWA) and the store QR landing (`/s/{store}`).
/// The pages are shells; `WalletScript` does the work in the browser with the wallet's own key.
enum WalletPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/wallet/") { r, respond in respond(wallet(r)) }
        router.add("GET", "/wallet") { _, respond in respond(WebResponse.redirect("/wallet/")) }
        router.add("GET", "/wallet/manifest.webmanifest") { r, respond in respond(manifest(r)) }
        router.add("GET", "/wallet/sw.js") { _, respond in respond(serviceWorker()) }
        router.add("GET", "/s/{store}") { r, respond in respond(storeLanding(c, r)) }
    }

    /// The `js.*` strings as one JSON object for the script (an attribute value, escaped).
    static func scriptTexts(_ t: Texts) -> String {
        var o = JSONObject()
        for key in WalletTexts.table.keys where key.hasPrefix("js.") { o.set(String(key.dropFirst(3)), .string(t[key])) }
        return String(decoding: JCS.encode(.object(o)), as: UTF8.self)
    }

    static func shell(_ t: Texts, title: String, path: String, mode: String, extra: [(String, String)], content: [HTML]) -> HTTPResponse {
        var attrs: [HTML.Attribute] = [.init("id", "wallet"), .init("class", "wallet"), .init("data-mode", mode),
                                       .init("data-texts", scriptTexts(t))]
        attrs += extra.map { HTML.Attribute($0.0, $0.1) }
        let body: [HTML] = [
            .element("div", attrs, [
                p(["id": "offline", "class": "offline", "hidden": nil], []),
                p(["id": "message", "class": "message", "role": "status", "hidden": nil], []),
                el("noscript", [:], [p(t["wallet.noScript"])]),
            ] + content + [
                p(["class": "muted"], [.text(t["wallet.myKey"] + ": "), span(["id": "mykey"])]),
            ]),
        ]
        var page = Layout.page(t, title: title, path: path, content: body, modules: ["/static/wallet.v1.js"],
                               styles: ["/static/wallet.v1.css"])
        if case .element(let tag, let a, var children) = page, case .element(let h, let ha, var hc) = children[0] {
            hc.append(link(["rel": "manifest", "href": "/wallet/manifest.webmanifest"]))
            hc.append(meta(["name": "theme-color", "content": "#b3261e"]))
            children[0] = .element(h, ha, hc)
            page = .element(tag, a, children)
        }
        return WebResponse.page(page)
    }

    static func wallet(_ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        return shell(t, title: t["wallet.title"], path: "/wallet/", mode: "wallet", extra: [], content: [
            h1(t["wallet.title"]),
            section([:], [h2(t["wallet.mine"]), div(["id": "tickets"])]),
            section([:], [h2(t["wallet.offers"]), div(["id": "offers"])]),
            section([:], [h2(t["wallet.transfers"]), div(["id": "transfers"])]),
            section([:], [h2(t["wallet.history"]), div(["id": "history"])]),
            section(["id": "about-me"], [
                h2(t["wallet.attributes"]), p(t["wallet.attributesWhy"]),
                form(["id": "attributes", "class": "stack"], [
                    label([:], [.text(t["wallet.sex"]), select(["name": "sex"], [
                        option("", t["wallet.unanswered"]), option("female", t["wallet.female"]),
                        option("male", t["wallet.male"]), option("other", t["wallet.other"])])]),
                    label([:], [.text(t["wallet.birthYear"]),
                                input(["name": "birthYear", "type": "number", "min": "1900", "max": "2100", "inputmode": "numeric"])]),
                    label([:], [.text(t["wallet.prefecture"]), select(["name": "prefecture"],
                        [option("", t["wallet.unanswered"])] + Prefectures.names.enumerated().map {
                            option(String($0.offset + 1), t.lang == .ja ? $0.element.ja : $0.element.en)
                        })]),
                    label(["class": "check"], [input(["type": "checkbox", "name": "consent"]), .text(t["wallet.consent"])]),
                    button(["type": "submit", "id": "attributes-save"], [.text(t["wallet.save"])]),
                    button(["type": "button", "id": "attributes-delete", "class": "link", "hidden": nil], [.text(t["wallet.deleteAttributes"])]),
                    p(["id": "attributes-status", "role": "status"], []),
                ]),
            ]),
            section(["id": "move"], [h2(t["wallet.move"]), p(t["wallet.moveHow"]),
                                     label([:], [.text(t["wallet.moveLink"]), input(["id": "move-link", "readonly": nil])])]),
            p(["class": "notice"], [.text(t["wallet.keyWarning"])]),
        ])
    }

    static func storeLanding(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        let id = r.parameters["store"] ?? ""
        guard let store = try? c.reader.read({ try $0.store(id) }) else { return WebSite.notFound(r) }
        let proof = r.query["p"] ?? ""
        guard !proof.isEmpty, proof.utf8.count <= 100, proof.utf8.allSatisfy({ b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 }) else {
            return WebResponse.page(Layout.page(t, title: store.name, path: "/s/\(id)", content: [
                h1(store.name), p(["class": "message", "role": "alert"], [.text(t["wallet.badQR"])]),
            ]), status: 400)
        }
        return shell(t, title: t.format("wallet.useTitle", store.name), path: "/s/\(id)", mode: "use",
                     extra: [("data-store", store.id), ("data-store-name", store.name), ("data-proof", proof)], content: [
            h1(t.format("wallet.useTitle", store.name)),
            p(t["wallet.useLead"]),
            div(["id": "usable"]),
            .element("div", [.init("id", "used"), .init("hidden", nil), .init("role", "alert")], [
                div(["class": "big"], [.text(t["wallet.usedTitle"])]),
                div(["class": "pulse"]),
                div(["id": "used-product", "class": "big"]),
                div(["id": "used-store"]),
                div(["id": "used-at"]),
                div(["id": "used-clock", "class": "clock"]),
            ]),
        ])
    }

    static func manifest(_ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        let value: JSONValue = ["name": .string(t["site.name"] + " " + t["wallet.title"]), "short_name": .string(t["wallet.title"]),
                                "start_url": "/wallet/", "scope": "/", "display": "standalone", "background_color": "#faf8f5",
                                "theme_color": "#b3261e", "lang": .string(t.lang.rawValue),
                                "icons": [["src": "/static/wallet-icon.svg", "sizes": "any", "type": "image/svg+xml"]]]
        var response = HTTPResponse.bytes(JCS.encode(value), contentType: "application/manifest+json")
        response.headers["Cache-Control"] = "no-cache"
        return response
    }

    /// Caches the shell and static files, so the wallet opens offline (its tickets come from
    /// IndexedDB, marked as offline); API calls always go to the network.
    static let serviceWorkerSource = #"""
    const CACHE = "kippu-wallet-v1";
    const SHELL = ["/wallet/", "/static/app.v1.css", "/static/wallet.v1.css", "/static/wallet.v1.js",
                   "/static/wallet-store.v1.js", "/static/kippu-ledger.v1.js", "/static/wallet-icon.svg"];
    self.addEventListener("install", (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting())));
    self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
    self.addEventListener("fetch", (e) => {
      const url = new URL(e.request.url);
      if (e.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
      if (url.pathname === "/wallet/" || url.pathname.startsWith("/static/")) {
        e.respondWith(fetch(e.request).then((r) => {
          const copy = r.clone();
          caches.open(CACHE).then((c) => c.put(url.pathname, copy));
          return r;
        }).catch(() => caches.match(url.pathname)));
      }
    });
    """#

    static func serviceWorker() -> HTTPResponse {
        var r = HTTPResponse.bytes(Array(serviceWorkerSource.utf8), contentType: "text/javascript; charset=utf-8")
        r.headers["Service-Worker-Allowed"] = "/"
        r.headers["Cache-Control"] = "no-cache"
        return r
    }
}

import Foundation
