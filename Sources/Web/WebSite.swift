import HTML
import HTTPServer
import Ledger
import Services

/// The web: landing page, console, static files, language switch, HTML 404.
public enum WebSite {
    /// Adds every web route to `router`.
    public static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/") { r, respond in respond(landing(c, r)) }
        router.add("GET", "/lang") { r, respond in respond(switchLanguage(r)) }
        router.add("GET", "/static/{file}") { r, respond in
            respond(Assets.serve(r.parameters["file"] ?? "") ?? notFound(r))
        }
        ConsolePages.register(router, c)
        VerifyPages.register(router, c)
        WalletPages.register(router, c)
        StorePages.register(router, c)
        ProductPages.register(router, c)
        OperatorPages.register(router, c)
        CounterPages.register(router, c)
    }

    /// The HTML 404 page for paths outside the API.
    public static func notFound(_ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        return WebResponse.page(Layout.page(t, title: t["error.notFound"], path: "/", content: [
            h1(t["error.notFound"]), p(t["error.notFoundText"]), p([:], [a("/", [:], [.text(t["error.back"])])]),
        ]), status: 404)
    }

    static func landing(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        let facts = try? c.reader.read { store -> (NetworkInfo?, Int64, Int64, Int) in
            (try store.network(), try store.latestBlock()?.header.height ?? 0, store.logSize,
             try store.merchants(after: nil, limit: 10_000).count)
        }
        let name = facts?.0?.name ?? t["site.name"]
        let content: [HTML] = [
            h1(name),
            p(t["landing.lead"]),
            div(["class": "cards"], [
                div(["class": "card"], [div(["class": "muted"], [.text(t["landing.height"])]),
                                        div(["class": "figure", "id": "height"], [.text(String(facts?.1 ?? 0))])]),
                div(["class": "card"], [div(["class": "muted"], [.text(t["landing.transactions"])]),
                                        div(["class": "figure"], [.text(String(facts?.2 ?? 0))])]),
                div(["class": "card"], [div(["class": "muted"], [.text(t["landing.merchants"])]),
                                        div(["class": "figure"], [.text(String(facts?.3 ?? 0))])]),
            ]),
            div(["class": "cards"], [
                section(["class": "card"], [h2(t["landing.forStaff"]), p(t["landing.forStaffText"]),
                                            p([:], [a("/admin/", [:], [.text(t["nav.console"])])])]),
                section(["class": "card"], [h2(t["landing.forConsumers"]), p(t["landing.forConsumersText"]),
                                            p([:], [a("/wallet/", [:], [.text(t["wallet.title"])])])]),
                section(["class": "card"], [h2(t["verify.title"]), p(t["verify.lead"]),
                                            p([:], [a("/verify/", [:], [.text(t["verify.submit"])])])]),
                section(["class": "card"], [h2(t["landing.forDevelopers"]), p(t["landing.forDevelopersText"]),
                                            p([:], [a("/api/v1/openapi.json", [:], [.text("OpenAPI 3.1")]), .text(" · "),
                                                    a("/api/v1/checkpoint", [:], [.text("checkpoint")])])]),
            ]),
        ]
        return WebResponse.page(Layout.page(t, title: name, path: "/", content: content))
    }

    /// `GET /lang?to=en&back=/admin/`: remembers the choice for a year and goes back (same site only).
    static func switchLanguage(_ r: HTTPRequest) -> HTTPResponse {
        let lang = Lang(rawValue: r.query["to"] ?? "") ?? .ja
        var back = r.query["back"] ?? "/"
        if !back.hasPrefix("/") || back.hasPrefix("//") || back.contains("\\") { back = "/" }
        return WebResponse.redirect(back, cookies: [Cookies.set(Lang.cookie, lang.rawValue, maxAge: 365 * 86_400, secure: false, httpOnly: false)])
    }
}
