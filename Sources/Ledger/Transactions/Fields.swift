import Crypto

/// Strict, typed access to the members of a transaction body (PROTOCOL §1–2).
///
/// Every read marks the member as known; `finish()` rejects any member nobody read, so unknown
/// fields are `bad_encoding`. All comparisons are byte-exact on UTF-8.
struct Fields {
    private let object: JSONObject
    /// Bit i set: member i was read. No body of this protocol has 64 members, so a member past
    /// the 64th is unknown by construction.
    private var read: UInt64 = 0

    init(_ object: JSONObject) { self.object = object }

    /// Fails when the body carries a member that no reader asked for.
    func finish() throws(LedgerError) {
        for (i, m) in object.members.enumerated() where i >= 64 || read & (1 << UInt64(i)) == 0 {
            throw LedgerError(.badEncoding, "unknown field \"\(Fields.printable(m.key))\"")
        }
    }

    private mutating func raw(_ key: String) -> JSONValue? {
        for (i, m) in object.members.enumerated() where m.key.utf8.elementsEqual(key.utf8) {
            if i < 64 { read |= 1 << UInt64(i) }
            return m.value
        }
        return nil
    }

    private mutating func required(_ key: String) throws(LedgerError) -> JSONValue {
        guard let value = raw(key) else { throw LedgerError(.badEncoding, "missing field \"\(key)\"") }
        return value
    }

    // MARK: scalars

    mutating func string(_ key: String, maxScalars: Int = 200, allowEmpty: Bool = false) throws(LedgerError) -> String {
        guard case .string(let s) = try required(key) else { throw Fields.wrongType(key, "a string") }
        try Fields.checkText(s, key: key, maxScalars: maxScalars, allowEmpty: allowEmpty)
        return s
    }

    mutating func optionalString(_ key: String, maxScalars: Int = 200) throws(LedgerError) -> String? {
        guard raw(key) != nil else { return nil }
        return try string(key, maxScalars: maxScalars)
    }

    mutating func int(_ key: String, min: Int64 = 0, max: Int64 = JSONValue.maxSafeInteger) throws(LedgerError) -> Int64 {
        guard case .int(let i) = try required(key) else { throw Fields.wrongType(key, "an integer") }
        guard i >= min, i <= max else { throw LedgerError(.badEncoding, "\"\(key)\" must be between \(min) and \(max)") }
        return i
    }

    mutating func optionalInt(_ key: String, min: Int64 = 0, max: Int64 = JSONValue.maxSafeInteger) throws(LedgerError) -> Int64? {
        guard raw(key) != nil else { return nil }
        return try int(key, min: min, max: max)
    }

    mutating func bool(_ key: String) throws(LedgerError) -> Bool {
        guard case .bool(let b) = try required(key) else { throw Fields.wrongType(key, "a boolean") }
        return b
    }

    mutating func object(_ key: String) throws(LedgerError) -> JSONObject {
        guard case .object(let o) = try required(key) else { throw Fields.wrongType(key, "an object") }
        return o
    }

    mutating func optionalObject(_ key: String) throws(LedgerError) -> JSONObject? {
        guard raw(key) != nil else { return nil }
        return try object(key)
    }

    mutating func array(_ key: String, maxCount: Int = 1000) throws(LedgerError) -> [JSONValue] {
        guard case .array(let a) = try required(key) else { throw Fields.wrongType(key, "an array") }
        guard a.count <= maxCount else { throw LedgerError(.badEncoding, "\"\(key)\" has more than \(maxCount) entries") }
        return a
    }

    mutating func optionalArray(_ key: String, maxCount: Int = 1000) throws(LedgerError) -> [JSONValue]? {
        guard raw(key) != nil else { return nil }
        return try array(key, maxCount: maxCount)
    }

    // MARK: protocol shapes

    /// An identifier chosen by a client: `^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$` (PROTOCOL §1).
    mutating func id(_ key: String) throws(LedgerError) -> String {
        guard case .string(let s) = try required(key) else { throw Fields.wrongType(key, "an identifier string") }
        guard Identifier.isValid(s) else { throw LedgerError(.badEncoding, "\"\(key)\" is not a valid identifier") }
        return s
    }

    mutating func optionalID(_ key: String) throws(LedgerError) -> String? {
        guard raw(key) != nil else { return nil }
        return try id(key)
    }

    /// A ticket id: 22 base64url characters (PROTOCOL §2, "Tickets").
    mutating func ticketID(_ key: String) throws(LedgerError) -> String {
        guard case .string(let s) = try required(key) else { throw Fields.wrongType(key, "a ticket id") }
        guard TicketID.isWellFormed(s) else { throw LedgerError(.badEncoding, "\"\(key)\" is not a ticket id") }
        return s
    }

