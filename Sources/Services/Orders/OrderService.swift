import Crypto
import Foundation
import Ledger
import SQLiteDB
import Store

/// The online shop: places orders, collects payment through a `PaymentProvider`, and issues
/// the tickets on the ledger with the node's `sales` key (a delegate of the issuer).
///
/// Thread-safe. Checks that must hold across concurrent orders (per-account limit, remaining
/// supply) run inside one immediate transaction of the application tables that also inserts
/// the order, so open orders count against both. Status changes are compare-and-set, so a
/// payment confirmed twice issues once.
public final class OrderService: Sendable {
    /// The largest page of an order list.
    public static let maxPage = 100

    private let context: ServiceContext
    private let providers: [String: any PaymentProvider]
    private let limits: OrderLimits

    /// A shop over `context` accepting `providers` (by name; a later one replaces an earlier
    /// one of the same name).
    public init(context: ServiceContext, providers: [any PaymentProvider], limits: OrderLimits = OrderLimits()) {
        self.context = context
        var byName: [String: any PaymentProvider] = [:]
        for p in providers { byName[p.name] = p }
        self.providers = byName
        self.limits = limits
    }

    // MARK: placing and paying

    /// Places an order and starts its payment. A payment captured at once is issued before
    /// this returns (status `issued`); a pending one returns `pending_payment` with instructions.
    /// - Parameters:
    ///   - count: units, 1…100 (packages count packages).
    ///   - account: the pseudonymous account; required for free products.
    ///   - provider: a provider name (`free` for free products).
    /// - Throws: `invalid_request`; `unknown_product`; the not-on-sale reason's code
    ///   (`expired`, `cap_exceeded`, `not_endorsed`, `not_on_sale`); `limit_exceeded`;
    ///   `cap_exceeded` when open orders already take the rest; `payment_declined` (the order
    ///   is kept as `failed`); a ledger code when the issue is refused (the order is `failed`
    ///   and refunded); `unavailable`.
    public func place(product: String, count: Int64, holder: PublicKey, account: String?, provider providerName: String) throws -> Order {
        guard (1...TicketIssue.maxCount).contains(count) else {
            throw ServiceError.invalid("count", "out_of_range", "must be from 1 to \(TicketIssue.maxCount)")
        }
        if let account { try Self.checkAccount(account) }
        guard let provider = providers[providerName] else {
            throw ServiceError.invalid("provider", "unknown", "no payment provider \"\(providerName)\" on this node")
        }
        let writer = LedgerWriter(context: context)
        let salesKey = try writer.key(KeyCustody.sales)?.publicKey
        let now = context.clock.now()
        let id = "o" + Base64URL.encode(context.random.bytes(count: 12))
        let placed: Order = try context.app.transaction { store in
            guard let record = try store.product(product) else {
                throw ServiceError(.ledger(.unknownProduct), "no product \"\(product)\"")
            }
            let reader = CatalogueReader(store: store, salesKey: salesKey, now: now, storesPerProduct: 1)
            if let reason = try reader.saleStatus(record).reason { throw ServiceError(reason.code, reason.message) }
            let price = record.terms.price
            let amount = price * count
            if amount == 0 && provider.name != FreePayment.providerName {
                throw ServiceError.invalid("provider", "bad_value", "a free product is ordered with the \"free\" provider")
            }
            if amount > 0 && provider.name == FreePayment.providerName {
                throw ServiceError.invalid("provider", "bad_value", "the \"free\" provider takes only free products")
            }
            if price == 0 && account == nil {
                throw ServiceError.invalid("account", "required", "a free product is claimed by an account")
            }
            if let account {
                let open = try Self.openUnits(store, product: product, account: account)
                let state = PendingAwareState(base: store, pending: [PendingAwareState<LedgerStore>.key(product, account): open])
                try Validator.checkAccountLimit(state: state, product: product, account: account, count: count,
                                                limit: limits.limit(product: product, price: price))
            }
            if let cap = record.cap {
                let left = cap - record.issued - (try Self.openUnits(store, product: product, account: nil))
                if count > left {
                    throw ServiceError(.ledger(.capExceeded), left > 0 ? "only \(left) of \"\(product)\" are left" : "\"\(product)\" is sold out")
                }
            }
            let perUnit = record.terms.components?.reduce(0) { $0 + $1.qty } ?? 1
            try store.db.cached("""
                INSERT INTO orders(id, product, merchant, count, units, holder, account, amount, provider, status, created, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_payment', ?, ?)
                """).run(.text(id), .text(product), .text(record.terms.issuer), .int(count), .int(count * perUnit),
                         .blob(holder.bytes), SQLValue(account), .int(amount), .text(provider.name), .int(now), .int(now))
            return try Self.load(id, store)
        }
        return try startPayment(placed, provider)
    }

