import HTML
import HTTPServer
import Ledger
import Services

/// The counter screens of a store: the rotating QR for a tablet (`/admin/stores/{id}/rotating`,
/// refreshed from `rotating.json` each 30-second epoch) and the staff screen that shows each
/// redemption live (`/admin/stores/{id}/screen`, fed by the SSE route `/admin/stores/{id}/events`,
/// which first sends the last 30 minutes' uses to a screen that opens, and the uses a reconnecting
/// screen missed from its `Last-Event-ID`).
///
/// All are signed in with the console cookie (a browser's EventSource cannot send an
/// Authorization header) and open to the store's staff, its merchant's admins and the operator.
enum StaffScreenPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/stores/{id}/rotating") { r, respond in respond(rotating(c, r)) }
        router.add("GET", "/admin/stores/{id}/rotating.json") { r, respond in respond(rotatingJSON(c, r)) }
        router.add("GET", "/admin/stores/{id}/screen") { r, respond in respond(screen(c, r)) }
        router.add("GET", "/admin/stores/{id}/events") { r, respond in respond(events(c, r)) }
    }

    static func rotating(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        guard let store = StoreAccess.store(c, identity, r.parameters["id"] ?? "") else { return StorePages.notFound(r) }
        let now = c.clock.now()
        let epoch = StoreProof.epoch(at: now)
        let content: [HTML] = [
            link(["rel": "stylesheet", "href": StoreAssets.cssPath]),
            section(["class": "rotating", "id": "rotating", "data-source": "/admin/stores/\(store.id)/rotating.json",
                     "data-now": String(now), "data-next": String((epoch + 1) * StoreProof.epochMillis)], [
                el("h1", ["class": "store-name"], [.text(store.name)]),
                PosterPages.qrBox(c, r, t, store: store, epoch: epoch, id: "rotating-qr"),
                p(["class": "instructions"], [.text(Texts(.ja)["poster.instructions"])]),
                p(["class": "muted"], [.text(t["rotating.lead"])]),
                p(["class": "notice", "id": "rotating-stale", "role": "status", "hidden": nil], [.text(t["rotating.stale"])]),
            ]),
        ]
        return WebResponse.page(Layout.page(t, title: t["rotating.title"] + " — " + store.name, path: r.path,
                                            viewer: ConsolePages.viewer(t, identity, token: token), content: content,
                                            scripts: [StoreAssets.rotatingJS]))
    }

    /// `{svg, url, epoch, now, next}` for the current epoch; 401/404 JSON otherwise.
    static func rotatingJSON(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, _) = ConsoleSession.current(c, r) else { return json(["error": "unauthenticated"], status: 401) }
        guard let store = StoreAccess.store(c, identity, r.parameters["id"] ?? "") else { return json(["error": "not_found"], status: 404) }
        guard let base = PublicURL.base(r, https: c.secureCookies) else { return json(["error": "bad_host"], status: 400) }
        let now = c.clock.now()
        let epoch = StoreProof.epoch(at: now)
        guard let qr = try? StoreQR.make(c, base: base, store: store.id, epoch: epoch) else {
            return json(["error": "no_store_key"], status: 409)
        }
        return json(["svg": .string(qr.code.svg()), "url": .string(qr.url), "epoch": .int(epoch), "now": .int(now),
                     "next": .int((epoch + 1) * StoreProof.epochMillis)])
    }

    static func screen(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        guard let store = StoreAccess.store(c, identity, r.parameters["id"] ?? "") else { return StorePages.notFound(r) }
        let content: [HTML] = [
            link(["rel": "stylesheet", "href": StoreAssets.cssPath]),
            section(["id": "screen", "data-store": store.id, "data-events": "/admin/stores/\(store.id)/events",
                     "data-sound-on": t["screen.soundOn"], "data-connected": t["screen.connected"],
                     "data-reconnecting": t["screen.reconnecting"], "data-used": t["screen.used"], "data-amount": t["screen.amount"]], [
                h1(t["screen.title"] + " — " + store.name),
                p(["class": "muted"], [.text(t["screen.lead"])]),
                div(["class": "toolbar"], [
                    button(["type": "button", "id": "sound"], [.text(t["screen.sound"])]),
                    span(["class": "status", "id": "feed-status", "role": "status"], [.text(t["screen.connecting"])]),
                ]),
                p(["id": "uses-empty", "class": "muted"], [.text(t["screen.empty"])]),
                ul(["class": "uses", "id": "uses", "aria-live": "polite"], []),
            ]),
        ]
        return WebResponse.page(Layout.page(t, title: t["screen.title"] + " — " + store.name, path: r.path,
                                            viewer: ConsolePages.viewer(t, identity, token: token), content: content,
                                            scripts: [StoreAssets.screenJS]))
    }

    /// How far back a staff screen that just opened shows the store's uses: 30 minutes.
    static let recentWindow: Int64 = 30 * 60 * 1000

    /// `text/event-stream` of the store's committed uses (event `use`, see the API's `StoreFeed`).
    static func events(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, _) = ConsoleSession.current(c, r) else { return .text("sign in first\n", status: 401) }
        guard identity.scopes.contains(.counter), let store = StoreAccess.store(c, identity, r.parameters["id"] ?? "") else {
            return .text("not found\n", status: 404)
        }
        // A screen that just opened first gets the last half hour's uses; one that reconnects, what it missed.
        return .events(c.hub.subscribe(StoreUseEvent.topic(store.id), greeting: "kippu staff screen \(store.id)") {
            StoreUseEvent.backlog(lastEventID: r.headers["Last-Event-ID"], recentSince: c.clock.now() - recentWindow,
                                  store: store.id, reader: c.reader).map(\.sse)
        })
    }

    static func json(_ object: JSONObject, status: Int = 200) -> HTTPResponse {
        var r = HTTPResponse.bytes(JCS.encode(.object(object)), contentType: "application/json", status: status)
        r.headers["Cache-Control"] = "no-store"
        r.headers["X-Content-Type-Options"] = "nosniff"
        return r
    }
}
