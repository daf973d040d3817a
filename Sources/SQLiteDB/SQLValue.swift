/// One SQLite value, for binding arguments and reading untyped columns.
///
/// Literals convert directly: `stmt.run(42, "text", nil, true, 1.5, .blob([0, 1]))`.
public enum SQLValue: Sendable, Hashable {
    /// A 64-bit signed integer (`SQLITE_INTEGER`).
    case int(Int64)
    /// An IEEE 754 double (`SQLITE_FLOAT`).
    case double(Double)
    /// UTF-8 text (`SQLITE_TEXT`), stored byte for byte.
    case text(String)
    /// Raw bytes (`SQLITE_BLOB`); an empty array is a zero-length blob, not NULL.
    case blob([UInt8])
    /// SQL NULL.
    case null
}

extension SQLValue: ExpressibleByIntegerLiteral {
    /// An integer literal becomes `.int`.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    /// A floating-point literal becomes `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    /// A string literal becomes `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByNilLiteral {
    /// `nil` becomes `.null`.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// `true`/`false` become `.int(1)`/`.int(0)`, SQLite's boolean convention.
    public init(booleanLiteral value: Bool) { self = .int(value ? 1 : 0) }
}

extension SQLValue {
    /// `.int` from a platform integer.
    public init(_ value: Int) { self = .int(Int64(value)) }
    /// `.text`, or `.null` when `value` is nil.
    public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    /// `.blob`, or `.null` when `value` is nil.
    public init(_ value: [UInt8]?) { self = value.map(SQLValue.blob) ?? .null }
}
