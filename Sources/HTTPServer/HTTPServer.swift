import CMicroHTTPD
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on libmicrohttpd: internal epoll polling with a worker-thread pool,
/// suspend/resume for deferred answers and event streams, strict request framing.
///
/// Handlers run on the libmicrohttpd worker threads; a handler that needs to wait should
/// return and answer later (the connection is suspended meanwhile, not a thread).
public final class HTTPServer: @unchecked Sendable {
    let config: HTTPServerConfig
    let handler: HTTPHandler
    let accessLog: AccessLog?

    private let lock = NSLock()
    private var daemon: OpaquePointer?
    private var live: [ObjectIdentifier: Exchange] = [:]
    private var stopping = false
    private var stopped = false
    private var address = sockaddr_in()

    /// Creates a stopped server.
    public init(config: HTTPServerConfig, handler: HTTPHandler, accessLog: AccessLog? = nil) {
        self.config = config
        self.handler = handler
        self.accessLog = accessLog
    }

    deinit {
        // Callers should shut down first; this only avoids leaving a daemon running on freed state.
        shutdown(graceTimeout: 0)
    }

    /// Requests received and not yet completed (including open event streams).
    public var inFlight: Int { lock.withLock { live.count } }

    /// Starts listening and returns the bound port.
    /// - Throws: `HTTPServerError` when the host is not an IPv4 address or the port cannot be bound.
    public func start() throws -> UInt16 {
        try lock.withLock {
            guard daemon == nil, !stopped else {
                throw HTTPServerError(code: "start_failed", message: "HTTP server already started")
            }
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = config.port.bigEndian
            guard inet_pton(AF_INET, config.host, &sin.sin_addr) == 1 else {
                throw HTTPServerError(code: "bad_host", message: "HTTP server: host \"\(config.host)\" is not an IPv4 address")
            }
            address = sin
            let flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
            let me = Unmanaged.passUnretained(self).toOpaque()
            let d = withUnsafePointer(to: &address) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    kippu_mhd_start(flags, config.port, mhdAccessHandler, me, mhdRequestCompleted, me,
                                    mhdURILog, me, sa, UInt32(max(1, config.threads)),
                                    UInt32(max(0, config.connectionTimeoutSeconds)),
                                    UInt32(max(1, config.connectionLimit)),
                                    UInt32(max(0, config.perIPConnectionLimit)),
                                    max(4096, config.connectionMemoryLimit))
                }
            }
            guard let d else { throw startError() }
            daemon = d
            return kippu_mhd_bound_port(d)
        }
    }

    /// Stops gracefully: refuse new requests (503, `Connection: close`), let in-flight requests (suspended ones too) finish for up to
    /// `graceTimeout` seconds, answer the rest 503, close event streams, stop the daemon. Idempotent.
    public func shutdown(graceTimeout: Double = 10) {
        let d: OpaquePointer? = lock.withLock {
            if stopping { return nil }
            stopping = true
            return daemon
        }
        guard let d else { return }
        // Drain. MHD_quiesce_daemon is NOT used: with MHD_USE_EPOLL and internal threads it races the
        // worker threads over the listening socket's epoll registration and can abort the process
        // ("Failed to remove listen FD from epoll set": both sides epoll_ctl(DEL) the same fd, unlocked).
        // Instead, from now on every new request is answered 503 with `Connection: close` (see
        // `process`), and the listening socket closes with MHD_stop_daemon below.
        let deadline = Date(timeIntervalSinceNow: max(0, graceTimeout))
        while Date() < deadline && snapshot().contains(where: { $0.stream == nil }) {
            usleep(10_000)
        }
        for ex in snapshot() {
            if let s = ex.stream { s.close() } else if let d = ex.download { d.cancel() } else if ex.awaitingAnswer { ex.respond(StandardResponses.unavailable()) }
        }
        // Give resumed connections a moment to flush their last bytes before the daemon closes them.
        let flush = Date(timeIntervalSinceNow: 2)
        while Date() < flush && inFlight > 0 { usleep(5_000) }
        MHD_stop_daemon(d)
        lock.withLock {
            daemon = nil
            stopped = true
            live.removeAll()
        }
    }

    private func snapshot() -> [Exchange] { lock.withLock { Array(live.values) } }

    private func startError() -> HTTPServerError {
        // MHD reports only failure; find the reason by trying the bind ourselves.
        let fd = socket(AF_INET, kippu_sock_stream(), 0)
        defer { if fd >= 0 { close(fd) } }
        var sin = address
        let rc = withUnsafePointer(to: &sin) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let err = errno
        if rc != 0 && err == EADDRINUSE {
            return HTTPServerError(code: "address_in_use", message: "HTTP server: \(config.host):\(config.port) is already in use")
        }
        if rc != 0 {
            return HTTPServerError(code: "start_failed", message: "HTTP server: cannot bind \(config.host):\(config.port): \(String(cString: strerror(err)))")
        }
        return HTTPServerError(code: "start_failed", message: "HTTP server: libmicrohttpd could not start on \(config.host):\(config.port)")
    }

    // MARK: callbacks (called from mhd* global functions on MHD threads)

    /// Bytes of an over-limit upload read and dropped before the connection is cut instead.
    static let discardLimit = 1 << 20

    func begin(target: String, connection: OpaquePointer?) -> Exchange {
        let ex = Exchange(target: target)
        ex.connection = connection
        lock.withLock { live[ObjectIdentifier(ex)] = ex }
        return ex
    }

    func process(_ ex: Exchange, connection: OpaquePointer, method: String, version: String,
                 upload: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>) -> MHD_Result {
        // ex.connection was set once in the URI callback, before any other thread can see `ex`.
        switch ex.phase {
        case .new:
            ex.phase = .receiving
            ex.method = method
            ex.remoteAddress = Self.peerAddress(connection)
            if lock.withLock({ stopping }) { return queue(ex, StandardResponses.unavailable()) }
            let fields = Self.headerFields(connection)
            switch RequestValidation.check(fields, version: version) {
            case .bad(let why):
                return queue(ex, StandardResponses.badRequest(why))
            case .ok(let contentLength):
                var h = HTTPHeaders()
                for f in fields { h.add(String(decoding: f.name, as: UTF8.self), String(decoding: f.value, as: UTF8.self)) }
                ex.headers = h
                ex.bodyLimit = handler.bodyLimit(method: method, path: ex.rawPath) ?? config.maxBodyBytes
                if let n = contentLength, n > ex.bodyLimit {
                    // Far over the limit: refuse at once. A little over: read and drop the body,
                    // then answer 413, so a client still sending does not meet a reset connection
                    // instead of the answer.
                    if n > ex.bodyLimit + Self.discardLimit { return queue(ex, StandardResponses.payloadTooLarge()) }
                    ex.overLimit = true
                }
            }
            return .YES
        case .receiving:
            let n = uploadSize.pointee
            if n > 0 {
                uploadSize.pointee = 0
                if ex.overLimit || ex.body.count + n > ex.bodyLimit {
                    // MHD 0.9.75 refuses a response in the middle of an upload: drop the bytes,
                    // answer 413 at the end, and cut the connection if the upload keeps going.
                    ex.overLimit = true
                    ex.body = []
                    ex.discarded += n
                    return ex.discarded > Self.discardLimit ? .NO : .YES
                }
                upload?.withMemoryRebound(to: UInt8.self, capacity: n) { ex.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
                return .YES
            }
            if ex.overLimit { return queue(ex, StandardResponses.payloadTooLarge()) }
            ex.phase = .dispatched
            ex.markDispatched()
            var request = HTTPRequest(method: ex.method, target: ex.target, headers: ex.headers, body: ex.body,
                                      remoteAddress: ex.remoteAddress)
            request.requestID = ex.requestID
            ex.body = []
            handler.handle(request, respond: { [ex] in ex.respond($0) })
            if let r = ex.takeOrSuspend() { return queue(ex, r) }
            return .YES
        case .dispatched:
            uploadSize.pointee = 0
            if let r = ex.takeOrSuspend() { return queue(ex, r) }
            return .YES
        case .queued:
            uploadSize.pointee = 0
            return .YES
        }
    }

    func complete(_ ex: Exchange) {
        ex.finish()
        ex.stream?.clientGone()
        lock.withLock { _ = live.removeValue(forKey: ObjectIdentifier(ex)) }
        if let log = accessLog, !ex.method.isEmpty {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - ex.started.uptimeNanoseconds) / 1e6
            log.record(requestID: ex.requestID, remoteAddress: ex.remoteAddress, method: ex.method,
                       path: ex.rawPath, status: ex.status, milliseconds: ms)
        }
    }

    private func queue(_ ex: Exchange, _ response: HTTPResponse) -> MHD_Result {
        guard let connection = ex.connection else { return .NO }
        ex.phase = .queued
        ex.status = response.status
        let mhd: OpaquePointer?
        switch response.body {
        case .bytes(let bytes):
            mhd = bytes.withUnsafeBytes { b in
                MHD_create_response_from_buffer(b.count, UnsafeMutableRawPointer(mutating: b.baseAddress), .RESPMEM_MUST_COPY)
            }
        case .stream(let stream):
            if ex.method == "HEAD" || lock.withLock({ stopping }) {
                stream.cancel()
                mhd = MHD_create_response_from_buffer(0, nil, .RESPMEM_PERSISTENT)
            } else {
                ex.download = stream
                let reader = Unmanaged.passRetained(ByteStreamReader(stream: stream, connection: connection)).toOpaque()
                mhd = MHD_create_response_from_callback(UInt64.max, 32 * 1024, mhdByteStreamRead, reader, mhdByteStreamFree)
                if mhd == nil { Unmanaged<ByteStreamReader>.fromOpaque(reader).release() }
            }
        case .events(let stream):
            if ex.method == "HEAD" || lock.withLock({ stopping }) {
                stream.clientGone()
                mhd = MHD_create_response_from_buffer(0, nil, .RESPMEM_PERSISTENT)
            } else {
                ex.stream = stream
                let reader = Unmanaged.passRetained(StreamReader(stream: stream, connection: connection)).toOpaque()
                mhd = MHD_create_response_from_callback(UInt64.max, 4096, mhdStreamRead, reader, mhdStreamFree)
                if mhd == nil { Unmanaged<StreamReader>.fromOpaque(reader).release() }
            }
        }
        guard let mhd else { return .NO }
        defer { MHD_destroy_response(mhd) }
        for (name, value) in response.headers where Self.safeHeader(name, value) {
            if HTTPHeaders.same(name, "Content-Length") || HTTPHeaders.same(name, "X-Request-Id") { continue }
            _ = MHD_add_response_header(mhd, name, value)
        }
        _ = MHD_add_response_header(mhd, "X-Request-Id", ex.requestID)
        return MHD_queue_response(connection, UInt32(clamping: response.status), mhd)
    }

    /// Handlers must not be able to split a response with CR/LF in a header.
    private static func safeHeader(_ name: String, _ value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(RequestValidation.isTokenChar)
            && !value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F })
    }

    private static func headerFields(_ connection: OpaquePointer) -> [(name: [UInt8], value: [UInt8])] {
        final class Box { var fields: [(name: [UInt8], value: [UInt8])] = [] }
        let box = Box()
        _ = MHD_get_connection_values_n(connection, .HEADER_KIND, { cls, _, key, keySize, value, valueSize in
            let box = Unmanaged<Box>.fromOpaque(cls!).takeUnretainedValue()
            let k = key.map { $0.withMemoryRebound(to: UInt8.self, capacity: keySize) { Array(UnsafeBufferPointer(start: $0, count: keySize)) } } ?? []
            let v = value.map { $0.withMemoryRebound(to: UInt8.self, capacity: valueSize) { Array(UnsafeBufferPointer(start: $0, count: valueSize)) } } ?? []
            box.fields.append((name: k, value: v))
            return .YES
        }, Unmanaged.passUnretained(box).toOpaque())
        return box.fields
    }

    private static func peerAddress(_ connection: OpaquePointer) -> String {
        guard let sa = kippu_mhd_client_address(connection) else { return "" }
        var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(sa.pointee.sa_family) {
        case AF_INET:
            var a = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            inet_ntop(AF_INET, &a, &buf, socklen_t(buf.count))
        case AF_INET6:
            var a = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            inet_ntop(AF_INET6, &a, &buf, socklen_t(buf.count))
        default:
            return ""
        }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
