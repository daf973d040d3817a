import CSodium

/// Password hashing with Argon2id (RFC 9106) through libsodium's `crypto_pwhash_str_alg`.
///
/// The stored form is libsodium's self-describing PHC string
/// (`$argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>$<hash>`, at most 127 ASCII bytes): it carries
/// its own random 16-byte salt and parameters, so verification needs nothing else and a
/// later, stronger `Strength` can tell old hashes apart (`needsRehash`).
public struct PasswordHasher: Sendable {
    /// Argon2id cost parameters.
    public struct Strength: Sendable, Equatable {
        /// Number of passes (`opslimit`).
        public let opsLimit: Int
        /// Memory in bytes (`memlimit`).
        public let memLimit: Int

        /// libsodium's `OPSLIMIT_INTERACTIVE` / `MEMLIMIT_INTERACTIVE` (2 passes, 64 MiB): production.
        public static var interactive: Strength {
            Sodium.ensure()
            return Strength(opsLimit: crypto_pwhash_argon2id_opslimit_interactive(),
                            memLimit: crypto_pwhash_argon2id_memlimit_interactive())
        }

        /// libsodium's `OPSLIMIT_MIN` / `MEMLIMIT_MIN` (1 pass, 8 KiB): tests only, never for real passwords.
        public static var minimum: Strength {
            Sodium.ensure()
            return Strength(opsLimit: crypto_pwhash_argon2id_opslimit_min(),
                            memLimit: crypto_pwhash_argon2id_memlimit_min())
        }

        private init(opsLimit: Int, memLimit: Int) {
            self.opsLimit = opsLimit
            self.memLimit = memLimit
        }
    }

    /// Raised when libsodium cannot hash, which in practice means it could not get the memory.
    public struct HashingFailed: Error, Sendable, Equatable {}

    /// libsodium's `crypto_pwhash_STRBYTES`: the output buffer, including the terminating NUL.
    private static let stringBytes = 128

    /// The cost used for new hashes and expected by `needsRehash`.
    public let strength: Strength

    /// Creates a hasher with the given cost.
    public init(strength: Strength) {
        self.strength = strength
    }

    /// Hashes `password` (its UTF-8 bytes) with a fresh random salt.
    /// - Returns: the `$argon2id$…` string to store.
    /// - Throws: `HashingFailed` when libsodium could not allocate the memory Argon2id needs.
    public func hash(_ password: String) throws -> String {
        Sodium.ensure()
        var out = [CChar](repeating: 0, count: Self.stringBytes)
        // withCString passes every UTF-8 byte (embedded NULs too); the length is given explicitly.
        let rc = password.withCString { chars in
            crypto_pwhash_str_alg(&out, chars, UInt64(password.utf8.count), UInt64(strength.opsLimit), strength.memLimit,
                                  crypto_pwhash_alg_argon2id13())
        }
        guard rc == 0 else { throw HashingFailed() }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `stored` (any libsodium `crypto_pwhash_str` string).
    /// A malformed stored string gives false.
    public func verify(_ password: String, against stored: String) -> Bool {
        Sodium.ensure()
        guard let buffer = Self.buffer(stored) else { return false }
        return password.withCString { chars in
            crypto_pwhash_str_verify(buffer, chars, UInt64(password.utf8.count)) == 0
        }
    }

    /// Whether `stored` was made with another algorithm or other parameters than `strength`
    /// (`crypto_pwhash_str_needs_rehash`); a malformed string also needs a new hash.
    public func needsRehash(_ stored: String) -> Bool {
        Sodium.ensure()
        guard let buffer = Self.buffer(stored) else { return true }
        return crypto_pwhash_str_needs_rehash(buffer, UInt64(strength.opsLimit), strength.memLimit) != 0
    }

    /// The stored string as the NUL-padded 128-byte C buffer libsodium's prototypes declare,
    /// or nil when it cannot be a libsodium hash string (too long or holding a NUL).
    private static func buffer(_ stored: String) -> [CChar]? {
        let bytes = Array(stored.utf8)
        guard bytes.count < stringBytes, !bytes.contains(0) else { return nil }
        return bytes.map { CChar(bitPattern: $0) } + [CChar](repeating: 0, count: stringBytes - bytes.count)
    }
}
