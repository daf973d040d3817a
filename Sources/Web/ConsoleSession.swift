import Crypto
import HTTPServer
import Services

/// The console's sign-in: the staff session token in an HttpOnly, SameSite=Strict cookie, and a
/// CSRF token on every form.
///
/// CSRF token = first 32 characters of base64url(SHA-256("kippu/csrf/v1\n" + session token)):
/// only someone holding the cookie's token can make it, and it changes with every session.
/// Before sign-in, the login form uses a double-submit token (`kippu_pre` cookie = form field).
enum ConsoleSession {
    static let cookie = "kippu_console"
    static let preCookie = "kippu_pre"

    /// The signed-in staff member and their session token, if the cookie holds a live session.
    static func current(_ c: WebContext, _ request: HTTPRequest) -> (identity: StaffIdentity, token: String)? {
        guard let token = Cookies.parse(request)[cookie], token.hasPrefix("kps_"),
              let identity = try? c.staff.authenticate(bearer: token) else { return nil }
        return (identity, token)
    }

    static func csrf(for token: String) -> String {
        String(Base64URL.encode(SHA256.hash(Array("kippu/csrf/v1\n\(token)".utf8))).prefix(32))
    }

    /// Whether the form's `_csrf` matches the session (compared in constant time).
    static func checkCSRF(_ form: FormBody, token: String) -> Bool {
        constantTimeEqual(form["_csrf"] ?? "", csrf(for: token))
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
