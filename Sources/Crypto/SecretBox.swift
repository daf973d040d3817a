import CSodium

/// Authenticated secret-key encryption (libsodium `crypto_secretbox`, XSalsa20-Poly1305).
/// Sealed form: 24-byte random nonce || ciphertext with its 16-byte tag.
public enum SecretBox {
    /// Key length in bytes.
    public static let keyBytes = 32
    static let nonceBytes = 24
    static let macBytes = 16

    /// Encrypts and authenticates `plaintext` with a 32-byte key.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], random: RandomSource = SystemRandom()) throws -> [UInt8] {
        guard key.count == keyBytes else { throw CryptoError.badLength(expected: keyBytes, actual: key.count) }
        Sodium.ensure()
        let nonce = random.bytes(count: nonceBytes)
        var out = [UInt8](repeating: 0, count: plaintext.count + macBytes)
        let rc = plaintext.withUnsafeBufferPointer { p in
            crypto_secretbox_easy(&out, p.baseAddress, UInt64(p.count), nonce, key)
        }
        if rc != 0 { preconditionFailure("crypto: crypto_secretbox_easy failed") }
        return nonce + out
    }

    /// Opens a sealed box.
    /// - Throws: `CryptoError.openFailed` for a wrong key or any tampering.
    public static func open(_ sealed: [UInt8], key: [UInt8]) throws -> [UInt8] {
        guard key.count == keyBytes else { throw CryptoError.badLength(expected: keyBytes, actual: key.count) }
        guard sealed.count >= nonceBytes + macBytes else { throw CryptoError.openFailed }
        Sodium.ensure()
        let nonce = Array(sealed.prefix(nonceBytes))
        let box = Array(sealed.dropFirst(nonceBytes))
        var out = [UInt8](repeating: 0, count: box.count - macBytes)
        let rc = box.withUnsafeBufferPointer { b in
            crypto_secretbox_open_easy(&out, b.baseAddress!, UInt64(b.count), nonce, key)
        }
        guard rc == 0 else { throw CryptoError.openFailed }
        return out
    }
}
