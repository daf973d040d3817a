/// Cross-origin access: closed by default; open per exact origin.
public struct CORSPolicy: Sendable {
    /// Origins allowed to call the API from a browser (`https://app.example.jp`).
    public let allowedOrigins: Set<String>

    public init(allowedOrigins: Set<String> = []) { self.allowedOrigins = allowedOrigins }

    /// Answers a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`):
    /// 204 with the allow headers for an allowed origin, 403 otherwise; nil if not a preflight.
    public func preflight(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.method == "OPTIONS", let origin = request.headers["Origin"],
              request.headers["Access-Control-Request-Method"] != nil else { return nil }
        guard allowedOrigins.contains(origin) else { return .text("origin not allowed", status: 403) }
        var r = HTTPResponse(status: 204)
        r.headers["Access-Control-Allow-Origin"] = origin
        r.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE"
        r.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Idempotency-Key"
        r.headers["Access-Control-Max-Age"] = "600"
        r.headers["Vary"] = "Origin"
        return r
    }

    /// Adds `Access-Control-Allow-Origin` (and `Vary: Origin`) for an allowed origin only.
    public func apply(_ request: HTTPRequest, _ response: HTTPResponse) -> HTTPResponse {
        guard let origin = request.headers["Origin"], allowedOrigins.contains(origin) else { return response }
        var r = response
        r.headers["Access-Control-Allow-Origin"] = origin
        r.headers.add("Vary", "Origin")
        return r
    }
}
