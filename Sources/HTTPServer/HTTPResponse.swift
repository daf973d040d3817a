/// An HTTP response: status, headers and either bytes, a server-sent-events stream or a body made on demand.
public struct HTTPResponse: Sendable {
    /// What follows the headers.
    public enum Body: Sendable {
        /// A complete body.
        case bytes([UInt8])
        /// A server-sent-events stream that stays open until it or the client closes.
        case events(EventStream)
        /// A body pulled chunk by chunk from a producer (chunked transfer coding), for downloads
        /// too large to hold in memory.
        case stream(ByteStream)
    }

    /// Status code, e.g. 200.
    public var status: Int
    /// Response header fields (the server adds `X-Request-Id`, `Content-Length`, `Date`).
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// Creates a response with a byte body.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                     body: Array(text.utf8))
    }

    /// A response with the given bytes and content type.
    public static func bytes(_ bytes: [UInt8], contentType: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: bytes)
    }

    /// A `text/event-stream` response (not cached) fed by `stream`.
    public static func events(_ stream: EventStream) -> HTTPResponse {
        var r = HTTPResponse(status: 200, headers: HTTPHeaders([
            ("Content-Type", "text/event-stream"),
            ("Cache-Control", "no-cache"),
            ("X-Accel-Buffering", "no"),
        ]))
        r.body = .events(stream)
        return r
    }

    /// A streamed download with the given content type, not cached.
    public static func stream(_ stream: ByteStream, contentType: String, status: Int = 200) -> HTTPResponse {
        var r = HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", contentType), ("Cache-Control", "no-store")]))
        r.body = .stream(stream)
        return r
    }

    /// The body bytes, or [] for an event stream or a byte stream (`InProcessClient` collects those).
    public var bodyBytes: [UInt8] {
        if case .bytes(let b) = body { return b }
        return []
    }

    /// The body as UTF-8 text (lossy), for tests and logs.
    public var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }
}
