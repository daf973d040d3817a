/// What a signed-in staff member (or an API token acting for one) is allowed to touch.
public enum StaffRole: Sendable, Equatable, Hashable {
    /// Runs the network: every merchant, store and report.
    case operatorAdmin
    /// Manages one merchant: its stores, products, packages, orders and reports.
    case merchantAdmin(merchant: String)
    /// Works at one store of one merchant: sees its redemptions and confirms counter payments.
    case storeStaff(merchant: String, store: String)

    /// The stable name stored in the database and shown in the API (`operator_admin`, …).
    public var name: String {
        switch self {
        case .operatorAdmin: return "operator_admin"
        case .merchantAdmin: return "merchant_admin"
        case .storeStaff: return "store_staff"
        }
    }

    /// The merchant the role is bound to; nil for the operator.
    public var merchant: String? {
        switch self {
        case .operatorAdmin: return nil
        case .merchantAdmin(let m), .storeStaff(let m, _): return m
        }
    }
}

/// A permission an API token carries; a session carries all scopes its role allows.
public enum Scope: String, Sendable, CaseIterable, Hashable {
    /// Read merchants, stores, products, orders and reports.
    case read
    /// Create and change merchants, stores, products, packages and endorsements.
    case manage
    /// Confirm counter payments and see the store feed.
    case counter
}

/// An authenticated staff member: who, in which role, with which scopes.
public struct StaffIdentity: Sendable, Equatable {
    public let userID: Int64
    public let username: String
    public let role: StaffRole
    public let scopes: Set<Scope>
    /// The API token the request came with; nil for a signed-in session.
    public let tokenID: Int64?

    public init(userID: Int64, username: String, role: StaffRole, scopes: Set<Scope>, tokenID: Int64? = nil) {
        self.userID = userID
        self.username = username
        self.role = role
        self.scopes = scopes
        self.tokenID = tokenID
    }

    /// Whether this identity may act on `merchant`'s data (the operator may act on all).
    public func covers(merchant: String) -> Bool {
        role == .operatorAdmin || role.merchant == merchant
    }

    /// Throws `not_authorized` unless the identity has `scope` and covers `merchant` (if given).
    public func require(_ scope: Scope, merchant: String? = nil) throws {
        guard scopes.contains(scope) else {
            throw ServiceError(.notAuthorized, "this token lacks the '\(scope.rawValue)' scope")
        }
        if let merchant, !covers(merchant: merchant) {
            throw ServiceError(.notAuthorized, "not allowed for merchant \(merchant)")
        }
    }

    /// Throws `not_authorized` unless the identity is the network's operator.
    public func requireOperator() throws {
        guard role == .operatorAdmin else { throw ServiceError(.notAuthorized, "only the operator may do this") }
    }
}
