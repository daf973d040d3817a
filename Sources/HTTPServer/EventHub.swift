import Foundation

/// Topic → subscribers broadcaster for server-sent events, with periodic heartbeats so dead
/// connections are noticed.
public final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var topics: [String: [ObjectIdentifier: EventStream]] = [:]
    private var timer: DispatchSourceTimer?

    /// - Parameter heartbeatSeconds: interval of the `: ping` comment sent to every subscriber.
    public init(heartbeatSeconds: Double = 15) {
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        t.schedule(deadline: .now() + heartbeatSeconds, repeating: heartbeatSeconds)
        t.setEventHandler { [weak self] in self?.heartbeat() }
        t.resume()
        timer = t
    }

    deinit { timer?.cancel() }

    /// A new stream subscribed to `topic`; it unsubscribes itself when closed.
    public func subscribe(_ topic: String) -> EventStream {
        let stream = EventStream()
        let id = ObjectIdentifier(stream)
        lock.withLock { topics[topic, default: [:]][id] = stream }
        stream.onClose = { [weak self] in
            guard let self else { return }
            self.lock.withLock {
                self.topics[topic]?[id] = nil
                if self.topics[topic]?.isEmpty == true { self.topics[topic] = nil }
            }
        }
        return stream
    }

    /// Sends an event to every subscriber of `topic`.
    public func publish(_ topic: String, event: String? = nil, id: String? = nil, data: String) {
        let streams = lock.withLock { Array(topics[topic]?.values ?? [:].values) }
        for s in streams { s.send(event: event, id: id, data: data) }
    }

    /// How many streams are subscribed to `topic`.
    public func subscriberCount(_ topic: String) -> Int { lock.withLock { topics[topic]?.count ?? 0 } }

    /// Closes every stream (server shutdown).
    public func closeAll() {
        timer?.cancel()
        let all = lock.withLock { topics.values.flatMap { Array($0.values) } }
        for s in all { s.close() }
    }

    private func heartbeat() {
        let all = lock.withLock { topics.values.flatMap { Array($0.values) } }
        for s in all { s.comment("ping") }
    }
}
