/// A way to pay for an order (see docs/payments.md). Implementations must be thread-safe:
/// orders are placed from several request threads at once.
///
/// The order service calls `begin` once per order, after the order is recorded as
/// `pending_payment`; a payment that completes later (at a counter, by a webhook) is reported
/// back through `OrderService.confirmPayment` / `confirmCounterPayment` or `failPayment`.
public protocol PaymentProvider: Sendable {
    /// The stable name stored with each order (`free`, `onsite`, …).
    var name: String { get }
    /// Starts the payment of an order.
    /// - Returns: captured now, pending (with instructions for the person), or declined.
    /// - Throws: only when the provider cannot be reached; the order then fails with `unavailable`.
    func begin(_ payment: PaymentRequest) throws -> PaymentStart
    /// Gives the money back for an order that was paid but could not be issued.
    func refund(_ payment: PaymentRequest, reference: String?) throws
}

/// What a provider is asked to collect.
public struct PaymentRequest: Sendable, Equatable {
    /// The order id (unique; providers use it as their idempotency key).
    public let order: String
    /// Yen.
    public let amount: Int64
    /// The product id.
    public let product: String
    /// Units (packages count packages).
    public let count: Int64
    /// The pseudonymous account, if any.
    public let account: String?

    /// Creates a request.
    public init(order: String, amount: Int64, product: String, count: Int64, account: String?) {
        self.order = order; self.amount = amount; self.product = product; self.count = count; self.account = account
    }
}

/// The outcome of `PaymentProvider.begin`.
public enum PaymentStart: Sendable, Equatable {
    /// The money is collected; `reference` is the provider's id for it.
    case captured(reference: String?)
    /// The person still has to pay (at a counter, in a payment app); show them `instructions`.
    case pending(PaymentInstructions)
    /// The provider refused; the order fails with `payment_declined`.
    case declined(reason: String)
}

/// What the person needs to complete a pending payment.
public struct PaymentInstructions: Sendable, Equatable {
    /// A short code to show (at the counter), or nil.
    public let code: String?
    /// A short explanation for the person (may be shown as is).
    public let message: String

    /// Creates instructions.
    public init(code: String?, message: String) { self.code = code; self.message = message }
}
