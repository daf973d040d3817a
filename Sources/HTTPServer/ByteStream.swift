import Foundation

/// A response body made on demand, chunk by chunk, so a large download (a CSV export of a
/// million rows) needs memory for one chunk, not for the whole body.
///
/// The server pulls: when the client has taken everything buffered, the next chunk is asked of
/// the producer on a background queue (never on a server worker thread) while the connection is
/// suspended; a client that reads slowly is simply asked less often. At most one chunk is
/// buffered and one being made at any time. The producer is called serially, never twice at once.
public final class ByteStream: @unchecked Sendable {
    /// Returns the next chunk, nil at the end; throws to abort the response (the client sees a
    /// truncated chunked body). An empty chunk is allowed and means "nothing yet, ask again".
    public typealias Producer = @Sendable () throws -> [UInt8]?

    private let producer: Producer
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var offset = 0
    private var fetching = false
    private var ended = false
    private var failed = false
    private var cancelled = false
    private var finishFired = false
    private var waker: (@Sendable () -> Void)?
    private var onFinish: (@Sendable (_ completed: Bool) -> Void)?

    /// Creates a stream pulling from `producer`.
    /// - Parameter onFinish: called once when the stream ends (`true` after the producer's nil),
    ///   fails, is cancelled or the client goes away (`false`): release what the producer holds.
    public init(onFinish: (@Sendable (_ completed: Bool) -> Void)? = nil, _ producer: @escaping Producer) {
        self.producer = producer
        self.onFinish = onFinish
        self.queue = DispatchQueue(label: "kippu.bytestream", qos: .utility)
    }

    /// Pulls every chunk now, on the calling thread (for in-process clients and tests).
    /// - Throws: what the producer threw.
    public func collect() throws -> [UInt8] {
        var out: [UInt8] = []
        do {
            while let chunk = try producer() { out += chunk }
        } catch {
            fireFinish(false)
            throw error
        }
        fireFinish(true)
        return out
    }

    /// Stops the stream: the producer is not called again and a waiting connection is woken to
    /// end with an error (server shutdown).
    public func cancel() {
        lock.lock()
        cancelled = true
        buffer = []
        let w = waker
        waker = nil
        lock.unlock()
        w?()
        fireFinish(false)
    }

    // MARK: server side

    /// The client went away: stop without waking anything (the connection is being freed).
    func clientGone() {
        lock.withLock {
            cancelled = true
            buffer = []
            waker = nil
        }
        fireFinish(false)
    }

    /// Copies up to `max` buffered bytes into `buffer`. Returns the count, -1 at the end of the
    /// stream, -2 when it failed or was cancelled, or 0 after calling `suspend` (under the lock)
    /// and remembering `wake`, called once when the next chunk is ready.
    func read(into out: UnsafeMutableRawPointer, max: Int, suspend: () -> Void,
              wake: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        if cancelled || failed {
            lock.unlock()
            fireFinish(false)
            return -2
        }
        if offset < buffer.count {
            let n = min(max, buffer.count - offset)
            buffer.withUnsafeBytes { src in out.copyMemory(from: src.baseAddress! + offset, byteCount: n) }
            offset += n
            if offset == buffer.count {
                buffer = []
                offset = 0
                if !ended { startFetch() }   // make the next chunk while this one is sent
            }
            lock.unlock()
            return n
        }
        if ended {
            lock.unlock()
            fireFinish(true)
            return -1
        }
        if !fetching { startFetch() }
        waker = wake
        suspend()
        lock.unlock()
        return 0
    }

    /// Asks the producer for the next chunk on the stream's queue. Called under `lock`.
    private func startFetch() {
        fetching = true
        queue.async { [self] in
            var chunk: [UInt8]?
            var threw = false
            do {
                repeat { chunk = try producer() } while chunk?.isEmpty == true && !isCancelled
            } catch {
                // The producer reports its own failures; the client sees a truncated body.
                threw = true
            }
            lock.lock()
            fetching = false
            if cancelled { buffer = [] } else if threw { failed = true } else if let chunk { buffer = chunk; offset = 0 } else { ended = true }
            let w = waker
            waker = nil
            lock.unlock()
            w?()
        }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    private func fireFinish(_ completed: Bool) {
        let callback: (@Sendable (Bool) -> Void)? = lock.withLock {
            if finishFired { return nil }
            finishFired = true
            defer { onFinish = nil }
            return onFinish
        }
        callback?(completed)
    }
}
