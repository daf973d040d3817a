import Foundation

/// One server-sent-events connection (WHATWG HTML §9.2): handlers keep it and `send` events;
/// the server writes them out as they come and suspends the connection while there are none.
public final class EventStream: @unchecked Sendable {
    /// How many events may wait for a slow client before the stream is closed.
    public let bufferLimit: Int

    private let cond = NSCondition()
    private var chunks: [[UInt8]] = []
    private var offset = 0               // bytes of chunks[0] already handed out
    private var closed = false
    private var closeFired = false
    private var waker: (@Sendable () -> Void)?
    private var _onClose: (@Sendable () -> Void)?
    private var hooks: [@Sendable () -> Void] = []

    /// Creates an open stream buffering at most `bufferLimit` events for a slow client.
    public init(bufferLimit: Int = 256) {
        self.bufferLimit = max(1, bufferLimit)
    }

    /// Sends one event; multi-line `data` becomes several `data:` lines. Ignored once closed.
    public func send(event: String? = nil, id: String? = nil, data: String) {
        var text = ""
        if let event { text += "event: \(Self.oneLine(event))\n" }
        if let id { text += "id: \(Self.oneLine(id))\n" }
        let normalized = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        text += "\n"
        enqueue(Array(text.utf8))
    }

    /// Sends a comment line (": text"), used as a heartbeat; clients ignore it.
    public func comment(_ text: String) {
        enqueue(Array(": \(Self.oneLine(text))\n\n".utf8))
    }

    /// Closes the stream: what is buffered is still delivered, then the response ends.
    public func close() {
        finish(dropBuffered: false)
    }

    /// Whether the stream was closed (by `close()`, the client, overflow or server shutdown).
    public var isClosed: Bool { cond.withLock { closed } }

    /// Called once when the client goes away or the stream is closed.
    public var onClose: (@Sendable () -> Void)? {
        get { cond.withLock { _onClose } }
        set {
            cond.lock()
            if closeFired, let newValue {
                cond.unlock()
                newValue()   // already closed: tell the late subscriber at once
                return
            }
            _onClose = newValue
            cond.unlock()
        }
    }

    /// Takes everything buffered so far without waiting (for in-process tests).
    public func takeBuffered() -> [UInt8] {
        cond.withLock {
            var out: [UInt8] = []
            for (i, c) in chunks.enumerated() { out += i == 0 ? Array(c[offset...]) : c }
            chunks.removeAll()
            offset = 0
            return out
        }
    }

    /// Waits up to `timeout` seconds for buffered bytes and takes them; nil when closed and drained or on timeout.
    public func next(timeout: Double) -> [UInt8]? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        cond.lock()
        while chunks.isEmpty && !closed {
            if !cond.wait(until: deadline) { break }
        }
        let empty = chunks.isEmpty
        cond.unlock()
        return empty ? nil : takeBuffered()
    }

    // MARK: server side

    /// Registers an internal close hook (EventHub) that does not take the user's `onClose`.
    func addCloseHook(_ hook: @escaping @Sendable () -> Void) {
        cond.lock()
        if closeFired { cond.unlock(); hook(); return }
        hooks.append(hook)
        cond.unlock()
    }

    /// The client went away: drop what is buffered and close.
    func clientGone() {
        finish(dropBuffered: true)
    }

    /// Copies up to `max` buffered bytes into `buffer`. Returns the count, -1 at the end of the
    /// stream, or 0 after calling `suspend` (under the stream lock) and remembering `wake`, which
    /// is called once when there is something to read.
    func read(into buffer: UnsafeMutableRawPointer, max: Int, suspend: () -> Void,
              wake: @escaping @Sendable () -> Void) -> Int {
        cond.lock()
        defer { cond.unlock() }
        if chunks.isEmpty {
            if closed { return -1 }
            waker = wake
            suspend()
            return 0
        }
        var written = 0
        while written < max, !chunks.isEmpty {
            let c = chunks[0]
            let n = min(max - written, c.count - offset)
            c.withUnsafeBytes { src in
                (buffer + written).copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
            written += n
            offset += n
            if offset == c.count { chunks.removeFirst(); offset = 0 }
        }
        return written
    }

    private func enqueue(_ bytes: [UInt8]) {
        cond.lock()
        if closed { cond.unlock(); return }
        if chunks.count >= bufferLimit {
            cond.unlock()
            finish(dropBuffered: false)   // slow client: stop feeding it
            return
        }
        chunks.append(bytes)
        let w = waker
        waker = nil
        cond.broadcast()
        cond.unlock()
        w?()
    }

    private func finish(dropBuffered: Bool) {
        cond.lock()
        if dropBuffered { chunks.removeAll(); offset = 0 }
        let w = waker
        waker = nil
        var callbacks: [@Sendable () -> Void] = []
        if !closeFired {
            closeFired = true
            closed = true
            callbacks = hooks + (_onClose.map { [$0] } ?? [])
            hooks = []
            _onClose = nil
        }
        cond.broadcast()
        cond.unlock()
        w?()
        for c in callbacks { c() }
    }

    private static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
