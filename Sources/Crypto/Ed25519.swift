import CSodium

/// An Ed25519 public key: the raw 32 bytes of RFC 8032.
public struct PublicKey: Hashable, Sendable {
    /// The 32 raw key bytes.
    public let bytes: [UInt8]

    /// Wraps 32 raw bytes.
    /// - Throws: `CryptoError.badLength` unless exactly 32 bytes are given.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw CryptoError.badLength(expected: 32, actual: bytes.count) }
        self.bytes = bytes
    }

    /// Parses the base64url (unpadded) text form used on the wire.
    public init(base64url text: String) throws {
        try self.init(bytes: try Base64URL.decode(text))
    }

    /// The base64url (unpadded) text form.
    public var base64url: String { Base64URL.encode(bytes) }

    /// Verifies a pure Ed25519 signature (RFC 8032 §5.1.7) over `message`.
    /// Returns false for a signature of the wrong length.
    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        Sodium.ensure()
        guard signature.count == 64 else { return false }
        return signature.withUnsafeBufferPointer { s in
            message.withUnsafeBufferPointer { m in
                bytes.withUnsafeBufferPointer { k in
                    crypto_sign_verify_detached(s.baseAddress!, m.baseAddress, UInt64(m.count), k.baseAddress!) == 0
                }
            }
        }
    }
}

/// An Ed25519 signing key derived from a 32-byte seed (RFC 8032 §5.1.5).
public struct SigningKey: Sendable {
    /// The 32-byte seed: the only secret that needs storing.
    public let seed: [UInt8]
    /// The matching public key.
    public let publicKey: PublicKey
    /// libsodium's 64-byte expanded secret key (seed || public key).
    private let secret: [UInt8]

    /// Derives the key pair from a 32-byte seed.
    /// - Throws: `CryptoError.badLength` unless exactly 32 bytes are given.
    public init(seed: [UInt8]) throws {
        guard seed.count == 32 else { throw CryptoError.badLength(expected: 32, actual: seed.count) }
        Sodium.ensure()
        var pk = [UInt8](repeating: 0, count: 32)
        var sk = [UInt8](repeating: 0, count: 64)
        let rc = crypto_sign_seed_keypair(&pk, &sk, seed)
        if rc != 0 { preconditionFailure("crypto: crypto_sign_seed_keypair failed") }
        self.seed = seed
        self.secret = sk
        self.publicKey = try PublicKey(bytes: pk)
    }

    /// A fresh key from the given randomness source.
    public static func generate(using random: RandomSource = SystemRandom()) -> SigningKey {
        do { return try SigningKey(seed: random.bytes(count: 32)) } catch {
            preconditionFailure("crypto: random source returned a short seed")
        }
    }

    /// Signs `message` with pure Ed25519 (RFC 8032 §5.1.6); returns the 64-byte signature.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        var sig = [UInt8](repeating: 0, count: 64)
        let rc = message.withUnsafeBufferPointer { m in
            crypto_sign_detached(&sig, nil, m.baseAddress, UInt64(m.count), secret)
        }
        if rc != 0 { preconditionFailure("crypto: crypto_sign_detached failed") }
        return sig
    }
}
