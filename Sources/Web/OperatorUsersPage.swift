import Foundation
import HTML
import HTTPServer
import Services

/// `/admin/users` (operator only): how many consumer accounts there are and how many share
/// attributes. Aggregates only: no account, key or attribute of anyone is shown.
enum OperatorUsersPage {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/users") { r, respond in respond(page(c, r)) }
    }

    static func page(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        let t = Texts(Lang.of(r))
        var content: [HTML] = [h1(t["users.title"])]
        if let stats = try? c.accounts.statistics(for: identity) {
            let share = stats.accounts > 0 ? Double(stats.withAttributes) * 100 / Double(stats.accounts) : 0
            content += [
                div(["class": "cards"], [
                    div(["class": "card"], [div(["class": "muted"], [.text(t["users.accounts"])]),
                                            div(["class": "figure", "id": "accounts"], [.text(String(stats.accounts))])]),
                    div(["class": "card"], [div(["class": "muted"], [.text(t["users.withAttributes"])]),
                                            div(["class": "figure", "id": "with-attributes"], [.text(String(stats.withAttributes))]),
                                            div(["class": "muted"], [.text(t.format("users.share", String(format: "%.1f", share)))])]),
                ]),
                p(["class": "muted"], [.text(t["users.note"])]),
            ]
        } else {
            content.append(p(["class": "error", "role": "alert"], [.text(t["op.unavailable"])]))
        }
        return OperatorAccess.page(t, title: t["users.title"], path: "/admin/users", identity: identity, token: token, content: content)
    }
}
