/// A staff member's directory entry, as listed to managers (no password hash).
public struct StaffUser: Sendable, Equatable {
    /// The user's row id.
    public let id: Int64
    /// The login name, lower-case.
    public let username: String
    /// The name shown in the console.
    public let displayName: String
    /// What the user may touch.
    public let role: StaffRole
    /// When the user was created (ms since the epoch).
    public let created: Int64
    /// A disabled user cannot sign in, and its sessions and tokens stop working.
    public let disabled: Bool

    /// Creates an entry.
    public init(id: Int64, username: String, displayName: String, role: StaffRole, created: Int64, disabled: Bool) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.created = created
        self.disabled = disabled
    }
}
