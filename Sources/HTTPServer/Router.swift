import Foundation

/// Routes requests by method and path pattern to handlers.
///
/// Patterns: literal segments, `{name}` (one segment, percent-decoded) and a final
/// `{name...}` (the remainder, may contain '/'). At each segment a literal beats a
/// parameter, which beats a remainder. HEAD is answered by the GET route (the server
/// sends no body). Add routes before serving; `handle` may run on many threads.
public final class Router: HTTPHandler, @unchecked Sendable {
    /// An asynchronous route handler: call the responder exactly once, now or later.
    public typealias Handler = @Sendable (HTTPRequest, @escaping Responder) -> Void
    typealias SyncHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

    enum Segment: Equatable {
        case literal(String)
        case parameter(String)
        case rest(String)

        var rank: Int {
            switch self {
            case .literal: return 0
            case .parameter: return 1
            case .rest: return 2
            }
        }
    }

    enum Action {
        case async(Handler)
        case sync(SyncHandler)
    }

    struct Route {
        let method: String
        let pattern: String
        let segments: [Segment]
        let bodyLimit: Int?
        let action: Action
    }

    private let lock = NSLock()
    private var table: [Route] = []
    private var _errorResponse: @Sendable (Error, HTTPRequest) -> HTTPResponse = { _, _ in
        .text("internal server error\n", status: 500)
    }
    private var _notFound: @Sendable (HTTPRequest) -> HTTPResponse = { _ in .text("not found\n", status: 404) }
    private var _methodNotAllowed: @Sendable (HTTPRequest, [String]) -> HTTPResponse = { _, allowed in
        var r = HTTPResponse.text("method not allowed\n", status: 405)
        r.headers["Allow"] = allowed.joined(separator: ", ")
        return r
    }

    /// Creates an empty router.
    public init() {}

    /// Adds an asynchronous route.
    /// - Parameters:
    ///   - pattern: e.g. "/api/v1/tx/{txid}" or "/wallet/{rest...}".
    ///   - bodyLimit: largest request body for this route; nil = the server's default.
    public func add(_ method: String, _ pattern: String, bodyLimit: Int? = nil, _ handler: @escaping Handler) {
        insert(method, pattern, bodyLimit, .async(handler))
    }

    /// Adds a synchronous route; a thrown error becomes `errorResponse(error, request)`.
    public func add(_ method: String, _ pattern: String, bodyLimit: Int? = nil,
                    sync handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        insert(method, pattern, bodyLimit, .sync(handler))
    }

    /// Used when a sync handler throws; default 500 text (never the error's text, which may hold secrets).
    public var errorResponse: @Sendable (Error, HTTPRequest) -> HTTPResponse {
        get { lock.withLock { _errorResponse } }
        set { lock.withLock { _errorResponse = newValue } }
    }

    /// Answer when no route matches the path; default 404 text.
    public var notFound: @Sendable (HTTPRequest) -> HTTPResponse {
        get { lock.withLock { _notFound } }
        set { lock.withLock { _notFound = newValue } }
    }

    /// Answer when the path matches but not the method; default 405 text with an `Allow` header.
    public var methodNotAllowed: @Sendable (HTTPRequest, [String]) -> HTTPResponse {
        get { lock.withLock { _methodNotAllowed } }
        set { lock.withLock { _methodNotAllowed = newValue } }
    }

    /// Registered routes, in registration order.
    public var routes: [(method: String, pattern: String)] {
        lock.withLock { table.map { (method: $0.method, pattern: $0.pattern) } }
    }

