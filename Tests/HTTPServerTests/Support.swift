import Foundation
@testable import HTTPServer

/// A server on an ephemeral 127.0.0.1 port for one test.
final class RunningServer: @unchecked Sendable {
    let server: HTTPServer
    let port: UInt16

    init(_ handler: HTTPHandler, configure: (inout HTTPServerConfig) -> Void = { _ in }, accessLog: AccessLog? = nil) throws {
        var config = HTTPServerConfig()
        config.connectionTimeoutSeconds = 5
        configure(&config)
        server = HTTPServer(config: config, handler: handler, accessLog: accessLog)
        port = try server.start()
    }

    func connect(timeout: Double = 5) throws -> RawHTTPConnection {
        try RawHTTPConnection(host: "127.0.0.1", port: port, timeout: timeout)
    }

    /// One request on a fresh connection.
    func request(_ method: String = "GET", _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> RawHTTPConnection.Response {
        let c = try connect()
        _ = c.sendRequest(method: method, path: path, headers: headers, body: body)
        return try c.readResponse(head: method == "HEAD")
    }

    deinit { server.shutdown(graceTimeout: 0) }
}

/// Collects lines thread-safely.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}

/// Waits up to `seconds` for `condition`.
func eventually(_ seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
