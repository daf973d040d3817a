import Foundation
import Testing
import Crypto
@testable import Ledger

// Fixed vectors: RFC 6962 test data from public implementations, the project's own vectors
// (shared/spec/vectors.json), and second-preimage probes.

fileprivate func hex(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = s.utf8.makeIterator()
    while let a = it.next(), let b = it.next() {
        out.append(UInt8(String(decoding: [a, b], as: UTF8.self), radix: 16)!)
    }
    return out
}

fileprivate func hexHash(_ s: String) -> Hash { try! Hash(bytes: hex(s)) }

/// The classic RFC 6962 test tree, from transparency-dev/merkle `testonly/constants.go`
/// (LeafInputs, NodeHashes, RootHashes; the same data as certificate-transparency-go and the
/// original C++ CT log) and `proof/verify_test.go` (inclusionProofs, consistencyProofs).
fileprivate enum RFC6962Vectors {
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243",
                                    "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(hex)

    /// roots[n] = MTH of the first n leaves.
    static let roots: [Hash] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(hexHash)

    /// nodes[level][n] = hash of the complete subtree (level, n).
    static let nodes: [[Hash]] = [
        ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
         "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
         "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
         "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
         "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
         "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
         "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
         "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"],
        ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
         "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
         "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
         "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"],
        ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
         "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ].map { $0.map(hexHash) }

    /// (0-based index, size, audit path). verify_test.go numbers leaves from 1; converted here.
    static let inclusion: [(Int64, Int64, [Hash])] = [
        (0, 1, []),
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"].map(hexHash)),
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"].map(hexHash)),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"].map(hexHash)),
        (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"].map(hexHash)),
    ]

    /// (from, to, consistency proof).
    static let consistency: [(Int64, Int64, [Hash])] = [
        (1, 1, []),
        (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"].map(hexHash)),
        (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"].map(hexHash)),
        (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"].map(hexHash)),
        (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"].map(hexHash)),
    ]

    static func store() throws -> InMemoryHashStore {
        let store = InMemoryHashStore()
        for leaf in leaves { try store.append(leafData: leaf) }
        return store
    }
}

@Suite("Merkle RFC 6962 vectors")
struct MerkleRFC6962VectorTests {
    @Test func rootsOfEverySizeMatch() throws {
        let store = try RFC6962Vectors.store()
        for n in 0...8 {
            #expect(try store.treeHash(size: Int64(n)) == RFC6962Vectors.roots[n], "size \(n)")
        }
        #expect(Merkle.emptyTreeHash == RFC6962Vectors.roots[0])
    }

    @Test func storedHashesAreTheSubtreeHashes() throws {
        let store = try RFC6962Vectors.store()
        for (level, row) in RFC6962Vectors.nodes.enumerated() {
            for (n, hash) in row.enumerated() {
                #expect(store.hashes[Int(Merkle.storedHashIndex(level: level, n: Int64(n)))] == hash,
                        "node (\(level), \(n))")
            }
        }
        #expect(Int64(store.hashes.count) == (try Merkle.storedHashCount(n: 8)))
    }

    @Test func inclusionProofsMatchAndVerify() throws {
        let store = try RFC6962Vectors.store()
        for (index, size, path) in RFC6962Vectors.inclusion {
            #expect(try Merkle.proveInclusion(index: index, size: size, reader: store) == path, "\(index) in \(size)")
            let leaf = Merkle.leafHash(RFC6962Vectors.leaves[Int(index)])
            #expect(Merkle.checkInclusion(proof: path, size: size, root: RFC6962Vectors.roots[Int(size)],
                                          index: index, leafHash: leaf))
        }
    }

    @Test func consistencyProofsMatchAndVerify() throws {
        let store = try RFC6962Vectors.store()
        for (from, to, path) in RFC6962Vectors.consistency {
            #expect(try Merkle.proveConsistency(from: from, to: to, reader: store) == path, "\(from)→\(to)")
            #expect(Merkle.checkConsistency(proof: path, from: from, fromRoot: RFC6962Vectors.roots[Int(from)],
                                            to: to, toRoot: RFC6962Vectors.roots[Int(to)]))
        }
    }
}

