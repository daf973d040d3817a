import CSQLite

/// An error reported by SQLite, keeping its C result code.
///
/// `sql` holds the statement text as written (with its `?` parameters), never the bound values,
/// so an error can be logged without leaking arguments such as secrets or personal data.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The extended result code, e.g. `SQLITE_CONSTRAINT_UNIQUE` (2067); equal to `code` when
    /// SQLite reported no extended code.
    public let extendedCode: Int32
    /// The message from `sqlite3_errmsg`, or our own text for errors raised by this wrapper.
    public let message: String
    /// The statement text that failed, if any; never contains bound values.
    public let sql: String?

    /// Creates an error from a result code (primary or extended), a message and optional SQL text.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code, e.g. `SQLITE_CONSTRAINT` (19).
    public var code: Int32 { extendedCode & 0xff }

    /// Another connection holds a conflicting lock (`SQLITE_BUSY`); retrying later may succeed.
    /// (`SQLITE_LOCKED`, a conflict within this connection or shared cache, is not included.)
    public var isBusy: Bool { code == SQLITE_BUSY }
    /// The file is damaged or not a database at all (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
    public var isCorrupt: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB }
    /// The disk or the database's size limit is full (`SQLITE_FULL`).
    public var isFull: Bool { code == SQLITE_FULL }
    /// The operating system reported an I/O error (`SQLITE_IOERR`, any extended variant).
    public var isIOError: Bool { code == SQLITE_IOERR }
    /// A UNIQUE, NOT NULL, CHECK, PRIMARY KEY or FOREIGN KEY constraint failed (`SQLITE_CONSTRAINT`).
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }
    /// The operation was stopped by `Connection.interrupt()` (`SQLITE_INTERRUPT`).
    public var isInterrupted: Bool { code == SQLITE_INTERRUPT }

    /// `SQLite error 19/2067 (constraint failed): UNIQUE constraint failed: t.id [sql: INSERT …]`.
    public var description: String {
        let codes = extendedCode == code ? "\(code)" : "\(code)/\(extendedCode)"
        var text = "SQLite error \(codes) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql { text += " [sql: \(sql)]" }
        return text
    }
}

extension SQLiteError {
    /// Builds the error for a failed call on `db`. The connection's own error state is used only
    /// when it matches `rc`; otherwise (e.g. a stale message) SQLite's generic text for `rc` is used.
    init(resultCode rc: Int32, db: OpaquePointer?, sql: String?) {
        var extended = rc
        var message = String(cString: sqlite3_errstr(rc))
        if let db, sqlite3_errcode(db) & 0xff == rc & 0xff {
            extended = max(rc, sqlite3_extended_errcode(db))
            message = String(cString: sqlite3_errmsg(db))
        }
        self.init(code: extended, message: message, sql: sql)
    }
}
