import Foundation

/// A deterministic provider for tests and demos: a closure decides each payment; refunds are
/// recorded so a test can check them.
public final class ScriptedPayment: PaymentProvider, @unchecked Sendable {
    /// The provider's name.
    public let name: String
    private let decide: @Sendable (PaymentRequest) -> PaymentStart
    private let lock = NSLock()
    private var refundedOrders: [String] = []

    /// A provider called `name` that answers `decide(request)`.
    public init(name: String = "scripted", decide: @escaping @Sendable (PaymentRequest) -> PaymentStart) {
        self.name = name
        self.decide = decide
    }

    /// Starts the payment (see `PaymentProvider.begin`).
    public func begin(_ payment: PaymentRequest) throws -> PaymentStart { decide(payment) }

    /// Records the refund (see `PaymentProvider.refund`).
    public func refund(_ payment: PaymentRequest, reference: String?) throws {
        lock.withLock { refundedOrders.append(payment.order) }
    }

    /// Order ids refunded so far, in order.
    public var refunded: [String] { lock.withLock { refundedOrders } }
}
