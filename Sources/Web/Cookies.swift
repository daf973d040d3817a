import HTTPServer

/// Reading and setting cookies (RFC 6265).
enum Cookies {
    /// The request's cookies by name (the first of each name wins).
    static func parse(_ request: HTTPRequest) -> [String: String] {
        var out: [String: String] = [:]
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2, out[kv[0]] == nil { out[kv[0]] = kv[1] }
            }
        }
        return out
    }

    /// A `Set-Cookie` value: SameSite=Strict always, HttpOnly unless `httpOnly` is false (only
    /// the harmless language choice), Secure when the site is HTTPS; `maxAge` nil makes a session
    /// cookie, 0 deletes it.
    static func set(_ name: String, _ value: String, maxAge: Int?, secure: Bool, httpOnly: Bool = true) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "SameSite=Strict"]
        if httpOnly { parts.append("HttpOnly") }
        if secure { parts.append("Secure") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        return parts.joined(separator: "; ")
    }
}

import Foundation
