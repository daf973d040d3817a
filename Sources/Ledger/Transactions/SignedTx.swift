import Crypto

/// A transaction as it travels: `{"body": {...}, "sig": "<base64url 64 bytes>"}` (PROTOCOL §2).
///
/// Holds the canonical bytes that everything is computed from: the signing input is
/// `"kippu/tx/v1\n" || JCS(body)`, the txid is `base64url(SHA-256(JCS(body)))`, and the Merkle
/// leaf is `JCS(envelope)`.
///
/// A class (immutable) rather than a struct: a transaction passes through several queues and
/// threads, and copying one reference is far cheaper than copying its five buffers.
public final class SignedTx: Sendable {
    /// ASCII domain-separation prefix of the signing input.
    public static let signingPrefix: [UInt8] = Array("kippu/tx/v1\n".utf8)
    /// Largest envelope accepted, in bytes of its JCS form (PROTOCOL §1: bodies over 16 KiB are rejected).
    public static let maxBytes = 16 * 1024

    /// The decoded body.
    public let tx: Transaction
    /// JCS(body).
    public let bodyJCS: [UInt8]
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]
    /// base64url(SHA-256(JCS(body))).
    public let txid: String
    /// SHA-256(JCS(body)): the txid's raw 32 bytes.
    public let txidBytes: [UInt8]
    /// The RFC 9162 leaf hash of this transaction: SHA-256(0x00 || JCS(envelope)). Computed
    /// once, by whichever thread decodes the envelope, not by the writer.
    public let leafHash: Hash
    /// JCS(envelope): the bytes stored in the log and hashed into the leaf.
    public let envelopeJCS: [UInt8]

    /// Decodes an envelope from any well-formed JSON text of the allowed subset; the node keeps
    /// its JCS form. Does not verify the signature (see `verifySignature()`).
    /// - Throws: `too_large`, `bad_encoding`, `unknown_type`.
    public convenience init(json bytes: [UInt8]) throws(LedgerError) {
        // Non-canonical input may be a little larger than its JCS form; allow twice the limit
        // to parse, then hold the canonical form to the 16 KiB limit.
        if bytes.count > 2 * SignedTx.maxBytes { throw LedgerError(.tooLarge, "envelope over 16 KiB") }
        try self.init(envelope: try JCS.parse(bytes, maxBytes: 2 * SignedTx.maxBytes))
    }

    /// Decodes an already parsed envelope value.
    public convenience init(envelope value: JSONValue) throws(LedgerError) {
        guard case .object(let envelope) = value else { throw LedgerError(.badEncoding, "envelope must be an object") }
        guard envelope.members.count == 2, case .object(let body)? = envelope["body"], case .string(let sigText)? = envelope["sig"] else {
            throw LedgerError(.badEncoding, "envelope must be exactly {\"body\": {...}, \"sig\": \"...\"}")
        }
        guard let sig = try? Base64URL.decode(sigText), sig.count == 64 else {
            throw LedgerError(.badEncoding, "\"sig\" must be base64url of 64 bytes")
        }
        let envelopeJCS = JCS.encode(value)
        if envelopeJCS.count > SignedTx.maxBytes { throw LedgerError(.tooLarge, "envelope over 16 KiB") }
        let tx = try Transaction(body: body)
        // JCS(envelope) = {"body":JCS(body),"sig":"…"}: the body's bytes sit between a fixed
        // 8-byte head and the sig member, so they need no second encoding.
        let tail = 10 + sigText.utf8.count
        let bodyJCS = Array(envelopeJCS[8..<(envelopeJCS.count - tail)])
        self.init(tx: tx, bodyJCS: bodyJCS, signature: sig, envelopeJCS: envelopeJCS)
    }

    /// Signs a transaction with `key` (which should be the body's `signer`).
    public convenience init(signing tx: Transaction, with key: SigningKey) {
        let body = tx.body
        let bodyJCS = JCS.encode(.object(body))
        let sig = key.sign(SignedTx.signingPrefix + bodyJCS)
        let envelope: JSONValue = ["body": .object(body), "sig": .string(Base64URL.encode(sig))]
        self.init(tx: tx, bodyJCS: bodyJCS, signature: sig, envelopeJCS: JCS.encode(envelope))
    }

    private init(tx: Transaction, bodyJCS: [UInt8], signature: [UInt8], envelopeJCS: [UInt8]) {
        self.tx = tx
        self.bodyJCS = bodyJCS
        self.signature = signature
        self.envelopeJCS = envelopeJCS
        self.txidBytes = SHA256.hash(bodyJCS)
        self.txid = Base64URL.encode(txidBytes)
        self.leafHash = Merkle.leafHash(envelopeJCS)
    }

    /// The exact bytes the signer signed.
    public var signingInput: [UInt8] { SignedTx.signingPrefix + bodyJCS }

    /// True when `sig` is a valid Ed25519 signature of the body's `signer` over the signing input.
    public func verifySignature() -> Bool {
        tx.signer.verify(signature: signature, message: signingInput)
    }

}
