/// Per-account limits of the shop ("one claim per person"): units of one product one account
/// may hold through orders, counting what the ledger issued to it and its open orders.
public struct OrderLimits: Sendable, Equatable {
    /// Units of a free product per account (default 1).
    public var freePerAccount: Int64
    /// Units of a paid product per account (default 10).
    public var paidPerAccount: Int64
    /// Per-product overrides.
    public var perProduct: [String: Int64]

    /// Creates limits.
    public init(freePerAccount: Int64 = 1, paidPerAccount: Int64 = 10, perProduct: [String: Int64] = [:]) {
        self.freePerAccount = freePerAccount; self.paidPerAccount = paidPerAccount; self.perProduct = perProduct
    }

    /// The limit for a product of `price`.
    public func limit(product: String, price: Int64) -> Int64 {
        perProduct[product] ?? (price == 0 ? freePerAccount : paidPerAccount)
    }
}