    /// Confirms a counter payment by the code the person shows, then issues the tickets.
    /// The staff member needs the `counter` scope and must work for the product's merchant.
    /// - Throws: `not_authorized` (no `counter` scope), `not_found` (no pending order with
    ///   that code for this merchant), and what issuing throws.
    public func confirmCounterPayment(code: String, by staff: StaffIdentity) throws -> Order {
        try staff.require(.counter)
        let found = try context.read { store in
            try store.db.cached("""
                SELECT \(Order.columns) FROM orders WHERE payment_code = ? AND status = 'pending_payment' AND provider = ?
                """).queryOne(.text(code), .text(OnsitePayment.providerName)) { try Order(row: $0) }
        }
        guard let order = found, staff.covers(merchant: order.merchant) else { throw ServiceError.missing("pending counter payment with this code") }
        return try settle(order.id, reference: "counter:\(staff.username)")
    }

    /// Records a payment a provider confirmed later (e.g. from its verified webhook), then
    /// issues the tickets. Idempotent for an order already past payment.
    /// - Throws: `not_found` (no such order of that provider), `conflict` (cancelled or failed).
    public func confirmPayment(order id: String, provider: String, reference: String?) throws -> Order {
        let order = try context.read { try Self.load(id, $0) }
        guard order.provider == provider else { throw ServiceError.missing("order \"\(id)\"") }
        switch order.status {
        case .paid, .issued: return order
        case .failed, .cancelled: throw ServiceError(.conflict, "order \(id) is \(order.status.rawValue)")
        case .pendingPayment: return try settle(id, reference: reference)
        }
    }

    /// Records that a pending payment failed (declined, expired at the provider).
    /// - Throws: `not_found`, `conflict` when the order is no longer pending.
    public func failPayment(order id: String, provider: String, reason: String) throws -> Order {
        let order = try context.read { try Self.load(id, $0) }
        guard order.provider == provider else { throw ServiceError.missing("order \"\(id)\"") }
        return try transition(id, from: .pendingPayment, to: .failed, failureCode: ServiceError.Code.paymentDeclined.rawValue)
    }

    // MARK: recovery

    /// What `resumePaidOrders` did.
    public struct Resumed: Sendable, Equatable {
        /// Orders whose `ticket.issue` was already on the ledger: marked `issued`.
        public var found = 0
        /// Orders issued now with a new `ticket.issue`.
        public var reissued = 0
        /// Orders the ledger refused now (e.g. the product expired meanwhile): `failed` and refunded.
        public var refunded = 0
        /// Orders left `paid` because the ledger could not commit (tried again at the next start).
        public var pending = 0

        public init() {}

        /// Whether nothing needed finishing.
        public var isEmpty: Bool { self == Resumed() }
    }

    /// Finishes the orders a crash or a failed commit left `paid` (paid for, no tickets yet): one
    /// whose `ticket.issue` (the txid the order noted before submitting) is on the ledger becomes
    /// `issued` with its tickets; one without gets a new `ticket.issue` now.
    ///
    /// Run it at start-up, before the node serves: an order whose issue is still queued in the
    /// sequencer would otherwise be issued twice.
    @discardableResult
    public func resumePaidOrders() throws -> Resumed {
        let stuck = try context.read { store in
            try store.db.cached("SELECT \(Order.columns) FROM orders WHERE status = 'paid' ORDER BY created, id").query { try Order(row: $0) }
        }
        var done = Resumed()
        for order in stuck {
            if let txid = order.txid, try context.read({ try $0.transaction(txid: txid) }) != nil {
                _ = try markIssued(order.id, txid: txid, units: order.units)
                done.found += 1
                continue
            }
            do {
                _ = try issue(order)
                done.reissued += 1
            } catch let e as ServiceError where e.code == .unavailable {
                done.pending += 1
            } catch {
                done.refunded += 1
            }
        }
        return done
    }

    // MARK: reading

    /// An order, for the account that placed it.
    /// - Throws: `not_found` (also for another account's order).
    public func order(_ id: String, account: String) throws -> Order {
        let order = try context.read { try Self.load(id, $0) }
        guard order.account == account else { throw ServiceError.missing("order \"\(id)\"") }
        return order
    }

    /// An order, for staff of the product's merchant (or the operator).
    /// - Throws: `not_authorized` without the `read` or `counter` scope, `not_found` for
    ///   another merchant's order.
    public func order(_ id: String, by staff: StaffIdentity) throws -> Order {
        try Self.requireRead(staff)
        let order = try context.read { try Self.load(id, $0) }
        guard staff.covers(merchant: order.merchant) else { throw ServiceError.missing("order \"\(id)\"") }
        return order
    }

