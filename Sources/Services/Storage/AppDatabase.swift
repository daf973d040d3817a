import Foundation
import SQLiteDB
import Store

/// One connection to the node's database for one application service, used under a lock, so
/// the service can be called from several HTTP threads at once.
///
/// The file must already exist and carry the application tables (`Schema.accountsMigration`);
/// `LedgerStore.create/open` creates and migrates it. Other connections (the ledger writer,
/// other services, other processes) share the file through SQLite's locks: WAL is set by the
/// ledger, writes wait up to 5 s for the write lock, and every commit is `synchronous=FULL`.
final class AppDatabase: @unchecked Sendable {
    private let connection: Connection
    private let lock = NSLock()

    /// Opens `path` read-write without creating it and checks its schema version.
    /// - Throws: `ServiceError(.unavailable)` for a missing or unmigrated file, `SQLiteError`.
    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ServiceError(.unavailable, "no ledger database at \(path)")
        }
        connection = try Connection(path: path, readOnly: false, create: false)
        try connection.busyTimeout(5_000)
        try connection.setSynchronous(.full)
        let version = try connection.userVersion()
        guard version >= Schema.accountsMigration.version else {
            throw ServiceError(.unavailable, "database schema version \(version) has no account tables; open it with the ledger first")
        }
    }

    /// Runs `body` alone on the connection, outside any explicit transaction (single statements).
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { try body(connection) }
    }

    /// Runs `body` alone on the connection inside an IMMEDIATE transaction: the write lock is
    /// taken up front, so read-then-write sequences cannot race another connection.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { try connection.transaction(.immediate) { try body(connection) } }
    }
}