@Suite("Merkle second-preimage resistance")
struct MerkleSecondPreimageTests {
    /// For each interior node (level ≥ 1) of the tree of `size` leaves: its children, its hash
    /// and its own audit path (the path of its first leaf without the `level` lowest steps).
    func interiorNodes(size: Int64, reader: some HashReader) throws -> [(level: Int, n: Int64, left: Hash, right: Hash, hash: Hash, path: [Hash])] {
        var out: [(level: Int, n: Int64, left: Hash, right: Hash, hash: Hash, path: [Hash])] = []
        for level in 1..<63 where Int64(1) << level <= size {
            for n in 0..<(size >> level) {
                let hashes = try reader.readHashes([Merkle.storedHashIndex(level: level - 1, n: 2 * n),
                                                    Merkle.storedHashIndex(level: level - 1, n: 2 * n + 1),
                                                    Merkle.storedHashIndex(level: level, n: n)])
                let fullPath = try Merkle.proveInclusion(index: n << level, size: size, reader: reader)
                out.append((level, n, hashes[0], hashes[1], hashes[2], Array(fullPath.dropFirst(level))))
            }
        }
        return out
    }

    @Test(arguments: [8, 13, 37] as [Int64])
    func anInteriorNodesInputPresentedAsLeafDataNeverVerifies(size: Int64) throws {
        let reader = MerkleFixture.shared.reader
        let root = MerkleFixture.shared.roots[Int(size)]
        let nodes = try interiorNodes(size: size, reader: reader)
        #expect(!nodes.isEmpty)
        for node in nodes {
            #expect(Merkle.nodeHash(node.left, node.right) == node.hash)
            // The 64 bytes a node hashes (after its 0x01), and the full 65-byte node input.
            for data in [node.left.bytes + node.right.bytes, [0x01] + node.left.bytes + node.right.bytes] {
                let forged = Merkle.leafHash(data)
                #expect(forged != node.hash)
                for index in 0..<size {
                    let real = try Merkle.proveInclusion(index: index, size: size, reader: reader)
                    #expect(!Merkle.checkInclusion(proof: real, size: size, root: root, index: index, leafHash: forged))
                    #expect(!Merkle.checkInclusion(proof: node.path, size: size, root: root, index: index, leafHash: forged))
                }
            }
        }
    }

    @Test(arguments: [8, 13, 37] as [Int64])
    func aNodeHashPresentedAsALeafHashNeverVerifiesAtALeafIndex(size: Int64) throws {
        let reader = MerkleFixture.shared.reader
        let root = MerkleFixture.shared.roots[Int(size)]
        for node in try interiorNodes(size: size, reader: reader) {
            // The node's own path does lead to the root: the material is genuine...
            var h = node.hash
            var fn = node.n, sn = (size - 1) >> node.level
            for p in node.path {
                if fn & 1 == 1 || fn == sn {
                    h = Merkle.nodeHash(p, h)
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                } else {
                    h = Merkle.nodeHash(h, p)
                }
                fn >>= 1; sn >>= 1
            }
            #expect(h == root, "control: node (\(node.level), \(node.n)) path")
            // ...yet at every leaf index of the tree of `size` leaves it is refused, because the
            // tree size fixes the path length and shape.
            for index in 0..<size {
                let real = try Merkle.proveInclusion(index: index, size: size, reader: reader)
                for proof in [node.path, real, Array(real.dropFirst(node.level))] {
                    #expect(!Merkle.checkInclusion(proof: proof, size: size, root: root, index: index, leafHash: node.hash),
                            "node (\(node.level), \(node.n)) at leaf \(index)")
                }
            }
        }
    }
}

