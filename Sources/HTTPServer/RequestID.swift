import Foundation

/// Request ids: a random per-process prefix and a counter, e.g. "3f9a1c-000042". Never taken from the client.
enum RequestID {
    private static let prefix: String = {
        var g = SystemRandomNumberGenerator()
        return String(format: "%06x", UInt32.random(in: 0..<0x1000000, using: &g))
    }()
    nonisolated(unsafe) private static var counter: UInt64 = 0
    private static let lock = NSLock()

    static func next() -> String {
        let n = lock.withLock { counter += 1; return counter }
        let digits = String(n)
        return prefix + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
