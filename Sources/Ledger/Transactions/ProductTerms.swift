/// `product.register`: the immutable terms of a paid ticket, a coupon or a package.
public struct ProductTerms: Sendable, Equatable {
    /// Paid ticket (有償チケット) or discount coupon (割引クーポン).
    public enum Kind: String, Sendable { case ticket, coupon }

    /// `validity`: an absolute window and/or a number of days after issue.
    public struct Validity: Sendable, Equatable {
        public var from: Int64?
        public var until: Int64?
        public var days: Int64?
        public init(from: Int64? = nil, until: Int64? = nil, days: Int64? = nil) {
            self.from = from; self.until = until; self.days = days
        }
    }

    /// `redeem`: where tickets of the product may be used. `nil` on the product means the
    /// issuer's own stores.
    public enum Redeem: Sendable, Equatable {
        case stores([String])
        case industries([String])
        case attrs(JSONObject)
    }

    /// `transfer`: whether and how often a ticket may change hands.
    public struct Transfer: Sendable, Equatable {
        public var allowed: Bool
        public var max: Int64?
        public init(allowed: Bool, max: Int64? = nil) { self.allowed = allowed; self.max = max }
    }

    /// One entry of a package's `components`.
    public struct Component: Sendable, Equatable {
        public var product: String
        public var qty: Int64
        public init(product: String, qty: Int64) { self.product = product; self.qty = qty }
    }

    /// Upper bound on the component tickets of one package (so one issue makes at most 100 × 100 tickets).
    public static let maxUnitsPerPackage: Int64 = 100

    public var product: String
    /// A merchant id, or `"operator"` for campaign coupons.
    public var issuer: String
    public var kind: Kind
    public var name: String
    public var description: String
    public var price: Int64
    public var faceValue: Int64?
    public var minPurchase: Int64?
    public var validity: Validity
    public var redeem: Redeem?
    public var transfer: Transfer
    public var components: [Component]?
    public var campaign: String?

    public init(product: String, issuer: String, kind: Kind, name: String, description: String = "", price: Int64 = 0,
                faceValue: Int64? = nil, minPurchase: Int64? = nil, validity: Validity = Validity(), redeem: Redeem? = nil,
                transfer: Transfer = Transfer(allowed: true), components: [Component]? = nil, campaign: String? = nil) {
        self.product = product; self.issuer = issuer; self.kind = kind; self.name = name; self.description = description
        self.price = price; self.faceValue = faceValue; self.minPurchase = minPurchase; self.validity = validity
        self.redeem = redeem; self.transfer = transfer; self.components = components; self.campaign = campaign
    }

    /// True when the product is a package of other products.
    public var isPackage: Bool { components != nil }

    init(_ f: inout Fields) throws(LedgerError) {
        product = try f.id("product")
        issuer = try f.id("issuer")
        guard let k = Kind(rawValue: try f.string("kind")) else { throw LedgerError(.badEncoding, "\"kind\" must be \"ticket\" or \"coupon\"") }
        kind = k
        name = try f.string("name")
        description = try f.string("description", maxScalars: 4000, allowEmpty: true)
        price = try f.int("price")
        faceValue = try f.optionalInt("faceValue")
        minPurchase = try f.optionalInt("minPurchase")
        validity = try Self.decodeValidity(try f.object("validity"))
        redeem = try f.optionalObject("redeem").map { o throws(LedgerError) in try Self.decodeRedeem(o) }
        transfer = try Self.decodeTransfer(try f.object("transfer"))
        components = try f.optionalArray("components", maxCount: Int(Self.maxUnitsPerPackage)).map { a throws(LedgerError) in try Self.decodeComponents(a) }
        campaign = try f.optionalID("campaign")
        if components != nil && redeem != nil {
            throw LedgerError(.badEncoding, "a package has no \"redeem\": each component keeps its own")
        }
    }

    private static func decodeValidity(_ o: JSONObject) throws(LedgerError) -> Validity {
        var f = Fields(o)
        let v = Validity(from: try f.optionalInt("from"), until: try f.optionalInt("until"),
                         days: try f.optionalInt("days", min: 1, max: 36_500))
        try f.finish()
        if let from = v.from, let until = v.until, from >= until {
            throw LedgerError(.badEncoding, "\"validity.from\" must be before \"validity.until\"")
        }
        return v
    }

