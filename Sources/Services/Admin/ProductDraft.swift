import Ledger

/// A product as a console submits it, checked field by field before anything is signed.
///
/// JSON fields: `product` (id), `issuer` (optional: merchant id or `operator`; default: the
/// acting staff member's merchant), `kind` (`ticket`/`coupon`), `name`, `description`?, `price`
/// (yen), `faceValue`?, `minPurchase`?, `validity`? `{from?, until?, days?}`, `redeem`?
/// (exactly one of `stores`, `industries`, `attrs`), `transfer`? `{allowed, max?}` (default
/// allowed), `components`? `[{product, qty}]` for a package, `campaign`?, `cap`? (initial
/// issue cap, registered with `supply.set`).
public struct ProductDraft: Sendable, Equatable {
    /// The product id.
    public var product: String
    /// Merchant id or `operator`; nil: the acting staff member's merchant.
    public var issuer: String?
    /// Paid ticket or discount coupon.
    public var kind: ProductTerms.Kind
    /// The display name.
    public var name: String
    /// Free text shown to buyers.
    public var description: String
    /// Yen; 0 = free.
    public var price: Int64
    /// Coupon discount in yen.
    public var faceValue: Int64?
    /// Smallest purchase a coupon applies to, in yen.
    public var minPurchase: Int64?
    /// Absolute window and/or days after issue.
    public var validity: ProductTerms.Validity
    /// Where tickets are used; nil: the issuer's own stores.
    public var redeem: ProductTerms.Redeem?
    /// Whether and how often a ticket may change hands.
    public var transfer: ProductTerms.Transfer
    /// A package's contents; nil for a plain product.
    public var components: [ProductTerms.Component]?
    /// The campaign id, if any.
    public var campaign: String?
    /// The initial cap, if any.
    public var cap: Int64?

    /// A draft built in code.
    public init(product: String, issuer: String? = nil, kind: ProductTerms.Kind, name: String, description: String = "",
                price: Int64 = 0, faceValue: Int64? = nil, minPurchase: Int64? = nil,
                validity: ProductTerms.Validity = .init(), redeem: ProductTerms.Redeem? = nil,
                transfer: ProductTerms.Transfer = .init(allowed: true), components: [ProductTerms.Component]? = nil,
                campaign: String? = nil, cap: Int64? = nil) {
        self.product = product; self.issuer = issuer; self.kind = kind; self.name = name; self.description = description
        self.price = price; self.faceValue = faceValue; self.minPurchase = minPurchase; self.validity = validity
        self.redeem = redeem; self.transfer = transfer; self.components = components; self.campaign = campaign; self.cap = cap
    }

    /// The ledger terms of the draft for `issuer`.
    public func terms(issuer: String) -> ProductTerms {
        ProductTerms(product: product, issuer: issuer, kind: kind, name: name, description: description, price: price,
                     faceValue: faceValue, minPurchase: minPurchase, validity: validity, redeem: redeem, transfer: transfer,
                     components: components, campaign: campaign)
    }

    /// Parses a draft from JSON, rejecting unknown fields.
    /// - Throws: `invalid_request` with a `FieldProblem` for every bad field at once.
    public static func parse(_ json: JSONObject) throws -> ProductDraft {
        var r = DraftReader(json)
        let product = r.id("product")
        let issuer = r.id("issuer", required: false)
        var kind: ProductTerms.Kind?
        if let k = r.text("kind", max: 16) {
            kind = ProductTerms.Kind(rawValue: k)
            if kind == nil { r.problem("kind", "bad_format", "must be \"ticket\" or \"coupon\"") }
        }
        let name = r.text("name", max: 200)
        let description = r.text("description", max: 4000, required: false, allowEmpty: true) ?? ""
        let price = r.int("price")
        let faceValue = r.int("faceValue", required: false)
        let minPurchase = r.int("minPurchase", required: false)
        let validity = Self.validity(&r)
        let redeem = Self.redeem(&r)
        let transfer = Self.transfer(&r)
        let components = Self.components(&r)
        let campaign = r.id("campaign", required: false)
        let cap = r.int("cap", required: false)
        if components != nil, json["redeem"] != nil {
            r.problem("redeem", "conflict", "a package has no redeem rule: each component keeps its own")
        }
        r.finish()
        try DraftReader.check(r.problems, what: "product")
        guard let product, let kind, let name, let price, let validity, let transfer else {
            preconditionFailure("services: draft fields missing without a reported problem")
        }
        return ProductDraft(product: product, issuer: issuer, kind: kind, name: name, description: description, price: price,
                            faceValue: faceValue, minPurchase: minPurchase, validity: validity, redeem: redeem ?? nil,
                            transfer: transfer, components: components, campaign: campaign, cap: cap)
    }

