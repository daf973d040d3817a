import HTML
import HTTPServer
import Ledger
import Services

/// Printable A4 store-QR posters: one store (`/admin/stores/{id}/poster`) or many, one per page
/// (`/admin/posters?merchant=`). Each carries the static code (epoch 0) of
/// `<base>/s/<store>?p=<proof>`, the store name large and how to use it, in Japanese.
enum PosterPages {
    /// Posters per bulk document: thousands of stores print in batches a printer can take.
    static let batchSize = 200

    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/stores/{id}/poster") { r, respond in respond(poster(c, r)) }
        router.add("GET", "/admin/posters") { r, respond in respond(bulk(c, r)) }
    }

    static func poster(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        guard let store = StoreAccess.store(c, identity, r.parameters["id"] ?? "") else { return StorePages.notFound(r) }
        let merchantName = (try? c.reader.read { try $0.merchant(store.merchant)?.name }) ?? nil
        var content: [HTML] = [link(["rel": "stylesheet", "href": StoreAssets.cssPath])]
        if r.query["created"] == "1" {
            content.append(p(["class": "success", "role": "status", "id": "created"], [.text(t.format("storeNew.created", store.name))]))
        }
        content.append(toolbar(t, back: "/admin/stores"))
        content.append(sheet(c, r, t, store, merchantName: merchantName))
        return WebResponse.page(Layout.page(t, title: t["poster.title"] + " — " + store.name, path: r.path,
                                            viewer: ConsolePages.viewer(t, identity, token: token), content: content,
                                            scripts: [StoreAssets.posterJS]))
    }

    /// `GET /admin/posters?merchant=&after=`: every poster of a merchant (or, for the operator
    /// without `merchant`, of every store) in one printable document, `batchSize` at a time.
    static func bulk(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        guard identity.role.store == nil else { return StorePages.notFound(r) }
        let merchant = identity.role.merchant ?? r.query["merchant"].flatMap { Identifier.isValid($0) ? $0 : nil }
        let after = r.query["after"].flatMap { Identifier.isValid($0) ? $0 : nil }
        let loaded = try? c.reader.read { s -> ([StoreRecord], [String: String]) in
            let stores = try s.stores(after: after, limit: batchSize + 1, merchant: merchant)
            var names: [String: String] = [:]
            for m in Set(stores.map(\.merchant)) { names[m] = try s.merchant(m)?.name }
            return (stores, names)
        }
        let (found, names) = loaded ?? ([], [:])
        let stores = Array(found.prefix(batchSize))
        var content: [HTML] = [
            link(["rel": "stylesheet", "href": StoreAssets.cssPath]),
            h1(t["posters.title"]),
            p(["class": "muted no-print", "id": "poster-count"], [.text(t.format("posters.lead", String(stores.count)))]),
            toolbar(t, back: "/admin/stores"),
        ]
        if stores.isEmpty { content.append(p(t["stores.none"])) }
        for store in stores { content.append(sheet(c, r, t, store, merchantName: names[store.merchant])) }
        if found.count > batchSize, let last = stores.last {
            var href = "/admin/posters?after=" + last.id
            if let merchant { href += "&merchant=" + merchant }
            content.append(p(["class": "no-print"], [a(href, ["id": "more-posters", "rel": "next"],
                                                       [.text(t.format("posters.more", String(batchSize)))])]))
        }
        return WebResponse.page(Layout.page(t, title: t["posters.title"], path: "/admin/posters",
                                            viewer: ConsolePages.viewer(t, identity, token: token), content: content,
                                            scripts: [StoreAssets.posterJS]))
    }

    static func toolbar(_ t: Texts, back: String) -> HTML {
        div(["class": "toolbar no-print"], [
            button(["type": "button", "id": "print"], [.text(t["poster.print"])]),
            span(["class": "hint"], [.text(t["poster.printHint"])]),
            a(back, [:], [.text(t["stores.title"])]),
        ])
    }

    /// One A4 sheet. The instructions are in Japanese whatever the console's language (the
    /// poster is for the shop's customers), with an English line for visitors.
    static func sheet(_ c: WebContext, _ r: HTTPRequest, _ t: Texts, _ store: StoreRecord, merchantName: String?) -> HTML {
        let ja = Texts(.ja)
        var parts: [HTML] = []
        if let merchantName, merchantName != store.name { parts.append(p(["class": "merchant-name"], [.text(merchantName)])) }
        parts.append(el("h1", ["class": "store-name"], [.text(store.name)]))
        parts.append(qrBox(c, r, t, store: store, epoch: 0, id: "qr-" + store.id))
        parts.append(p(["class": "instructions"], [.text(ja["poster.instructions"])]))
        parts.append(p(["class": "instructions-en", "lang": "en"], [.text(ja["poster.instructionsEn"])]))
        parts.append(p(["class": "store-id"], [.text(ja.format("poster.storeId", store.id))]))
        return section(["class": "poster", "data-store": store.id], parts)
    }

    /// The QR of `store` at `epoch` in a box (`data-url`/`data-proof` carry what it encodes, for
    /// staff checking a print and for tests), or a notice saying why there is none.
    static func qrBox(_ c: WebContext, _ r: HTTPRequest, _ t: Texts, store: StoreRecord, epoch: Int64, id: String) -> HTML {
        guard let base = PublicURL.base(r, https: c.secureCookies) else { return p(["class": "notice"], [.text(t["poster.noHost"])]) }
        guard let qr = try? StoreQR.make(c, base: base, store: store.id, epoch: epoch) else {
            return p(["class": "notice"], [.text(t["poster.noKey"])])
        }
        return div(["class": "qr-box", "id": id, "role": "img", "aria-label": t.format("poster.qrLabel", store.name),
                    "data-url": qr.url, "data-proof": qr.proof, "data-epoch": String(qr.epoch)],
                   // Verbatim is safe: QRCode.svg() is built from numbers and fixed markup only.
                   [.unsafeRaw(qr.code.svg())])
    }
}
