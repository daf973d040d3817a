import Ledger

/// Where tickets of a product may be used: its redeem rule resolved against the registered stores.
public struct UsableStores: Sendable, Equatable {
    /// The product's `redeem` rule.
    public enum Rule: Sendable, Equatable {
        /// No rule: the issuer's own stores (PROTOCOL §2 default).
        case issuerStores
        /// Listed store ids.
        case stores([String])
        /// Stores whose industry is listed.
        case industries([String])
        /// Stores whose attrs hold every listed value.
        case attrs(JSONObject)

        /// The rule's wire name: `default`, `stores`, `industries` or `attrs`.
        public var name: String {
            switch self {
            case .issuerStores: "default"
            case .stores: "stores"
            case .industries: "industries"
            case .attrs: "attrs"
            }
        }

        /// The rule of a product's terms.
        public init(_ redeem: ProductTerms.Redeem?) {
            switch redeem {
            case nil: self = .issuerStores
            case .stores(let s)?: self = .stores(s)
            case .industries(let i)?: self = .industries(i)
            case .attrs(let a)?: self = .attrs(a)
            }
        }
    }

    /// The rule.
    public let rule: Rule
    /// How many registered stores the rule allows.
    public let count: Int
    /// The allowed stores by id, at most the catalogue's `storesPerProduct`.
    public let stores: [StoreSummary]
    /// True when `stores` lists fewer than `count`.
    public var truncated: Bool { stores.count < count }
}

/// A store as a wallet or console lists it.
public struct StoreSummary: Sendable, Equatable {
    /// The id.
    public let id: String
    /// The display name.
    public let name: String
    /// The merchant's id.
    public let merchant: String
    /// The store's industry code.
    public let industry: String

    /// A summary of a store record.
    public init(_ s: StoreRecord) { id = s.id; name = s.name; merchant = s.merchant; industry = s.industry }
}
