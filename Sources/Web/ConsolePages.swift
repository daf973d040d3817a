import Crypto
import HTML
import HTTPServer
import Ledger
import Services

/// Sign-in, sign-out and the console's home page (`/admin/…`).
enum ConsolePages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/login") { r, respond in respond(loginForm(c, Texts(Lang.of(r)), error: nil, username: "")) }
        router.add("POST", "/admin/login", bodyLimit: 8 * 1024) { r, respond in respond(login(c, r)) }
        router.add("POST", "/admin/logout", bodyLimit: 8 * 1024) { r, respond in respond(logout(c, r)) }
        router.add("GET", "/admin/") { r, respond in respond(home(c, r)) }
        router.add("GET", "/admin") { _, respond in respond(WebResponse.redirect("/admin/")) }
        StaffPages.register(router, c)
    }

    /// Where a request without a live session goes.
    static let signIn = WebResponse.redirect("/admin/login")

    static func viewer(_ t: Texts, _ identity: StaffIdentity, token: String) -> Layout.Viewer {
        Layout.Viewer(name: identity.username, role: t["role.\(identity.role.name)"], csrf: ConsoleSession.csrf(for: token))
    }

    static func loginForm(_ c: WebContext, _ t: Texts, error: String?, username: String, status: Int = 200) -> HTTPResponse {
        let pre = Base64URL.encode(SystemRandom().bytes(count: 24))
        let content: [HTML] = [
            h1(t["login.title"]),
            error.map { p(["class": "error", "role": "alert"], [.text($0)]) } ?? .fragment([]),
            form(["method": "post", "action": "/admin/login", "class": "stack"], [
                input(["type": "hidden", "name": "_csrf", "value": pre]),
                label([:], [.text(t["login.username"]),
                            input(["name": "username", "id": "username", "autocomplete": "username", "required": nil, "value": username])]),
                label([:], [.text(t["login.password"]),
                            input(["name": "password", "id": "password", "type": "password", "autocomplete": "current-password", "required": nil])]),
                button(["type": "submit", "id": "login"], [.text(t["login.submit"])]),
            ]),
        ]
        return WebResponse.page(Layout.page(t, title: t["login.title"], path: "/admin/login", content: content), status: status,
                                cookies: [Cookies.set(ConsoleSession.preCookie, pre, maxAge: 3600, secure: c.secureCookies)])
    }

    static func login(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        let form = FormBody(r)
        let username = form.text("username") ?? ""
        guard let pre = Cookies.parse(r)[ConsoleSession.preCookie], ConsoleSession.constantTimeEqual(pre, form["_csrf"] ?? "") else {
            return loginForm(c, t, error: t["login.expired"], username: username, status: 403)
        }
        if let wait = c.loginLimiter.take(r.remoteAddress) {
            var response = loginForm(c, t, error: t.format("login.throttled", String(wait)), username: username, status: 429)
            response.headers["Retry-After"] = String(wait)
            return response
        }
        if let perUser = c.loginUserLimiter, let wait = perUser.take(username.lowercased()) {
            var response = loginForm(c, t, error: t.format("login.throttled", String(wait)), username: username, status: 429)
            response.headers["Retry-After"] = String(wait)
            return response
        }
        guard let session = try? c.staff.login(username: username, password: form["password"] ?? "") else {
            return loginForm(c, t, error: t["login.failed"], username: username, status: 401)
        }
        let maxAge = Int((session.expires - c.clock.now()) / 1000)
        return WebResponse.redirect("/admin/", cookies: [
            Cookies.set(ConsoleSession.cookie, session.token, maxAge: maxAge, secure: c.secureCookies),
            Cookies.set(ConsoleSession.preCookie, "", maxAge: 0, secure: c.secureCookies),
        ])
    }

    static func logout(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        if let (_, token) = ConsoleSession.current(c, r), ConsoleSession.checkCSRF(FormBody(r), token: token) {
            try? c.staff.logout(token: token)
        }
        return WebResponse.redirect("/admin/login", cookies: [Cookies.set(ConsoleSession.cookie, "", maxAge: 0, secure: c.secureCookies)])
    }

    /// The dashboard (`ConsoleDashboard`).
    static func home(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse { ConsoleDashboard.page(c, r) }
}

import Foundation
