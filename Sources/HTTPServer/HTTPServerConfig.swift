/// Listening address, threads and limits of an `HTTPServer`.
public struct HTTPServerConfig: Sendable {
    /// IPv4 address to bind, e.g. "127.0.0.1" or "0.0.0.0".
    public var host = "127.0.0.1"
    /// TCP port; 0 = ephemeral (`start()` returns the bound one).
    public var port: UInt16 = 0
    /// libmicrohttpd worker threads (thread pool size).
    public var threads = 2
    /// Default largest request body, for handlers without their own limit.
    public var maxBodyBytes = 65_536
    /// Idle/slow connections are closed after this many seconds without progress.
    public var connectionTimeoutSeconds = 30
    /// Most connections open at once.
    public var connectionLimit = 1_000
    /// Most connections open at once from one IP address.
    public var perIPConnectionLimit = 200
    /// Per-connection memory pool (bounds the request line and header block).
    public var connectionMemoryLimit = 64 * 1024

    /// The defaults above.
    public init() {}
}

/// Why the server could not start.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    /// Stable code: "bad_host", "address_in_use", "start_failed".
    public let code: String
    /// Human-readable message.
    public let message: String

    public var description: String { message }
}
