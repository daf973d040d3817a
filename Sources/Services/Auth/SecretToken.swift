import Crypto

/// Bearer secrets: a kind prefix (`kps_`, `kpt_`, `kpa_`) followed by the base64url text of
/// 32 random bytes (43 characters). The server keeps only `SHA-256(UTF-8(token))`, so a copy of
/// the database cannot be replayed as a login. The prefix lets secret scanners and logs spot them.
enum SecretToken {
    /// Staff session (12 h).
    static let staffSession = "kps_"
    /// Staff API token (1…365 days).
    static let staffAPI = "kpt_"
    /// Consumer account session (30 days).
    static let account = "kpa_"

    /// A fresh token of the given kind.
    static func generate(prefix: String, random: RandomSource) -> String {
        prefix + Base64URL.encode(random.bytes(count: 32))
    }

    /// What the database stores and looks tokens up by.
    static func digest(_ token: String) -> [UInt8] {
        SHA256.hash(Array(token.utf8))
    }

    /// Whether `token` has the shape of a token of this kind (cheap check before any lookup).
    static func hasShape(_ token: String, prefix: String) -> Bool {
        token.utf8.count == prefix.utf8.count + 43 && token.hasPrefix(prefix)
    }
}
