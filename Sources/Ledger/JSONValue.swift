/// A JSON value of the subset PROTOCOL §1 allows: strings, integers in ±(2^53−1), booleans,
/// arrays and objects. There is no null and no float.
///
/// Strings compare by their exact Unicode scalars (byte-exact), never by Swift's canonical
/// equivalence, so two different wire strings are never "equal" here.
public enum JSONValue: Sendable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case array([JSONValue])
    case object(JSONObject)

    /// The largest magnitude an integer may have (2^53 − 1, RFC 8785 / I-JSON safe range).
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991
}

extension JSONValue: Equatable {
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x.utf8.elementsEqual(y.utf8)
        case let (.int(x), .int(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x == y
        default: return false
        }
    }
}

/// A JSON object whose members are kept sorted in JCS order (by UTF-16 code units of the key,
/// RFC 8785 §3.2.3) with unique keys. Keys compare byte-exactly.
public struct JSONObject: Sendable, Equatable {
    /// One name/value pair.
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: JSONValue
        public init(key: String, value: JSONValue) { self.key = key; self.value = value }
        public static func == (a: Member, b: Member) -> Bool {
            a.key.utf8.elementsEqual(b.key.utf8) && a.value == b.value
        }
    }

    /// The members in JCS order.
    public private(set) var members: [Member]

    /// The empty object.
    public init() { members = [] }

    /// Builds an object from pairs; returns nil if two keys are identical.
    public init?(_ pairs: [(String, JSONValue)]) {
        var sorted = pairs.map { Member(key: $0.0, value: $0.1) }
        sorted.sort { JSONObject.keyLess($0.key, $1.key) }
        for i in sorted.indices.dropFirst() where sorted[i - 1].key.utf8.elementsEqual(sorted[i].key.utf8) {
            return nil
        }
        members = sorted
    }

    /// The value under `key` (byte-exact match), or nil.
    public subscript(key: String) -> JSONValue? {
        for m in members where m.key.utf8.elementsEqual(key.utf8) { return m.value }
        return nil
    }

    /// Sets or replaces the value under `key`, keeping JCS order.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let i = members.firstIndex(where: { $0.key.utf8.elementsEqual(key.utf8) }) {
            members[i] = Member(key: key, value: value)
            return
        }
        let i = members.firstIndex { JSONObject.keyLess(key, $0.key) } ?? members.endIndex
        members.insert(Member(key: key, value: value), at: i)
    }

    /// Removes `key` if present.
    public mutating func remove(_ key: String) {
        members.removeAll { $0.key.utf8.elementsEqual(key.utf8) }
    }

    /// The keys in JCS order.
    public var keys: [String] { members.map(\.key) }

    /// RFC 8785 §3.2.3: property names sort by their UTF-16 code units, compared as unsigned integers.
    public static func keyLess(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Dictionary literals with a repeated key are a programming error.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        guard let object = JSONObject(elements) else { preconditionFailure("ledger: duplicate key in JSON literal") }
        self = .object(object)
    }
}

extension JSONValue {
    /// The string, if this is one.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The integer, if this is one.
    public var intValue: Int64? { if case .int(let i) = self { return i }; return nil }
    /// The boolean, if this is one.
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    /// The object, if this is one.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Dictionary literals with a repeated key are a programming error.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        guard let object = JSONObject(elements) else { preconditionFailure("ledger: duplicate key in JSON literal") }
        self = object
    }
}
