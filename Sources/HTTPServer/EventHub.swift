import Foundation

/// Broadcasts events to every `EventStream` subscribed to a topic, with periodic heartbeat comments
/// so proxies keep the connections open and the server notices clients that went away.
public final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var topics: [String: [ObjectIdentifier: EventStream]] = [:]
    private let heartbeatSeconds: Double
    private var timer: DispatchSourceTimer?

    /// - Parameter heartbeatSeconds: interval of ": heartbeat" comments; 0 = none.
    public init(heartbeatSeconds: Double = 15) {
        self.heartbeatSeconds = heartbeatSeconds
    }

    deinit { timer?.cancel() }

    /// A new stream on `topic`; it unsubscribes itself when closed.
    public func subscribe(_ topic: String) -> EventStream {
        let stream = EventStream()
        let id = ObjectIdentifier(stream)
        lock.withLock {
            topics[topic, default: [:]][id] = stream
            startTimerIfNeeded()
        }
        stream.addCloseHook { [weak self] in self?.remove(topic, id) }
        return stream
    }

    /// A new stream on `topic` that first carries `greeting` (a comment) and the events `backlog`
    /// returns (e.g. what a reconnecting client missed). The stream subscribes before `backlog`
    /// runs, so an event published meanwhile is never lost; it may come twice, so give events
    /// ids that clients can drop repeats by.
    public func subscribe(_ topic: String, greeting: String, backlog: () -> [(event: String, id: String, data: String)]) -> EventStream {
        let stream = subscribe(topic)
        stream.comment(greeting)
        for e in backlog() { stream.send(event: e.event, id: e.id, data: e.data) }
        return stream
    }

    /// Sends an event to every subscriber of `topic`.
    public func publish(_ topic: String, event: String? = nil, id: String? = nil, data: String) {
        let streams = lock.withLock { topics[topic].map { Array($0.values) } ?? [] }
        for s in streams { s.send(event: event, id: id, data: data) }
    }

    /// Open subscriptions on `topic`.
    public func subscriberCount(_ topic: String) -> Int {
        lock.withLock { topics[topic]?.count ?? 0 }
    }

    /// Closes every stream (shutdown).
    public func closeAll() {
        let all = lock.withLock { topics.values.flatMap { $0.values } }
        for s in all { s.close() }
    }

    private func remove(_ topic: String, _ id: ObjectIdentifier) {
        lock.withLock {
            topics[topic]?[id] = nil
            if topics[topic]?.isEmpty == true { topics[topic] = nil }
        }
    }

    private func startTimerIfNeeded() {
        guard timer == nil, heartbeatSeconds > 0 else { return }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + heartbeatSeconds, repeating: heartbeatSeconds, leeway: .milliseconds(100))
        t.setEventHandler { [weak self] in self?.heartbeat() }
        t.resume()
        timer = t
    }

    private func heartbeat() {
        let all = lock.withLock { topics.values.flatMap { $0.values } }
        for s in all { s.comment("heartbeat") }
    }
}
