/// One HTTP request as handlers see it: method, decoded path and query, headers and the whole body.
public struct HTTPRequest: Sendable {
    /// "GET", "POST", … as received.
    public var method: String
    /// Percent-decoded path without the query string.
    public var path: String
    /// The path as received (still percent-encoded), without the query string; used for routing and logs.
    public var rawPath: String
    /// First value of each query parameter, decoded ('+' = space).
    public var query: [String: String]
    /// Every query parameter, in order, decoded.
    public var queryItems: [(name: String, value: String)]
    /// Request header fields.
    public var headers: HTTPHeaders
    /// The whole request body (bounded by the handler's body limit).
    public var body: [UInt8]
    /// Peer IP address, e.g. "127.0.0.1".
    public var remoteAddress: String
    /// Server-assigned id, unique per request, echoed as `X-Request-Id`.
    public var requestID: String
    /// Path parameters filled in by `Router`.
    public var parameters: [String: String] = [:]

    /// Creates a request from an already split path and query.
    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                remoteAddress: String = "127.0.0.1", requestID: String = "") {
        self.method = method
        self.path = path
        self.rawPath = path
        self.queryItems = query
        self.query = Self.firstValues(query)
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }

    /// Creates a request from a request target such as "/path?query", which is parsed and decoded.
    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                remoteAddress: String = "127.0.0.1") {
        let raw: Substring
        let items: [(name: String, value: String)]
        if let q = target.firstIndex(of: "?") {
            raw = target[..<q]
            items = PercentDecoding.queryItems(target[target.index(after: q)...])
        } else {
            raw = Substring(target)
            items = []
        }
        self.init(method: method, path: PercentDecoding.decode(raw, plusIsSpace: false), query: items,
                  headers: headers, body: body, remoteAddress: remoteAddress)
        self.rawPath = String(raw)
    }

    static func firstValues(_ items: [(name: String, value: String)]) -> [String: String] {
        var d: [String: String] = [:]
        for item in items where d[item.name] == nil { d[item.name] = item.value }
        return d
    }
}
