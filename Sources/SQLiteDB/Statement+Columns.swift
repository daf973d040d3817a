import CSQLite

extension Statement {
    /// The number of columns in a result row.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of the 0-based column (its `AS` name if given).
    public func columnName(_ column: Int) -> String {
        guard let name = sqlite3_column_name(handle, index(column)) else { return "" }
        return String(cString: name)
    }

    /// Whether the 0-based column of the current row is NULL.
    public func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(handle, index(column)) == SQLITE_NULL
    }

    /// The 0-based column as a 64-bit integer (NULL reads as 0).
    public func int64(_ column: Int) -> Int64 {
        sqlite3_column_int64(handle, index(column))
    }

    /// The 0-based column as an `Int` (NULL reads as 0).
    public func int(_ column: Int) -> Int {
        Int(truncatingIfNeeded: int64(column))
    }

    /// The 0-based column as a boolean: any non-zero integer is true, NULL is false.
    public func bool(_ column: Int) -> Bool {
        int64(column) != 0
    }

    /// The 0-based column as a double (NULL reads as 0).
    public func double(_ column: Int) -> Double {
        sqlite3_column_double(handle, index(column))
    }

    /// The 0-based column as text, byte for byte (embedded NULs kept); nil for NULL.
    public func string(_ column: Int) -> String? {
        let column = index(column)
        if sqlite3_column_type(handle, column) == SQLITE_NULL { return nil }
        // Text first, then its length: sqlite3_column_bytes measures the converted value.
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The 0-based column as bytes: `[]` for a zero-length blob, nil for NULL.
    public func blob(_ column: Int) -> [UInt8]? {
        let column = index(column)
        if sqlite3_column_type(handle, column) == SQLITE_NULL { return nil }
        // Blob first, then its length; a zero-length blob comes back as a nil pointer.
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The 0-based column as whatever type SQLite stored.
    public func value(_ column: Int) -> SQLValue {
        switch sqlite3_column_type(handle, index(column)) {
        case SQLITE_INTEGER: .int(int64(column))
        case SQLITE_FLOAT: .double(double(column))
        case SQLITE_TEXT: .text(string(column) ?? "")
        case SQLITE_BLOB: .blob(blob(column) ?? [])
        default: .null
        }
    }

    /// A checked C column index: reading past the last column is a bug in the caller.
    @inline(__always)
    private func index(_ column: Int) -> Int32 {
        precondition(column >= 0 && column < columnCount, "SQLiteDB: column \(column) out of range in \(sql)")
        return Int32(column)
    }
}