/// `shared/spec/vectors.json` beside the repository holding `filePath`
/// (`<repo>/Tests/LedgerTests/<file>` → `<repo>/../shared/spec/vectors.json`).
fileprivate func defaultVectorsURL(filePath: String) -> URL {
    let repo = URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()   // LedgerTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // <repo>
    return repo.deletingLastPathComponent()
        .appendingPathComponent("shared/spec/vectors.json").standardizedFileURL
}

/// The project vectors for this checkout: `KIPPU_VECTORS` if set, else the shared specification
/// beside the repository, else the repository's copy in `Tests/LedgerTests/Vectors/` (the
/// same order as `SharedVectors`).
fileprivate func projectVectorsURL(filePath: String = #filePath) -> URL {
    if let path = ProcessInfo.processInfo.environment["KIPPU_VECTORS"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    let shared = defaultVectorsURL(filePath: filePath)
    if FileManager.default.fileExists(atPath: shared.path) { return shared }
    let copy = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Vectors/vectors.json")
    return FileManager.default.fileExists(atPath: copy.path) ? copy : shared
}

@Suite("Merkle project vectors (shared/spec/vectors.json)")
struct MerkleProjectVectorTests {
    func merkleSection() throws -> [String: Any] {
        let url = projectVectorsURL()
        try #require(FileManager.default.fileExists(atPath: url.path),
                     "project vectors missing at \(url.path) and in Tests/LedgerTests/Vectors/ (set KIPPU_VECTORS to the file's path)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let merkle = try #require((json as? [String: Any])?["merkle"] as? [String: Any], "no \"merkle\" section")
        return merkle
    }

    func hashes(_ value: Any?) throws -> [Hash] {
        let strings = try #require(value as? [String], "expected an array of base64url strings")
        return try strings.map { try Hash(base64url: $0) }
    }

    func int(_ value: Any?) throws -> Int64 {
        try #require((value as? NSNumber)?.int64Value, "expected an integer")
    }

    @Test func theVectorsAreFoundBesideTheRepository() {
        let url = defaultVectorsURL(filePath: "/work/main/Tests/LedgerTests/MerkleVectorsTests.swift")
        #expect(url.path == "/work/shared/spec/vectors.json")
    }

    @Test func rootsAndProofsAreReproducedFromTheLeafHashes() throws {
        let merkle = try merkleSection()
        let store = InMemoryHashStore()
        for leaf in try hashes(merkle["leaf_hashes"]) { try store.append(leafHash: leaf) }
        #expect(store.size == 10)

        let roots = try #require(merkle["roots"] as? [String: String])
        #expect(roots.count == 10)
        var rootOf: [Int64: Hash] = [:]
        for (size, text) in roots {
            let n = try #require(Int64(size))
            rootOf[n] = try Hash(base64url: text)
            #expect(try store.treeHash(size: n) == rootOf[n], "root of \(n)")
        }

        let inclusion = try #require(merkle["inclusion"] as? [[String: Any]])
        #expect(!inclusion.isEmpty)
        for vector in inclusion {
            let index = try int(vector["index"]), size = try int(vector["size"])
            let path = try hashes(vector["path"])
            #expect(try Merkle.proveInclusion(index: index, size: size, reader: store) == path, "\(index) in \(size)")
            let leaf = try store.readHashes([Merkle.storedHashIndex(level: 0, n: index)])[0]
            let root = try #require(rootOf[size])
            #expect(Merkle.checkInclusion(proof: path, size: size, root: root, index: index, leafHash: leaf))
        }

        let consistency = try #require(merkle["consistency"] as? [[String: Any]])
        #expect(!consistency.isEmpty)
        for vector in consistency {
            let from = try int(vector["from"]), to = try int(vector["to"])
            let path = try hashes(vector["path"])
            #expect(try Merkle.proveConsistency(from: from, to: to, reader: store) == path, "\(from)→\(to)")
            let fromRoot = try #require(rootOf[from]), toRoot = try #require(rootOf[to])
            #expect(Merkle.checkConsistency(proof: path, from: from, fromRoot: fromRoot, to: to, toRoot: toRoot))
        }
    }
}
