/// An API token as listed: everything but the secret, which is shown only once at creation.
public struct APITokenInfo: Sendable, Equatable {
    /// The token's row id (used to revoke it).
    public let id: Int64
    /// The staff user the token acts for.
    public let userID: Int64
    /// A label the user chose (`"POS integration"`).
    public let name: String
    /// What the token may do; never more than its user's role allows.
    public let scopes: Set<Scope>
    /// Creation time (ms since the epoch).
    public let created: Int64
    /// Expiry time (ms since the epoch); the token works while the clock is before it.
    public let expires: Int64
    /// Revocation time, or nil while not revoked.
    public let revoked: Int64?

    /// Whether the token is accepted at `time` (not revoked, not expired; the user may still be disabled).
    public func isLive(at time: Int64) -> Bool {
        revoked == nil && time < expires
    }
}

/// A newly created API token: the secret, shown once, and its listing.
public struct NewAPIToken: Sendable {
    /// The secret (`kpt_…`); the server keeps only its SHA-256.
    public let token: String
    /// The token's listing.
    public let info: APITokenInfo
}
