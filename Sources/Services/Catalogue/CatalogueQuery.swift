import Ledger

/// One page request of the catalogue: cursor, size and filters.
public struct CatalogueQuery: Sendable, Equatable {
    /// The largest page.
    public static let maxLimit = 100

    /// Return products with ids after this one (the previous page's `next`).
    public var after: String?
    /// Page size, 1…100.
    public var limit: Int
    /// Only products of this issuer (merchant id or `operator`).
    public var merchant: String?
    /// Only tickets or only coupons.
    public var kind: ProductTerms.Kind?
    /// Only products of this campaign.
    public var campaign: String?

    /// A query; every filter is optional.
    public init(after: String? = nil, limit: Int = 20, merchant: String? = nil, kind: ProductTerms.Kind? = nil, campaign: String? = nil) {
        self.after = after; self.limit = limit; self.merchant = merchant; self.kind = kind; self.campaign = campaign
    }

    /// Reads a query from URL query parameters (`after`, `limit`, `merchant`, `kind`, `campaign`),
    /// reporting every bad one.
    /// - Throws: `invalid_request` with one `FieldProblem` per bad or unknown parameter.
    public static func parse(_ params: [String: String]) throws -> CatalogueQuery {
        var q = CatalogueQuery()
        var problems: [ServiceError.FieldProblem] = []
        for (key, value) in params.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "after", "merchant", "campaign":
                guard Identifier.isValid(value) else {
                    problems.append(.init(field: key, code: "bad_format", message: "must be an identifier"))
                    continue
                }
                if key == "after" { q.after = value } else if key == "merchant" { q.merchant = value } else { q.campaign = value }
            case "limit":
                guard let n = Int(value), (1...maxLimit).contains(n) else {
                    problems.append(.init(field: key, code: "out_of_range", message: "must be an integer from 1 to \(maxLimit)"))
                    continue
                }
                q.limit = n
            case "kind":
                guard let k = ProductTerms.Kind(rawValue: value) else {
                    problems.append(.init(field: key, code: "bad_format", message: "must be \"ticket\" or \"coupon\""))
                    continue
                }
                q.kind = k
            default:
                problems.append(.init(field: key, code: "unknown_field", message: "is not a catalogue parameter"))
            }
        }
        if !problems.isEmpty { throw ServiceError(.invalidRequest, "invalid catalogue query", fields: problems) }
        return q
    }
}

/// One page of the catalogue.
public struct CataloguePage: Sendable, Equatable {
    /// The products of this page.
    public let products: [ProductView]
    /// The cursor of the next page (`after`), or nil on the last page.
    public let next: String?
}
