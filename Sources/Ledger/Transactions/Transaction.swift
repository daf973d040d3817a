import Crypto

/// A decoded transaction body: the common fields of PROTOCOL §2 and the typed payload.
public struct Transaction: Sendable, Equatable {
    /// Protocol version; always 1.
    public static let version: Int64 = 1

    public var net: String
    public var signer: PublicKey
    /// Client time, ms since the Unix epoch.
    public var time: Int64
    /// base64url of at least 16 random bytes.
    public var nonce: String
    public var payload: Payload

    /// The wire type.
    public var type: TxType { payload.type }

    public init(net: String, signer: PublicKey, time: Int64, nonce: String, payload: Payload) {
        self.net = net; self.signer = signer; self.time = time; self.nonce = nonce; self.payload = payload
    }

    /// The body as a JSON object (before canonicalisation).
    public var body: JSONObject {
        var pairs: [(String, JSONValue)] = [
            ("v", .int(Transaction.version)), ("net", .string(net)), ("type", .string(type.rawValue)),
            ("signer", .string(signer.base64url)), ("time", .int(time)), ("nonce", .string(nonce)),
        ]
        pairs += payload.members
        guard let o = JSONObject(pairs) else { preconditionFailure("ledger: payload repeats a common field") }
        return o
    }

    /// Decodes a body strictly: every field present with its type, no unknown field.
    /// - Throws: `bad_encoding`, or `unknown_type` for a type this version does not know.
    public init(body: JSONObject) throws(LedgerError) {
        var f = Fields(body)
        guard try f.int("v", min: 0) == Transaction.version else { throw LedgerError(.badEncoding, "\"v\" must be 1") }
        net = try f.id("net")
        let typeName = try f.string("type", maxScalars: 64)
        signer = try f.key("signer")
        time = try f.int("time")
        nonce = try f.string("nonce", maxScalars: 128)
        guard let bytes = try? Base64URL.decode(nonce), bytes.count >= 16 else {
            throw LedgerError(.badEncoding, "\"nonce\" must be base64url of at least 16 bytes")
        }
        guard let type = TxType(rawValue: typeName) else {
            throw LedgerError(.unknownType, "unknown transaction type \"\(Fields.printable(typeName))\"")
        }
        payload = try Payload.decode(type, &f)
        try f.finish()
    }
}
