import Foundation

/// Calls an `HTTPHandler` directly, without sockets, the way the server would: assigns a request
/// id, enforces the body limit (413), waits for the responder, adds `X-Request-Id`, drops HEAD bodies,
/// collects byte streams into bytes.
public struct InProcessClient: Sendable {
    let handler: HTTPHandler
    let remoteAddress: String
    let defaultBodyLimit: Int

    /// Creates a client for `handler`.
    public init(_ handler: HTTPHandler, remoteAddress: String = "127.0.0.1", defaultBodyLimit: Int = 65_536) {
        self.handler = handler
        self.remoteAddress = remoteAddress
        self.defaultBodyLimit = defaultBodyLimit
    }

    /// Sends `request`; 413 when the body is over the handler's limit, 504 when nothing answers within `timeout`.
    public func send(_ request: HTTPRequest, timeout: Double = 30) -> HTTPResponse {
        var request = request
        if request.requestID.isEmpty { request.requestID = RequestID.next() }
        let limit = handler.bodyLimit(method: request.method, path: request.rawPath) ?? defaultBodyLimit
        var response: HTTPResponse
        if request.body.count > limit {
            response = StandardResponses.payloadTooLarge()
        } else {
            let box = ResponseBox()
            handler.handle(request, respond: { box.set($0) })
            response = box.wait(timeout: timeout) ?? .text("no response within \(timeout) s\n", status: 504)
        }
        response.headers["X-Request-Id"] = request.requestID
        if request.method == "HEAD" {
            if case .events(let s) = response.body { s.clientGone() }
            if case .stream(let s) = response.body { s.cancel() }
            response.body = .bytes([])
        } else if case .stream(let s) = response.body {
            // Collected whole, as a client would receive it; a producer failure leaves a 500.
            if let bytes = try? s.collect() { response.body = .bytes(bytes) } else {
                response = .text("the stream failed\n", status: 500)
                response.headers["X-Request-Id"] = request.requestID
            }
        }
        return response
    }

    /// GET `target` ("/path?query").
    public func get(_ target: String, headers: [(String, String)] = []) -> HTTPResponse {
        request("GET", target, headers: headers)
    }

    /// POST `body` to `target`.
    public func post(_ target: String, body: [UInt8], headers: [(String, String)] = []) -> HTTPResponse {
        request("POST", target, body: body, headers: headers)
    }

    /// Any method.
    public func request(_ method: String, _ target: String, body: [UInt8] = [], headers: [(String, String)] = []) -> HTTPResponse {
        send(HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: body,
                         remoteAddress: remoteAddress))
    }
}

/// First response wins; later ones are ignored.
final class ResponseBox: @unchecked Sendable {
    private let cond = NSCondition()
    private var response: HTTPResponse?

    func set(_ r: HTTPResponse) {
        cond.withLock {
            if response == nil { response = r; cond.broadcast() }
        }
    }

    func wait(timeout: Double) -> HTTPResponse? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        cond.lock()
        defer { cond.unlock() }
        while response == nil { if !cond.wait(until: deadline) { break } }
        return response
    }
}
