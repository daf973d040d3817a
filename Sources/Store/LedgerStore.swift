import Crypto
import Foundation
import Ledger
import SQLiteDB

/// The ledger in one SQLite file: the signed log (blocks, leaves), the stored Merkle hashes and
/// the derived state the validation rules read. Implements the core's `LedgerState` and
/// `HashReader`.
///
/// One `LedgerStore` is one connection: use it from one thread at a time (the sequencer's
/// writer). Registry rows (network, merchants, stores, products, grants) are cached in memory
/// write-through; `rollback()` drops the caches so they never outlive an aborted block.
public final class LedgerStore: @unchecked Sendable {
    /// The database file.
    public let path: String
    /// The open connection.
    public let db: Connection

    var networkCache: NetworkInfo??
    var merchantCache: [String: MerchantRecord?] = [:]
    var merchantKeyCache: [PublicKey: String?] = [:]
    var storeCache: [String: StoreRecord?] = [:]
    var productCache: [String: ProductRecord?] = [:]
    var grantCache: [String: GrantRecord?] = [:]
    /// Stored hashes written recently (the right edge of the tree, which every append and
    /// every new root reads), so the writer rarely queries them back.
    var recentHashes: [Int64: Hash] = [:]
    /// Row number of the ticket read last: the update that usually follows needs no index lookup.
    var lastTicketRow: (id: String, n: Int64)?
    /// Number of leaves in the log, including those of an open, uncommitted block.
    public internal(set) var logSize: Int64 = 0

    private init(path: String, db: Connection) {
        self.path = path
        self.db = db
    }

    /// Creates a new, empty ledger database at `path`. Refuses an existing file.
    /// - Parameter durable: `synchronous=FULL` (true, the default) or `OFF` for scratch replays.
    public static func create(path: String, durable: Bool = true) throws -> LedgerStore {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.exists(path: path) }
        let db = try Connection(path: path, readOnly: false, create: true)
        let store = LedgerStore(path: path, db: db)
        try store.configure(durable: durable)
        try Migrator.migrate(db, Schema.migrations)
        try db.execute("INSERT INTO meta(key, value) VALUES ('format', '\(Schema.format)')")
        return store
    }

    /// Opens an existing ledger database, checking that it is one and bringing its schema up to date.
    public static func open(path: String, readOnly: Bool = false, durable: Bool = true) throws -> LedgerStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        let db: Connection
        do { db = try Connection(path: path, readOnly: readOnly, create: false) } catch let e as SQLiteError {
            throw classify(e, path: path)
        }
        let store = LedgerStore(path: path, db: db)
        do {
            try db.busyTimeout(5_000)
            try store.checkFormat()
            if !readOnly {
                try store.configure(durable: durable)
                try Migrator.migrate(db, Schema.migrations)
            }
            try store.reloadSize()
        } catch let e as SQLiteError {
            throw classify(e, path: path)
        }
        return store
    }

    /// Maps SQLite's "not a database" / "corrupt" codes to clear store errors.
    static func classify(_ e: SQLiteError, path: String) -> Error {
        if e.isCorrupt { return StoreError.corrupt(path: path, reason: e.message) }
        return e
    }

    private func configure(durable: Bool) throws {
        try db.busyTimeout(5_000)
        if durable {
            try db.setJournalModeWAL()
            try db.setSynchronous(.full)
        } else {
            try db.execute("PRAGMA journal_mode=OFF")
            try db.setSynchronous(.off)
        }
        // Page cache: the writer keeps the hot part of the indexes; scratch replays lean on the
        // OS page cache (the process stays well under 200 MB at a million transactions).
        try db.execute(durable ? "PRAGMA cache_size=-32768" : "PRAGMA cache_size=-16384")
    }

    private func checkFormat() throws {
        let hasMeta = try db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")
            .queryOne { $0.int64(0) } ?? 0
        guard hasMeta == 1 else { throw StoreError.notALedger(path: path, reason: "no meta table") }
        let format = try db.prepare("SELECT value FROM meta WHERE key='format'").queryOne { $0.string(0) } ?? nil
        guard format == Schema.format else {
            throw StoreError.notALedger(path: path, reason: "format is \(format ?? "missing"), expected \(Schema.format)")
        }
    }

    /// Re-reads the log size from the database.
    func reloadSize() throws {
        let max = try db.cached("SELECT max(idx) FROM leaves").queryOne { $0.isNull(0) ? nil : $0.int64(0) } ?? nil
        logSize = (max ?? -1) + 1
    }

    // MARK: transactions

    /// Starts the write transaction of one block.
    public func begin() throws { try db.begin(.immediate) }

    /// Commits the open block; on failure rolls back and rethrows.
    public func commit() throws {
        do { try db.commit() } catch {
            rollback()
            throw error
        }
    }

    /// Abandons the open block and forgets every cached row it may have touched.
    public func rollback() {
        try? db.rollback()
        clearCaches()
        try? reloadSize()
    }

    /// Drops the in-memory caches (they are reloaded on demand).
    public func clearCaches() {
        networkCache = nil
        merchantCache.removeAll(); merchantKeyCache.removeAll(); storeCache.removeAll()
        productCache.removeAll(); grantCache.removeAll()
        recentHashes.removeAll(); lastTicketRow = nil
    }

    /// Forgets the caches and re-reads the log size: a reader calls this at the start of each
    /// read transaction, since the writer's commits do not reach another connection's caches.
    public func refresh() throws {
        clearCaches()
        try reloadSize()
    }

    // MARK: meta

    /// A value of the `meta` table.
    public func meta(_ key: String) throws -> String? {
        try db.cached("SELECT value FROM meta WHERE key = ?").queryOne(.text(key)) { $0.string(0) } ?? nil
    }

    /// Sets a value of the `meta` table.
    public func setMeta(_ key: String, _ value: String) throws {
        try db.cached("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)").run(.text(key), .text(value))
    }
}
