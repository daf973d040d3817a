import Crypto

/// The type-specific part of a transaction body (PROTOCOL §2, "Types and who may sign them").
public enum Payload: Sendable, Equatable {
    case genesis(Genesis)
    case merchantRegister(MerchantRegister)
    case merchantRekey(MerchantRekey)
    case storeRegister(StoreRegister)
    case productRegister(ProductTerms)
    case productEndorse(ProductEndorse)
    case supplySet(SupplySet)
    case delegateGrant(DelegateGrant)
    case delegateRevoke(DelegateRevoke)
    case ticketIssue(TicketIssue)
    case ticketTransfer(TicketTransfer)
    case ticketUse(TicketUse)
    case ticketCancel(TicketCancel)

    /// The wire type of this payload.
    public var type: TxType {
        switch self {
        case .genesis: .genesis
        case .merchantRegister: .merchantRegister
        case .merchantRekey: .merchantRekey
        case .storeRegister: .storeRegister
        case .productRegister: .productRegister
        case .productEndorse: .productEndorse
        case .supplySet: .supplySet
        case .delegateGrant: .delegateGrant
        case .delegateRevoke: .delegateRevoke
        case .ticketIssue: .ticketIssue
        case .ticketTransfer: .ticketTransfer
        case .ticketUse: .ticketUse
        case .ticketCancel: .ticketCancel
        }
    }

    /// The payload's members, to be merged with the common body fields.
    public var members: [(String, JSONValue)] {
        switch self {
        case .genesis(let p): p.members
        case .merchantRegister(let p): p.members
        case .merchantRekey(let p): p.members
        case .storeRegister(let p): p.members
        case .productRegister(let p): p.members
        case .productEndorse(let p): p.members
        case .supplySet(let p): p.members
        case .delegateGrant(let p): p.members
        case .delegateRevoke(let p): p.members
        case .ticketIssue(let p): p.members
        case .ticketTransfer(let p): p.members
        case .ticketUse(let p): p.members
        case .ticketCancel(let p): p.members
        }
    }

    static func decode(_ type: TxType, _ f: inout Fields) throws(LedgerError) -> Payload {
        switch type {
        case .genesis: .genesis(try Genesis(&f))
        case .merchantRegister: .merchantRegister(try MerchantRegister(&f))
        case .merchantRekey: .merchantRekey(try MerchantRekey(&f))
        case .storeRegister: .storeRegister(try StoreRegister(&f))
        case .productRegister: .productRegister(try ProductTerms(&f))
        case .productEndorse: .productEndorse(try ProductEndorse(&f))
        case .supplySet: .supplySet(try SupplySet(&f))
        case .delegateGrant: .delegateGrant(try DelegateGrant(&f))
        case .delegateRevoke: .delegateRevoke(try DelegateRevoke(&f))
        case .ticketIssue: .ticketIssue(try TicketIssue(&f))
        case .ticketTransfer: .ticketTransfer(try TicketTransfer(&f))
        case .ticketUse: .ticketUse(try TicketUse(&f))
        case .ticketCancel: .ticketCancel(try TicketCancel(&f))
        }
    }
}

/// `network.genesis`: names the network, its operators and its nodes. Leaf 0 of every ledger.
public struct Genesis: Sendable, Equatable {
    public var name: String
    public var operators: [PublicKey]
    public var nodes: [PublicKey]
    public init(name: String, operators: [PublicKey], nodes: [PublicKey]) {
        self.name = name; self.operators = operators; self.nodes = nodes
    }
    init(_ f: inout Fields) throws(LedgerError) {
        name = try f.string("name"); operators = try f.keys("operators"); nodes = try f.keys("nodes")
    }
    var members: [(String, JSONValue)] {
        [("name", .string(name)), ("operators", .array(operators.map { .string($0.base64url) })),
         ("nodes", .array(nodes.map { .string($0.base64url) }))]
    }
}

