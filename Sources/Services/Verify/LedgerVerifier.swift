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

        // One snapshot of the live ledger for the whole check, so a node that keeps committing
        // while an auditor verifies its file is checked as of one block: the replay stops at the
        // snapshot's last block, and the comparisons read the same snapshot.
        try live.db.attach(path: scratchPath, as: "replay")
        defer { try? live.db.detach("replay") }
        try live.db.begin(.deferred)
        var report = VerifyReport()
        do {
            let last = try latestHeight(live)
            report.problem = try replay(live: live, upTo: last, into: scratch, report: &report, progress: progress)
            if report.problem == nil && !rebuild {
                report.problem = try compareDerived(live: live, repair: false)
            }
            try live.db.commit()
            if report.problem == nil && rebuild {
                // Repair under the write lock, and only if nothing was committed meanwhile.
                try live.db.transaction(.immediate) {
                    guard try latestHeight(live) == last else {
                        throw StoreError.inconsistent("the ledger grew during the rebuild; stop the node and run it again")
                    }
                    _ = try compareDerived(live: live, repair: true)
                }
            }
        } catch {
            if live.db.isInTransaction { try? live.db.rollback() }
            throw error
        }
        if rebuild { live.clearCaches() }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The height of the latest block, or -1 for none.
    static func latestHeight(_ live: LedgerStore) throws -> Int64 {
        let max = try live.db.cached("SELECT max(height) FROM blocks").queryOne { $0.isNull(0) ? nil : $0.int64(0) }
        return (max ?? nil) ?? -1
    }

    /// Replays blocks 0…`last` of `live` into `scratch`; returns the first problem.
    static func replay(live: LedgerStore, upTo last: Int64, into scratch: LedgerStore, report: inout VerifyReport,
                       progress: ((Int64) -> Void)?) throws -> VerifyProblem? {
        let blocks = try BlockPrefetcher(path: live.path, upTo: last)
        defer { blocks.cancel() }
        var previous: BlockHeader?
        var height: Int64 = 0
        var pendingCommit = 0
        let storeProofs = StoreProofMemo()
        try scratch.begin()
        loop: while true {
            let block: SignedHeader, txs: [SignedTx], signatures: [Bool]
            switch blocks.next() {
            case .end: break loop
            case .problem(let p): return p
            case .block(let b, let t, let s): (block, txs, signatures) = (b, t, s)
            }
            let h = block.header
            if let reason = HeaderChain.linkProblem(block, previous: previous) { return VerifyProblem(height: height, reason: reason) }
            for (offset, tx) in txs.enumerated() {
                let index = h.first + Int64(offset)
                do {
                    let applied = try Validator.validate(tx, state: scratch, blockTime: h.time, signatureValid: signatures[offset], storeProofs: storeProofs)
                    try scratch.record(tx, applied, height: height)
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

    /// Compares every derived table of the live database with the replay (attached as `replay`),
    /// inside the caller's transaction; with `repair`, replaces the live tables by the replayed
    /// ones instead of reporting a difference.
    static func compareDerived(live: LedgerStore, repair: Bool) throws -> VerifyProblem? {
        if repair {
            for table in Schema.derivedTables {
                try live.db.execute("DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM replay.\(table);")
            }
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
