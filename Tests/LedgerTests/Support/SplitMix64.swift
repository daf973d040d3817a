/// SplitMix64: a small deterministic PRNG for seeded, reproducible tests.
struct SplitMix64: RandomNumberGenerator {
    private(set) var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (the modulo bias is irrelevant here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func between(_ lo: Int64, _ hi: Int64) -> Int64 { lo + Int64(next() % UInt64(hi - lo + 1)) }
    /// True with probability `percent`/100.
    mutating func percent(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
