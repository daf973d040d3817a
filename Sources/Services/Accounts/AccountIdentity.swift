import Crypto

/// A signed-in consumer: the account and the key it signed in with.
public struct AccountIdentity: Sendable, Equatable {
    /// The pseudonymous account id.
    public let account: String
    /// The account's Ed25519 public key (the wallet's key).
    public let key: PublicKey
}
