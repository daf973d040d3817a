import Crypto

/// A SHA-256 hash naming a log leaf, an interior node or a tree root (RFC 9162 §2.1).
///
/// A `Hash` always holds exactly 32 bytes: the public initialisers refuse anything else, so a
/// proof made of `Hash` values can be hostile only in its values and length, never in its shape.
public struct Hash: Hashable, Sendable, CustomStringConvertible {
    /// The size of a hash in bytes (SHA-256).
    public static let byteCount = 32

    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes.
    /// - Throws: `LedgerError(.badEncoding)` unless `bytes` holds exactly 32 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Hash.byteCount else {
            throw LedgerError(.badEncoding, "hash must be \(Hash.byteCount) bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses the unpadded base64url form (43 characters) used on the wire (PROTOCOL §3).
    /// - Throws: `LedgerError(.badEncoding)` for non-canonical base64url or a length other
    ///   than 32 bytes. Nothing is kept unless the whole text is well formed.
    public init(base64url text: String) throws {
        let decoded: [UInt8]
        do {
            decoded = try Base64URL.decode(text)
        } catch {
            throw LedgerError(.badEncoding, "hash is not canonical base64url")
        }
        try self.init(bytes: decoded)
    }

    /// Wraps a digest computed here; the caller guarantees 32 bytes.
    init(digest: [UInt8]) {
        precondition(digest.count == Hash.byteCount, "ledger: digest is not 32 bytes")
        self.bytes = digest
    }

    /// The unpadded base64url text of the hash (43 characters), as carried in JSON.
    public var base64url: String { Base64URL.encode(bytes) }

    /// The base64url text, for logs and test failures.
    public var description: String { base64url }
}
