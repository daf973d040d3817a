import Crypto
import Foundation
import Ledger
import SQLiteDB
import Store

/// Replays a ledger from genesis into a scratch database and compares everything: every
/// transaction signature and rule, every block signature, hash and chain link, every Merkle
/// root, and every derived table, row by row.
public enum LedgerVerifier {
    /// Verifies the ledger at `path`. With `rebuild`, a log that verifies has its derived tables
    /// replaced by the replayed ones (repairing damaged state); a bad log is never "repaired".
    /// - Parameter progress: called now and then with the leaves replayed so far.
    public static func verify(path: String, rebuild: Bool = false, scratchDirectory: String? = nil,
                              progress: ((Int64) -> Void)? = nil) throws -> VerifyReport {
        let started = Date()
        let live = try LedgerStore.open(path: path, readOnly: !rebuild)
        let dir = scratchDirectory ?? (path as NSString).deletingLastPathComponent
        let scratchPath = (dir as NSString).appendingPathComponent(".kippu-verify-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(atPath: scratchPath) }
        let scratch = try LedgerStore.create(path: scratchPath, durable: false)

        var report = VerifyReport()
        do {
            report.problem = try replay(live: live, into: scratch, report: &report, progress: progress)
        } catch let failure as VerifyFailure {
            report.problem = failure.problem
        }
        if report.problem == nil {
            report.problem = try compareDerived(live: live, scratchPath: scratchPath, repair: rebuild)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Replays every block of `live` into `scratch`; returns the first problem.
    static func replay(live: LedgerStore, into scratch: LedgerStore, report: inout VerifyReport,
                       progress: ((Int64) -> Void)?) throws -> VerifyProblem? {
        var previous: BlockHeader?
        var height: Int64 = 0
        var pendingCommit = 0
        try scratch.begin()
        while let block = try readBlock(live, height: height) {
            let h = block.header
            if let problem = checkLink(block, previous: previous, network: try scratch.network()) { return problem }
            let rows = try live.envelopes(first: h.first, count: h.count)
            guard rows.count == Int(h.count) else {
                return VerifyProblem(height: height, reason: "block lists \(h.count) leaves from \(h.first), the log holds \(rows.count)")
            }
            var txs: [SignedTx] = []
            txs.reserveCapacity(rows.count)
            for (offset, row) in rows.enumerated() {
                let index = h.first + Int64(offset)
                guard row.index == index, row.height == height else {
                    return VerifyProblem(height: height, index: index, reason: "leaf is out of place")
                }
                guard let tx = try? SignedTx(json: row.envelope), tx.envelopeJCS == row.envelope else {
                    return VerifyProblem(height: height, index: index, txid: row.txid, reason: "stored envelope is not canonical JSON of a transaction")
                }
                guard tx.txid == row.txid else {
                    return VerifyProblem(height: height, index: index, txid: row.txid, reason: "stored txid does not match the envelope")
                }
                txs.append(tx)
            }
            let signatures = SignatureBatch.verify(txs)
            for (offset, tx) in txs.enumerated() {
                let index = h.first + Int64(offset)
                do {
                    let applied = try Validator.validate(tx, state: scratch, blockTime: h.time, signatureValid: signatures[offset])
                    try scratch.apply(applied)
                    try scratch.appendLeaf(tx, height: height)
                } catch let e as LedgerError {
                    return VerifyProblem(height: height, index: index, txid: tx.txid, reason: "rejected on replay: \(e)")
                }
            }
            // The header's signer must be a node of the network (known once genesis is replayed).
            guard let network = try scratch.network(), network.nodes.contains(h.signer) else {
                return VerifyProblem(height: height, reason: "block signer is not a node of the network")
            }
            guard h.net == network.net else { return VerifyProblem(height: height, reason: "block is for network \"\(h.net)\"") }
            let root = try scratch.root(size: h.size)
            guard root == h.root else {
                return VerifyProblem(height: height, reason: "Merkle root \(h.root.base64url) does not match the leaves (\(root.base64url))")
            }
            try scratch.insertBlock(block)
            report.height = height
            report.size = h.size
            report.root = root
            previous = h
            height += 1
            pendingCommit += txs.count
            if pendingCommit >= 20_000 {
                try scratch.commit()
                try scratch.begin()
                pendingCommit = 0
                progress?(report.size)
            }
        }
        try scratch.commit()
        let extra = try live.db.cached("SELECT count(*) FROM leaves WHERE idx >= ?").queryOne(.int(report.size)) { $0.int64(0) } ?? 0
        if extra > 0 { return VerifyProblem(index: report.size, reason: "\(extra) leaves are not in any block") }
        let extraBlocks = try live.db.cached("SELECT count(*) FROM blocks WHERE height >= ?").queryOne(.int(height)) { $0.int64(0) } ?? 0
        if extraBlocks > 0 { return VerifyProblem(height: height, reason: "blocks after height \(height - 1) do not follow the chain") }
        if height == 0 { return VerifyProblem(height: 0, reason: "the ledger has no blocks") }
        return nil
    }

    /// Reads block `height`, reporting an undecodable row as a problem rather than a crash.
    static func readBlock(_ live: LedgerStore, height: Int64) throws -> SignedHeader? {
        do { return try live.block(height: height) } catch let e as StoreError {
            throw VerifyFailure(problem: VerifyProblem(height: height, reason: e.description))
        }
    }

    /// Header-only checks of one block against the one before.
    static func checkLink(_ block: SignedHeader, previous: BlockHeader?, network: NetworkInfo?) -> VerifyProblem? {
        let h = block.header
        guard block.isValid else { return VerifyProblem(height: h.height, reason: "bad block signature") }
        guard h.count >= 1 else { return VerifyProblem(height: h.height, reason: "empty block") }
        if let p = previous {
            if h.prev != p.hash { return VerifyProblem(height: h.height, reason: "prev is not the hash of block \(p.height)") }
            if h.first != p.size { return VerifyProblem(height: h.height, reason: "first leaf \(h.first) does not follow \(p.size)") }
            if h.time < p.time { return VerifyProblem(height: h.height, reason: "block time goes backwards") }
        } else if h.first != 0 || h.prev != nil {
            return VerifyProblem(height: h.height, reason: "the first block must start at leaf 0 with no prev")
        }
        return nil
    }

    /// Compares every derived table of the live database with the replay; with `repair`,
    /// replaces the live tables by the replayed ones instead of reporting a difference.
    static func compareDerived(live: LedgerStore, scratchPath: String, repair: Bool) throws -> VerifyProblem? {
        try live.db.attach(path: scratchPath, as: "replay")
        defer { try? live.db.detach("replay") }
        if repair {
            try live.db.transaction(.immediate) {
                for table in Schema.derivedTables {
                    try live.db.execute("DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM replay.\(table);")
                }
            }
            live.clearCaches()
            return nil
        }
        // Blocks too: the stored hash, header text and columns must be what the header says.
        for table in Schema.derivedTables + ["blocks"] {
            let missing = try live.db.prepare("SELECT count(*) FROM (SELECT * FROM replay.\(table) EXCEPT SELECT * FROM main.\(table))")
                .queryOne { $0.int64(0) } ?? 0
            let extra = try live.db.prepare("SELECT count(*) FROM (SELECT * FROM main.\(table) EXCEPT SELECT * FROM replay.\(table))")
                .queryOne { $0.int64(0) } ?? 0
            if missing > 0 || extra > 0 {
                return VerifyProblem(table: table, reason: "\(missing) rows missing or changed, \(extra) rows not produced by the log")
            }
        }
        return nil
    }
}

/// A problem found while reading, carried out of the replay loop.
public struct VerifyFailure: Error, CustomStringConvertible {
    public let problem: VerifyProblem
    public var description: String { problem.description }
}
