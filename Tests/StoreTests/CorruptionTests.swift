import TestSupport
import Crypto
import Foundation
import Ledger
import Services
import SQLiteDB
import Store
import Testing

/// A demo ledger, damaged one way at a time: `verify` must find every case.
@Suite(.serialized) struct CorruptionTests {
    /// One demo database per suite run, copied for each mutation.
    static let demo: String = {
        let dir = NSTemporaryDirectory() + "kippu-corruption-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = dir + "/demo.sqlite"
        _ = try! DemoSeeder.seed(dbPath: db, now: 1_770_000_000_000, random: SeededRandom(seed: "corruption"))
        return db
    }()

    /// Copies the demo, runs `sql` on the copy, and returns verify's report.
    func damaged(_ sql: String) throws -> VerifyReport {
        let dir = TempDir()
        let copy = dir.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: Self.demo, toPath: copy)
        let c = try Connection(path: copy)
        try c.execute(sql)
        return try LedgerVerifier.verify(path: copy)
    }

    @Test func pristineDemoVerifies() throws {
        let report = try LedgerVerifier.verify(path: Self.demo)
        #expect(report.ok, "\(report.problem?.description ?? "")")
        #expect(report.size > 500)
    }

    static let mutations: [(String, String)] = [
        ("flip a byte of a block header", "UPDATE blocks SET header = replace(header, '\"count\":', '\"count\" :') WHERE height = 5"),
        ("change a block's time", "UPDATE blocks SET header = replace(header, '\"time\":17', '\"time\":18') WHERE height = 7"),
        ("flip a byte of a block signature", "UPDATE blocks SET sig = zeroblob(64) WHERE height = 3"),
        ("flip a stored block hash", "UPDATE blocks SET hash = 'x' || substr(hash, 2) WHERE height = 9"),
        ("delete a block", "DELETE FROM blocks WHERE height = 4"),
        ("delete the last block", "DELETE FROM blocks WHERE height = (SELECT max(height) FROM blocks)"),
        ("flip a byte of an envelope", "UPDATE leaves SET envelope = CAST(replace(CAST(envelope AS TEXT), '\"count\":1', '\"count\":2') AS BLOB) WHERE idx = (SELECT min(idx) FROM leaves WHERE CAST(envelope AS TEXT) LIKE '%\"count\":1%')"),
        ("change an amount in a use", "UPDATE leaves SET envelope = CAST(replace(CAST(envelope AS TEXT), '\"amount\":', '\"amount\":1') AS BLOB) WHERE idx = (SELECT min(idx) FROM leaves WHERE CAST(envelope AS TEXT) LIKE '%\"amount\":%')"),
        ("delete a leaf", "DELETE FROM leaves WHERE idx = 100"),
        ("delete the last leaf", "DELETE FROM leaves WHERE idx = (SELECT max(idx) FROM leaves)"),
        ("swap two leaves", """
            UPDATE leaves SET idx = -1 WHERE idx = 50; UPDATE leaves SET idx = 50 WHERE idx = 51; UPDATE leaves SET idx = 51 WHERE idx = -1;
            """),
        ("swap two envelopes", """
            CREATE TEMP TABLE t AS SELECT idx, envelope, txid FROM leaves WHERE idx IN (60, 61);
            UPDATE leaves SET envelope = (SELECT envelope FROM t WHERE idx = 61), txid = zeroblob(32) WHERE idx = 60;
            UPDATE leaves SET envelope = (SELECT envelope FROM t WHERE idx = 60), txid = (SELECT txid FROM t WHERE idx = 60) WHERE idx = 61;
            UPDATE leaves SET txid = (SELECT txid FROM t WHERE idx = 61) WHERE idx = 60;
            """),
        ("change a leaf's txid", "UPDATE leaves SET txid = zeroblob(32) WHERE idx = 30"),
        ("change a ticket's holder", "UPDATE ticket_state SET holder = zeroblob(32) WHERE n = (SELECT min(n) FROM ticket_state)"),
        ("mark a ticket used", "UPDATE ticket_state SET state = 'used' WHERE n = (SELECT min(n) FROM ticket_state WHERE state = 'active')"),
        ("delete a ticket's state", "DELETE FROM ticket_state WHERE n = (SELECT max(n) FROM ticket_state)"),
        ("extend a ticket's window", "UPDATE tickets SET valid_until = valid_until + 86400000 WHERE id = (SELECT min(id) FROM tickets WHERE valid_until IS NOT NULL)"),
        ("delete a ticket", "DELETE FROM tickets WHERE id = (SELECT max(id) FROM tickets)"),
        ("add a forged ticket", "INSERT INTO tickets SELECT NULL, 'FORGEDFORGEDFORGED0000', product, issuer, valid_from, valid_until, package, max_transfers, issued_by FROM tickets LIMIT 1"),
        ("delete a history entry", "DELETE FROM ticket_history WHERE (ticket, seq) IN (SELECT ticket, seq FROM ticket_history LIMIT 1)"),
        ("flip a stored hash", "UPDATE hashes SET hash = zeroblob(32) WHERE id = 77"),
        ("delete a stored hash", "DELETE FROM hashes WHERE id = 12"),
        ("raise a cap", "UPDATE products SET cap = cap + 1 WHERE cap IS NOT NULL"),
        ("change issued count", "UPDATE products SET issued = issued + 1 WHERE id = (SELECT min(id) FROM products)"),
        ("rekey a merchant in the table", "UPDATE merchants SET key = zeroblob(32) WHERE id = (SELECT min(id) FROM merchants)"),
        ("move a store", "UPDATE stores SET merchant = 'someone-else' WHERE id = (SELECT min(id) FROM stores)"),
        ("drop a grant", "DELETE FROM grants"),
        ("change an operator", "UPDATE network SET operators = '[]'"),
        ("change an account count", "UPDATE account_counts SET units = units + 1 WHERE (product, account) IN (SELECT product, account FROM account_counts LIMIT 1)"),
    ]

    @Test(arguments: mutations)
    func verifyDetectsDamage(_ label: String, _ sql: String) throws {
        let report: VerifyReport
        do { report = try damaged(sql) } catch {
            // Damage that stops the database from being read at all is also detected.
            return
        }
        #expect(!report.ok, "verify missed: \(label)")
    }

    @Test func rebuildRepairsDamagedStateButNotADamagedLog() throws {
        let dir = TempDir()
        let copy = dir.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: Self.demo, toPath: copy)
        try Connection(path: copy).execute("DELETE FROM tickets WHERE id = (SELECT max(id) FROM tickets); UPDATE hashes SET hash = zeroblob(32) WHERE id = 3")
        #expect(try !LedgerVerifier.verify(path: copy).ok)
        #expect(try LedgerVerifier.verify(path: copy, rebuild: true).ok)
        #expect(try LedgerVerifier.verify(path: copy).ok)
        try Connection(path: copy).execute("DELETE FROM leaves WHERE idx = 10")
        #expect(try !LedgerVerifier.verify(path: copy, rebuild: true).ok)
    }

    @Test func truncatedDatabaseIsReportedNotCrashed() throws {
        let dir = TempDir()
        let copy = dir.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: Self.demo, toPath: copy)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: copy)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: copy))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        do {
            let report = try LedgerVerifier.verify(path: copy)
            #expect(!report.ok)
        } catch {
            #expect("\(error)".count > 0)
        }
    }
}
