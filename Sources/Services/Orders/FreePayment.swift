/// The provider of free products: captures amount 0 at once and refuses anything else.
public struct FreePayment: PaymentProvider {
    /// `free`.
    public static let providerName = "free"
    /// The provider's name.
    public var name: String { Self.providerName }

    /// Creates the provider.
    public init() {}

    /// Starts the payment (see `PaymentProvider.begin`).
    public func begin(_ payment: PaymentRequest) throws -> PaymentStart {
        payment.amount == 0 ? .captured(reference: nil) : .declined(reason: "the free provider only takes orders of 0 yen")
    }

    /// Nothing was paid, so nothing is given back.
    public func refund(_ payment: PaymentRequest, reference: String?) throws {}
}
