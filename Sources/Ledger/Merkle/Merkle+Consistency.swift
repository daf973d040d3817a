/// A consistency proof: the RFC 9162 §2.1.4 proof that the tree of `to` leaves extends the
/// tree of `from` leaves (RFC 6962 §2.1.2 "Merkle consistency proof"; Go's tlog `TreeProof`).
/// On the wire (PROTOCOL §3) it is a JSON array of base64url hashes.
public typealias ConsistencyProof = [Hash]

/// Consistency proofs, RFC 9162 §2.1.4.
///
/// RFC 9162 §2.1.4.1:
///
///     Given an ordered list of n inputs to the tree, D_n = {d[0], d[1], ..., d[n-1]}, the
///     Merkle consistency proof PROOF(m, D_n) for a previous Merkle Tree Hash MTH(D[0:m]),
///     0 < m < n, is defined as:
///        PROOF(m, D_n) = SUBPROOF(m, D_n, true)
///     [...] The subproof for m = n is empty if m is the value for which PROOF was originally
///     requested (meaning that the subtree created from D[0:m] is a complete subtree of the
///     Merkle Tree created from the original D_n for which PROOF was requested, and the subtree
///     Merkle Tree Hash MTH(D[0:m]) is known):
///        SUBPROOF(m, D_m, true) = {}
///     Otherwise, the subproof for m = n is the Merkle Tree Hash committing inputs D[0:m]:
///        SUBPROOF(m, D_m, false) = {MTH(D_m)}
///     For m < n, let k be the largest power of two smaller than n. The subproof is then
///     defined recursively, using the appropriate step below:
///     If m <= k, the right subtree entries D[k:n] only exist in the current tree. We prove
///     that the left subtree entries D[0:k] are consistent and add a commitment to D[k:n]:
///        SUBPROOF(m, D_n, b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
///     If m > k, the left subtree entries D[0:k] are identical in both trees. We prove that
///     the right subtree entries D[k:n] are consistent and add a commitment to D[0:k]:
///        SUBPROOF(m, D_n, b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
///
/// So when `from` is a power of two (a complete left subtree of the new tree), the old root
/// itself is not in the proof: the verifier already has it.
extension Merkle {
    /// The consistency proof `PROOF(from, D_to)` of RFC 9162 §2.1.4.1, byte for byte; empty
    /// when `from == to`.
    ///
    /// Reads at most about 2·log₂(to) stored hashes, in one `readHashes` call.
    /// - Throws: `LedgerError(.badEncoding)` unless `1 <= from <= to <= maxTreeSize`;
    ///   whatever `reader` throws (`InMemoryHashStore`: `.notFound` beyond its end).
    public static func proveConsistency(from: Int64, to: Int64, reader: some HashReader) throws -> ConsistencyProof {
        guard from >= 1, from <= to, to <= maxTreeSize else {
            throw LedgerError(.badEncoding, "merkle: consistency proof needs 1 <= from <= to, got from \(from), to \(to)")
        }
        let indexes = consistencyIndexes(0, to, from, into: [])
        var hashes = try read(indexes, from: reader)[...]
        let proof = consistencyProof(0, to, from, &hashes)
        guard hashes.isEmpty else { preconditionFailure("ledger: bad index math in proveConsistency") }
        return proof
    }

    /// Whether `proof` shows that the tree of `to` leaves with root `toRoot` extends the tree
    /// of `from` leaves with root `fromRoot`.
    ///
    /// For `from == to` the proof must be empty and the roots equal. Returns false, never
    /// traps or throws, for any hostile input: impossible sizes (including `from == 0`), a
    /// proof of the wrong length, or a wrong element. Equivalent to RFC 9162 §2.1.4.2.
    public static func checkConsistency(proof: ConsistencyProof, from: Int64, fromRoot: Hash, to: Int64, toRoot: Hash) -> Bool {
        guard from >= 1, from <= to, to <= maxTreeSize else { return false }
        guard let (old, new) = runConsistencyProof(proof, proof.count, 0, to, from, fromRoot) else { return false }
        return old == fromRoot && new == toRoot
    }

