import Crypto

/// The network as fixed by its genesis transaction.
public struct NetworkInfo: Sendable, Equatable {
    public var net: String
    public var name: String
    public var operators: [PublicKey]
    public var nodes: [PublicKey]
    public init(net: String, name: String, operators: [PublicKey], nodes: [PublicKey]) {
        self.net = net; self.name = name; self.operators = operators; self.nodes = nodes
    }
}

/// A registered merchant (店舗事業者).
public struct MerchantRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var key: PublicKey
    public var industries: [String]
    public var attrs: JSONObject
    public init(id: String, name: String, key: PublicKey, industries: [String], attrs: JSONObject) {
        self.id = id; self.name = name; self.key = key; self.industries = industries; self.attrs = attrs
    }
}

/// A registered store (店舗) and its QR key.
public struct StoreRecord: Sendable, Equatable {
    public var id: String
    public var merchant: String
    public var name: String
    public var industry: String
    public var key: PublicKey
    public var attrs: JSONObject
    public init(id: String, merchant: String, name: String, industry: String, key: PublicKey, attrs: JSONObject) {
        self.id = id; self.merchant = merchant; self.name = name; self.industry = industry; self.key = key; self.attrs = attrs
    }
}

/// A registered product with its issue bookkeeping.
public struct ProductRecord: Sendable, Equatable {
    /// The immutable terms from `product.register`.
    public var terms: ProductTerms
    /// The txid that registered it.
    public var registeredBy: String
    /// The cap from the latest `supply.set`, or nil for no cap.
    public var cap: Int64?
    /// Units issued so far (packages count packages).
    public var issued: Int64
    /// Partner merchants that endorsed this package.
    public var endorsedBy: [String]
    public init(terms: ProductTerms, registeredBy: String, cap: Int64? = nil, issued: Int64 = 0, endorsedBy: [String] = []) {
        self.terms = terms; self.registeredBy = registeredBy; self.cap = cap; self.issued = issued; self.endorsedBy = endorsedBy
    }
    public var id: String { terms.product }
}

/// The party that granted a delegation: a merchant id or the operators.
public typealias Principal = String

/// The id used for operator-issued products and operator grants.
public let operatorPrincipal: Principal = "operator"

/// A live or expired delegation of `ticket.issue` rights.
public struct GrantRecord: Sendable, Equatable {
    /// Merchant id, or `"operator"`.
    public var granter: Principal
    public var delegate: PublicKey
    /// Product ids, or `["*"]`.
    public var products: [String]
    public var until: Int64
    public init(granter: Principal, delegate: PublicKey, products: [String], until: Int64) {
        self.granter = granter; self.delegate = delegate; self.products = products; self.until = until
    }
    /// True when the grant lets its delegate issue `product` at `time` (live while `time < until`).
    public func covers(_ product: String, at time: Int64) -> Bool {
        time < until && (products == ["*"] || products.contains(product))
    }
}

/// The life-cycle states a ticket stores; `expired` is derived from the window, never stored.
public enum TicketState: String, Sendable {
    case active, used, cancelled
}

/// One ticket and everything the rules need about it.
public struct TicketRecord: Sendable, Equatable {
    public var id: String
    /// The product the ticket is of (for a package: the component product).
    public var product: String
    /// Merchant id (or `"operator"`) that owes the ticket: its product's issuer.
    public var issuer: Principal
    public var holder: PublicKey
    public var state: TicketState
    /// Start of the window (inclusive), ms.
    public var validFrom: Int64
    /// End of the window (exclusive), ms; nil for no expiry.
    public var validUntil: Int64?
    /// For a package's component ticket: the issuing txid that links the package.
    public var package: String?
    /// Transfers made so far.
    public var transfers: Int64
    /// Transfers allowed in total: nil for unlimited, 0 for not transferable. Fixed at issue.
    public var maxTransfers: Int64?
    /// The txid that issued it.
    public var issuedBy: String
    public init(id: String, product: String, issuer: Principal, holder: PublicKey, state: TicketState, validFrom: Int64,
                validUntil: Int64?, package: String?, transfers: Int64, maxTransfers: Int64?, issuedBy: String) {
        self.id = id; self.product = product; self.issuer = issuer; self.holder = holder; self.state = state
        self.validFrom = validFrom; self.validUntil = validUntil; self.package = package; self.transfers = transfers
        self.maxTransfers = maxTransfers; self.issuedBy = issuedBy
    }

    /// The state a reader should show at `time`: `expired` for an active ticket past its window.
    public func displayState(at time: Int64) -> String {
        if state == .active, let until = validUntil, time >= until { return "expired" }
        return state.rawValue
    }
}
