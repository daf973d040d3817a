import Ledger

/// Whether a product can be bought (or claimed) online now, and if not, why.
public struct SaleStatus: Sendable, Equatable {
    /// Why a product is not on sale.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// Its validity has ended (for a package: its own or a component's).
        case expired
        /// Every unit the cap allows is issued.
        case soldOut = "sold_out"
        /// A partner merchant of the package has not endorsed it yet.
        case notEndorsed = "not_endorsed"
        /// The node's `sales` key holds no live delegation from the issuer for this product.
        case noSalesGrant = "no_sales_grant"

        /// The error code an order of the product fails with.
        public var code: ServiceError.Code {
            switch self {
            case .expired: .ledger(.expired)
            case .soldOut: .ledger(.capExceeded)
            case .notEndorsed: .ledger(.notEndorsed)
            case .noSalesGrant: .notOnSale
            }
        }

        /// A short English explanation.
        public var message: String {
            switch self {
            case .expired: "the product's validity has ended"
            case .soldOut: "the product is sold out"
            case .notEndorsed: "not every partner merchant has endorsed this package yet"
            case .noSalesGrant: "this node may not sell the product (no live sales delegation from its issuer)"
            }
        }
    }

    /// Every reason that applies, in the order above; empty when on sale.
    public let reasons: [Reason]

    /// Creates a status from its reasons.
    public init(reasons: [Reason]) { self.reasons = reasons }

    /// True when nothing stops a sale.
    public var onSale: Bool { reasons.isEmpty }
    /// The first reason, or nil when on sale.
    public var reason: Reason? { reasons.first }

    /// The status of `product` at `now`, with the same window, cap and endorsement rules as
    /// `ticket.issue`, and the delegation the node's sales key holds from the issuer.
    /// - Parameters:
    ///   - components: the package's component products (in the package's order); empty otherwise.
    ///   - grant: the issuer's grant to the sales key, if any.
    public static func of(_ product: ProductRecord, components: [ProductRecord], grant: GrantRecord?, at now: Int64) -> SaleStatus {
        var reasons: [Reason] = []
        let own = TicketWindow(product.terms, issuedAt: now)
        let windows = components.isEmpty ? [own] : components.map { TicketWindow($0.terms, issuedAt: now).intersected(with: own) }
        if windows.contains(where: { $0.isOver(at: now) }) { reasons.append(.expired) }
        if let cap = product.cap, product.issued >= cap { reasons.append(.soldOut) }
        let issuer = product.terms.issuer
        if components.contains(where: { $0.terms.issuer != issuer && !product.endorsedBy.contains($0.terms.issuer) }) {
            reasons.append(.notEndorsed)
        }
        if grant?.covers(product.id, at: now) != true { reasons.append(.noSalesGrant) }
        return SaleStatus(reasons: reasons)
    }
}
