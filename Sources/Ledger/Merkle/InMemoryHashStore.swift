/// A log's stored hashes held in an array: for tests, for replaying a log into memory, and as
/// the model that durable stores (a SQLite table keyed by stored hash index) follow.
///
/// Not thread-safe: confine an instance to one task or guard it.
public final class InMemoryHashStore: HashReader {
    /// Every stored hash, in stored-hash-index order: `hashes[i]` is at stored hash index `i`.
    public private(set) var hashes: [Hash] = []

    /// The number of leaves appended so far (the current tree size).
    public private(set) var size: Int64 = 0

    /// Creates an empty log.
    public init() {}

    /// Appends a leaf by its data and returns its 0-based index.
    @discardableResult
    public func append(leafData: [UInt8]) throws -> Int64 {
        try append(leafHash: Merkle.leafHash(leafData))
    }

    /// Appends a leaf by its leaf hash and returns its 0-based index.
    /// - Throws: `LedgerError(.badEncoding)` once the log holds `Merkle.maxTreeSize` leaves.
    @discardableResult
    public func append(leafHash: Hash) throws -> Int64 {
        let n = size
        let new = try Merkle.storedHashes(n: n, leafHash: leafHash, reader: self)
        precondition(Int64(hashes.count) == Merkle.storedHashIndex(level: 0, n: n),
                     "ledger: stored hashes out of step with the tree size")
        hashes.append(contentsOf: new)
        size = n + 1
        return n
    }

    /// The root hash of the tree of the first `size` leaves (default: all of them).
    /// - Throws: `LedgerError(.notFound)` for a size beyond the log, `.badEncoding` if negative.
    public func treeHash(size: Int64? = nil) throws -> Hash {
        try Merkle.treeHash(size: size ?? self.size, reader: self)
    }

    /// Returns the hashes at `indexes`, in order.
    /// - Throws: `LedgerError(.notFound)` if an index has not been stored.
    public func readHashes(_ indexes: [Int64]) throws -> [Hash] {
        try indexes.map { index in
            guard index >= 0, index < Int64(hashes.count) else {
                throw LedgerError(.notFound, "merkle: no stored hash at index \(index) (have \(hashes.count))")
            }
            return hashes[Int(index)]
        }
    }
}
