import HTML
import HTTPServer

/// HTML answers with the security headers every page carries.
enum WebResponse {
    /// No inline script or style, nothing from other origins, never framed, no referrer.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// A page.
    static func page(_ document: HTML, status: Int = 200, cookies: [String] = []) -> HTTPResponse {
        var r = HTTPResponse.bytes(Array(document.document().utf8), contentType: "text/html; charset=utf-8", status: status)
        secure(&r)
        r.headers["Cache-Control"] = "no-store"
        for c in cookies { r.headers.add("Set-Cookie", c) }
        return r
    }

    /// 303 See Other to `location` (after a form post, or to the sign-in page).
    static func redirect(_ location: String, cookies: [String] = []) -> HTTPResponse {
        var r = HTTPResponse(status: 303)
        r.headers["Location"] = location
        r.headers["Cache-Control"] = "no-store"
        secure(&r)
        for c in cookies { r.headers.add("Set-Cookie", c) }
        return r
    }

    /// Adds the headers of every HTML answer.
    static func secure(_ r: inout HTTPResponse) {
        r.headers["Content-Security-Policy"] = contentSecurityPolicy
        r.headers["X-Frame-Options"] = "DENY"
        r.headers["Referrer-Policy"] = "no-referrer"
        r.headers["X-Content-Type-Options"] = "nosniff"
    }
}
