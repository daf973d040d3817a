import CSQLite

/// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns. The C macro
/// `((sqlite3_destructor_type)-1)` does not import into Swift, so it is rebuilt here (computed,
/// so there is no global state).
private var transient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension Statement {
    /// The number of parameters (`?`, `?NNN`, `:name`, …) in the statement.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The 1-based index of a named parameter such as `":id"`, or nil if there is none.
    public func parameterIndex(_ name: String) -> Int? {
        let index = sqlite3_bind_parameter_index(handle, name)
        return index == 0 ? nil : Int(index)
    }

    /// Binds an integer to the 1-based parameter `index`.
    /// - Throws: `SQLiteError` (`SQLITE_RANGE` for a bad index).
    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(handle, Int32(clamping: index), value))
    }

    /// Binds an integer to the 1-based parameter `index`.
    /// - Throws: `SQLiteError`.
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a boolean as 1 or 0 to the 1-based parameter `index`.
    /// - Throws: `SQLiteError`.
    public func bind(_ value: Bool, at index: Int) throws {
        try bind(Int64(value ? 1 : 0), at: index)
    }

    /// Binds a double to the 1-based parameter `index`.
    /// - Throws: `SQLiteError`.
    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(handle, Int32(clamping: index), value))
    }

    /// Binds text, byte for byte (embedded NULs included), to the 1-based parameter `index`.
    /// - Throws: `SQLiteError` (`SQLITE_TOOBIG` above the length limit).
    public func bind(_ value: String, at index: Int) throws {
        var value = value
        let rc = value.withUTF8 { bytes -> Int32 in
            // A nil pointer would bind NULL, so the empty string gets a real (empty) C string.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text64(handle, Int32(clamping: index), "", 0, transient, UInt8(SQLITE_UTF8))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text64(handle, Int32(clamping: index), $0, UInt64(bytes.count), transient,
                                    UInt8(SQLITE_UTF8))
            }
        }
        try check(rc)
    }

    /// Binds bytes as a blob to the 1-based parameter `index`; `[]` is a zero-length blob, not NULL.
    /// - Throws: `SQLiteError` (`SQLITE_TOOBIG` above the length limit).
    public func bind(_ value: [UInt8], at index: Int) throws {
        let rc = value.withUnsafeBytes { bytes -> Int32 in
            // sqlite3_bind_blob with a nil pointer would bind NULL.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(handle, Int32(clamping: index), 0)
            }
            return sqlite3_bind_blob64(handle, Int32(clamping: index), base, UInt64(bytes.count), transient)
        }
        try check(rc)
    }

    /// Binds NULL to the 1-based parameter `index`.
    /// - Throws: `SQLiteError`.
    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(clamping: index)))
    }

    /// Binds any `SQLValue` (including `nil` for NULL) to the 1-based parameter `index`.
    /// - Throws: `SQLiteError`.
    public func bind(_ value: SQLValue, at index: Int) throws {
        switch value {
        case .int(let v): try bind(v, at: index)
        case .double(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        case .blob(let v): try bind(v, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1…n; n must equal `parameterCount`.
    /// - Throws: `SQLiteError` (`SQLITE_RANGE` on a count mismatch; the values are not shown).
    public func bind(_ values: SQLValue...) throws {
        try bind(values)
    }

    /// Binds `values` to parameters 1…n; n must equal `parameterCount`.
    /// - Throws: `SQLiteError` (`SQLITE_RANGE` on a count mismatch; the values are not shown).
    public func bind(_ values: [SQLValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement has \(parameterCount) parameters, \(values.count) values given",
                              sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }
}