    /// Dispatches to the most specific matching route, or answers 404/405.
    public func handle(_ request: HTTPRequest, respond: @escaping Responder) {
        let segments = Self.split(request.rawPath.isEmpty ? request.path : request.rawPath)
        let (routes, fallbacks) = lock.withLock { (table, (_notFound, _methodNotAllowed, _errorResponse)) }
        if let (route, params) = Self.best(routes, method: request.method, segments: segments) {
            var request = request
            request.parameters = params
            switch route.action {
            case .async(let h):
                h(request, respond)
            case .sync(let h):
                do { respond(try h(request)) } catch { respond(fallbacks.2(error, request)) }
            }
            return
        }
        var allowed: [String] = []
        for r in routes where Self.match(r.segments, segments) != nil && !allowed.contains(r.method) {
            allowed.append(r.method)
        }
        if allowed.isEmpty {
            respond(fallbacks.0(request))
        } else {
            if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
            respond(fallbacks.1(request, allowed))
        }
    }

    /// The matching route's body limit (path as received, percent-encoded), nil for the server default.
    public func bodyLimit(method: String, path: String) -> Int? {
        let routes = lock.withLock { table }
        return Self.best(routes, method: method, segments: Self.split(path))?.0.bodyLimit
    }

    // MARK: matching

    private func insert(_ method: String, _ pattern: String, _ limit: Int?, _ action: Action) {
        let segments = Self.parse(pattern)
        lock.withLock { table.append(Route(method: method, pattern: pattern, segments: segments, bodyLimit: limit, action: action)) }
    }

    static func parse(_ pattern: String) -> [Segment] {
        let parts = split(pattern)
        var out: [Segment] = []
        for (i, p) in parts.enumerated() {
            if p.hasPrefix("{") && p.hasSuffix("...}") {
                precondition(i == parts.count - 1, "Router: {rest...} must be the last segment in \(pattern)")
                out.append(.rest(String(p.dropFirst().dropLast(4))))
            } else if p.hasPrefix("{") && p.hasSuffix("}") {
                out.append(.parameter(String(p.dropFirst().dropLast())))
            } else {
                out.append(.literal(PercentDecoding.decode(p, plusIsSpace: false)))
            }
        }
        return out
    }

    /// "/a/b/" → ["a", "b", ""]; "/" → [""].
    static func split(_ path: String) -> [Substring] {
        var p = Substring(path)
        if p.hasPrefix("/") { p = p.dropFirst() }
        return p.split(separator: "/", omittingEmptySubsequences: false)
    }

    static func match(_ pattern: [Segment], _ path: [Substring]) -> [String: String]? {
        var params: [String: String] = [:]
        for (i, seg) in pattern.enumerated() {
            switch seg {
            case .rest(let name):
                guard i < path.count else { return nil }
                params[name] = path[i...].map { PercentDecoding.decode($0, plusIsSpace: false) }.joined(separator: "/")
                return params
            case .literal(let lit):
                guard i < path.count, PercentDecoding.decode(path[i], plusIsSpace: false) == lit else { return nil }
            case .parameter(let name):
                guard i < path.count, !path[i].isEmpty else { return nil }
                params[name] = PercentDecoding.decode(path[i], plusIsSpace: false)
            }
        }
        return pattern.count == path.count ? params : nil
    }

    /// The most specific matching route for `method` (HEAD falls back to GET).
    static func best(_ routes: [Route], method: String, segments: [Substring]) -> (Route, [String: String])? {
        var found = bestFor(routes, method: method, segments: segments)
        if found == nil && method == "HEAD" { found = bestFor(routes, method: "GET", segments: segments) }
        return found
    }

    private static func bestFor(_ routes: [Route], method: String, segments: [Substring]) -> (Route, [String: String])? {
        var best: (Route, [String: String])?
        for r in routes where r.method == method {
            guard let params = match(r.segments, segments) else { continue }
            if let b = best, !moreSpecific(r.segments, than: b.0.segments) { continue }
            best = (r, params)
        }
        return best
    }

    private static func moreSpecific(_ a: [Segment], than b: [Segment]) -> Bool {
        for (x, y) in zip(a, b) where x.rank != y.rank { return x.rank < y.rank }
        return a.count > b.count
    }
}
