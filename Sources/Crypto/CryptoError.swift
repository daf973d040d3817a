/// Errors raised by the crypto primitives for malformed input (never for a failed verification,
/// which is a plain `false`).
public enum CryptoError: Error, Equatable, Sendable {
    /// A key, seed or signature had the wrong length.
    case badLength(expected: Int, actual: Int)
    /// Base64url text was not the canonical unpadded form.
    case badBase64
    /// A sealed box did not open (wrong key or tampered ciphertext).
    case openFailed
}
