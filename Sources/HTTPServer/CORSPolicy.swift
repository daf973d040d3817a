/// Cross-origin rules (Fetch standard, CORS protocol): closed unless an origin is listed exactly.
public struct CORSPolicy: Sendable {
    /// Exact origins allowed, e.g. "https://app.example.jp".
    public var allowedOrigins: Set<String>
    /// Methods announced in preflight answers.
    public var allowedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    /// Request headers announced in preflight answers.
    public var allowedHeaders = ["Content-Type", "Authorization", "Idempotency-Key"]
    /// Response headers scripts may read.
    public var exposedHeaders = ["X-Request-Id", "Retry-After"]
    /// How long browsers may cache a preflight answer.
    public var maxAgeSeconds = 600

    /// Creates a policy allowing exactly `allowedOrigins` (none by default).
    public init(allowedOrigins: Set<String> = []) {
        self.allowedOrigins = allowedOrigins
    }

    /// Answers a preflight (OPTIONS with Origin and Access-Control-Request-Method): 204 with the
    /// allow headers if the origin and method are allowed, 403 if not; nil when `request` is no preflight.
    public func preflight(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.method == "OPTIONS", let origin = request.headers["Origin"],
              let wanted = request.headers["Access-Control-Request-Method"] else { return nil }
        guard allowedOrigins.contains(origin), allowedMethods.contains(wanted) else {
            var r = HTTPResponse.text("origin not allowed\n", status: 403)
            r.headers["Vary"] = "Origin"
            return r
        }
        var r = HTTPResponse(status: 204)
        r.headers["Access-Control-Allow-Origin"] = origin
        r.headers["Access-Control-Allow-Methods"] = allowedMethods.joined(separator: ", ")
        r.headers["Access-Control-Allow-Headers"] = allowedHeaders.joined(separator: ", ")
        r.headers["Access-Control-Max-Age"] = String(maxAgeSeconds)
        r.headers["Vary"] = "Origin"
        return r
    }

    /// Adds Access-Control-Allow-Origin (and Vary: Origin) when the request's origin is allowed.
    public func apply(_ request: HTTPRequest, _ response: HTTPResponse) -> HTTPResponse {
        guard let origin = request.headers["Origin"], allowedOrigins.contains(origin) else { return response }
        var r = response
        r.headers["Access-Control-Allow-Origin"] = origin
        if !exposedHeaders.isEmpty { r.headers["Access-Control-Expose-Headers"] = exposedHeaders.joined(separator: ", ") }
        let vary = r.values("Vary")
        if !vary.contains(where: { $0.lowercased().contains("origin") }) { r.headers.add("Vary", "Origin") }
        return r
    }
}

private extension HTTPResponse {
    func values(_ name: String) -> [String] { headers.values(name) }
}