    /// The stored-hash indexes `consistencyProof` needs for the subtree [lo, hi) of the new
    /// tree, where the old tree has `m` leaves.
    static func consistencyIndexes(_ lo: Int64, _ hi: Int64, _ m: Int64, into need: [Int64]) -> [Int64] {
        guard lo < m, m <= hi else { preconditionFailure("ledger: bad math in consistencyIndexes") }
        if m == hi {
            // SUBPROOF(m, D_m, true) = {} (lo == 0); otherwise {MTH(D_m)}.
            return lo == 0 ? need : subtreeIndexes(lo, hi, into: need)
        }
        let k = largestPowerOfTwo(below: hi - lo)
        if m <= lo + k {
            return subtreeIndexes(lo + k, hi, into: consistencyIndexes(lo, lo + k, m, into: need))
        } else {
            return consistencyIndexes(lo + k, hi, m, into: subtreeIndexes(lo, lo + k, into: need))
        }
    }

    /// SUBPROOF for subtree [lo, hi) of the new tree, where the old tree has `m` leaves;
    /// `b` of RFC 9162 is `lo == 0` (only the left spine can hold the whole old tree).
    static func consistencyProof(_ lo: Int64, _ hi: Int64, _ m: Int64, _ hashes: inout ArraySlice<Hash>) -> [Hash] {
        guard lo < m, m <= hi else { preconditionFailure("ledger: bad math in consistencyProof") }
        if m == hi {
            // SUBPROOF(m, D_m, true) = {}; SUBPROOF(m, D_m, false) = {MTH(D_m)}
            return lo == 0 ? [] : [subtreeHash(lo, hi, &hashes)]
        }
        let k = largestPowerOfTwo(below: hi - lo)
        var proof: [Hash]
        let sibling: Hash
        if m <= lo + k {
            // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            proof = consistencyProof(lo, lo + k, m, &hashes)
            sibling = subtreeHash(lo + k, hi, &hashes)
        } else {
            // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            sibling = subtreeHash(lo, lo + k, &hashes)
            proof = consistencyProof(lo + k, hi, m, &hashes)
        }
        proof.append(sibling)
        return proof
    }

    /// Runs the first `count` elements of `proof` for subtree [lo, hi) of the new tree (old
    /// tree of `m` leaves, root `oldRoot`), returning that subtree's hash as seen by the old tree
    /// (its part below `m`) and by the new one, or nil if they are the wrong number. Recursion
    /// depth is at most the tree height, whatever the proof's length.
    static func runConsistencyProof(_ proof: [Hash], _ count: Int, _ lo: Int64, _ hi: Int64, _ m: Int64, _ oldRoot: Hash) -> (Hash, Hash)? {
        guard lo < m, m <= hi else { preconditionFailure("ledger: bad math in runConsistencyProof") }
        if m == hi {
            if lo == 0 {
                // The whole old tree is this subtree: the verifier knows its hash.
                return count == 0 ? (oldRoot, oldRoot) : nil
            }
            guard count == 1 else { return nil }
            return (proof[0], proof[0])
        }
        guard count > 0 else { return nil }
        let last = proof[count - 1]
        let k = largestPowerOfTwo(below: hi - lo)
        if m <= lo + k {
            // The old tree lies in the left half; the right half is new.
            guard let (old, new) = runConsistencyProof(proof, count - 1, lo, lo + k, m, oldRoot) else { return nil }
            return (old, nodeHash(new, last))
        } else {
            // The left half is complete and shared; the old tree continues into the right half.
            guard let (old, new) = runConsistencyProof(proof, count - 1, lo + k, hi, m, oldRoot) else { return nil }
            return (nodeHash(last, old), nodeHash(last, new))
        }
    }
}
