import Crypto
import HTML
import HTTPServer
import Services

/// Who may open the operator console's pages, and the frame they share (a sub-navigation
/// between merchants, store import, network, users and export).
enum OperatorAccess {
    /// The outcome of a gate: the signed-in staff member, or the answer to send instead.
    enum Gate {
        case allowed(StaffIdentity, token: String)
        case denied(HTTPResponse)
    }

    /// Only `operator_admin`: others get a 403 page in their language, the signed-out the sign-in page.
    static func requireOperator(_ c: WebContext, _ r: HTTPRequest) -> Gate {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return .denied(ConsolePages.signIn) }
        guard identity.role == .operatorAdmin else { return .denied(forbidden(Texts(Lang.of(r)), identity, token: token, path: r.rawPath)) }
        return .allowed(identity, token: token)
    }

    /// The 403 page: what this is, and the way home.
    static func forbidden(_ t: Texts, _ identity: StaffIdentity, token: String, path: String) -> HTTPResponse {
        WebResponse.page(Layout.page(t, title: t["op.forbidden.title"], path: path, viewer: ConsolePages.viewer(t, identity, token: token), content: [
            h1(t["op.forbidden.title"]),
            p(["class": "error", "role": "alert", "id": "forbidden"], [.text(t["op.forbidden.text"])]),
            p([:], [a("/admin/", [:], [.text(t["op.backHome"])])]),
        ]), status: 403)
    }

    /// A console page with the operator's sub-navigation (or the export link alone for a merchant).
    static func page(_ t: Texts, title: String, path: String, identity: StaffIdentity, token: String, content: [HTML],
                     scripts: [String] = [], status: Int = 200) -> HTTPResponse {
        WebResponse.page(Layout.page(t, title: title, path: path, viewer: ConsolePages.viewer(t, identity, token: token),
                                     content: [link(["rel": "stylesheet", "href": "/static/operator.v1.css"]), subnav(t, identity, path: path)] + content, scripts: scripts), status: status)
    }

    static func subnav(_ t: Texts, _ identity: StaffIdentity, path: String) -> HTML {
        var items: [(String, String)] = [("/admin/", "op.nav.home")]
        if identity.role == .operatorAdmin {
            items += [("/admin/merchants", "op.nav.merchants"), ("/admin/stores/import", "op.nav.import"),
                      ("/admin/network", "op.nav.network"), ("/admin/users", "op.nav.users")]
        }
        items.append(("/admin/export", "op.nav.export"))
        return nav(["class": "subnav no-print", "aria-label": t["op.nav.label"]], items.map { href, key in
            href == path ? a(href, ["aria-current": "page"], [.text(t[key])]) : a(href, [:], [.text(t[key])])
        })
    }

    /// A one-time key for a form's hidden `_idem` field.
    static func newIdempotencyKey() -> String { Base64URL.encode(SystemRandom().bytes(count: 18)) }

    /// The fingerprint of a form post for `IdempotencyStore` (SHA-256 of what was sent, less the CSRF token).
    static func fingerprint(_ parts: [String]) -> [UInt8] {
        SHA256.hash(Array(parts.joined(separator: "\n").utf8))
    }
}
