import Crypto
import Testing

/// Argon2id password hashing through libsodium.
@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher(strength: .minimum)

    @Test func hashVerifiesTheSamePasswordOnly() throws {
        let stored = try hasher.hash("correct horse battery")
        #expect(hasher.verify("correct horse battery", against: stored))
        #expect(!hasher.verify("correct horse batterY", against: stored))
        #expect(!hasher.verify("", against: stored))
    }

    @Test func hashIsAnArgon2idStringWithTheChosenCost() throws {
        let stored = try hasher.hash("パスワード with ünïcode")
        #expect(stored.hasPrefix("$argon2id$v=19$m=8,t=1,p=1$"))
        #expect(hasher.verify("パスワード with ünïcode", against: stored))
    }

    @Test func twoHashesOfOnePasswordDifferBySalt() throws {
        let a = try hasher.hash("same password")
        let b = try hasher.hash("same password")
        #expect(a != b)
        #expect(hasher.verify("same password", against: a) && hasher.verify("same password", against: b))
    }

    @Test func embeddedNulIsPartOfThePassword() throws {
        let stored = try hasher.hash("abc\u{0}def")
        #expect(hasher.verify("abc\u{0}def", against: stored))
        #expect(!hasher.verify("abc", against: stored))
    }

    @Test func weakerHashNeedsRehashAndMalformedNeverVerifies() throws {
        let weak = try hasher.hash("password")
        #expect(!hasher.needsRehash(weak))
        #expect(PasswordHasher(strength: .interactive).needsRehash(weak))
        #expect(!hasher.verify("password", against: "$argon2id$garbage"))
        #expect(!hasher.verify("password", against: String(repeating: "x", count: 500)))
        #expect(hasher.needsRehash("not a hash"))
    }
}
