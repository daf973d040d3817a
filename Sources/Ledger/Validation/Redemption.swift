/// Store eligibility (PROTOCOL §2): where a ticket may be used.
public enum Redemption {
    /// True when a ticket of a product with rule `redeem`, owed by `issuer`, may be used at `store`.
    /// `stores` lists store ids; `industries` matches the store's industry; `attrs` matches when
    /// every listed key has an equal value in the store's attrs; no rule means the issuer's own stores.
    public static func allows(_ redeem: ProductTerms.Redeem?, issuer: Principal, at store: StoreRecord) -> Bool {
        switch redeem {
        case .stores(let ids)?: return ids.contains { $0.utf8.elementsEqual(store.id.utf8) }
        case .industries(let codes)?: return codes.contains { $0.utf8.elementsEqual(store.industry.utf8) }
        case .attrs(let wanted)?: return wanted.members.allSatisfy { store.attrs[$0.key] == $0.value }
        case nil: return store.merchant == issuer
        }
    }
}