    /// The orders of products of `merchant`, newest first, after the cursor `after` (an order id).
    /// - Throws: `not_found` unless the staff member covers `merchant`; `invalid_request` for a bad limit.
    public func orders(merchant: String, after: String? = nil, limit: Int = 20, by staff: StaffIdentity) throws -> OrderPage {
        try Self.requireRead(staff)
        guard staff.covers(merchant: merchant) else { throw ServiceError.missing("orders of merchant \"\(merchant)\"") }
        return try page(column: "merchant", value: merchant, after: after, limit: limit)
    }

    /// The orders an account placed, newest first.
    public func orders(account: String, after: String? = nil, limit: Int = 20) throws -> OrderPage {
        try page(column: "account", value: account, after: after, limit: limit)
    }

    // MARK: cancelling

    /// Cancels an order still waiting for payment, for the account that placed it.
    /// - Throws: `not_found`, `conflict` when it is no longer pending.
    public func cancel(_ id: String, account: String) throws -> Order {
        _ = try order(id, account: account)
        return try transition(id, from: .pendingPayment, to: .cancelled, failureCode: nil)
    }

    /// Cancels an order still waiting for payment, for staff of the product's merchant.
    /// - Throws: `not_found`, `conflict`.
    public func cancel(_ id: String, by staff: StaffIdentity) throws -> Order {
        _ = try order(id, by: staff)
        return try transition(id, from: .pendingPayment, to: .cancelled, failureCode: nil)
    }

    // MARK: internals

    private func startPayment(_ order: Order, _ provider: any PaymentProvider) throws -> Order {
        let request = Self.request(order)
        for _ in 0..<5 {
            let start: PaymentStart
            do { start = try provider.begin(request) } catch {
                _ = try? transition(order.id, from: .pendingPayment, to: .failed, failureCode: ServiceError.Code.unavailable.rawValue)
                throw ServiceError(.unavailable, "the payment provider could not be reached; the order \(order.id) failed")
            }
            switch start {
            case .captured(let reference):
                return try settle(order.id, reference: reference)
            case .declined(let reason):
                _ = try transition(order.id, from: .pendingPayment, to: .failed, failureCode: ServiceError.Code.paymentDeclined.rawValue)
                throw ServiceError(.paymentDeclined, "order \(order.id): \(reason)")
            case .pending(let instructions):
                let stored: Order? = try context.app.transaction { store in
                    do {
                        try store.db.cached("UPDATE orders SET payment_code = ?, instructions = ?, updated = ? WHERE id = ?")
                            .run(SQLValue(instructions.code), .text(instructions.message), .int(context.clock.now()), .text(order.id))
                    } catch let e as SQLiteError where e.isConstraint {
                        return nil  // another pending order shows the same code: draw again
                    }
                    return try Self.load(order.id, store)
                }
                if let stored { return stored }
            }
        }
        _ = try? transition(order.id, from: .pendingPayment, to: .failed, failureCode: ServiceError.Code.unavailable.rawValue)
        throw ServiceError(.unavailable, "no free payment code; try again")
    }

    /// Marks a pending order paid (once) and issues its tickets.
    private func settle(_ id: String, reference: String?) throws -> Order {
        let now = context.clock.now()
        let paid: Order = try context.app.transaction { store in
            try store.db.cached("""
                UPDATE orders SET status = 'paid', payment_reference = ?, updated = ? WHERE id = ? AND status = 'pending_payment'
                """).run(SQLValue(reference), .int(now), .text(id))
            guard store.db.changes == 1 else {
                let current = try Self.load(id, store)
                throw ServiceError(.conflict, "order \(id) is \(current.status.rawValue), not waiting for payment")
            }
            return try Self.load(id, store)
        }
        return try issue(paid)
    }

    /// Signs `ticket.issue` with the sales key for a paid order and records the outcome.
    private func issue(_ order: Order) throws -> Order {
        let writer = LedgerWriter(context: context)
        guard let sales = try writer.key(KeyCustody.sales) else {
            try fail(order, code: ServiceError.Code.notOnSale.rawValue)
            throw ServiceError(.notOnSale, "this node has no sales key; order \(order.id) was refunded")
        }
        let tx = writer.sign(.ticketIssue(TicketIssue(product: order.product, to: order.holder, count: order.count,
                                                      account: order.account, order: order.id)), with: sales)
        // The txid goes on the order before the submission: between the ledger's commit and the
        // status update below, `openUnits` then sees the order's units on the ledger and does
        // not count them twice (which would refuse a claim the cap still allows).
        try context.app.transaction { store in
            try store.db.cached("UPDATE orders SET txid = ? WHERE id = ? AND status = 'paid'").run(.text(tx.txid), .text(order.id))
        }
        switch context.sequencer.submitAndWait(tx) {
        case .accepted(let txid, _, _):
            return try markIssued(order.id, txid: txid, units: order.units)
        case .rejected(let e):
            try fail(order, code: e.code.rawValue)
            throw ServiceError(.ledger(e.code), "order \(order.id) could not be issued and was refunded: \(e.message)")
        case .failed:
            // Nothing was written: the order stays `paid`; `resumePaidOrders` issues it at the next start.
            throw ServiceError(.unavailable, "the ledger could not commit order \(order.id); it stays paid")
        }
    }

