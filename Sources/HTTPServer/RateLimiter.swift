import Foundation

/// Token buckets per key (e.g. client IP): `burst` tokens, refilled at `perMinute` per minute.
/// Memory is bounded by `maxKeys`: full buckets are forgotten first (they carry no state),
/// then the least recently seen.
public final class RateLimiter: @unchecked Sendable {
    private struct Bucket { var tokens: Double; var last: Int64 }

    private let perMs: Double
    private let burst: Double
    private let maxKeys: Int
    private let now: @Sendable () -> Int64
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    /// - Parameter now: milliseconds from any fixed origin (injected so tests control time).
    public init(perMinute: Int, burst: Int, maxKeys: Int = 100_000, now: @escaping @Sendable () -> Int64) {
        self.perMs = Double(max(1, perMinute)) / 60_000
        self.burst = Double(max(1, burst))
        self.maxKeys = max(1, maxKeys)
        self.now = now
    }

    /// Takes a token for `key`: nil if allowed, else whole seconds until one is available (for Retry-After).
    public func take(_ key: String) -> Int? {
        let t = now()
        return lock.withLock {
            var b = buckets[key] ?? {
                if buckets.count >= maxKeys { evict(at: t) }
                return Bucket(tokens: burst, last: t)
            }()
            b.tokens = min(burst, b.tokens + Double(max(0, t - b.last)) * perMs)
            b.last = max(b.last, t)
            if b.tokens >= 1 {
                b.tokens -= 1
                buckets[key] = b
                return nil
            }
            buckets[key] = b
            return max(1, Int(((1 - b.tokens) / perMs / 1000).rounded(.up)))
        }
    }

    /// Number of keys currently tracked.
    public var keyCount: Int { lock.withLock { buckets.count } }

    private func evict(at t: Int64) {
        buckets = buckets.filter { min(burst, $0.value.tokens + Double(max(0, t - $0.value.last)) * perMs) < burst }
        if buckets.count >= maxKeys {
            let keep = buckets.sorted { $0.value.last > $1.value.last }.prefix(maxKeys * 9 / 10)
            buckets = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }
}
