import Ledger
import Services

/// Who may open a store's pages (poster, rotating QR, staff screen, live feed): the store's
/// own staff, its merchant's admins, and the operator. Anyone else is told the store does not
/// exist, so store ids of other merchants are not revealed either.
enum StoreAccess {
    /// Whether `identity` may open `store`'s pages.
    static func allows(_ identity: StaffIdentity, _ store: StoreRecord) -> Bool {
        switch identity.role {
        case .operatorAdmin: return true
        case .merchantAdmin(let merchant): return merchant == store.merchant
        case .storeStaff(let merchant, let own): return merchant == store.merchant && own == store.id
        }
    }

    /// The store `id` if it exists and `identity` may open it.
    static func store(_ c: WebContext, _ identity: StaffIdentity, _ id: String) -> StoreRecord? {
        guard Identifier.isValid(id), let store = try? c.reader.read({ try $0.store(id) }),
              allows(identity, store) else { return nil }
        return store
    }

    /// Whether `identity` may add stores (merchant admins for their merchant, the operator).
    static func canCreate(_ identity: StaffIdentity) -> Bool {
        identity.role.store == nil && identity.scopes.contains(.manage)
    }
}
