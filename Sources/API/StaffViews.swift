import Ledger
import Services

/// JSON shapes of staff users, identities and API tokens (schemas in `AppSchemas`).
enum StaffViews {
    static func role(_ role: StaffRole, into o: inout JSONObject) {
        o.set("role", .string(role.name))
        if let m = role.merchant { o.set("merchant", .string(m)) }
        if case .storeStaff(_, let store) = role { o.set("store", .string(store)) }
    }

    static func user(_ u: StaffUser) -> JSONValue {
        var o: JSONObject = ["id": .int(u.id), "username": .string(u.username), "displayName": .string(u.displayName),
                             "created": .int(u.created), "disabled": .bool(u.disabled)]
        role(u.role, into: &o)
        return .object(o)
    }

    static func identity(_ i: StaffIdentity) -> JSONValue {
        var o: JSONObject = ["userID": .int(i.userID), "username": .string(i.username),
                             "scopes": .array(i.scopes.map(\.rawValue).sorted().map { .string($0) })]
        role(i.role, into: &o)
        return .object(o)
    }

    static func token(_ t: APITokenInfo) -> JSONValue {
        var o: JSONObject = ["id": .int(t.id), "userID": .int(t.userID), "name": .string(t.name),
                             "scopes": .array(t.scopes.map(\.rawValue).sorted().map { .string($0) }),
                             "created": .int(t.created), "expires": .int(t.expires)]
        if let revoked = t.revoked { o.set("revoked", .int(revoked)) }
        return .object(o)
    }

    /// Reads a role from `role` plus `merchant`/`store` members of a request.
    static func parseRole(_ name: String?, merchant: String?, store: String?) throws -> StaffRole {
        switch name {
        case "operator_admin": return .operatorAdmin
        case "merchant_admin":
            guard let merchant else { throw ServiceError.invalid("merchant", "required", "is required for merchant_admin") }
            return .merchantAdmin(merchant: merchant)
        case "store_staff":
            guard let merchant else { throw ServiceError.invalid("merchant", "required", "is required for store_staff") }
            guard let store else { throw ServiceError.invalid("store", "required", "is required for store_staff") }
            return .storeStaff(merchant: merchant, store: store)
        default:
            throw ServiceError.invalid("role", "bad_value", "must be operator_admin, merchant_admin or store_staff")
        }
    }
}
