import CSodium
import Foundation

/// A source of random bytes; injected so tests can be deterministic.
public protocol RandomSource: Sendable {
    /// Returns `count` random bytes.
    func bytes(count: Int) -> [UInt8]
}

/// The operating system's CSPRNG via libsodium's `randombytes_buf`.
public struct SystemRandom: RandomSource {
    /// Creates the source.
    public init() {}

    public func bytes(count: Int) -> [UInt8] {
        Sodium.ensure()
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
        return out
    }
}

/// A deterministic source for tests: SHA-256 in counter mode over a seed. Not for secrets.
public final class SeededRandom: RandomSource, @unchecked Sendable {
    private let seed: [UInt8]
    private var counter: UInt64 = 0
    private let lock = NSLock()

    /// Creates a stream from an arbitrary seed string.
    public init(seed: String) { self.seed = Array(seed.utf8) }

    public func bytes(count: Int) -> [UInt8] {
        lock.withLock {
            var out: [UInt8] = []
            out.reserveCapacity(count + 32)
            while out.count < count {
                var c = counter.bigEndian
                let cb = withUnsafeBytes(of: &c) { Array($0) }
                out += SHA256.hash(seed, cb)
                counter += 1
            }
            return Array(out.prefix(count))
        }
    }
}
