import Testing
import Crypto
@testable import Ledger

// Exhaustive checks of the Merkle log against naive transcriptions of RFC 9162 §2.1:
// every root, every inclusion proof and every consistency proof of every tree of 1…256
// leaves, plus the stored-hash layout and argument checking.

/// A stored-hash array as a `HashReader` that can be shared across test tasks.
struct MerkleArrayReader: HashReader, Sendable {
    let hashes: [Hash]
    func readHashes(_ indexes: [Int64]) throws -> [Hash] {
        try indexes.map { i in
            guard i >= 0, i < Int64(hashes.count) else { throw LedgerError(.notFound, "no hash \(i)") }
            return hashes[Int(i)]
        }
    }
}

/// RFC 9162 §2.1, written as literally as possible and sharing no code with `Merkle`.
struct MerkleNaiveTree: Sendable {
    let count: Int
    /// mth[lo][hi] = MTH(D[lo:hi]) for 0 <= lo < hi <= count.
    let mth: [[[UInt8]]]

    init(leaves: [[UInt8]]) {
        count = leaves.count
        var table = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: count + 1), count: count + 1)
        // MTH({d(0)}) = HASH(0x00 || d(0)); MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
        for length in 1...max(count, 1) where length <= count {
            for lo in 0...(count - length) {
                let hi = lo + length
                if length == 1 {
                    table[lo][hi] = SHA256.hash([0x00] + leaves[lo])
                } else {
                    let k = MerkleNaiveTree.split(length)
                    table[lo][hi] = SHA256.hash([0x01] + table[lo][lo + k] + table[lo + k][hi])
                }
            }
        }
        mth = table
    }

    /// The largest power of two smaller than n (n > 1).
    static func split(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    /// MTH(D[0:n]), with MTH({}) = HASH().
    func root(_ n: Int) -> [UInt8] { n == 0 ? SHA256.hash([]) : mth[0][n] }

    /// PATH(m, D[lo:hi]), RFC 9162 §2.1.3.1.
    func path(_ m: Int, _ lo: Int, _ hi: Int) -> [[UInt8]] {
        let n = hi - lo
        if n == 1 { return [] }
        let k = MerkleNaiveTree.split(n)
        if m < k { return path(m, lo, lo + k) + [mth[lo + k][hi]] }
        return path(m - k, lo + k, hi) + [mth[lo][lo + k]]
    }

    /// PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), RFC 9162 §2.1.4.1.
    func proof(_ m: Int, _ n: Int) -> [[UInt8]] { subproof(m, 0, n, true) }

    func subproof(_ m: Int, _ lo: Int, _ hi: Int, _ b: Bool) -> [[UInt8]] {
        let n = hi - lo
        if m == n { return b ? [] : [mth[lo][hi]] }
        let k = MerkleNaiveTree.split(n)
        if m <= k { return subproof(m, lo, lo + k, b) + [mth[lo + k][hi]] }
        return subproof(m - k, lo + k, hi, false) + [mth[lo][lo + k]]
    }
}

/// The verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, step by step, as a second
/// opinion on `Merkle.checkInclusion` / `Merkle.checkConsistency`.
enum MerkleRFCVerifier {
    static func node(_ l: [UInt8], _ r: [UInt8]) -> [UInt8] { SHA256.hash([0x01] + l + r) }

    static func inclusion(index: Int64, size: Int64, leafHash: [UInt8], path: [[UInt8]], root: [UInt8]) -> Bool {
        if index >= size { return false }                       // 1.
        var fn = index, sn = size - 1                            // 2.
        var r = leafHash                                         // 3.
        for p in path {                                          // 4.
            if sn == 0 { return false }                          // a.
            if fn & 1 == 1 || fn == sn {                         // b.
                r = node(p, r)
                if fn & 1 == 0 { while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 } }
            } else {
                r = node(r, p)
            }
            fn >>= 1; sn >>= 1                                   // c.
        }
        return sn == 0 && r == root                              // 5.
    }

    static func consistency(first: Int64, second: Int64, firstHash: [UInt8], secondHash: [UInt8],
                            path inputPath: [[UInt8]]) -> Bool {
        // RFC 9162 defines the check for 0 < first < second; equal sizes need an empty proof.
        if first == second { return inputPath.isEmpty && firstHash == secondHash }
        if first < 1 || first > second { return false }
        var path = inputPath
        if path.isEmpty { return false }                                             // 1.
        if first & (first - 1) == 0 { path.insert(firstHash, at: 0) }               // 2.
        var fn = first - 1, sn = second - 1                                          // 3.
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }                                     // 4.
        var fr = path[0], sr = path[0]                                               // 5.
        for c in path.dropFirst() {                                                  // 6.
            if sn == 0 { return false }                                              // a.
            if fn & 1 == 1 || fn == sn {                                             // b.
                fr = node(c, fr); sr = node(c, sr)
                if fn & 1 == 0 { while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 } }
            } else {
                sr = node(sr, c)
            }
            fn >>= 1; sn >>= 1                                                       // c.
        }
        return fr == firstHash && sr == secondHash && sn == 0                        // 7.
    }
}

