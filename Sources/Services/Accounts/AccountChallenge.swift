/// A sign-in challenge: random, valid for five minutes, usable once.
public struct AccountChallenge: Sendable, Equatable {
    /// base64url of 32 random bytes (43 characters).
    public let challenge: String
    /// When it stops being accepted (ms since the epoch).
    public let expires: Int64
}
