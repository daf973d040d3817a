import Crypto
import Ledger
import Testing
@testable import Services

/// Consumer sign-in by Ed25519 challenge–response.
@Suite struct AccountSignInTests {
    static let wallet = try! SigningKey(seed: SHA256.hash(Array("wallet-1".utf8)))
    static let otherWallet = try! SigningKey(seed: SHA256.hash(Array("wallet-2".utf8)))

    /// The documented signing input, written out by hand (JCS sorts the keys; no spaces).
    static func sign(_ challenge: String, with key: SigningKey, net: String = TestDatabase.net) -> String {
        let text = "kippu/account/v1\n{\"challenge\":\"\(challenge)\",\"key\":\"\(key.publicKey.base64url)\",\"net\":\"\(net)\"}"
        return Base64URL.encode(key.sign(Array(text.utf8)))
    }

    @Test func signatureOverTheDocumentedBytesSignsIn() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let c = try service.challenge()
        #expect(c.expires == TestDatabase.start + 5 * 60_000)
        #expect(try Base64URL.decode(c.challenge).count == 32)
        let result = try service.signIn(key: Self.wallet.publicKey.base64url, challenge: c.challenge,
                                        signature: Self.sign(c.challenge, with: Self.wallet))
        #expect(result.created)
        #expect(result.account.count == 22 && result.account.hasPrefix("a"))
        #expect(result.token.hasPrefix("kpa_") && result.expires == TestDatabase.start + 30 * TestDatabase.day)
        let identity = try service.authenticate(bearer: result.token)
        #expect(identity.account == result.account && identity.key == Self.wallet.publicKey)
    }

    @Test func signatureForAnotherNetworkOrPrefixIsRejected() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let key = Self.wallet.publicKey.base64url
        let c1 = try service.challenge()
        let e1 = expectError(.unauthenticated) {
            try service.signIn(key: key, challenge: c1.challenge, signature: Self.sign(c1.challenge, with: Self.wallet, net: "other-net"))
        }
        #expect(e1?.message.contains("signature") == true)
        let c2 = try service.challenge()
        let bare = "{\"challenge\":\"\(c2.challenge)\",\"key\":\"\(key)\",\"net\":\"\(TestDatabase.net)\"}"
        expectError(.unauthenticated) {
            try service.signIn(key: key, challenge: c2.challenge, signature: Base64URL.encode(Self.wallet.sign(Array(bare.utf8))))
        }
        let c3 = try service.challenge()  // signed by another key than the one named
        expectError(.unauthenticated) {
            try service.signIn(key: key, challenge: c3.challenge, signature: Self.sign(c3.challenge, with: Self.otherWallet))
        }
    }

    @Test func challengeIsSingleUse() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let c = try service.challenge()
        let signature = Self.sign(c.challenge, with: Self.wallet)
        _ = try service.signIn(key: Self.wallet.publicKey.base64url, challenge: c.challenge, signature: signature)
        let replay = expectError(.unauthenticated) {
            try service.signIn(key: Self.wallet.publicKey.base64url, challenge: c.challenge, signature: signature)
        }
        #expect(replay?.message.contains("used") == true)
        expectError(.unauthenticated) {
            try service.signIn(key: Self.wallet.publicKey.base64url, challenge: "never-issued", signature: signature)
        }
    }

    @Test func failedAttemptUsesUpTheChallenge() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let c = try service.challenge()
        let key = Self.wallet.publicKey.base64url
        expectError(.unauthenticated) { try service.signIn(key: key, challenge: c.challenge, signature: Self.sign(c.challenge, with: Self.otherWallet)) }
        expectError(.unauthenticated) { try service.signIn(key: key, challenge: c.challenge, signature: Self.sign(c.challenge, with: Self.wallet)) }
    }

    @Test func challengeExpiresAfterFiveMinutes() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let key = Self.wallet.publicKey.base64url
        let late = try service.challenge()
        let inTime = try service.challenge()
        db.clock.advance(5 * 60_000 - 1)
        _ = try service.signIn(key: key, challenge: inTime.challenge, signature: Self.sign(inTime.challenge, with: Self.wallet))
        db.clock.advance(1)
        let error = expectError(.unauthenticated) {
            try service.signIn(key: key, challenge: late.challenge, signature: Self.sign(late.challenge, with: Self.wallet))
        }
        #expect(error?.message.contains("expired") == true)
    }

    @Test func sameKeyGetsTheSameAccountAndOtherKeysAnotherOne() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        func signIn(_ key: SigningKey) throws -> AccountSignIn {
            let c = try service.challenge()
            return try service.signIn(key: key.publicKey.base64url, challenge: c.challenge, signature: Self.sign(c.challenge, with: key))
        }
        let first = try signIn(Self.wallet)
        let again = try signIn(Self.wallet)
        let other = try signIn(Self.otherWallet)
        #expect(first.created && !again.created && other.created)
        #expect(first.account == again.account && first.token != again.token)
        #expect(other.account != first.account)
        // Both sessions of the first account work.
        let viaFirst = try service.authenticate(bearer: first.token)
        let viaAgain = try service.authenticate(bearer: again.token)
        #expect(viaFirst == viaAgain && viaFirst.account == first.account)
    }

    @Test func malformedKeyOrSignatureIsAnInvalidRequestAndKeepsTheChallenge() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let c = try service.challenge()
        let error = expectError(.invalidRequest) { try service.signIn(key: "not a key", challenge: c.challenge, signature: "AAAA") }
        #expect(error?.fields.map(\.field) == ["key", "signature"])
        _ = try service.signIn(key: Self.wallet.publicKey.base64url, challenge: c.challenge, signature: Self.sign(c.challenge, with: Self.wallet))
    }

    @Test func sessionExpiresAfterThirtyDaysAndSignOutEndsIt() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let key = Self.wallet.publicKey.base64url
        let c1 = try service.challenge()
        let a = try service.signIn(key: key, challenge: c1.challenge, signature: Self.sign(c1.challenge, with: Self.wallet))
        let c2 = try service.challenge()
        let b = try service.signIn(key: key, challenge: c2.challenge, signature: Self.sign(c2.challenge, with: Self.wallet))
        try service.signOut(token: b.token)
        expectError(.unauthenticated) { try service.authenticate(bearer: b.token) }
        db.clock.advance(30 * TestDatabase.day - 1)
        #expect(try service.authenticate(bearer: a.token).account == a.account)
        db.clock.advance(1)
        expectError(.unauthenticated) { try service.authenticate(bearer: a.token) }
    }
}