    /// Records the committed `ticket.issue` of a paid order and its tickets.
    private func markIssued(_ id: String, txid: String, units: Int64) throws -> Order {
        let tickets = (0..<Int(units)).map { TicketID.derive(txid: txid, index: $0) }
        let now = context.clock.now()
        return try context.app.transaction { store in
            try store.db.cached("UPDATE orders SET status = 'issued', txid = ?, tickets = ?, updated = ? WHERE id = ?")
                .run(.text(txid), .text(tickets.joined(separator: ",")), .int(now), .text(id))
            return try Self.load(id, store)
        }
    }

    private func fail(_ order: Order, code: String) throws {
        _ = try transition(order.id, from: .paid, to: .failed, failureCode: code)
        try? providers[order.provider]?.refund(Self.request(order), reference: order.paymentReference)
    }

    private func transition(_ id: String, from: Order.Status, to: Order.Status, failureCode: String?) throws -> Order {
        let now = context.clock.now()
        return try context.app.transaction { store in
            try store.db.cached("UPDATE orders SET status = ?, failure_code = coalesce(?, failure_code), updated = ? WHERE id = ? AND status = ?")
                .run(.text(to.rawValue), SQLValue(failureCode), .int(now), .text(id), .text(from.rawValue))
            let changed = store.db.changes == 1
            let order = try Self.load(id, store)
            guard changed || order.status == to else {
                throw ServiceError(.conflict, "order \(id) is \(order.status.rawValue)")
            }
            return order
        }
    }

    private func page(column: String, value: String, after: String?, limit: Int) throws -> OrderPage {
        guard (1...Self.maxPage).contains(limit) else {
            throw ServiceError.invalid("limit", "out_of_range", "must be from 1 to \(Self.maxPage)")
        }
        let rows = try context.read { store in
            try store.db.cached("""
                SELECT \(Order.columns) FROM orders
                WHERE \(column) = ?1 AND (?2 IS NULL OR (created, id) < (SELECT created, id FROM orders WHERE id = ?2))
                ORDER BY created DESC, id DESC LIMIT ?3
                """).query(.text(value), SQLValue(after), .int(Int64(limit + 1))) { try Order(row: $0) }
        }
        let page = Array(rows.prefix(limit))
        return OrderPage(orders: page, next: rows.count > limit ? page.last?.id : nil)
    }

    /// Units of `product` in orders not yet issued, failed or cancelled (of one account, or all).
    /// A paid order whose `ticket.issue` is already committed counts on the ledger, not here.
    private static func openUnits(_ store: LedgerStore, product: String, account: String?) throws -> Int64 {
        let open = try store.db.cached("""
            SELECT count, txid FROM orders
            WHERE product = ?1 AND status IN ('pending_payment', 'paid') AND (?2 IS NULL OR account = ?2)
            """).query(.text(product), SQLValue(account)) { ($0.int64(0), $0.string(1)) }
        var units: Int64 = 0
        for (count, txid) in open {
            if let txid, try store.containsTx(txid) { continue }
            units += count
        }
        return units
    }

    private static func load(_ id: String, _ store: LedgerStore) throws -> Order {
        guard let o = try store.db.cached("SELECT \(Order.columns) FROM orders WHERE id = ?").queryOne(.text(id), row: { try Order(row: $0) }) else {
            throw ServiceError.missing("order \"\(id)\"")
        }
        return o
    }

    private static func request(_ o: Order) -> PaymentRequest {
        PaymentRequest(order: o.id, amount: o.amount, product: o.product, count: o.count, account: o.account)
    }

    private static func requireRead(_ staff: StaffIdentity) throws {
        if !staff.scopes.contains(.counter) { try staff.require(.read) }
    }

    private static func checkAccount(_ account: String) throws {
        let scalars = account.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= 128, !scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ServiceError.invalid("account", "bad_format", "must be 1–128 characters without control characters")
        }
    }
}

/// One page of orders, newest first.
public struct OrderPage: Sendable, Equatable {
    /// The orders of this page.
    public let orders: [Order]
    /// The cursor of the next page (`after`), or nil on the last page.
    public let next: String?
}
