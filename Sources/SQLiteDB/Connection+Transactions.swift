import CSQLite

extension Connection {
    /// True between a successful `BEGIN` and its `COMMIT`/`ROLLBACK` (`!sqlite3_get_autocommit`).
    public var isInTransaction: Bool { sqlite3_get_autocommit(db) == 0 }

    /// Runs `body` inside a transaction: `BEGIN`, then `COMMIT` if it returns, `ROLLBACK` if it throws.
    ///
    /// If the commit fails the transaction is rolled back and the commit error thrown. If the
    /// rollback itself fails, the original error is still the one thrown. Transactions do not nest:
    /// calling this inside another transaction throws the `BEGIN` error and leaves the outer one alone.
    /// - Throws: the body's error, or `SQLiteError` from BEGIN/COMMIT.
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: () throws -> T) throws -> T {
        try begin(kind)
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL or an interrupt).
            if isInTransaction { try? rollback() }
            throw error
        }
    }

    /// Starts a transaction (`BEGIN <kind> TRANSACTION`) for callers that manage it themselves.
    /// - Throws: `SQLiteError`, e.g. `SQLITE_BUSY` for an immediate transaction on a locked
    ///   database, or `SQLITE_ERROR` when a transaction is already open.
    public func begin(_ kind: TransactionKind = .deferred) throws {
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
    }

    /// Commits the open transaction. On `SQLITE_BUSY` the transaction stays open and may be retried.
    /// - Throws: `SQLiteError`.
    public func commit() throws {
        try execute("COMMIT TRANSACTION")
    }

    /// Rolls back the open transaction.
    /// - Throws: `SQLiteError`, e.g. when no transaction is open.
    public func rollback() throws {
        try execute("ROLLBACK TRANSACTION")
    }
}
