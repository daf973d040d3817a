import Foundation

/// A source of the current time in milliseconds since the Unix epoch; injected so validation
/// and tests never read the wall clock themselves.
public protocol Clock: Sendable {
    /// Now, in ms since the epoch (UTC).
    func now() -> Int64
}

/// The machine's clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// A clock that only moves when told to (tests, demo seeding, replays).
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64
    /// Starts at `start` ms.
    public init(_ start: Int64) { value = start }
    public func now() -> Int64 { lock.withLock { value } }
    /// Sets the time.
    public func set(_ ms: Int64) { lock.withLock { value = ms } }
    /// Moves the time forward by `ms`.
    public func advance(_ ms: Int64) { lock.withLock { value += ms } }
}
