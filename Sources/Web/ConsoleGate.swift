import Foundation
import HTML
import HTTPServer
import Services

/// A signed-in console request: who asks, in which language, and how to frame a page for them.
struct ConsoleGate {
    let identity: StaffIdentity
    let token: String
    let t: Texts
    let request: HTTPRequest

    /// The gate of `r`, or nil when nobody is signed in (answer with `ConsolePages.signIn`).
    init?(_ c: WebContext, _ r: HTTPRequest) {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return nil }
        self.identity = identity
        self.token = token
        self.t = Texts(Lang.of(r))
        self.request = r
    }

    /// The merchant the staff member works for; nil for the operator.
    var merchant: String? { identity.role.merchant }
    /// Whether the staff member may change things (merchant admin or operator, not store staff).
    var canManage: Bool { identity.scopes.contains(.manage) }
    /// The hidden CSRF input every form carries.
    var csrfInput: HTML { input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]) }

    /// A full console page.
    func page(_ title: String, path: String, _ content: [HTML], status: Int = 200) -> HTTPResponse {
        let menu = nav(["class": "console-nav no-print"], [
            a("/admin/", [:], [.text(t["cnav.home"])]),
            a("/admin/products", [:], [.text(t["cnav.products"])]),
            canManage ? a("/admin/packages/new", [:], [.text(t["cnav.newPackage"])]) : .fragment([]),
            a("/admin/endorsements", [:], [.text(t["cnav.endorsements"])]),
            a("/admin/tickets", [:], [.text(t["cnav.tickets"])]),
            a("/admin/stores", [:], [.text(t["cnav.stores"])]),
            identity.scopes.contains(.counter) ? a("/admin/counter", [:], [.text(t["cnav.counter"])]) : .fragment([]),
            identity.scopes.contains(.read) && identity.role.name != "store_staff" ? a("/admin/export", [:], [.text(t["cnav.export"])]) : .fragment([]),
            canManage ? a("/admin/staff", [:], [.text(t["cnav.staff"])]) : .fragment([]),
        ] + (identity.role == .operatorAdmin ? [
            a("/admin/merchants", [:], [.text(t["cnav.merchants"])]),
            a("/admin/stores/import", [:], [.text(t["cnav.import"])]),
            a("/admin/network", [:], [.text(t["cnav.network"])]),
            a("/admin/users", [:], [.text(t["cnav.users"])]),
        ] : []))
        return WebResponse.page(Layout.page(t, title: title, path: path, viewer: ConsolePages.viewer(t, identity, token: token),
                                            content: [menu] + content, styles: ["/static/product.v1.css"]), status: status)
    }

    /// The "not found" page of the console (also for another merchant's things).
    func notFound() -> HTTPResponse {
        page(t["error.notFound"], path: request.path, [h1(t["error.notFound"]), p(t["error.notFoundText"])], status: 404)
    }

    /// The page shown when a form's CSRF token is wrong or missing.
    /// A signed-in form post: runs `body` with the gate and the form once the CSRF token checks
    /// out; otherwise answers with the sign-in redirect or the "form expired" page.
    static func post(_ c: WebContext, _ r: HTTPRequest, _ body: (ConsoleGate, FormBody) -> HTTPResponse) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let form = FormBody(r)
        guard ConsoleSession.checkCSRF(form, token: g.token) else { return g.expired() }
        return body(g, form)
    }

    func expired() -> HTTPResponse {
        page(t["login.expired"], path: request.path, [h1(t["login.expired"]),
                                                      p([:], [a(request.path, [:], [.text(t["form.reload"])])])], status: 403)
    }
}
