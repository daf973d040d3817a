import CMicroHTTPD
import Foundation

/// Per-request state shared by the libmicrohttpd callbacks and the handler's responder.
///
/// Lives from the URI callback (retained into `*con_cls`) until NOTIFY_COMPLETED releases it.
/// `phase` is touched only by the MHD thread serving the connection; the responder state
/// (`pending`, `suspended`, `finished`) is guarded by `lock`, which also orders suspend before resume.
final class Exchange: @unchecked Sendable {
    enum Phase { case new, receiving, dispatched, queued }

    let target: String
    let requestID = RequestID.next()
    let started = DispatchTime.now()
    var phase = Phase.new
    var connection: OpaquePointer?
    var method = ""
    var rawPath = ""
    var remoteAddress = ""
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    var bodyLimit = 0
    var overLimit = false
    var discarded = 0
    var status = 0

    private let lock = NSLock()
    private var pending: HTTPResponse?
    private var suspended = false
    private var finished = false
    private var answered = false
    private var dispatched = false
    private var _stream: EventStream?
    private var _download: ByteStream?

    init(target: String) {
        self.target = target
        if let q = target.firstIndex(of: "?") { rawPath = String(target[..<q]) } else { rawPath = target }
    }

    /// Waiting for the handler's answer: dispatched and not yet answered.
    var awaitingAnswer: Bool { lock.withLock { dispatched && !answered && !finished } }

    /// Marks the request as handed to the handler (before `handle` is called).
    func markDispatched() { lock.withLock { dispatched = true } }

    /// The event stream this exchange is serving, if any (read by shutdown on another thread).
    var stream: EventStream? {
        get { lock.withLock { _stream } }
        set { lock.withLock { _stream = newValue } }
    }

    /// The byte stream this exchange is sending, if any (cancelled by shutdown on another thread).
    var download: ByteStream? {
        get { lock.withLock { _download } }
        set { lock.withLock { _download = newValue } }
    }

    /// The responder: first answer wins; resumes the connection if it was suspended waiting for it.
    func respond(_ response: HTTPResponse) {
        lock.lock()
        if finished || answered {
            lock.unlock()
            if case .events(let s) = response.body { s.clientGone() }
            if case .stream(let s) = response.body { s.cancel() }
            return
        }
        answered = true
        pending = response
        let resume = suspended
        suspended = false
        lock.unlock()
        if resume, let c = connection { MHD_resume_connection(c) }
    }

    /// Called on the MHD thread after `handle` returned (or after a resume): the answer, or nil
    /// after suspending the connection until `respond` is called.
    func takeOrSuspend() -> HTTPResponse? {
        lock.lock()
        defer { lock.unlock() }
        if let p = pending { pending = nil; return p }
        if !suspended, let c = connection {
            suspended = true
            MHD_suspend_connection(c)
        }
        return nil
    }

    /// NOTIFY_COMPLETED: later answers are dropped.
    func finish() {
        lock.withLock { finished = true; pending = nil }
    }
}

/// Context of an event-stream response's content reader; retained by the MHD response.
final class StreamReader: @unchecked Sendable {
    let stream: EventStream
    let connection: OpaquePointer

    init(stream: EventStream, connection: OpaquePointer) {
        self.stream = stream
        self.connection = connection
    }
}

/// Context of a byte-stream response's content reader; retained by the MHD response.
final class ByteStreamReader: @unchecked Sendable {
    let stream: ByteStream
    let connection: OpaquePointer

    init(stream: ByteStream, connection: OpaquePointer) {
        self.stream = stream
        self.connection = connection
    }
}
