/// Delivers the response to a request; call it exactly once (later calls are ignored).
public typealias Responder = @Sendable (HTTPResponse) -> Void

/// Something that answers HTTP requests: a `Router`, or a wrapper adding CORS, rate limits, ….
public protocol HTTPHandler: Sendable {
    /// Answers by calling `respond` exactly once, on any thread, now or later (the server suspends the connection meanwhile).
    func handle(_ request: HTTPRequest, respond: @escaping Responder)
    /// Largest request body accepted for this method and path; nil = the server's default.
    func bodyLimit(method: String, path: String) -> Int?
}

extension HTTPHandler {
    /// No per-route limit: the server's default applies.
    public func bodyLimit(method: String, path: String) -> Int? { nil }
}
