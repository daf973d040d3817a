import CSQLite

/// One compiled SQL statement (`sqlite3_stmt`), finalized when released.
///
/// Parameters are bound by 1-based index, columns are read by 0-based index, as in SQLite.
/// A statement belongs to its connection's thread discipline: use it only where that
/// connection is used. It keeps the database handle alive, so it may safely outlive the
/// `Connection` object.
public final class Statement {
    /// The statement text as written, with its `?` parameters; never contains bound values.
    public let sql: String
    let handle: OpaquePointer
    let database: DatabaseHandle

    init(database: DatabaseHandle, sql: String, persistent: Bool) throws {
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        var stmt: OpaquePointer?
        var rest = ""
        let rc = sql.withCString { start -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(database.pointer, start, -1, flags, &stmt, &tail)
            if rc == SQLITE_OK, let tail { rest = String(cString: tail) }
            return rc
        }
        try Connection.check(rc, db: database.pointer, sql: sql)
        guard let stmt else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement in the text", sql: sql)
        }
        if Statement.holdsAnotherStatement(rest, db: database.pointer) {
            sqlite3_finalize(stmt)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use execute()", sql: sql)
        }
        self.sql = sql
        self.handle = stmt
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether text after the first statement is more than whitespace and comments. A probe:
    /// its result code is not an error of ours, so it does not go through the funnel.
    private static func holdsAnotherStatement(_ rest: String, db: OpaquePointer) -> Bool {
        guard rest.contains(where: { !$0.isWhitespace && $0 != ";" }) else { return false }
        var extra: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, rest, -1, &extra, nil)
        sqlite3_finalize(extra)  // harmless on nil
        return rc != SQLITE_OK || extra != nil
    }

    /// Funnels a non-OK result code into `SQLiteError`, keeping the hot path free of calls.
    @inline(__always)
    func check(_ rc: Int32) throws {
        if rc != SQLITE_OK { try Connection.check(rc, db: database.pointer, sql: sql) }
    }

    /// Advances to the next row (`sqlite3_step`).
    /// - Returns: true when a row is available to read, false when the statement is done.
    /// - Throws: `SQLiteError`, e.g. a constraint violation, `SQLITE_BUSY` or `SQLITE_INTERRUPT`.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        try Connection.check(rc, db: database.pointer, sql: sql)
        return false  // not reached: check throws for every other code
    }

    /// Rewinds the statement so it can run again; bindings are kept (`sqlite3_reset`).
    ///
    /// Does not throw: the code `sqlite3_reset` returns repeats the last `step()` error,
    /// which `step()` has already thrown.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL (`sqlite3_clear_bindings`, which cannot fail).
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values` (if any), steps until done, and resets, e.g. for INSERT/UPDATE/DELETE.
    /// - Throws: `SQLiteError`; the statement is reset either way.
    public func run(_ values: SQLValue...) throws {
        try run(values)
    }

    /// Binds `values` (if not empty), steps until done, and resets.
    /// - Throws: `SQLiteError`; the statement is reset either way.
    public func run(_ values: [SQLValue]) throws {
        reset()
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        while try step() {}
    }

    /// Binds `values` (if any) and returns one `row(self)` per result row; resets afterwards.
    /// - Throws: `SQLiteError`, or what `row` throws.
    public func query<T>(_ values: SQLValue..., row: (Statement) throws -> T) throws -> [T] {
        try query(values, row: row)
    }

    /// Binds `values` (if not empty) and returns one `row(self)` per result row; resets afterwards.
    /// - Throws: `SQLiteError`, or what `row` throws.
    public func query<T>(_ values: [SQLValue], row: (Statement) throws -> T) throws -> [T] {
        reset()
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        var rows: [T] = []
        while try step() { rows.append(try row(self)) }
        return rows
    }

    /// Binds `values` (if any) and returns `row(self)` for the first row, or nil if there is none.
    /// - Throws: `SQLiteError`, or what `row` throws.
    public func queryOne<T>(_ values: SQLValue..., row: (Statement) throws -> T) throws -> T? {
        try queryOne(values, row: row)
    }

    /// Binds `values` (if not empty) and returns `row(self)` for the first row, or nil.
    /// - Throws: `SQLiteError`, or what `row` throws.
    public func queryOne<T>(_ values: [SQLValue], row: (Statement) throws -> T) throws -> T? {
        reset()
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        return try step() ? try row(self) : nil
    }

    /// The statement text with bound values substituted (`sqlite3_expanded_sql`), for debugging.
    ///
    /// Contains the arguments — never log it in production.
    public var expandedSQLIncludingValues: String? {
        guard let text = sqlite3_expanded_sql(handle) else { return nil }
        defer { sqlite3_free(text) }
        return String(cString: text)
    }
}
