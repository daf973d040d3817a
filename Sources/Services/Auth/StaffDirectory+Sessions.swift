import Foundation
import Crypto
import SQLiteDB

extension StaffDirectory {
    /// Signs a user in with username (any case) and password.
    ///
    /// Unknown user, disabled user and wrong password give the same `unauthenticated` error
    /// and cost the same one Argon2id verification (unknown names are checked against a dummy
    /// hash). A hash made with older parameters is upgraded on the way.
    /// - Returns: a new 12-hour session (`kps_…`) with every scope of the user's role.
    public func login(username: String, password: String) throws -> StaffLogin {
        let name = username.lowercased()
        let found = try db.read { c in
            try c.cached("SELECT \(Self.userColumns), password_hash FROM staff_users WHERE username = ?")
                .queryOne(.text(name)) { r in (Self.userRow(r), r.string(8) ?? "") }
        }
        let verified = hasher.verify(password, against: found?.1 ?? dummyHash)
        guard let (user, storedHash) = found, verified, !user.disabled else {
            throw ServiceError(.unauthenticated, "wrong username or password")
        }
        let upgraded = hasher.needsRehash(storedHash) ? try? hasher.hash(password) : nil
        let token = SecretToken.generate(prefix: SecretToken.staffSession, random: random)
        let now = clock.now()
        let expires = now + Self.sessionLifetime
        try db.write { c in
            try c.cached("DELETE FROM staff_sessions WHERE expires <= ?").run(.int(now))
            try c.cached("INSERT INTO staff_sessions(token_hash, user_id, created, expires) VALUES (?, ?, ?, ?)")
                .run(.blob(SecretToken.digest(token)), .int(user.id), .int(now), .int(expires))
            if let upgraded {
                try c.cached("UPDATE staff_users SET password_hash = ? WHERE id = ?").run(.text(upgraded), .int(user.id))
            }
        }
        let identity = StaffIdentity(userID: user.id, username: user.username, role: user.role, scopes: user.role.scopes)
        return StaffLogin(token: token, identity: identity, expires: expires)
    }

    /// Ends a session. Unknown or already ended sessions are ignored, so logging out twice is fine.
    public func logout(token: String) throws {
        guard SecretToken.hasShape(token, prefix: SecretToken.staffSession) else { return }
        try db.write { c in
            try c.cached("DELETE FROM staff_sessions WHERE token_hash = ?").run(.blob(SecretToken.digest(token)))
        }
    }

    /// The identity behind a bearer secret: a session (`kps_…`, every scope of the role) or an
    /// API token (`kpt_…`, its own scopes within the role's).
    /// - Parameter bearer: the token alone, without the `Bearer ` prefix.
    /// - Throws: `unauthenticated` for an unknown, expired or revoked token or a disabled user.
    public func authenticate(bearer: String) throws -> StaffIdentity {
        let now = clock.now()
        if SecretToken.hasShape(bearer, prefix: SecretToken.staffSession) {
            let row = try db.read { c in
                try c.cached("""
                    SELECT \(Self.prefixed("u")), s.expires FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
                    WHERE s.token_hash = ?
                    """).queryOne(.blob(SecretToken.digest(bearer))) { r in (Self.userRow(r), r.int64(8)) }
            }
            guard let (user, expires) = row else { throw ServiceError(.unauthenticated, "unknown or ended session") }
            guard now < expires else { throw ServiceError(.unauthenticated, "the session has expired; sign in again") }
            guard !user.disabled else { throw ServiceError(.unauthenticated, "this user is disabled") }
            return StaffIdentity(userID: user.id, username: user.username, role: user.role, scopes: user.role.scopes)
        }
        if SecretToken.hasShape(bearer, prefix: SecretToken.staffAPI) {
            let row = try db.read { c in
                try c.cached("""
                    SELECT \(Self.prefixed("u")), t.id, t.scopes, t.expires, t.revoked
                    FROM staff_tokens t JOIN staff_users u ON u.id = t.user_id WHERE t.token_hash = ?
                    """).queryOne(.blob(SecretToken.digest(bearer))) { r in
                    (Self.userRow(r), r.int64(8), Self.decodeScopes(r.string(9) ?? ""), r.int64(10), r.isNull(11))
                }
            }
            guard let (user, tokenID, scopes, expires, live) = row else { throw ServiceError(.unauthenticated, "unknown API token") }
            guard live else { throw ServiceError(.unauthenticated, "this API token has been revoked") }
            guard now < expires else { throw ServiceError(.unauthenticated, "this API token has expired") }
            guard !user.disabled else { throw ServiceError(.unauthenticated, "this user is disabled") }
            return StaffIdentity(userID: user.id, username: user.username, role: user.role,
                                 scopes: scopes.intersection(user.role.scopes), tokenID: tokenID)
        }
        throw ServiceError(.unauthenticated, "not a Kippu staff session or API token")
    }

    /// Changes the password of the user signed in with `session` and ends all its other
    /// sessions (API tokens stay: revoke them separately).
    /// - Throws: `unauthenticated` for a bad session; `not_authorized` for an API token;
    ///   `invalid_request` for a wrong `oldPassword` or a `newPassword` outside the rules.
    public func changePassword(session: String, oldPassword: String, newPassword: String) throws {
        if SecretToken.hasShape(session, prefix: SecretToken.staffAPI) {
            throw ServiceError(.notAuthorized, "an API token cannot change the password; sign in")
        }
        let identity = try authenticate(bearer: session)
        var problems = FieldProblems()
        StaffRules.checkPassword(newPassword, field: "newPassword", into: &problems)
        try problems.check()
        let stored = try db.read { c in
            try c.cached("SELECT password_hash FROM staff_users WHERE id = ?").queryOne(.int(identity.userID)) { $0.string(0) ?? "" }
        } ?? dummyHash
        guard hasher.verify(oldPassword, against: stored) else {
            throw ServiceError.invalid("oldPassword", "incorrect", "is not the current password")
        }
        let hash = try hasher.hash(newPassword)
        try db.write { c in
            try c.cached("UPDATE staff_users SET password_hash = ? WHERE id = ?").run(.text(hash), .int(identity.userID))
            try c.cached("DELETE FROM staff_sessions WHERE user_id = ? AND token_hash <> ?")
                .run(.int(identity.userID), .blob(SecretToken.digest(session)))
        }
    }

    /// `userColumns` qualified with a table alias, for joins.
    static func prefixed(_ alias: String) -> String {
        userColumns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }

    /// Scopes stored as sorted names separated by spaces; unknown names are dropped.
    static func encodeScopes(_ scopes: Set<Scope>) -> String {
        scopes.map(\.rawValue).sorted().joined(separator: " ")
    }

    static func decodeScopes(_ text: String) -> Set<Scope> {
        Set(text.split(separator: " ").compactMap { Scope(rawValue: String($0)) })
    }
}
