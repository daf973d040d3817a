extension StaffRole {
    /// The scopes a session of this role carries, and the most an API token of it may carry:
    /// the operator and merchant admins `read`, `manage`, `counter`; store staff `read`, `counter`.
    public var scopes: Set<Scope> {
        switch self {
        case .operatorAdmin, .merchantAdmin: return [.read, .manage, .counter]
        case .storeStaff: return [.read, .counter]
        }
    }

    /// The store a store-staff role is bound to; nil for the other roles.
    public var store: String? {
        if case .storeStaff(_, let store) = self { return store }
        return nil
    }

    /// Rebuilds a role from its stored columns; nil when they do not fit together.
    init?(name: String, merchant: String?, store: String?) {
        switch (name, merchant, store) {
        case ("operator_admin", nil, nil): self = .operatorAdmin
        case ("merchant_admin", let m?, nil): self = .merchantAdmin(merchant: m)
        case ("store_staff", let m?, let s?): self = .storeStaff(merchant: m, store: s)
        default: return nil
        }
    }
}
