import CSodium

/// One-time libsodium initialisation; every entry point of this target touches it first.
enum Sodium {
    /// `sodium_init()` is idempotent and thread-safe; the static `let` runs it exactly once.
    static let ready: Bool = {
        let rc = sodium_init()
        if rc < 0 { preconditionFailure("crypto: sodium_init failed") }
        return true
    }()

    @inline(__always) static func ensure() { _ = ready }
}
