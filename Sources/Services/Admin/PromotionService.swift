import Crypto
import Foundation
import Ledger
import Store

/// Instant promotion (即時プロモーション): a merchant gives tickets of its own product away now,
/// or makes sure the product can be claimed online. Tickets are issued with the node's `sales`
/// key under the merchant's `delegate.grant`, one `ticket.issue` per holder, so the cap and the
/// product's rules are the ledger's to enforce. No payment or order is involved.
///
/// Authority: the admin of the product's merchant (the operator for its own campaign
/// products). Thread-safe.
public struct PromotionService: Sendable {
    /// How long a grant made by `publish` lasts, ms (10 years, as for a new merchant).
    public static let grantMillis: Int64 = 3_650 * TicketWindow.day
    /// The most holders one call serves.
    public static let maxHolders = 1_000

    /// What happened for one holder.
    public struct Outcome: Sendable, Equatable {
        /// The holder's public key.
        public let holder: PublicKey
        /// The `ticket.issue` txid, when issued.
        public let txid: String?
        /// The ticket ids issued to the holder (empty when refused).
        public let tickets: [String]
        /// Why nothing was issued to the holder.
        public let error: ServiceError?
    }

    private let admin: AdminService
    private var context: ServiceContext { admin.context }

    /// Promotions over the same node as `admin`.
    public init(admin: AdminService) { self.admin = admin }

    /// Makes sure the node's sales key may issue `product` (so the wallet can claim or buy it):
    /// the merchant's grant to the sales key is extended to the product when it does not cover it.
    /// - Returns: the `delegate.grant` txid, or nil when the grant already covered the product.
    /// - Throws: `unknown_product`, `not_authorized`, the ledger's code, `unavailable`.
    @discardableResult
    public func publish(product: String, by staff: StaffIdentity) throws -> String? {
        let record = try admin.product(product)
        try authorize(record.terms.issuer, staff)
        return try ensureGrant(record, staff)
    }

    /// Issues `count` tickets (packages) of `product` to each of `holders`, now, for free: one
    /// ledger transaction per holder, signed with the sales key.
    /// - Returns: one outcome per holder, in order. Issuing stops at the first refusal; the
    ///   holders after it get the same error and nothing.
    /// - Throws: `invalid_request` (no holder, too many, bad count), `unknown_product`,
    ///   `not_authorized`, `cap_exceeded` when the cap cannot take every ticket (nothing is
    ///   issued then), or the first refusal's code when nothing was issued.
    public func issueFree(product: String, holders: [PublicKey], count: Int64 = 1, by staff: StaffIdentity) throws -> [Outcome] {
        guard !holders.isEmpty else { throw ServiceError.invalid("holders", "required", "name at least one holder") }
        guard holders.count <= Self.maxHolders else {
            throw ServiceError.invalid("holders", "too_long", "at most \(Self.maxHolders) holders at once")
        }
        guard (1...TicketIssue.maxCount).contains(count) else {
            throw ServiceError.invalid("count", "out_of_range", "must be from 1 to \(TicketIssue.maxCount)")
        }
        let record = try admin.product(product)
        try authorize(record.terms.issuer, staff)
        let wanted = Int64(holders.count) * count
        if let cap = record.cap, record.issued + wanted > cap {
            throw ServiceError(.ledger(.capExceeded),
                               "the cap leaves \(max(0, cap - record.issued)) of \"\(product)\"; \(wanted) were asked for")
        }
        try ensureGrant(record, staff)
        let writer = LedgerWriter(context: context)
        let sales = try writer.salesKey()
        let perUnit = Int(record.terms.components?.reduce(0) { $0 + $1.qty } ?? 1)
        var out: [Outcome] = []
        var stop: ServiceError?
        for holder in holders {
            if let stop {
                out.append(Outcome(holder: holder, txid: nil, tickets: [], error: stop))
                continue
            }
            do {
                let txid = try writer.submit(.ticketIssue(TicketIssue(product: product, to: holder, count: count,
                                                                      order: "gift:\(staff.username)")), with: sales)
                let tickets = (0..<(Int(count) * perUnit)).map { TicketID.derive(txid: txid, index: $0) }
                out.append(Outcome(holder: holder, txid: txid, tickets: tickets, error: nil))
            } catch let e as ServiceError {
                if out.isEmpty { throw e }
                stop = e
                out.append(Outcome(holder: holder, txid: nil, tickets: [], error: e))
            }
        }
        return out
    }

    /// The merchant's admin for a merchant's product; the operator for an operator product.
    private func authorize(_ issuer: String, _ staff: StaffIdentity) throws {
        try staff.require(.manage)
        if issuer == operatorPrincipal {
            try staff.requireOperator()
            return
        }
        guard staff.role == .merchantAdmin(merchant: issuer) else {
            throw ServiceError(.notAuthorized, "only an admin of merchant \(issuer) gives its tickets away")
        }
    }

    /// Extends the issuer's grant to the sales key so it covers `record` (the list of products
    /// grows; a grant of `*` already covers everything).
    @discardableResult
    private func ensureGrant(_ record: ProductRecord, _ staff: StaffIdentity) throws -> String? {
        let writer = LedgerWriter(context: context)
        let sales = try writer.salesKey()
        let issuer = record.terms.issuer
        let now = context.clock.now()
        let grant = try context.read { try $0.grant(granter: issuer, delegate: sales.publicKey) }
        if let grant, grant.covers(record.id, at: now) { return nil }
        var products = [record.id]
        if let grant, grant.until > now {
            products = grant.products + [record.id]
            if products.count > 1_000 { products = ["*"] }
        }
        let until = max(grant?.until ?? 0, now + Self.grantMillis)
        let signer = try admin.signingKey(for: issuer, staff: staff)
        return try writer.submit(.delegateGrant(DelegateGrant(delegate: sales.publicKey, products: products, until: until)), with: signer)
    }
}
