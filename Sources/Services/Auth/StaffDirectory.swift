import Crypto
import Ledger
import SQLiteDB

/// The staff directory: users of the management console, their sign-in sessions and API tokens.
///
/// Thread-safe: one connection behind a lock; password hashing (the slow part) runs outside it.
/// Secrets never reach the database (SHA-256 of tokens, Argon2id of passwords), an error message
/// or a log. Formats are in docs/accounts.md.
public final class StaffDirectory: Sendable {
    /// How long a sign-in session lasts: 12 hours.
    public static let sessionLifetime: Int64 = 12 * 3_600_000
    /// The allowed lifetimes of an API token, in days.
    public static let tokenDays = 1...365

    let db: AppDatabase
    let clock: Clock
    let random: RandomSource
    let hasher: PasswordHasher
    /// A hash of a random password: unknown usernames are verified against it, so a failed
    /// sign-in costs the same time whether or not the user exists.
    let dummyHash: String

    /// Opens the directory on the node's (migrated) database file.
    /// - Parameters:
    ///   - path: the ledger database, already created or opened by `LedgerStore`.
    ///   - strength: `.interactive` in production; `.minimum` keeps tests fast.
    /// - Throws: `ServiceError(.unavailable)` for a missing or unmigrated file, `SQLiteError`.
    public init(path: String, clock: Clock, random: RandomSource, strength: PasswordHasher.Strength = .interactive) throws {
        db = try AppDatabase(path: path)
        self.clock = clock
        self.random = random
        hasher = PasswordHasher(strength: strength)
        dummyHash = try hasher.hash(Base64URL.encode(random.bytes(count: 16)))
    }

    /// Creates a staff user on behalf of `actor`.
    ///
    /// The actor needs the `manage` scope; the operator may create any role, a merchant admin
    /// only merchant admins and store staff of its own merchant.
    /// - Throws: `not_authorized`; `invalid_request` with one problem per bad field (`username`,
    ///   `displayName`, `password`, `merchant`, `store`); `conflict` when the username is taken.
    @discardableResult
    public func createUser(username: String, displayName: String, password: String, role: StaffRole,
                           by actor: StaffIdentity) throws -> StaffUser {
        try actor.require(.manage)
        if let merchant = role.merchant {
            guard actor.covers(merchant: merchant) else {
                throw ServiceError(.notAuthorized, "not allowed to create users for merchant \(merchant)")
            }
        } else {
            try actor.requireOperator()
        }
        return try insertUser(username: username, displayName: displayName, password: password, role: role)
    }

    /// Creates a staff user without an acting user: for trusted local callers only (the first
    /// operator made by `kippu init`/`serve`, the demo seeder). Never expose it over HTTP.
    /// - Throws: as `createUser`, except `not_authorized`.
    @discardableResult
    public func bootstrapUser(username: String, displayName: String, password: String, role: StaffRole) throws -> StaffUser {
        try insertUser(username: username, displayName: displayName, password: password, role: role)
    }

    /// The users `identity` may see: the operator all, a merchant admin its merchant's, store
    /// staff only themselves; ordered by id.
    /// - Throws: `not_authorized` without the `read` scope.
    public func users(for identity: StaffIdentity) throws -> [StaffUser] {
        try identity.require(.read)
        let columns = "SELECT \(Self.userColumns) FROM staff_users"
        return try db.read { c in
            switch identity.role {
            case .operatorAdmin:
                return try c.cached("\(columns) ORDER BY id").query(row: Self.userRow)
            case .merchantAdmin(let merchant):
                return try c.cached("\(columns) WHERE merchant = ? ORDER BY id").query(.text(merchant), row: Self.userRow)
            case .storeStaff:
                return try c.cached("\(columns) WHERE id = ?").query(.int(identity.userID), row: Self.userRow)
            }
        }
    }

