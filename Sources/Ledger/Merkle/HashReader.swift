/// Read access to the log's stored hashes: the one storage dependency of `Merkle`.
///
/// A hash is addressed by its stored hash index (see `Merkle.storedHashIndex(level:n:)`), so
/// a store is a table keyed by one integer. `Merkle` asks for O(log n) hashes per call, in a
/// single call, sorted ascending for the root and for stored-hash updates.
public protocol HashReader {
    /// Returns the hashes stored at `indexes`: exactly one per index, in the same order.
    ///
    /// - Throws: if any index is not stored (`InMemoryHashStore` throws
    ///   `LedgerError(.notFound)`), or on I/O failure. A reader that returns a different number
    ///   of hashes makes the calling `Merkle` function throw `LedgerError(.notFound)`.
    func readHashes(_ indexes: [Int64]) throws -> [Hash]
}
