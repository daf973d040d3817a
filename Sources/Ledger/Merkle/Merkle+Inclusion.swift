/// An inclusion proof: the RFC 9162 §2.1.3 audit path for one leaf in a tree of a given size
/// (RFC 6962 §2.1.1 "Merkle audit path"; Go's tlog `RecordProof`). On the wire (PROTOCOL §3)
/// it is a JSON array of base64url hashes, in this order: nearest the leaf first.
public typealias InclusionProof = [Hash]

/// Inclusion proofs, RFC 9162 §2.1.3.
///
/// RFC 9162 §2.1.3.1:
///
///     Given an ordered list of n inputs to the tree, D_n = {d[0], d[1], ..., d[n-1]}, the
///     Merkle audit path PATH(m, D_n) for the (m+1)th input d[m], 0 <= m < n, is defined as
///     follows:
///     The path for the single leaf in a tree with a one-element input list D_1 = {d[0]} is
///     empty:
///        PATH(0, {d[0]}) = {}
///     For n > 1, let k be the largest power of two smaller than n. The path for the (m+1)th
///     element d[m] in a list of n > m elements is then defined recursively as
///        PATH(m, D_n) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k; and
///        PATH(m, D_n) = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k,
///     where the : operator and D[k1:k2] are defined the same as in Section 2.1.1.
extension Merkle {
    /// The inclusion proof (audit path) that leaf `index` is in the tree of the first `size`
    /// leaves: `PATH(index, D_size)` of RFC 9162 §2.1.3.1, byte for byte.
    ///
    /// Reads at most about 2·log₂(size) stored hashes, in one `readHashes` call.
    /// - Throws: `LedgerError(.badEncoding)` unless `0 <= index < size <= maxTreeSize`;
    ///   whatever `reader` throws (`InMemoryHashStore`: `.notFound` beyond its end).
    public static func proveInclusion(index: Int64, size: Int64, reader: some HashReader) throws -> InclusionProof {
        guard size >= 1, size <= maxTreeSize, index >= 0, index < size else {
            throw LedgerError(.badEncoding, "merkle: inclusion proof needs 0 <= index < size, got index \(index), size \(size)")
        }
        let indexes = inclusionIndexes(0, size, index, into: [])
        var hashes = try read(indexes, from: reader)[...]
        let proof = inclusionProof(0, size, index, &hashes)
        guard hashes.isEmpty else { preconditionFailure("ledger: bad index math in proveInclusion") }
        return proof
    }

    /// Whether `proof` shows that the tree of `size` leaves with root `root` holds `leafHash`
    /// at `index`.
    ///
    /// Returns false, never traps or throws, for any hostile input: an impossible index or size,
    /// a proof that is too short, too long, or has a wrong element. Equivalent to the
    /// verification algorithm of RFC 9162 §2.1.3.2.
    public static func checkInclusion(proof: InclusionProof, size: Int64, root: Hash, index: Int64, leafHash: Hash) -> Bool {
        guard size >= 1, size <= maxTreeSize, index >= 0, index < size else { return false }
        guard let computed = runInclusionProof(proof, proof.count, 0, size, index, leafHash) else { return false }
        return computed == root
    }

    /// The stored-hash indexes `inclusionProof` needs for leaf `n` in subtree [lo, hi).
    static func inclusionIndexes(_ lo: Int64, _ hi: Int64, _ n: Int64, into need: [Int64]) -> [Int64] {
        guard lo <= n, n < hi else { preconditionFailure("ledger: bad math in inclusionIndexes") }
        if lo + 1 == hi { return need }
        let k = largestPowerOfTwo(below: hi - lo)
        if n < lo + k {
            return subtreeIndexes(lo + k, hi, into: inclusionIndexes(lo, lo + k, n, into: need))
        } else {
            return inclusionIndexes(lo + k, hi, n, into: subtreeIndexes(lo, lo + k, into: need))
        }
    }

    /// PATH(n - lo, D[lo:hi]), consuming the hashes `inclusionIndexes(lo, hi, n)` named.
    static func inclusionProof(_ lo: Int64, _ hi: Int64, _ n: Int64, _ hashes: inout ArraySlice<Hash>) -> [Hash] {
        guard lo <= n, n < hi else { preconditionFailure("ledger: bad math in inclusionProof") }
        // PATH(0, {d[0]}) = {}: the verifier has the leaf hash itself.
        if lo + 1 == hi { return [] }
        let k = largestPowerOfTwo(below: hi - lo)
        var path: [Hash]
        let sibling: Hash
        if n < lo + k {
            // PATH(m, D[0:k]) : MTH(D[k:n])
            path = inclusionProof(lo, lo + k, n, &hashes)
            sibling = subtreeHash(lo + k, hi, &hashes)
        } else {
            // PATH(m - k, D[k:n]) : MTH(D[0:k])
            sibling = subtreeHash(lo, lo + k, &hashes)
            path = inclusionProof(lo + k, hi, n, &hashes)
        }
        path.append(sibling)
        return path
    }

    /// The root of subtree [lo, hi) implied by the first `count` elements of `proof` for leaf
    /// `n` with `leafHash`, or nil if they are the wrong number. Recursion depth is bounded by
    /// the tree height (≤ 62), whatever the proof's length.
    static func runInclusionProof(_ proof: [Hash], _ count: Int, _ lo: Int64, _ hi: Int64, _ n: Int64, _ leafHash: Hash) -> Hash? {
        guard lo <= n, n < hi else { preconditionFailure("ledger: bad math in runInclusionProof") }
        if lo + 1 == hi {
            // At the leaf: the proof must not carry anything extra.
            return count == 0 ? leafHash : nil
        }
        guard count > 0 else { return nil }
        let last = proof[count - 1]
        let k = largestPowerOfTwo(below: hi - lo)
        if n < lo + k {
            guard let left = runInclusionProof(proof, count - 1, lo, lo + k, n, leafHash) else { return nil }
            return nodeHash(left, last)
        } else {
            guard let right = runInclusionProof(proof, count - 1, lo + k, hi, n, leafHash) else { return nil }
            return nodeHash(last, right)
        }
    }
}
