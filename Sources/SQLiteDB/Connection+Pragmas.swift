import CSQLite

extension Connection {
    /// Switches the database to write-ahead logging (`PRAGMA journal_mode=WAL`).
    /// - Throws: `SQLiteError` if SQLite answers with any mode other than `wal`
    ///   (e.g. `memory` for an in-memory database, or on a read-only connection).
    public func setJournalModeWAL() throws {
        let sql = "PRAGMA journal_mode=WAL"
        let mode = try prepare(sql).queryOne { $0.string(0) } ?? nil  // no row and NULL alike
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "journal_mode is \(mode ?? "unknown"), expected wal",
                              sql: sql)
        }
    }

    /// The current journal mode, lower-cased (`delete`, `wal`, `memory`, …).
    /// - Throws: `SQLiteError`.
    public func journalMode() throws -> String {
        try pragmaText("PRAGMA journal_mode").lowercased()
    }

    /// Sets `PRAGMA synchronous` for this connection.
    /// - Throws: `SQLiteError`.
    public func setSynchronous(_ mode: SynchronousMode) throws {
        try execute("PRAGMA synchronous=\(mode.rawValue)")
    }

    /// The current `PRAGMA synchronous` level.
    /// - Throws: `SQLiteError`.
    public func synchronous() throws -> SynchronousMode {
        let sql = "PRAGMA synchronous"
        let level = try pragmaInt(sql)
        guard let mode = SynchronousMode(rawValue: level) else {
            throw SQLiteError(code: SQLITE_ERROR, message: "unknown synchronous level \(level)", sql: sql)
        }
        return mode
    }

    /// The schema version kept in the database header (`PRAGMA user_version`).
    /// - Throws: `SQLiteError`.
    public func userVersion() throws -> Int {
        try pragmaInt("PRAGMA user_version")
    }

    /// Sets `PRAGMA user_version`; part of the open transaction, if any.
    /// - Throws: `SQLiteError` (`SQLITE_RANGE` if `version` does not fit the header's 32 bits).
    public func setUserVersion(_ version: Int) throws {
        guard let version32 = Int32(exactly: version) else {
            throw SQLiteError(code: SQLITE_RANGE, message: "user_version \(version) does not fit in 32 bits")
        }
        try execute("PRAGMA user_version=\(version32)")
    }

    /// Runs `PRAGMA quick_check` (O(N) structural checks, no index contents).
    /// - Returns: `["ok"]` for a sound database, otherwise one line per problem found.
    /// - Throws: `SQLiteError`, e.g. `SQLITE_CORRUPT` or `SQLITE_NOTADB` when the damage stops the check.
    public func quickCheck() throws -> [String] {
        try prepare("PRAGMA quick_check").query { $0.string(0) ?? "" }
    }

    /// Runs `PRAGMA integrity_check` (slower than `quickCheck`; also checks indexes against tables).
    /// - Returns: `["ok"]` for a sound database, otherwise one line per problem found.
    /// - Throws: `SQLiteError`.
    public func integrityCheck() throws -> [String] {
        try prepare("PRAGMA integrity_check").query { $0.string(0) ?? "" }
    }

    private func pragmaInt(_ sql: String) throws -> Int {
        try prepare(sql).queryOne { $0.int(0) } ?? 0
    }

    private func pragmaText(_ sql: String) throws -> String {
        let text = try prepare(sql).queryOne { $0.string(0) }
        return (text ?? nil) ?? ""
    }
}
