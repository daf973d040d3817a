import CSodium

/// SHA-256 (FIPS 180-4) through libsodium.
public enum SHA256 {
    /// The 32-byte digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        Sodium.ensure()
        var out = [UInt8](repeating: 0, count: 32)
        _ = data.withUnsafeBufferPointer { d in
            crypto_hash_sha256(&out, d.baseAddress, UInt64(d.count))
        }
        return out
    }

    /// The digest of several byte strings concatenated, without building the concatenation.
    public static func hash(_ parts: [UInt8]...) -> [UInt8] {
        Sodium.ensure()
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        for part in parts {
            _ = part.withUnsafeBufferPointer { p in
                crypto_hash_sha256_update(&state, p.baseAddress, UInt64(p.count))
            }
        }
        var out = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256_final(&state, &out)
        return out
    }
}
