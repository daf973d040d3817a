/// The stored-hash layout: where each hash of the log lives in a flat, append-only array.
///
/// Every complete subtree of the log is named by its coordinates `(level, n)`: the `n`-th
/// subtree of 2^level leaves, covering leaves [n·2^level, (n+1)·2^level). Level 0 holds the leaf
/// hashes. Each coordinate maps to one integer, its *stored hash index*, in the order the hashes
/// become known while leaves are appended (Crosby and Wallach, "Efficient Data Structures for
/// Tamper-Evident Logging", §3.3; Go's tlog uses the same numbering): appending leaf `n` stores
/// its leaf hash at `storedHashIndex(level: 0, n: n)`, followed by the hash of each subtree that
/// leaf completes, smallest first. For leaves 0…3 the array reads
///
///     index:  0       1       2         3       4       5         6         ...
///     hash:   leaf 0  leaf 1  (1,0)     leaf 2  leaf 3  (1,1)     (2,0)     ...
///
/// so storage is a table keyed by an integer that only ever grows at the end, and the first
/// `storedHashCount(n:)` rows describe the tree of size `n` completely.
extension Merkle {
    /// The stored hash index of the complete subtree `(level, n)`.
    ///
    /// - Precondition: `0 <= level <= 62`, `n >= 0`, and the subtree lies within
    ///   `maxTreeSize` leaves; callers compute these from validated sizes.
    public static func storedHashIndex(level: Int, n: Int64) -> Int64 {
        precondition(level >= 0 && level <= 62 && n >= 0 && n < maxTreeSize >> level,
                     "ledger: storedHashIndex(level: \(level), n: \(n)) out of range")
        // Level L's n-th hash is written right after level L-1's (2n+1)-th hash, which is
        // written right after the leaf that ends the subtree: walk down to that leaf.
        var leaf = n
        for _ in 0..<level { leaf = 2 * leaf + 1 }
        // Leaf m is written at m + m/2 + m/4 + … (one hash per subtree completed before it).
        var index: Int64 = 0
        while leaf > 0 {
            index += leaf
            leaf >>= 1
        }
        // Then come the `level` subtrees this leaf completes, the last of them ours.
        return index + Int64(level)
    }

    /// The inverse of `storedHashIndex(level:n:)`: the subtree coordinates stored at `index`.
    ///
    /// - Precondition: `0 <= index < Int64.max` (an index a valid tree can hold).
    public static func splitStoredHashIndex(_ index: Int64) -> (level: Int, n: Int64) {
        precondition(index >= 0 && index < Int64.max, "ledger: splitStoredHashIndex(\(index)) out of range")
        // storedHashIndex(0, m) <= 2m, so the leaf written at or before `index` is at least
        // index/2, and at most log₂(index) further on.
        var leaf = index / 2
        var leafIndex = storedHashIndex(level: 0, n: leaf)
        guard leafIndex <= index else { preconditionFailure("ledger: bad math in splitStoredHashIndex") }
        while true {
            // Leaf m is followed by trailingZeros(m+1) subtree hashes, then by leaf m+1.
            let next = leafIndex + 1 + Int64((leaf + 1).trailingZeroBitCount)
            if next > index { break }
            leaf += 1
            leafIndex = next
        }
        // The hash was stored with `leaf`: it is (0, leaf), (1, leaf/2), (2, leaf/4), …
        let level = Int(index - leafIndex)
        return (level, leaf >> level)
    }

    /// The number of stored hashes a log of `n` leaves holds: the first
    /// `storedHashCount(n:)` stored hash indexes, 0 ..< count. `storedHashCount(n: 0) == 0`.
    ///
    /// - Throws: `LedgerError(.badEncoding)` if `n` is negative or above `maxTreeSize`.
    public static func storedHashCount(n: Int64) throws -> Int64 {
        try requireSize(n, "storedHashCount")
        if n == 0 { return 0 }
        // Everything up to the last leaf hash, then the subtrees that leaf completes
        // (one per trailing 1 bit of n-1, that is, per trailing 0 bit of n).
        return storedHashIndex(level: 0, n: n - 1) + 1 + Int64(n.trailingZeroBitCount)
    }

    /// The hashes to append to storage when appending leaf `n` (0-based) with data `leafData`.
    ///
    /// They belong at stored hash indexes `storedHashIndex(level: 0, n: n)` onward, one after
    /// the other; there are `1 + trailingZeros(n + 1)` of them (under two on average).
    /// - Throws: `LedgerError(.badEncoding)` if `n` is negative or `n + 1` is above
    ///   `maxTreeSize`; whatever `reader` throws.
    public static func storedHashes(n: Int64, leafData: [UInt8], reader: some HashReader) throws -> [Hash] {
        try storedHashes(n: n, leafHash: leafHash(leafData), reader: reader)
    }

    /// Like `storedHashes(n:leafData:reader:)`, for a leaf whose `leafHash` is already known.
    ///
    /// Reads the `trailingZeros(n + 1)` left siblings of the subtrees this leaf completes
    /// (at most log₂ n hashes) in one `readHashes` call.
    public static func storedHashes(n: Int64, leafHash: Hash, reader: some HashReader) throws -> [Hash] {
        guard n >= 0, n < maxTreeSize else {
            throw LedgerError(.badEncoding, "merkle: storedHashes: leaf index \(n) out of range")
        }
        // Each trailing 1 bit of n closes a subtree whose left half is already stored.
        let m = (n + 1).trailingZeroBitCount
        var indexes = [Int64](repeating: 0, count: m)
        for i in 0..<m {
            // Sorted ascending; n >> i is odd, so its left sibling is (n >> i) - 1.
            indexes[m - 1 - i] = storedHashIndex(level: i, n: (n >> i) - 1)
        }
        let siblings = try read(indexes, from: reader)
        var hashes = [leafHash]
        var h = leafHash
        for i in 0..<m {
            h = nodeHash(siblings[m - 1 - i], h)
            hashes.append(h)
        }
        return hashes
    }
}
