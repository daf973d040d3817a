import Crypto

/// The append-only Merkle log of PROTOCOL §3: RFC 9162 §2.1 (identical to RFC 6962 §2.1),
/// ported from the structure of Go's `golang.org/x/mod/sumdb/tlog`.
///
/// Everything here is pure: stored hashes come in through a `HashReader`, and every function
/// that needs them makes a single `readHashes` call for O(log n) of them. The pieces are
/// - hashing (`leafHash`, `nodeHash`, `emptyTreeHash`), this file;
/// - the stored-hash layout (`storedHashIndex`, `storedHashes`, …), `Merkle+Storage.swift`;
/// - tree roots (`treeHash`), this file;
/// - inclusion proofs (`proveInclusion` / `checkInclusion`), `Merkle+Inclusion.swift`;
/// - consistency proofs (`proveConsistency` / `checkConsistency`), `Merkle+Consistency.swift`.
///
/// RFC 9162 §2.1.1 defines the tree hash over an ordered list `D_n = {d[0], …, d[n-1]}`:
///
///     The hash of an empty list is the hash of an empty string:
///        MTH({}) = HASH().
///     The hash of a list with one entry (also known as a leaf hash) is:
///        MTH({d[0]}) = HASH(0x00 || d[0]).
///     For n > 1, let k be the largest power of two smaller than n (i.e., k < n <= 2k).
///     The Merkle Tree Hash of an n-element list D_n is then defined recursively as
///        MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])),
///
/// with HASH = SHA-256 here.
public enum Merkle {
    /// The largest tree size (in leaves) this code accepts: 2^62. At that size the stored-hash
    /// count is exactly `Int64.max`, so no index computation can overflow.
    public static let maxTreeSize: Int64 = 1 << 62

    /// A leaf hash, RFC 9162 §2.1.1: `MTH({d[0]}) = HASH(0x00 || d[0])`.
    ///
    /// The 0x00 prefix (against 0x01 for nodes) is the domain separation that stops an
    /// interior node's 64-byte input from passing as a leaf (second-preimage resistance).
    /// - Parameter leafData: the leaf input; in Kippu, JCS(envelope) (PROTOCOL §3).
    public static func leafHash(_ leafData: [UInt8]) -> Hash {
        // leaf = SHA-256(0x00 || d[0]), RFC 9162 §2.1.1
        Hash(digest: SHA256.hash([0x00], leafData))
    }

    /// An interior node hash, RFC 9162 §2.1.1:
    /// `MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))`.
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        // node = SHA-256(0x01 || left || right), RFC 9162 §2.1.1
        var input: [UInt8] = [0x01]
        input.reserveCapacity(1 + 2 * Hash.byteCount)
        input.append(contentsOf: left.bytes)
        input.append(contentsOf: right.bytes)
        return Hash(digest: SHA256.hash(input))
    }

    /// The root of the empty tree, RFC 9162 §2.1.1: `MTH({}) = HASH()`, the SHA-256 of the
    /// empty string (`e3b0c442…b855`). Go's tlog uses all zeros instead; RFC 9162 rules here.
    public static let emptyTreeHash = Hash(digest: SHA256.hash([]))

    /// The root hash of the tree holding the first `size` leaves of the log.
    ///
    /// Reads at most 1 + log₂(size) stored hashes in one `readHashes` call (none for size 0).
    /// - Throws: `LedgerError(.badEncoding)` if `size` is negative or above `maxTreeSize`;
    ///   whatever `reader` throws (`InMemoryHashStore` throws `.notFound` past its end).
    public static func treeHash(size: Int64, reader: some HashReader) throws -> Hash {
        try requireSize(size, "treeHash")
        if size == 0 { return emptyTreeHash }
        let indexes = subtreeIndexes(0, size, into: [])
        var hashes = try read(indexes, from: reader)[...]
        let root = subtreeHash(0, size, &hashes)
        guard hashes.isEmpty else { preconditionFailure("ledger: bad index math in treeHash") }
        return root
    }

    // Internals shared by the extensions in the other Merkle files.

    /// Throws unless `0 <= size <= maxTreeSize`.
    static func requireSize(_ size: Int64, _ what: String) throws {
        guard size >= 0, size <= maxTreeSize else {
            throw LedgerError(.badEncoding, "merkle: \(what): tree size \(size) out of range")
        }
    }

    /// k = the largest power of two strictly smaller than `n` (RFC 9162's split point); n >= 2.
    static func largestPowerOfTwo(below n: Int64) -> Int64 {
        precondition(n >= 2, "ledger: bad math in largestPowerOfTwo(below:)")
        return 1 << (63 - (n - 1).leadingZeroBitCount)
    }

    /// The largest power of two that is at most `n`, with its log₂; n >= 1.
    static func largestPowerOfTwo(atMost n: Int64) -> (k: Int64, level: Int) {
        precondition(n >= 1, "ledger: bad math in largestPowerOfTwo(atMost:)")
        let level = 63 - n.leadingZeroBitCount
        return (1 << level, level)
    }

    /// Reads `indexes` through `reader` and insists on one hash per index.
    static func read(_ indexes: [Int64], from reader: some HashReader) throws -> [Hash] {
        if indexes.isEmpty { return [] }
        let hashes = try reader.readHashes(indexes)
        guard hashes.count == indexes.count else {
            throw LedgerError(.notFound,
                              "merkle: hash reader returned \(hashes.count) hashes for \(indexes.count) indexes")
        }
        return hashes
    }

    /// Appends the stored-hash indexes needed to compute MTH(D[lo:hi]).
    ///
    /// [lo, hi) splits into complete subtrees of decreasing size (the largest power of two
    /// that fits, then the rest), each of which is one stored hash. `lo` must be aligned.
    static func subtreeIndexes(_ lo: Int64, _ hi: Int64, into need: [Int64]) -> [Int64] {
        var need = need
        var lo = lo
        while lo < hi {
            let (k, level) = largestPowerOfTwo(atMost: hi - lo)
            guard lo & (k - 1) == 0 else { preconditionFailure("ledger: bad math in subtreeIndexes") }
            need.append(storedHashIndex(level: level, n: lo >> level))
            lo += k
        }
        return need
    }

    /// Computes MTH(D[lo:hi]) from the front of `hashes`, which must hold the hashes for
    /// `subtreeIndexes(lo, hi)`, and removes the ones it used.
    static func subtreeHash(_ lo: Int64, _ hi: Int64, _ hashes: inout ArraySlice<Hash>) -> Hash {
        var count = 0
        var at = lo
        while at < hi {
            at += largestPowerOfTwo(atMost: hi - at).k
            count += 1
        }
        guard count >= 1, hashes.count >= count else {
            preconditionFailure("ledger: bad index math in subtreeHash")
        }
        // The complete subtrees are left-to-right and shrinking, so the tree over them leans
        // right: fold from the last one.
        let parts = hashes.prefix(count)
        hashes = hashes.dropFirst(count)
        var h = parts[parts.endIndex - 1]
        for i in stride(from: parts.endIndex - 2, through: parts.startIndex, by: -1) {
            h = nodeHash(parts[i], h)
        }
        return h
    }
}
