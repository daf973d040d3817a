import Crypto
import Ledger
import SQLiteDB

/// The signed log: leaves, stored Merkle hashes and blocks.
extension LedgerStore: HashReader {
    /// Reads stored hashes by tlog index (RFC 9162 subtree hashes; see `Merkle.storedHashIndex`).
    public func readHashes(_ indexes: [Int64]) throws -> [Hash] {
        let stmt = try db.cached("SELECT hash FROM hashes WHERE id = ?")
        return try indexes.map { i in
            if let h = recentHashes[i] { return h }
            guard let bytes = try stmt.queryOne(.int(i), row: { $0.blob(0) }) ?? nil, let h = try? Hash(bytes: bytes) else {
                throw LedgerError(.notFound, "stored hash \(i) is missing")
            }
            return h
        }
    }

    /// Records an accepted transaction (inside the open block transaction): appends it as the
    /// next leaf, stores the Merkle hashes it completes and writes its effects. Returns its index.
    @discardableResult
    public func record(_ tx: SignedTx, _ applied: Applied, height: Int64) throws -> Int64 {
        let index = logSize
        try db.cached("INSERT INTO leaves(idx, txid, height, envelope) VALUES (?, ?, ?, ?)")
            .run(.int(index), .blob(tx.txidBytes), .int(height), .blob(tx.envelopeJCS))
        let hashes = try Merkle.storedHashes(n: index, leafHash: tx.leafHash, reader: self)
        let insert = try db.cached("INSERT INTO hashes(id, hash) VALUES (?, ?)")
        var id = Merkle.storedHashIndex(level: 0, n: index)
        for h in hashes {
            try insert.run(.int(id), .blob(h.bytes))
            recentHashes[id] = h
            id += 1
        }
        // Keep the cache small: only the right edge is read again (at most ~2·log2 n entries
        // below the newest are ever needed, and they are rewritten as the tree grows).
        if recentHashes.count > 4096 {
            let keep = id - 2048
            recentHashes = recentHashes.filter { $0.key >= keep }
        }
        logSize = index + 1
        try apply(applied, leaf: index)
        return index
    }

    /// The tree root at `size` leaves.
    public func root(size: Int64) throws -> Hash { try Merkle.treeHash(size: size, reader: self) }

    /// Stores a signed block header (inside the open block transaction).
    public func insertBlock(_ block: SignedHeader) throws {
        let h = block.header
        try db.cached("INSERT INTO blocks(height, hash, header, sig, first, count, time) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .run(.int(h.height), .text(h.hash), .text(String(decoding: h.canonical, as: UTF8.self)), .blob(block.signature),
                 .int(h.first), .int(h.count), .int(h.time))
    }

    /// The latest block (the checkpoint), or nil for an empty ledger.
    public func latestBlock() throws -> SignedHeader? {
        try db.cached("SELECT header, sig, height FROM blocks ORDER BY height DESC LIMIT 1").queryOne { try Self.blockRow($0) }
    }

    /// The block at `height`, or nil.
    public func block(height: Int64) throws -> SignedHeader? {
        try db.cached("SELECT header, sig, height FROM blocks WHERE height = ?").queryOne(.int(height)) { try Self.blockRow($0) }
    }

    /// The stored envelopes (JCS bytes) of leaves `[first, first + count)`, in order.
    public func envelopes(first: Int64, count: Int64) throws -> [(index: Int64, txid: String, height: Int64, envelope: [UInt8])] {
        try db.cached("SELECT idx, txid, height, envelope FROM leaves WHERE idx >= ? AND idx < ? ORDER BY idx")
            .query(.int(first), .int(first + count)) { r in (r.int64(0), Base64URL.encode(r.blob(1) ?? []), r.int64(2), r.blob(3) ?? []) }
    }

    /// Where a transaction sits in the log: its envelope, leaf index and block height.
    public func transaction(txid: String) throws -> (envelope: [UInt8], index: Int64, height: Int64)? {
        guard let raw = try? Base64URL.decode(txid) else { return nil }
        return try db.cached("SELECT envelope, idx, height FROM leaves WHERE txid = ?").queryOne(.blob(raw)) { r in
            (r.blob(0) ?? [], r.int64(1), r.int64(2))
        }
    }

    static func blockRow(_ r: Statement) throws -> SignedHeader {
        let height = String(r.int64(2))
        guard let text = r.string(0), let value = try? JCS.parse(Array(text.utf8)), let header = try? BlockHeader(json: value) else {
            throw StoreError.badRow(table: "blocks", key: height, reason: "header does not decode")
        }
        guard let sig = r.blob(1), sig.count == 64 else { throw StoreError.badRow(table: "blocks", key: height, reason: "bad signature length") }
        return SignedHeader(header: header, signature: sig)
    }
}
