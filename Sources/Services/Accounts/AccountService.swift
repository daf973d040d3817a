import Crypto
import Ledger
import SQLiteDB

/// Consumer accounts: sign-in by Ed25519 challenge–response with the wallet's key, sessions,
/// and consented personal attributes. Accounts are pseudonymous: the id and the public key are
/// all the ledger ever sees.
///
/// Thread-safe: one connection behind a lock. Formats are in docs/accounts.md.
public final class AccountService: Sendable {
    /// How long a challenge is accepted: 5 minutes.
    public static let challengeLifetime: Int64 = 5 * 60_000
    /// How long an account session lasts: 30 days.
    public static let sessionLifetime: Int64 = 30 * 86_400_000
    /// The domain-separation prefix of the sign-in signature.
    public static let signingPrefix = "kippu/account/v1\n"

    let db: AppDatabase
    let net: String
    let clock: Clock
    let random: RandomSource

    /// Opens the service on the node's (migrated) database file.
    /// - Parameter net: the network id, bound into every sign-in signature.
    /// - Throws: `ServiceError(.unavailable)` for a missing or unmigrated file, `SQLiteError`.
    public init(path: String, net: String, clock: Clock, random: RandomSource) throws {
        db = try AppDatabase(path: path)
        self.net = net
        self.clock = clock
        self.random = random
    }

    /// The bytes a wallet signs to sign in:
    /// `UTF-8("kippu/account/v1\n") || JCS({"challenge": challenge, "key": key, "net": net})`.
    public static func signingInput(net: String, challenge: String, key: PublicKey) -> [UInt8] {
        let body: JSONValue = ["challenge": .string(challenge), "key": .string(key.base64url), "net": .string(net)]
        return Array(signingPrefix.utf8) + JCS.encode(body)
    }

    /// A fresh challenge, valid for five minutes and usable once.
    public func challenge() throws -> AccountChallenge {
        let challenge = Base64URL.encode(random.bytes(count: 32))
        let now = clock.now()
        let expires = now + Self.challengeLifetime
        try db.write { c in
            try c.cached("DELETE FROM account_challenges WHERE expires <= ?").run(.int(now))
            try c.cached("INSERT INTO account_challenges(challenge, expires) VALUES (?, ?)").run(.text(challenge), .int(expires))
        }
        return AccountChallenge(challenge: challenge, expires: expires)
    }

    /// Signs in with a wallet key: the first sign-in with a key creates its account, later ones
    /// return the same account. The challenge is used up by any attempt that names it.
    /// - Parameters:
    ///   - key: the raw 32-byte Ed25519 public key, base64url.
    ///   - challenge: a challenge from `challenge()`.
    ///   - signature: base64url of the 64-byte Ed25519 signature over `signingInput`.
    /// - Throws: `invalid_request` for a malformed `key` or `signature`; `unauthenticated` for
    ///   an unknown, used or expired challenge or a signature that does not verify.
    public func signIn(key: String, challenge: String, signature: String) throws -> AccountSignIn {
        var problems = FieldProblems()
        let publicKey = try? PublicKey(base64url: key)
        if publicKey == nil { problems.add("key", "bad_format", "must be a base64url Ed25519 public key (32 bytes)") }
        let sig = try? Base64URL.decode(signature)
        if sig?.count != 64 { problems.add("signature", "bad_format", "must be a base64url Ed25519 signature (64 bytes)") }
        try problems.check()
        guard let publicKey, let sig else { preconditionFailure("accounts: field checks passed without values") }

        let now = clock.now()
        let expires = try db.write { c -> Int64? in
            let expires = try c.cached("SELECT expires FROM account_challenges WHERE challenge = ?")
                .queryOne(.text(challenge)) { $0.int64(0) }
            if expires != nil { try c.cached("DELETE FROM account_challenges WHERE challenge = ?").run(.text(challenge)) }
            return expires
        }
        guard let expires else { throw ServiceError(.unauthenticated, "unknown or already used challenge") }
        guard now < expires else { throw ServiceError(.unauthenticated, "the challenge has expired; ask for a new one") }
        let message = Self.signingInput(net: net, challenge: challenge, key: publicKey)
        guard publicKey.verify(signature: sig, message: message) else {
            throw ServiceError(.unauthenticated, "the signature does not verify")
        }

        let token = SecretToken.generate(prefix: SecretToken.account, random: random)
        let sessionEnd = now + Self.sessionLifetime
        let newID = Self.newAccountID(random)
        let (account, created) = try db.write { c -> (String, Bool) in
            let existing = try c.cached("SELECT id FROM accounts WHERE key = ?").queryOne(.blob(publicKey.bytes)) { $0.string(0) ?? "" }
            let account = existing ?? newID
            if existing == nil {
                try c.cached("INSERT INTO accounts(id, key, created) VALUES (?, ?, ?)").run(.text(account), .blob(publicKey.bytes), .int(now))
            }
            try c.cached("DELETE FROM account_sessions WHERE expires <= ?").run(.int(now))
            try c.cached("INSERT INTO account_sessions(token_hash, account, created, expires) VALUES (?, ?, ?, ?)")
                .run(.blob(SecretToken.digest(token)), .text(account), .int(now), .int(sessionEnd))
            return (account, existing == nil)
        }
        return AccountSignIn(account: account, token: token, expires: sessionEnd, created: created)
    }

    /// The account behind a session token (`kpa_…`, without `Bearer `).
    /// - Throws: `unauthenticated` for an unknown, ended or expired session.
    public func authenticate(bearer: String) throws -> AccountIdentity {
        guard SecretToken.hasShape(bearer, prefix: SecretToken.account) else {
            throw ServiceError(.unauthenticated, "not a Kippu account session")
        }
        let row = try db.read { c in
            try c.cached("""
                SELECT a.id, a.key, s.expires FROM account_sessions s JOIN accounts a ON a.id = s.account WHERE s.token_hash = ?
                """).queryOne(.blob(SecretToken.digest(bearer))) { r in (r.string(0) ?? "", r.blob(1) ?? [], r.int64(2)) }
        }
        guard let (account, key, expires) = row else { throw ServiceError(.unauthenticated, "unknown or ended session") }
        guard clock.now() < expires else { throw ServiceError(.unauthenticated, "the session has expired; sign in again") }
        guard let publicKey = try? PublicKey(bytes: key) else { preconditionFailure("accounts: stored key of \(account) is not 32 bytes") }
        return AccountIdentity(account: account, key: publicKey)
    }

    /// Ends a session; unknown or ended sessions are ignored.
    public func signOut(token: String) throws {
        guard SecretToken.hasShape(token, prefix: SecretToken.account) else { return }
        try db.write { c in
            try c.cached("DELETE FROM account_sessions WHERE token_hash = ?").run(.blob(SecretToken.digest(token)))
        }
    }

    /// How many accounts exist and how many share attributes; for the operator only.
    /// - Throws: `not_authorized` for anyone but the operator.
    public func statistics(for identity: StaffIdentity) throws -> AccountStatistics {
        try identity.requireOperator()
        try identity.require(.read)
        return try db.read { c in
            let accounts = try c.cached("SELECT count(*) FROM accounts").queryOne { $0.int(0) } ?? 0
            let with = try c.cached("SELECT count(*) FROM account_attributes").queryOne { $0.int(0) } ?? 0
            return AccountStatistics(accounts: accounts, withAttributes: with)
        }
    }

    /// `a` + the first 21 characters of base64url(16 random bytes): 126 random bits.
    static func newAccountID(_ random: RandomSource) -> String {
        "a" + Base64URL.encode(random.bytes(count: 16)).prefix(21)
    }
}
