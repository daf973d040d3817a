import Ledger

/// Everything a wallet or console shows about one product: its terms, supply, where it can be
/// used, its package contents and whether it is on sale.
public struct ProductView: Sendable, Equatable {
    /// The id.
    public let id: String
    /// Merchant id, or `"operator"` for campaign products.
    public let issuer: String
    /// The merchant's name (the network's name for operator products).
    public let issuerName: String
    /// Paid ticket or discount coupon.
    public let kind: ProductTerms.Kind
    /// The display name.
    public let name: String
    /// Free text shown to buyers.
    public let description: String
    /// Yen; 0 = free.
    public let price: Int64
    /// Coupon discount in yen.
    public let faceValue: Int64?
    /// Smallest purchase a coupon applies to, in yen.
    public let minPurchase: Int64?
    /// Absolute window and/or days after issue.
    public let validity: ProductTerms.Validity
    /// Whether and how often a ticket may change hands.
    public let transfer: ProductTerms.Transfer
    /// The campaign id, if any.
    public let campaign: String?
    /// The issue cap (packages count packages); nil = no cap.
    public let cap: Int64?
    /// Units issued so far.
    public let issued: Int64
    /// `cap - issued`, or nil when unlimited.
    public let remaining: Int64?
    /// Where its tickets are used; nil for a package (each component has its own rule).
    public let usable: UsableStores?
    /// A package's contents in ticket order; nil for a plain product.
    public let components: [PackageComponentView]?
    /// Whether it can be bought or claimed now.
    public let sale: SaleStatus
    /// The txid of its `product.register`.
    public let registeredBy: String

    /// True for a package.
    public var isPackage: Bool { components != nil }
}

/// One entry of a package, with the component's summary and its endorsement.
public struct PackageComponentView: Sendable, Equatable {
    /// The component product.
    public let product: ProductSummary
    /// Tickets of this component per package.
    public let qty: Int64
    /// The merchant that owes the component's tickets.
    public let merchant: String
    /// True when the merchant is the package's issuer or has endorsed the package.
    public let endorsed: Bool
}

/// A short description of a product, as a package lists its components.
public struct ProductSummary: Sendable, Equatable {
    /// The id.
    public let id: String
    /// The display name.
    public let name: String
    /// Paid ticket or discount coupon.
    public let kind: ProductTerms.Kind
    /// Merchant id, or `operator` for campaign products.
    public let issuer: String
    /// The issuer's display name.
    public let issuerName: String
    /// Yen; 0 = free.
    public let price: Int64
    /// Coupon discount in yen.
    public let faceValue: Int64?
    /// Where its tickets are used.
    public let usable: UsableStores
}
