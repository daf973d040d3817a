/// The result of a successful consumer sign-in.
public struct AccountSignIn: Sendable, Equatable {
    /// The pseudonymous account id (`a` + 21 base64url characters), as used in `ticket.issue.account`.
    public let account: String
    /// The session token (`kpa_…`): hand it to the wallet once; it is not stored.
    public let token: String
    /// When the session ends (ms since the epoch): 30 days after sign-in.
    public let expires: Int64
    /// True when this sign-in created the account (the key was new).
    public let created: Bool
}
