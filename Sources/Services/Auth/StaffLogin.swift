/// The result of a successful staff sign-in.
public struct StaffLogin: Sendable {
    /// The session token (`kps_…`): hand it to the client once (cookie or bearer); it is not stored.
    public let token: String
    /// Who signed in, with every scope of the role.
    public let identity: StaffIdentity
    /// When the session ends (ms since the epoch).
    public let expires: Int64
}
