import Crypto
import Ledger
import SQLiteDB
import Store

/// An order of the online shop: `count` units of a product for a holder key, paid through a
/// provider, then issued on the ledger by the node's sales key.
public struct Order: Sendable, Equatable {
    /// An order's life: `pending_payment` → `paid` → `issued` | `failed`; a pending order may be `cancelled`.
    public enum Status: String, Sendable, CaseIterable {
        case pendingPayment = "pending_payment"
        case paid
        case issued
        case failed
        case cancelled
    }

    /// `o` + random.
    public let id: String
    /// The product ordered.
    public let product: String
    /// The product's issuer (tenancy: its staff see the order).
    public let merchant: String
    /// Units (packages count packages).
    public let count: Int64
    /// Tickets the issue creates: `count` × the component units of a package (`count` otherwise).
    public let units: Int64
    /// The public key the tickets go to.
    public let holder: PublicKey
    /// The pseudonymous account that placed it (for per-account limits).
    public let account: String?
    /// Yen: price × count.
    public let amount: Int64
    /// The payment provider's name.
    public let provider: String
    /// Where it stands.
    public let status: Status
    /// What to show the person while payment is pending (e.g. the counter code).
    public let payment: PaymentInstructions?
    /// The provider's reference of the captured payment.
    public let paymentReference: String?
    /// The `ticket.issue` txid once issued.
    public let txid: String?
    /// The ticket ids (package components included), in ticket order, once issued.
    public let tickets: [String]
    /// Why it failed: a ledger code (`cap_exceeded`, …) or `payment_declined`.
    public let failureCode: String?
    /// ms since the epoch.
    public let created: Int64
    /// Last change, ms since the epoch.
    public let updated: Int64

    static let columns = """
        id, product, merchant, count, units, holder, account, amount, provider, status, payment_code, instructions,
        payment_reference, txid, tickets, failure_code, created, updated
        """

    init(row r: Statement) throws {
        id = r.string(0) ?? ""
        product = r.string(1) ?? ""
        merchant = r.string(2) ?? ""
        count = r.int64(3)
        units = r.int64(4)
        guard let bytes = r.blob(5), let key = try? PublicKey(bytes: bytes) else {
            throw StoreError.badRow(table: "orders", key: id, reason: "bad holder key")
        }
        holder = key
        account = r.string(6)
        amount = r.int64(7)
        provider = r.string(8) ?? ""
        guard let s = Status(rawValue: r.string(9) ?? "") else { throw StoreError.badRow(table: "orders", key: id, reason: "unknown status") }
        status = s
        let code = r.string(10)
        let text = r.string(11)
        payment = (code != nil || text != nil) && s == .pendingPayment ? PaymentInstructions(code: code, message: text ?? "") : nil
        paymentReference = r.string(12)
        txid = r.string(13)
        tickets = (r.string(14) ?? "").split(separator: ",").map(String.init)
        failureCode = r.string(15)
        created = r.int64(16)
        updated = r.int64(17)
    }
}