    /// Disables or re-enables a user. Disabling ends the user's sessions at once; its API tokens
    /// stop working while it stays disabled.
    /// - Throws: `not_authorized` without `manage`, for a user the actor may see but not manage,
    ///   or for the actor itself; `not_found` for an unknown user or one of another merchant.
    @discardableResult
    public func setDisabled(_ disabled: Bool, userID: Int64, by actor: StaffIdentity) throws -> StaffUser {
        try actor.require(.manage)
        guard userID != actor.userID else { throw ServiceError(.notAuthorized, "you cannot disable or enable yourself") }
        return try db.write { c in
            guard let user = try Self.user(userID, in: c), Self.canSee(actor, user) else {
                throw ServiceError(.notFound, "no user \(userID)")
            }
            guard actor.role == .operatorAdmin || user.role != .operatorAdmin else {
                throw ServiceError(.notAuthorized, "only the operator may change an operator")
            }
            try c.cached("UPDATE staff_users SET disabled = ? WHERE id = ?").run(.int(disabled ? 1 : 0), .int(userID))
            if disabled { try c.cached("DELETE FROM staff_sessions WHERE user_id = ?").run(.int(userID)) }
            return StaffUser(id: user.id, username: user.username, displayName: user.displayName, role: user.role,
                             created: user.created, disabled: disabled)
        }
    }

    static let userColumns = "id, username, display_name, role, merchant, store, created, disabled"

    /// Reads a row of `userColumns`; a role that does not decode is a broken invariant.
    static func userRow(_ r: Statement) -> StaffUser {
        guard let role = StaffRole(name: r.string(3) ?? "", merchant: r.string(4), store: r.string(5)) else {
            preconditionFailure("staff: user \(r.int64(0)) has an impossible role")
        }
        return StaffUser(id: r.int64(0), username: r.string(1) ?? "", displayName: r.string(2) ?? "", role: role,
                         created: r.int64(6), disabled: r.bool(7))
    }

    static func user(_ id: Int64, in c: Connection) throws -> StaffUser? {
        try c.cached("SELECT \(userColumns) FROM staff_users WHERE id = ?").queryOne(.int(id), row: userRow)
    }

    /// Whether `actor` may see `user` at all (anything else answers `not_found`, so no tenant
    /// learns what another tenant has).
    static func canSee(_ actor: StaffIdentity, _ user: StaffUser) -> Bool {
        switch actor.role {
        case .operatorAdmin: return true
        case .merchantAdmin(let merchant): return user.role.merchant == merchant || user.id == actor.userID
        case .storeStaff: return user.id == actor.userID
        }
    }

    private func insertUser(username: String, displayName: String, password: String, role: StaffRole) throws -> StaffUser {
        let name = username.lowercased()
        var problems = FieldProblems()
        StaffRules.checkUsername(name, into: &problems)
        problems.checkText("displayName", displayName, max: 100)
        StaffRules.checkPassword(password, field: "password", into: &problems)
        StaffRules.checkRole(role, into: &problems)
        try problems.check()
        let taken = try db.read { c in
            try c.cached("SELECT 1 FROM staff_users WHERE username = ?").queryOne(.text(name)) { _ in true } ?? false
        }
        if taken { throw Self.usernameTaken() }
        let hash = try hasher.hash(password)
        let now = clock.now()
        do {
            return try db.write { c in
                try c.cached("""
                    INSERT INTO staff_users(username, display_name, password_hash, role, merchant, store, created, disabled)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                    """).run(.text(name), .text(displayName), .text(hash), .text(role.name), SQLValue(role.merchant),
                             SQLValue(role.store), .int(now))
                return StaffUser(id: c.lastInsertRowID, username: name, displayName: displayName, role: role,
                                 created: now, disabled: false)
            }
        } catch let error as SQLiteError where error.isConstraint {
            throw Self.usernameTaken()  // lost a race with another creation of the same name
        }
    }

    private static func usernameTaken() -> ServiceError {
        ServiceError(.conflict, "username: already taken",
                     fields: [.init(field: "username", code: "taken", message: "is already taken")])
    }
}
