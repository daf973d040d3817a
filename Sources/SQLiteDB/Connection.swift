import CSQLite

/// One SQLite database connection.
///
/// Thread safety: the handle is opened with `SQLITE_OPEN_NOMUTEX`, so SQLite does no locking of
/// its own. Use a connection (and its statements) from one thread at a time — for example inside
/// one actor or behind one lock. It is `Sendable` only so that it can be handed to that owner and
/// so that `interrupt()`, the one method safe to call from another thread, can reach it.
public final class Connection: @unchecked Sendable {
    /// The path the connection was opened with.
    public let path: String
    let database: DatabaseHandle
    private var statementCache: [String: Statement] = [:]

    var db: OpaquePointer { database.pointer }

    /// Opens (and by default creates) the database at `path`.
    ///
    /// SQLite opens files lazily: a file that is not a database opens fine and fails with
    /// `SQLITE_NOTADB` on the first query.
    /// - Parameters:
    ///   - path: a file path, or `":memory:"` for a private in-memory database.
    ///   - readOnly: open with `SQLITE_OPEN_READONLY`; `create` is then ignored.
    ///   - create: create the file if it does not exist.
    /// - Throws: `SQLiteError` if the file cannot be opened; the half-open handle is closed first.
    public init(path: String, readOnly: Bool = false, create: Bool = true) throws {
        var flags = SQLITE_OPEN_NOMUTEX
        if readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
        }
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard let handle else {
            throw SQLiteError(code: SQLITE_NOMEM, message: "out of memory opening \(path)")
        }
        do {
            try Connection.check(rc, db: handle, sql: nil)
            try Connection.check(sqlite3_extended_result_codes(handle, 1), db: handle, sql: nil)
        } catch {
            sqlite3_close_v2(handle)
            guard let error = error as? SQLiteError else { throw error }
            // The path is not a secret, and "unable to open database file" alone is useless in a log.
            throw SQLiteError(code: error.extendedCode, message: "\(error.message): \(path)")
        }
        self.path = path
        self.database = DatabaseHandle(handle)
    }

    /// Turns a SQLite result code into a thrown `SQLiteError`; OK, ROW and DONE pass.
    ///
    /// This is the one funnel for every C call of the wrapper (statements use it too).
    /// - Parameters:
    ///   - rc: the result code a `sqlite3_*` function returned.
    ///   - sql: the statement text to put in the error; never pass bound values.
    public func check(_ rc: Int32, sql: String? = nil) throws {
        try Connection.check(rc, db: db, sql: sql)
    }

    /// The funnel itself, usable before a `Connection` exists and from `Statement`.
    static func check(_ rc: Int32, db: OpaquePointer?, sql: String?) throws {
        if rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE { return }
        throw SQLiteError(resultCode: rc, db: db, sql: sql)
    }

    /// Runs one or more `;`-separated statements without arguments, discarding any rows.
    ///
    /// Statements run one after another; an error stops at the failing statement, whose text
    /// is in the error. Earlier statements are not undone unless you are inside a transaction.
    /// - Throws: `SQLiteError`.
    public func execute(_ sql: String) throws {
        try sql.withCString { start in
            var cursor = start
            while cursor.pointee != 0 {
                var stmt: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(db, cursor, -1, &stmt, &tail)
                guard rc == SQLITE_OK, let tail else {
                    try check(rc, sql: Connection.firstStatement(String(cString: cursor)))
                    return
                }
                let text = Connection.trimmed(
                    String(decoding: UnsafeRawBufferPointer(start: cursor, count: tail - cursor), as: UTF8.self))
                cursor = tail
                guard let stmt else { continue }  // only whitespace or a comment
                defer { sqlite3_finalize(stmt) }  // repeats the step's error, already reported below
                var stepped: Int32
                repeat { stepped = sqlite3_step(stmt) } while stepped == SQLITE_ROW
                try check(stepped, sql: text)
            }
        }
    }

    /// Compiles one statement. Prefer `cached(_:)` for statements run more than once.
    /// - Throws: `SQLiteError` for a syntax error, or `SQLITE_MISUSE` if `sql` holds no statement
    ///   or more than one.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: database, sql: sql, persistent: false)
    }

    /// Returns this connection's compiled statement for `sql`, compiling it on first use.
    ///
    /// A reused statement is reset and its bindings cleared, so it behaves like a fresh one.
    /// Do not use the same cached SQL twice at once (e.g. nested inside its own row loop):
    /// both uses share one statement.
    /// - Throws: `SQLiteError` as for `prepare(_:)`.
    public func cached(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try Statement(database: database, sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    /// Finalizes every cached statement (e.g. to release memory after a bulk import).
    public func clearStatementCache() {
        statementCache.removeAll()
    }

    /// The rowid of the most recent successful INSERT on this connection (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE (`sqlite3_changes64`).
    public var changes: Int { Int(sqlite3_changes64(db)) }

    /// Rows changed since the connection was opened (`sqlite3_total_changes64`).
    public var totalChanges: Int { Int(sqlite3_total_changes64(db)) }

    /// Makes a locked database be retried for up to `milliseconds` before failing with
    /// `SQLITE_BUSY` (`sqlite3_busy_timeout`); 0 or less turns retrying off.
    /// - Throws: `SQLiteError`.
    public func busyTimeout(_ milliseconds: Int) throws {
        let clamped = Int32(clamping: milliseconds)
        try check(sqlite3_busy_timeout(db, clamped))
    }

    /// Makes the statement now running on this connection stop with `SQLITE_INTERRUPT`
    /// (`sqlite3_interrupt`). Safe to call from any thread while the connection is alive;
    /// a no-op if nothing is running.
    public func interrupt() {
        sqlite3_interrupt(db)
    }

    /// The first complete statement of `text` (up to a `;` that `sqlite3_complete` accepts, so
    /// semicolons in strings, comments and trigger bodies do not count), for the error of a
    /// statement that failed to compile; SQLite does not report where such a statement ends.
    static func firstStatement(_ text: String) -> String {
        var prefix = ""
        for character in text {
            prefix.append(character)
            if character == ";" && sqlite3_complete(prefix) != 0 { return trimmed(prefix) }
        }
        return trimmed(text)
    }

    /// `text` without leading and trailing whitespace, for error messages.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }
}
