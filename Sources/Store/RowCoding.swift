import Crypto
import Ledger

/// Conversions between ledger values and column values. JSON columns hold JCS text.
enum RowCoding {
    static func text(_ value: JSONValue) -> String { String(decoding: JCS.encode(value), as: UTF8.self) }
    static func text(_ object: JSONObject) -> String { text(.object(object)) }
    static func text(_ strings: [String]) -> String { text(.array(strings.map { .string($0) })) }
    static func text(_ keys: [PublicKey]) -> String { text(.array(keys.map { .string($0.base64url) })) }

    static func json(_ text: String, table: String, key: String) throws -> JSONValue {
        do { return try JCS.parse(Array(text.utf8), maxBytes: 1 << 20) } catch {
            throw StoreError.badRow(table: table, key: key, reason: "unreadable JSON")
        }
    }

    static func object(_ text: String, table: String, key: String) throws -> JSONObject {
        guard case .object(let o) = try json(text, table: table, key: key) else {
            throw StoreError.badRow(table: table, key: key, reason: "expected a JSON object")
        }
        return o
    }

    static func strings(_ text: String, table: String, key: String) throws -> [String] {
        guard case .array(let a) = try json(text, table: table, key: key) else {
            throw StoreError.badRow(table: table, key: key, reason: "expected a JSON array")
        }
        return try a.map { v in
            guard case .string(let s) = v else { throw StoreError.badRow(table: table, key: key, reason: "expected strings") }
            return s
        }
    }

    static func keys(_ text: String, table: String, key: String) throws -> [PublicKey] {
        try strings(text, table: table, key: key).map { try publicKey(base64url: $0, table: table, key: key) }
    }

    static func publicKey(_ bytes: [UInt8]?, table: String, key: String) throws -> PublicKey {
        guard let bytes, let k = try? PublicKey(bytes: bytes) else {
            throw StoreError.badRow(table: table, key: key, reason: "bad public key")
        }
        return k
    }

    static func publicKey(base64url: String, table: String, key: String) throws -> PublicKey {
        guard let k = try? PublicKey(base64url: base64url) else { throw StoreError.badRow(table: table, key: key, reason: "bad public key") }
        return k
    }
}
