import Crypto

/// Key files (PROTOCOL §5): one line holding the base64url of the 32-byte Ed25519 seed,
/// file mode 0600.
public enum KeyFile {
    /// Writes `key`'s seed to a new file at `path` with mode 0600; refuses to overwrite.
    public static func write(_ key: SigningKey, to path: String) throws {
        try SecureFile.create(path, contents: Array((Base64URL.encode(key.seed) + "\n").utf8))
    }

    /// Reads a key file written by `write` (or by any tool following PROTOCOL §5).
    public static func read(from path: String) throws -> SigningKey {
        let line = try SecureFile.readLine(path)
        guard let seed = try? Base64URL.decode(line), seed.count == 32, let key = try? SigningKey(seed: seed) else {
            throw KeyFileError("\(path) is not a key file (expected one line: base64url of a 32-byte seed)")
        }
        return key
    }
}
