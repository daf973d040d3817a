import Crypto

/// Payment at the merchant's counter: the order waits in `pending_payment` with a short code;
/// the person shows the code and pays, and a staff member of the product's merchant (scope
/// `counter`) confirms it with `OrderService.confirmCounterPayment`, which issues the tickets.
public struct OnsitePayment: PaymentProvider {
    /// `onsite`.
    public static let providerName = "onsite"
    /// Characters of a counter code: digits without 0 and 1, which read like O and l.
    static let alphabet = Array("23456789")
    /// Length of a counter code.
    public static let codeLength = 6

    /// The provider's name.
    public var name: String { Self.providerName }
    private let random: RandomSource

    /// A provider drawing counter codes from `random`.
    public init(random: RandomSource) { self.random = random }

    /// Starts the payment (see `PaymentProvider.begin`).
    public func begin(_ payment: PaymentRequest) throws -> PaymentStart {
        .pending(PaymentInstructions(code: Self.code(random), message: "Show this code at the counter and pay \(payment.amount) yen."))
    }

    /// Money taken at a counter is given back at the counter; nothing to do here.
    public func refund(_ payment: PaymentRequest, reference: String?) throws {}

    /// A fresh counter code (uniform: rejection sampling on bytes).
    static func code(_ random: RandomSource) -> String {
        var out = ""
        while out.count < codeLength {
            for b in random.bytes(count: 16) where b < 248 && out.count < codeLength {
                out.append(alphabet[Int(b) % alphabet.count])
            }
        }
        return out
    }
}