/// One log of 256 leaves built once for all exhaustive tests: stored hashes through
/// `InMemoryHashStore`, and the naive table of every MTH(D[lo:hi]).
struct MerkleFixture: Sendable {
    static let size = 256
    static let shared = MerkleFixture()

    let leaves: [[UInt8]]
    let reader: MerkleArrayReader
    let naive: MerkleNaiveTree
    /// roots[n] = Merkle.treeHash(size: n), cached once per size.
    let roots: [Hash]

    init() {
        leaves = (0..<MerkleFixture.size).map { Array("kippu leaf \($0)".utf8) }
        let store = InMemoryHashStore()
        for leaf in leaves { try! store.append(leafData: leaf) }
        reader = MerkleArrayReader(hashes: store.hashes)
        naive = MerkleNaiveTree(leaves: leaves)
        roots = (0...MerkleFixture.size).map { try! Merkle.treeHash(size: Int64($0), reader: store) }
    }
}

/// `h` with one bit flipped.
fileprivate func flipped(_ h: Hash) -> Hash {
    var b = h.bytes
    b[0] ^= 0x10
    return try! Hash(bytes: b)
}

@Suite("Merkle log, exhaustive over sizes 1…256")
struct MerkleExhaustiveTests {
    let fx = MerkleFixture.shared

    @Test func everyRootMatchesTheNaiveTreeHash() {
        for n in 0...MerkleFixture.size {
            #expect(fx.roots[n].bytes == fx.naive.root(n), "root of size \(n)")
        }
        #expect(fx.roots[0] == Merkle.emptyTreeHash)
    }

    @Test func everyStoredHashIsTheNaiveSubtreeHashAtItsCoordinates() throws {
        let count = try Merkle.storedHashCount(n: Int64(MerkleFixture.size))
        #expect(Int64(fx.reader.hashes.count) == count)
        for (i, h) in fx.reader.hashes.enumerated() {
            let (level, n) = Merkle.splitStoredHashIndex(Int64(i))
            let lo = Int(n) << level, hi = Int(n + 1) << level
            #expect(h.bytes == fx.naive.mth[lo][hi], "stored hash \(i) = (\(level), \(n))")
            #expect(Merkle.storedHashIndex(level: level, n: n) == Int64(i))
        }
    }