    private static func decodeRedeem(_ o: JSONObject) throws(LedgerError) -> Redeem {
        guard o.members.count == 1, let m = o.members.first else {
            throw LedgerError(.badEncoding, "\"redeem\" must have exactly one of stores, industries, attrs")
        }
        var f = Fields(o)
        let r: Redeem
        switch m.key {
        case "stores": r = .stores(try f.ids("stores"))
        case "industries": r = .industries(try f.ids("industries", maxCount: 64))
        case "attrs":
            let a = try f.attrs("attrs")
            guard !a.members.isEmpty else { throw LedgerError(.badEncoding, "\"redeem.attrs\" must not be empty") }
            r = .attrs(a)
        default: throw LedgerError(.badEncoding, "\"redeem\" must have exactly one of stores, industries, attrs")
        }
        try f.finish()
        return r
    }

    private static func decodeTransfer(_ o: JSONObject) throws(LedgerError) -> Transfer {
        var f = Fields(o)
        let t = Transfer(allowed: try f.bool("allowed"), max: try f.optionalInt("max"))
        try f.finish()
        return t
    }

    private static func decodeComponents(_ a: [JSONValue]) throws(LedgerError) -> [Component] {
        guard !a.isEmpty else { throw LedgerError(.badEncoding, "\"components\" must not be empty") }
        var out: [Component] = []
        var units: Int64 = 0
        for v in a {
            guard case .object(let o) = v else { throw Fields.wrongType("components", "an array of {product, qty}") }
            var f = Fields(o)
            let c = Component(product: try f.id("product"), qty: try f.int("qty", min: 1, max: Self.maxUnitsPerPackage))
            try f.finish()
            units += c.qty
            out.append(c)
        }
        guard units <= Self.maxUnitsPerPackage else {
            throw LedgerError(.badEncoding, "a package may hold at most \(Self.maxUnitsPerPackage) component tickets")
        }
        return out
    }

    var members: [(String, JSONValue)] {
        var m: [(String, JSONValue)] = [
            ("product", .string(product)), ("issuer", .string(issuer)), ("kind", .string(kind.rawValue)),
            ("name", .string(name)), ("description", .string(description)), ("price", .int(price)),
        ]
        if let faceValue { m.append(("faceValue", .int(faceValue))) }
        if let minPurchase { m.append(("minPurchase", .int(minPurchase))) }
        var v: [(String, JSONValue)] = []
        if let from = validity.from { v.append(("from", .int(from))) }
        if let until = validity.until { v.append(("until", .int(until))) }
        if let days = validity.days { v.append(("days", .int(days))) }
        m.append(("validity", .object(JSONObject(v)!)))
        switch redeem {
        case .stores(let s)?: m.append(("redeem", ["stores": .array(s.map { .string($0) })]))
        case .industries(let s)?: m.append(("redeem", ["industries": .array(s.map { .string($0) })]))
        case .attrs(let a)?: m.append(("redeem", ["attrs": .object(a)]))
        case nil: break
        }
        var t: [(String, JSONValue)] = [("allowed", .bool(transfer.allowed))]
        if let max = transfer.max { t.append(("max", .int(max))) }
        m.append(("transfer", .object(JSONObject(t)!)))
        if let components {
            m.append(("components", .array(components.map { ["product": .string($0.product), "qty": .int($0.qty)] })))
        }
        if let campaign { m.append(("campaign", .string(campaign))) }
        return m
    }
}

extension ProductTerms {
    /// The terms as the JSON object of their `product.register` fields (for storage).
    public var jsonObject: JSONObject {
        guard let o = JSONObject(members) else { preconditionFailure("ledger: product terms repeat a field") }
        return o
    }

    /// Decodes terms stored with `jsonObject`, as strictly as a transaction body.
    public init(jsonObject: JSONObject) throws(LedgerError) {
        var f = Fields(jsonObject)
        try self.init(&f)
        try f.finish()
    }
}