    /// nil only after reporting a problem.
    private static func validity(_ r: inout DraftReader) -> ProductTerms.Validity? {
        guard r.raw("validity", required: false) != nil else { return ProductTerms.Validity() }
        guard let o = r.object("validity") else { return nil }
        var v = DraftReader(o, prefix: r.path("validity."))
        let from = v.int("from", required: false)
        let until = v.int("until", required: false)
        let days = v.int("days", min: 1, max: 36_500, required: false)
        if let from, let until, from >= until { v.problem("until", "out_of_range", "must be after validity.from") }
        v.finish()
        r.absorb(v)
        return v.problems.isEmpty ? ProductTerms.Validity(from: from, until: until, days: days) : nil
    }

    /// `.some(nil)` when absent; nil only after reporting a problem.
    private static func redeem(_ r: inout DraftReader) -> ProductTerms.Redeem?? {
        guard r.raw("redeem", required: false) != nil else { return .some(nil) }
        guard let o = r.object("redeem") else { return nil }
        guard o.members.count == 1, let key = o.members.first?.key, ["stores", "industries", "attrs"].contains(key) else {
            r.problem("redeem", "bad_format", "must have exactly one of stores, industries, attrs")
            return nil
        }
        var n = DraftReader(o, prefix: r.path("redeem."))
        var rule: ProductTerms.Redeem?
        switch key {
        case "stores": rule = n.ids("stores", maxCount: 1000, allowEmpty: false).map { .stores($0) }
        case "industries": rule = n.ids("industries", maxCount: 64, allowEmpty: false).map { .industries($0) }
        default:
            if let a = n.attrs("attrs") {
                if a.members.isEmpty { n.problem("attrs", "required", "must not be empty") } else { rule = .attrs(a) }
            }
        }
        n.finish()
        r.absorb(n)
        return rule.map { .some($0) }
    }

    private static func transfer(_ r: inout DraftReader) -> ProductTerms.Transfer? {
        guard r.raw("transfer", required: false) != nil else { return ProductTerms.Transfer(allowed: true) }
        guard let o = r.object("transfer") else { return nil }
        var n = DraftReader(o, prefix: r.path("transfer."))
        let allowed = n.bool("allowed")
        let max = n.int("max", required: false)
        n.finish()
        r.absorb(n)
        return allowed.map { ProductTerms.Transfer(allowed: $0, max: max) }.flatMap { n.problems.isEmpty ? $0 : nil }
    }

    private static func components(_ r: inout DraftReader) -> [ProductTerms.Component]? {
        let limit = Int(ProductTerms.maxUnitsPerPackage)
        guard let a = r.array("components", maxCount: limit, required: false) else { return nil }
        if a.isEmpty { r.problem("components", "required", "a package needs at least one component") }
        var out: [ProductTerms.Component] = []
        var units: Int64 = 0
        for (i, v) in a.enumerated() {
            guard case .object(let o) = v else { r.problem("components[\(i)]", "bad_type", "must be {product, qty}"); continue }
            var n = DraftReader(o, prefix: r.path("components[\(i)]."))
            let product = n.id("product")
            let qty = n.int("qty", min: 1, max: ProductTerms.maxUnitsPerPackage)
            n.finish()
            r.absorb(n)
            if let product, let qty { out.append(.init(product: product, qty: qty)); units += qty }
        }
        if units > ProductTerms.maxUnitsPerPackage {
            r.problem("components", "out_of_range", "a package holds at most \(ProductTerms.maxUnitsPerPackage) tickets")
        }
        return out
    }
}
