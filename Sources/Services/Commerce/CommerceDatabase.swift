import Foundation
import Ledger
import SQLiteDB
import Store

/// The writer of the application tables (schema version 3: orders, endorsement requests):
/// one read-write connection to the ledger file, used behind a lock.
///
/// Each `transaction` is `BEGIN IMMEDIATE`, so everything it reads — application rows and
/// ledger rows alike — is the latest committed state and nobody else writes until it ends.
/// Keep transactions short and never wait for the sequencer inside one: the sequencer's
/// writer needs the same database write lock.
public final class CommerceDatabase: @unchecked Sendable {
    private let lock = NSLock()
    private let store: LedgerStore

    /// Opens (and migrates) the ledger file at `path` for application writes.
    public init(path: String) throws {
        store = try LedgerStore.open(path: path)
    }

    /// Runs `body` in one immediate transaction; commits if it returns, rolls back if it throws.
    /// Storage failures become `unavailable`.
    func transaction<T>(_ body: (LedgerStore) throws -> T) throws -> T {
        try lock.withLock {
            try ServiceError.guarding {
                try store.db.transaction(.immediate) {
                    try store.refresh()
                    return try body(store)
                }
            }
        }
    }
}