/// `merchant.register`: an operator admits a merchant with its signing key.
public struct MerchantRegister: Sendable, Equatable {
    public var merchant: String
    public var name: String
    public var key: PublicKey
    public var industries: [String]
    public var attrs: JSONObject
    public init(merchant: String, name: String, key: PublicKey, industries: [String], attrs: JSONObject = JSONObject()) {
        self.merchant = merchant; self.name = name; self.key = key; self.industries = industries; self.attrs = attrs
    }
    init(_ f: inout Fields) throws(LedgerError) {
        merchant = try f.id("merchant"); name = try f.string("name"); key = try f.key("key")
        industries = try f.ids("industries", maxCount: 32, allowEmpty: true); attrs = try f.attrs("attrs")
    }
    var members: [(String, JSONValue)] {
        [("merchant", .string(merchant)), ("name", .string(name)), ("key", .string(key.base64url)),
         ("industries", .array(industries.map { .string($0) })), ("attrs", .object(attrs))]
    }
}

/// `merchant.rekey`: replaces a merchant's signing key.
public struct MerchantRekey: Sendable, Equatable {
    public var merchant: String
    public var key: PublicKey
    public init(merchant: String, key: PublicKey) { self.merchant = merchant; self.key = key }
    init(_ f: inout Fields) throws(LedgerError) { merchant = try f.id("merchant"); key = try f.key("key") }
    var members: [(String, JSONValue)] { [("merchant", .string(merchant)), ("key", .string(key.base64url))] }
}

/// `store.register`: a shop of a merchant, with the key that signs its QR store proofs.
public struct StoreRegister: Sendable, Equatable {
    public var store: String
    public var merchant: String
    public var name: String
    public var industry: String
    public var key: PublicKey
    public var attrs: JSONObject
    public init(store: String, merchant: String, name: String, industry: String, key: PublicKey, attrs: JSONObject = JSONObject()) {
        self.store = store; self.merchant = merchant; self.name = name; self.industry = industry; self.key = key; self.attrs = attrs
    }
    init(_ f: inout Fields) throws(LedgerError) {
        store = try f.id("store"); merchant = try f.id("merchant"); name = try f.string("name")
        industry = try f.id("industry"); key = try f.key("key"); attrs = try f.attrs("attrs")
    }
    var members: [(String, JSONValue)] {
        [("store", .string(store)), ("merchant", .string(merchant)), ("name", .string(name)),
         ("industry", .string(industry)), ("key", .string(key.base64url)), ("attrs", .object(attrs))]
    }
}

/// `product.endorse`: a partner merchant agrees to honour its component of a package.
public struct ProductEndorse: Sendable, Equatable {
    public var product: String
    public init(product: String) { self.product = product }
    init(_ f: inout Fields) throws(LedgerError) { product = try f.id("product") }
    var members: [(String, JSONValue)] { [("product", .string(product))] }
}

/// `supply.set`: the issue cap of a product (packages count packages).
public struct SupplySet: Sendable, Equatable {
    public var product: String
    public var cap: Int64
    public init(product: String, cap: Int64) { self.product = product; self.cap = cap }
    init(_ f: inout Fields) throws(LedgerError) { product = try f.id("product"); cap = try f.int("cap") }
    var members: [(String, JSONValue)] { [("product", .string(product)), ("cap", .int(cap))] }
}

/// `delegate.grant`: lets `delegate` sign `ticket.issue` for the granter's products until `until`.
public struct DelegateGrant: Sendable, Equatable {
    public var delegate: PublicKey
    /// Product ids, or `["*"]` for every product of the granter (also future ones).
    public var products: [String]
    public var until: Int64
    public init(delegate: PublicKey, products: [String], until: Int64) {
        self.delegate = delegate; self.products = products; self.until = until
    }
    /// True for the `["*"]` form.
    public var coversAll: Bool { products == ["*"] }
    init(_ f: inout Fields) throws(LedgerError) {
        delegate = try f.key("delegate")
        let values = try f.array("products", maxCount: 1000)
        if values == [.string("*")] { products = ["*"] } else { products = try Fields.idList(values, key: "products", allowEmpty: false) }
        until = try f.int("until")
    }
    var members: [(String, JSONValue)] {
        [("delegate", .string(delegate.base64url)), ("products", .array(products.map { .string($0) })), ("until", .int(until))]
    }
}

/// `delegate.revoke`: ends the signer's grant to `delegate`.
public struct DelegateRevoke: Sendable, Equatable {
    public var delegate: PublicKey
    public init(delegate: PublicKey) { self.delegate = delegate }
    init(_ f: inout Fields) throws(LedgerError) { delegate = try f.key("delegate") }
    var members: [(String, JSONValue)] { [("delegate", .string(delegate.base64url))] }
}