    @Test(arguments: 1...MerkleFixture.size)
    func everyInclusionProofIsTheRFCPathAndOnlyItVerifies(size n: Int) throws {
        let size = Int64(n), root = fx.roots[n]
        var failures: [String] = []
        for m in 0..<n {
            let index = Int64(m)
            let leaf = Merkle.leafHash(fx.leaves[m])
            let proof = try Merkle.proveInclusion(index: index, size: size, reader: fx.reader)
            if proof.map(\.bytes) != fx.naive.path(m, 0, n) { failures.append("PATH(\(m), \(n)) differs") }
            if !Merkle.checkInclusion(proof: proof, size: size, root: root, index: index, leafHash: leaf) {
                failures.append("proof \(m) of \(n) rejected")
            }
            if !MerkleRFCVerifier.inclusion(index: index, size: size, leafHash: leaf.bytes,
                                          path: proof.map(\.bytes), root: root.bytes) {
                failures.append("RFC verifier rejects proof \(m) of \(n)")
            }
            for i in proof.indices {
                var bad = proof
                bad[i] = flipped(bad[i])
                if Merkle.checkInclusion(proof: bad, size: size, root: root, index: index, leafHash: leaf) {
                    failures.append("proof \(m) of \(n) with element \(i) flipped accepted")
                }
            }
            if n > 1 {
                let other = Int64((m + 1) % n)
                if Merkle.checkInclusion(proof: proof, size: size, root: root, index: other, leafHash: leaf) {
                    failures.append("proof \(m) of \(n) accepted at index \(other)")
                }
            }
            // Reshaped proofs: every proof up to size 64 (all path shapes occur by then), and a
            // sample beyond, to keep the debug run to a few seconds.
            guard n <= 64 || m % 8 == 0 else { continue }
            if n > 1 {
                if Merkle.checkInclusion(proof: Array(proof.dropLast()), size: size, root: root, index: index, leafHash: leaf) {
                    failures.append("truncated proof \(m) of \(n) accepted")
                }
            }
            if Merkle.checkInclusion(proof: proof + [root], size: size, root: root, index: index, leafHash: leaf) {
                failures.append("extended proof \(m) of \(n) accepted")
            }
            if Merkle.checkInclusion(proof: [leaf] + proof, size: size, root: root, index: index, leafHash: leaf) {
                failures.append("proof \(m) of \(n) with a hash prepended accepted")
            }
            if Merkle.checkInclusion(proof: proof, size: size, root: flipped(root), index: index, leafHash: leaf) {
                failures.append("proof \(m) of \(n) accepted for a wrong root")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test(arguments: 1...MerkleFixture.size)
    func everyConsistencyProofIsTheRFCProofAndOnlyItVerifies(to n: Int) throws {
        let to = Int64(n), toRoot = fx.roots[n]
        var failures: [String] = []
        for m in 1...n {
            let from = Int64(m), fromRoot = fx.roots[m]
            let proof = try Merkle.proveConsistency(from: from, to: to, reader: fx.reader)
            if proof.map(\.bytes) != fx.naive.proof(m, n) { failures.append("PROOF(\(m), \(n)) differs") }
            if !Merkle.checkConsistency(proof: proof, from: from, fromRoot: fromRoot, to: to, toRoot: toRoot) {
                failures.append("proof \(m)→\(n) rejected")
            }
            if !MerkleRFCVerifier.consistency(first: from, second: to, firstHash: fromRoot.bytes,
                                            secondHash: toRoot.bytes, path: proof.map(\.bytes)) {
                failures.append("RFC verifier rejects proof \(m)→\(n)")
            }
            // One flipped element per pair, rotating so that every position gets its turn.
            if !proof.isEmpty {
                let i = (m + n) % proof.count
                var bad = proof
                bad[i] = flipped(bad[i])
                if Merkle.checkConsistency(proof: bad, from: from, fromRoot: fromRoot, to: to, toRoot: toRoot) {
                    failures.append("proof \(m)→\(n) with element \(i) flipped accepted")
                }
            }
            if Merkle.checkConsistency(proof: proof, from: from, fromRoot: flipped(fromRoot), to: to, toRoot: toRoot) {
                failures.append("proof \(m)→\(n) accepted with a wrong fromRoot")
            }
            // Other tampering: every pair up to size 64, and a sample beyond.
            guard n <= 64 || m % 8 == 0 else { continue }
            if Merkle.checkConsistency(proof: proof, from: from, fromRoot: fromRoot, to: to, toRoot: flipped(toRoot)) {
                failures.append("proof \(m)→\(n) accepted with a wrong toRoot")
            }
            if m < n, Merkle.checkConsistency(proof: proof, from: from + 1, fromRoot: fx.roots[m + 1], to: to, toRoot: toRoot) {
                failures.append("proof \(m)→\(n) accepted as \(m + 1)→\(n)")
            }
            if Merkle.checkConsistency(proof: proof + [toRoot], from: from, fromRoot: fromRoot, to: to, toRoot: toRoot) {
                failures.append("extended proof \(m)→\(n) accepted")
            }
            if Merkle.checkConsistency(proof: [fromRoot] + proof, from: from, fromRoot: fromRoot, to: to, toRoot: toRoot) {
                failures.append("proof \(m)→\(n) with fromRoot prepended accepted")
            }
            if !proof.isEmpty, Merkle.checkConsistency(proof: Array(proof.dropLast()), from: from, fromRoot: fromRoot, to: to, toRoot: toRoot) {
                failures.append("truncated proof \(m)→\(n) accepted")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }
}

@Suite("Merkle stored-hash layout")
struct MerkleStorageTests {
    @Test func storedHashIndexAndSplitAreInverse() {
        for index in Int64(0)..<20_000 {
            let (level, n) = Merkle.splitStoredHashIndex(index)
            #expect(Merkle.storedHashIndex(level: level, n: n) == index)
        }
        // Leaves 0…3 are stored as: leaf0 leaf1 (1,0) leaf2 leaf3 (1,1) (2,0).
        let layout = (0..<7).map { Merkle.splitStoredHashIndex(Int64($0)) }
        #expect(layout.map(\.level) == [0, 0, 1, 0, 0, 1, 2])
        #expect(layout.map(\.n) == [0, 1, 0, 2, 3, 1, 0])
    }

    @Test func storedHashCountMatchesWhatAppendsStore() throws {
        let store = InMemoryHashStore()
        #expect(try Merkle.storedHashCount(n: 0) == 0)
        for n in 1...300 {
            let before = store.hashes.count
            let index = try store.append(leafData: [UInt8(n & 0xff), UInt8(n >> 8)])
            #expect(index == Int64(n - 1))
            #expect(Int64(before) == Merkle.storedHashIndex(level: 0, n: index), "leaf \(index) starts at its index")
            #expect(try Merkle.storedHashCount(n: Int64(n)) == Int64(store.hashes.count))
            #expect(store.hashes.count - before == 1 + n.trailingZeroBitCount)
        }
        #expect(store.size == 300)
    }

    @Test func theLargestTreeFitsInt64Indexes() throws {
        #expect(try Merkle.storedHashCount(n: Merkle.maxTreeSize) == Int64.max)
        #expect(Merkle.storedHashIndex(level: 62, n: 0) == Int64.max - 1)
        let (level, n) = Merkle.splitStoredHashIndex(Int64.max - 1)
        #expect(level == 62 && n == 0)
        #expect(throws: LedgerError(.badEncoding, "")) { try Merkle.storedHashCount(n: Merkle.maxTreeSize + 1) }
    }

    @Test func proofsReadOnlyLogarithmicallyManyHashes() throws {
        final class CountingReader: HashReader {
            let inner: MerkleArrayReader
            var calls = 0, hashes = 0
            init(_ inner: MerkleArrayReader) { self.inner = inner }
            func readHashes(_ indexes: [Int64]) throws -> [Hash] {
                calls += 1; hashes += indexes.count
                return try inner.readHashes(indexes)
            }
        }
        let reader = CountingReader(MerkleFixture.shared.reader)
        for size in Int64(1)...256 {
            let bound = 2 * (64 - size.leadingZeroBitCount) + 1
            for (index, from) in [(Int64(0), Int64(1)), (size / 2, size / 2 + 1), (size - 1, size)] {
                reader.calls = 0; reader.hashes = 0
                _ = try Merkle.proveInclusion(index: index, size: size, reader: reader)
                _ = try Merkle.proveConsistency(from: from, to: size, reader: reader)
                _ = try Merkle.treeHash(size: size, reader: reader)
                #expect(reader.calls <= 3 && reader.hashes <= 3 * bound, "size \(size)")
            }
        }
    }
}

@Suite("Merkle argument checking")
struct MerkleArgumentTests {
    let reader = MerkleFixture.shared.reader
    let badEncoding = LedgerError(.badEncoding, "")
    let notFound = LedgerError(.notFound, "")

    @Test func proversRejectImpossibleArgumentsWithBadEncoding() {
        for (index, size) in [(0, 0), (-1, 5), (5, 5), (6, 5), (0, -1), (0, Merkle.maxTreeSize + 1)] as [(Int64, Int64)] {
            #expect(throws: badEncoding) { try Merkle.proveInclusion(index: index, size: size, reader: reader) }
        }
        for (from, to) in [(0, 5), (6, 5), (-1, 5), (1, -1), (1, Merkle.maxTreeSize + 1)] as [(Int64, Int64)] {
            #expect(throws: badEncoding) { try Merkle.proveConsistency(from: from, to: to, reader: reader) }
        }
        #expect(throws: badEncoding) { try Merkle.treeHash(size: -1, reader: reader) }
        #expect(throws: badEncoding) { try Merkle.storedHashes(n: -1, leafData: [], reader: reader) }
        #expect(throws: badEncoding) { try Merkle.storedHashCount(n: -1) }
    }

    @Test func readingBeyondTheStoreIsTheReadersNotFound() throws {
        let store = InMemoryHashStore()
        for i in 0..<10 { try store.append(leafData: [UInt8(i)]) }
        #expect(throws: notFound) { try store.treeHash(size: 11) }
        #expect(throws: notFound) { try Merkle.proveInclusion(index: 3, size: 12, reader: store) }
        #expect(throws: notFound) { try Merkle.proveConsistency(from: 3, to: 17, reader: store) }
        #expect(throws: notFound) { try store.readHashes([0, Int64(store.hashes.count)]) }
        #expect(throws: notFound) { try store.readHashes([-1]) }
        #expect(try store.treeHash(size: 0) == Merkle.emptyTreeHash)
    }

    @Test func aReaderReturningTheWrongNumberOfHashesIsAnError() {
        struct ShortReader: HashReader {
            func readHashes(_ indexes: [Int64]) throws -> [Hash] { Array(repeating: Merkle.emptyTreeHash, count: indexes.count - 1) }
        }
        #expect(throws: notFound) { try Merkle.treeHash(size: 5, reader: ShortReader()) }
        #expect(throws: notFound) { try Merkle.proveInclusion(index: 1, size: 5, reader: ShortReader()) }
        #expect(throws: notFound) { try Merkle.proveConsistency(from: 3, to: 5, reader: ShortReader()) }
        #expect(throws: notFound) { try Merkle.storedHashes(n: 3, leafData: [], reader: ShortReader()) }
    }

    @Test func checkersReturnFalseForHostileInputWithoutTrapping() {
        let h = Merkle.leafHash([1])
        let junk = (0..<70).map { Merkle.leafHash([UInt8($0)]) }
        for (index, size) in [(0, 0), (-1, 1), (1, 1), (0, -5), (Int64.max - 1, Int64.max),
                              (0, Merkle.maxTreeSize + 1), (Merkle.maxTreeSize - 1, Merkle.maxTreeSize),
                              (0, Merkle.maxTreeSize)] as [(Int64, Int64)] {
            for proof in [[], Array(junk.prefix(62)), junk] {
                #expect(!Merkle.checkInclusion(proof: proof, size: size, root: h, index: index, leafHash: h))
            }
        }
        for (from, to) in [(0, 0), (0, 1), (2, 1), (-1, 3), (1, Int64.max), (Merkle.maxTreeSize - 1, Merkle.maxTreeSize),
                           (1, Merkle.maxTreeSize), (3, 7)] as [(Int64, Int64)] {
            for proof in [[], Array(junk.prefix(62)), junk] {
                #expect(!Merkle.checkConsistency(proof: proof, from: from, fromRoot: h, to: to, toRoot: h))
            }
        }
        // Size 1: the leaf is the root and the proof must be empty.
        #expect(Merkle.checkInclusion(proof: [], size: 1, root: h, index: 0, leafHash: h))
        #expect(!Merkle.checkInclusion(proof: [h], size: 1, root: h, index: 0, leafHash: h))
        // Equal sizes: empty proof and equal roots only.
        #expect(Merkle.checkConsistency(proof: [], from: 4, fromRoot: h, to: 4, toRoot: h))
        #expect(!Merkle.checkConsistency(proof: [h], from: 4, fromRoot: h, to: 4, toRoot: h))
        #expect(!Merkle.checkConsistency(proof: [], from: 4, fromRoot: h, to: 4, toRoot: flipped(h)))
    }

    @Test func hashParsesOnlyCanonical32ByteBase64url() throws {
        let h = Merkle.leafHash(Array("x".utf8))
        #expect(h.base64url.count == 43)
        #expect(try Hash(base64url: h.base64url) == h)
        #expect(h.description == h.base64url)
        for bad in [h.base64url + "=", String(h.base64url.dropLast()), h.base64url + "AAAA", "",
                    String(h.base64url.dropLast()) + "+", " " + h.base64url,
                    Base64URL.encode([UInt8](repeating: 7, count: 31)), Base64URL.encode([UInt8](repeating: 7, count: 33))] {
            #expect(throws: badEncoding) { try Hash(base64url: bad) }
        }
        #expect(throws: badEncoding) { try Hash(bytes: [1, 2, 3]) }
        #expect(Merkle.emptyTreeHash.bytes == SHA256.hash([]))
    }
}
