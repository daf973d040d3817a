import SQLiteDB

extension StaffDirectory {
    /// Creates an API token (`kpt_…`) acting for `identity`'s user. The secret is returned once
    /// and only its SHA-256 is kept.
    ///
    /// Only a signed-in session may create tokens (a token cannot mint a longer-lived or
    /// broader one), and `scopes` must be a non-empty subset of what the identity holds, which
    /// is never more than its role's scopes.
    /// - Throws: `not_authorized` when called with an API token or for a scope beyond the role
    ///   (with a `scopes` field problem); `invalid_request` for `name` (1…100 characters),
    ///   `days` (1…365) or empty `scopes`.
    public func createToken(for identity: StaffIdentity, name: String, scopes: Set<Scope>, days: Int) throws -> NewAPIToken {
        guard identity.tokenID == nil else {
            throw ServiceError(.notAuthorized, "API tokens cannot create API tokens; sign in")
        }
        var problems = FieldProblems()
        problems.checkText("name", name, max: 100)
        if !Self.tokenDays.contains(days) { problems.add("days", "out_of_range", "must be between 1 and 365") }
        if scopes.isEmpty { problems.add("scopes", "required", "must name at least one scope") }
        try problems.check()
        let allowed = identity.scopes.intersection(identity.role.scopes)
        let excess = scopes.subtracting(allowed)
        if !excess.isEmpty {
            let names = Self.encodeScopes(excess)
            throw ServiceError(.notAuthorized, "a \(identity.role.name) may not hold the scope(s) \(names)",
                               fields: [.init(field: "scopes", code: "not_allowed", message: "\(names) not allowed for this role")])
        }
        let token = SecretToken.generate(prefix: SecretToken.staffAPI, random: random)
        let now = clock.now()
        let expires = now + Int64(days) * 86_400_000
        let id = try db.write { c in
            guard let user = try Self.user(identity.userID, in: c), !user.disabled else {
                throw ServiceError(.unauthenticated, "this user is disabled")
            }
            try c.cached("""
                INSERT INTO staff_tokens(token_hash, user_id, name, scopes, created, expires, revoked)
                VALUES (?, ?, ?, ?, ?, ?, NULL)
                """).run(.blob(SecretToken.digest(token)), .int(identity.userID), .text(name),
                         .text(Self.encodeScopes(scopes)), .int(now), .int(expires))
            return c.lastInsertRowID
        }
        let info = APITokenInfo(id: id, userID: identity.userID, name: name, scopes: scopes, created: now,
                                expires: expires, revoked: nil)
        return NewAPIToken(token: token, info: info)
    }

    /// Lists the API tokens of `userID` (default: the identity's own user), without secrets,
    /// revoked and expired ones included, oldest first.
    /// - Throws: `not_found` for a user the identity may not see (another merchant's).
    public func listTokens(_ identity: StaffIdentity, userID: Int64? = nil) throws -> [APITokenInfo] {
        let target = userID ?? identity.userID
        return try db.read { c in
            guard let user = try Self.user(target, in: c), Self.canSee(identity, user) else {
                throw ServiceError(.notFound, "no user \(target)")
            }
            return try c.cached("""
                SELECT id, user_id, name, scopes, created, expires, revoked FROM staff_tokens WHERE user_id = ? ORDER BY id
                """).query(.int(target), row: Self.tokenRow)
        }
    }

    /// Revokes an API token at once. Its owner or the operator may; revoking twice is fine.
    /// - Throws: `not_found` for an unknown token or one of another merchant; `not_authorized`
    ///   for a visible token of another user.
    public func revokeToken(_ identity: StaffIdentity, id: Int64) throws {
        try db.write { c in
            let token = try c.cached("""
                SELECT id, user_id, name, scopes, created, expires, revoked FROM staff_tokens WHERE id = ?
                """).queryOne(.int(id), row: Self.tokenRow)
            guard let token, let owner = try Self.user(token.userID, in: c), Self.canSee(identity, owner) else {
                throw ServiceError(.notFound, "no API token \(id)")
            }
            guard owner.id == identity.userID || identity.role == .operatorAdmin else {
                throw ServiceError(.notAuthorized, "only the token's owner or the operator may revoke it")
            }
            try c.cached("UPDATE staff_tokens SET revoked = ? WHERE id = ? AND revoked IS NULL").run(.int(clock.now()), .int(id))
        }
    }

    static func tokenRow(_ r: Statement) -> APITokenInfo {
        APITokenInfo(id: r.int64(0), userID: r.int64(1), name: r.string(2) ?? "", scopes: decodeScopes(r.string(3) ?? ""),
                     created: r.int64(4), expires: r.int64(5), revoked: r.isNull(6) ? nil : r.int64(6))
    }
}