    /// A raw 32-byte Ed25519 public key in base64url.
    mutating func key(_ key: String) throws(LedgerError) -> PublicKey {
        guard case .string(let s) = try required(key) else { throw Fields.wrongType(key, "a base64url key") }
        return try Fields.publicKey(s, field: key)
    }

    /// A list of identifiers, without repeats.
    mutating func ids(_ key: String, maxCount: Int = 1000, allowEmpty: Bool = false) throws(LedgerError) -> [String] {
        let values = try array(key, maxCount: maxCount)
        return try Fields.idList(values, key: key, allowEmpty: allowEmpty)
    }

    /// A list of public keys, without repeats, at least one.
    mutating func keys(_ key: String, maxCount: Int = 100) throws(LedgerError) -> [PublicKey] {
        let values = try array(key, maxCount: maxCount)
        guard !values.isEmpty else { throw LedgerError(.badEncoding, "\"\(key)\" must not be empty") }
        var out: [PublicKey] = []
        for v in values {
            guard case .string(let s) = v else { throw Fields.wrongType(key, "an array of keys") }
            let k = try Fields.publicKey(s, field: key)
            guard !out.contains(k) else { throw LedgerError(.badEncoding, "\"\(key)\" repeats a key") }
            out.append(k)
        }
        return out
    }

    /// Store or merchant attributes: an object of string, integer or boolean values.
    mutating func attrs(_ key: String) throws(LedgerError) -> JSONObject {
        let o = try object(key)
        try Fields.checkAttrs(o, key: key)
        return o
    }

    // MARK: helpers shared by nested readers

    static func wrongType(_ key: String, _ what: String) -> LedgerError {
        LedgerError(.badEncoding, "\"\(key)\" must be \(what)")
    }

    static func publicKey(_ text: String, field: String) throws(LedgerError) -> PublicKey {
        do { return try PublicKey(base64url: text) } catch {
            throw LedgerError(.badEncoding, "\"\(field)\" is not a base64url Ed25519 public key")
        }
    }

    static func idList(_ values: [JSONValue], key: String, allowEmpty: Bool) throws(LedgerError) -> [String] {
        guard allowEmpty || !values.isEmpty else { throw LedgerError(.badEncoding, "\"\(key)\" must not be empty") }
        var out: [String] = []
        for v in values {
            guard case .string(let s) = v, Identifier.isValid(s) else {
                throw LedgerError(.badEncoding, "\"\(key)\" must hold identifiers")
            }
            guard !out.contains(where: { $0.utf8.elementsEqual(s.utf8) }) else {
                throw LedgerError(.badEncoding, "\"\(key)\" repeats \"\(s)\"")
            }
            out.append(s)
        }
        return out
    }

    static func checkAttrs(_ o: JSONObject, key: String) throws(LedgerError) {
        guard o.members.count <= 64 else { throw LedgerError(.badEncoding, "\"\(key)\" has more than 64 attributes") }
        for m in o.members {
            try checkText(m.key, key: key, maxScalars: 64, allowEmpty: false)
            switch m.value {
            case .string(let s): try checkText(s, key: key, maxScalars: 200, allowEmpty: true)
            case .int, .bool: break
            default: throw LedgerError(.badEncoding, "\"\(key)\" values must be strings, integers or booleans")
            }
        }
    }

    /// Free text: bounded length; no control characters other than tab and newline.
    static func checkText(_ s: String, key: String, maxScalars: Int, allowEmpty: Bool) throws(LedgerError) {
        var n = 0
        for u in s.unicodeScalars {
            n += 1
            if n > maxScalars { throw LedgerError(.badEncoding, "\"\(key)\" is longer than \(maxScalars) characters") }
            if u.value < 0x20 && u.value != 0x09 && u.value != 0x0A || u.value == 0x7F {
                throw LedgerError(.badEncoding, "\"\(key)\" contains a control character")
            }
        }
        if n == 0 && !allowEmpty { throw LedgerError(.badEncoding, "\"\(key)\" must not be empty") }
    }

    /// A key name safe to echo in an error message.
    static func printable(_ s: String) -> String {
        let cut = String(String.UnicodeScalarView(s.unicodeScalars.prefix(40).filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return cut
    }
}

/// Client-chosen identifiers (PROTOCOL §1).
public enum Identifier {
    /// True when `s` matches `^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`, checked on bytes.
    public static func isValid(_ s: String) -> Bool {
        var count = 0
        for b in s.utf8 {
            let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if count == 0 { if !alnum { return false } } else if !(alnum || b == 0x5F || b == 0x2E || b == 0x2D) { return false }
            count += 1
            if count > 64 { return false }
        }
        return count > 0
    }
}
