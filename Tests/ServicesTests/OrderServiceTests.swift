import Crypto
import Foundation
import Ledger
import Services
import Store
import Testing

/// Orders: limits, caps, payments and the tickets they issue.
@Suite struct OrderServiceTests {
    @Test func freeClaimsObeyThePerAccountLimit() throws {
        let f = try CommerceFixture(limits: OrderLimits(freePerAccount: 2))
        try f.admin.createProduct(f.product("asa"), by: CommerceFixture.admin("ramen"))
        let holder = f.wallet()
        let first = try f.orders.place(product: "asa", count: 1, holder: holder, account: "acct-1", provider: "free")
        #expect(first.status == .issued && first.amount == 0 && first.tickets.count == 1)
        #expect(errorCode { _ = try f.orders.place(product: "asa", count: 2, holder: holder, account: "acct-1", provider: "free") } == "limit_exceeded")
        let second = try f.orders.place(product: "asa", count: 1, holder: holder, account: "acct-1", provider: "free")
        #expect(second.status == .issued)
        #expect(errorCode { _ = try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: "acct-1", provider: "free") } == "limit_exceeded")
        // Another account still may; a free claim without an account may not.
        #expect(try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: "acct-2", provider: "free").status == .issued)
        #expect(errorCode { _ = try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: nil, provider: "free") } == "invalid_request")
        #expect(try f.record("asa")?.issued == 3)
    }

    @Test func pendingOrdersCountAgainstTheLimitAndTheCap() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("ramen-ticket", kind: .ticket, price: 900, cap: 3), by: CommerceFixture.admin("ramen"))
        let pending = try f.orders.place(product: "ramen-ticket", count: 2, holder: f.wallet(), account: "a", provider: "onsite")
        #expect(pending.status == .pendingPayment && pending.payment?.code?.count == 6)
        #expect(errorCode { _ = try f.orders.place(product: "ramen-ticket", count: 2, holder: f.wallet(), account: "b", provider: "onsite") } == "cap_exceeded")
        let last = try f.orders.place(product: "ramen-ticket", count: 1, holder: f.wallet(), account: "b", provider: "scripted")
        #expect(last.status == .issued)
        #expect(errorCode { _ = try f.orders.place(product: "ramen-ticket", count: 1, holder: f.wallet(), account: "c", provider: "scripted") } == "cap_exceeded")
        // Cancelling the pending order frees its units.
        #expect(try f.orders.cancel(pending.id, account: "a").status == .cancelled)
        #expect(try f.orders.cancel(pending.id, account: "a").status == .cancelled)  // idempotent
        #expect(errorCode { _ = try f.orders.cancel(last.id, account: "b") } == "conflict")
        #expect(errorCode { _ = try f.orders.cancel(pending.id, account: "b") } == "not_found")
        let after = try f.orders.place(product: "ramen-ticket", count: 2, holder: f.wallet(), account: "c", provider: "scripted")
        #expect(after.status == .issued)
        #expect(try f.record("ramen-ticket")?.issued == 3)
        #expect(try f.catalogue.product("ramen-ticket").sale.reasons == [.soldOut])
        #expect(errorCode { _ = try f.orders.place(product: "ramen-ticket", count: 1, holder: f.wallet(), account: "d", provider: "scripted") } == "cap_exceeded")
    }

    @Test func onsiteOrderConfirmedByTheMerchantsCounterIssuesTheLedgersTickets() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("beer", issuer: nil, kind: .ticket, price: 600), by: CommerceFixture.admin("bar"))
        try f.admin.createProduct(f.product("asa"), by: CommerceFixture.admin("ramen"))
        try f.admin.createProduct(f.product("crawl", kind: .ticket, price: 1_000, validity: .init(),
                                            components: [.init(product: "asa", qty: 2)]), by: CommerceFixture.admin("ramen"))
        let holder = f.wallet()
        let order = try f.orders.place(product: "crawl", count: 2, holder: holder, account: "acct-9", provider: "onsite")
        #expect(order.status == .pendingPayment && order.amount == 2_000 && order.units == 4 && order.tickets.isEmpty)
        let code = try #require(order.payment?.code)

        // The bar's counter staff do not see the ramen shop's order; a read-only token cannot confirm.
        #expect(errorCode { _ = try f.orders.confirmCounterPayment(code: code, by: CommerceFixture.counter("bar", "bar-1")) } == "not_found")
        let reader = StaffIdentity(userID: 5, username: "r", role: .merchantAdmin(merchant: "ramen"), scopes: [.read])
        #expect(errorCode { _ = try f.orders.confirmCounterPayment(code: code, by: reader) } == "not_authorized")
        #expect(try f.record("crawl")?.issued == 0)

        let issued = try f.orders.confirmCounterPayment(code: code, by: CommerceFixture.counter("ramen", "ramen-main"))
        #expect(issued.status == .issued && issued.id == order.id)
        let txid = try #require(issued.txid)
        #expect(issued.tickets == (0..<4).map { TicketID.derive(txid: txid, index: $0) })
        for id in issued.tickets {
            let t = try #require(try f.ticket(id))
            #expect(t.holder == holder && t.product == "asa" && t.issuedBy == txid && t.package == txid)
        }
        #expect(try f.record("crawl")?.issued == 2)
        // Confirming twice issues nothing more.
        #expect(errorCode { _ = try f.orders.confirmCounterPayment(code: code, by: CommerceFixture.counter("ramen", "ramen-main")) } == "not_found")
        #expect(try f.record("crawl")?.issued == 2)
        #expect(try f.orders.order(order.id, account: "acct-9").status == .issued)
    }

    @Test func paidOrdersLeftWithoutTicketsAreFinishedAtTheNextStart() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("asa", kind: .ticket, price: 800), by: CommerceFixture.admin("ramen"))
        let raw = try LedgerStore.open(path: f.db)
        // A: issued, but the node stopped before noting it (the order says paid, without tickets).
        let a = try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: "acct-a", provider: "scripted")
        let aTx = try #require(a.txid)
        try raw.db.execute("UPDATE orders SET status = 'paid', tickets = '' WHERE id = '\(a.id)'")
        // B: paid at the counter, but the node stopped before its ticket.issue was submitted.
        let bHolder = f.wallet()
        let b = try f.orders.place(product: "asa", count: 2, holder: bHolder, account: "acct-b", provider: "onsite")
        try raw.db.execute("UPDATE orders SET status = 'paid' WHERE id = '\(b.id)'")
        let sizeBefore = try f.context.reads.read { $0.logSize }
        #expect(try f.record("asa")?.issued == 1)

        let resumed = try f.orders.resumePaidOrders()
        #expect(resumed.found == 1 && resumed.reissued == 1 && resumed.refunded == 0 && resumed.pending == 0)
        let a2 = try f.orders.order(a.id, account: "acct-a")
        #expect(a2.status == .issued && a2.txid == aTx && a2.tickets == [TicketID.derive(txid: aTx, index: 0)])
        let b2 = try f.orders.order(b.id, account: "acct-b")
        let bTx = try #require(b2.txid)
        #expect(b2.status == .issued && b2.tickets.count == 2)
        for id in b2.tickets { #expect(try f.ticket(id)?.holder == bHolder) }
        // One new transaction (B's), none for A; a second start finds nothing to do.
        #expect(try f.context.reads.read { $0.logSize } == sizeBefore + 1)
        #expect(try f.record("asa")?.issued == 3 && bTx != aTx)
        #expect(try f.orders.resumePaidOrders().isEmpty)
    }

    @Test func aDeclinedScriptedPaymentIssuesNothing() throws {
        let f = try CommerceFixture(decide: { $0.amount > 5_000 ? .declined(reason: "card refused") : .captured(reference: "r") })
        try f.admin.createProduct(f.product("dinner", kind: .ticket, price: 3_000), by: CommerceFixture.admin("ramen"))
        let error = #expect(throws: ServiceError.self) {
            try f.orders.place(product: "dinner", count: 2, holder: f.wallet(), account: "acct-1", provider: "scripted")
        }
        #expect(error?.code == .paymentDeclined)
        #expect(try f.record("dinner")?.issued == 0)
        let page = try f.orders.orders(account: "acct-1")
        #expect(page.orders.count == 1 && page.orders[0].status == .failed && page.orders[0].failureCode == "payment_declined")
        #expect(page.orders[0].tickets.isEmpty && page.orders[0].txid == nil)
        // A smaller order of the same account goes through.
        #expect(try f.orders.place(product: "dinner", count: 1, holder: f.wallet(), account: "acct-1", provider: "scripted").status == .issued)
    }

    @Test func ordersAreVisibleToTheirAccountAndMerchantOnly() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("asa", kind: .ticket, price: 100), by: CommerceFixture.admin("ramen"))
        var ids: [String] = []
        for i in 0..<3 {
            f.clock.advance(1_000)
            ids.append(try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: "acct-\(i)", provider: "scripted").id)
        }
        let ramen = CommerceFixture.admin("ramen")
        let bar = CommerceFixture.admin("bar")
        #expect(try f.orders.order(ids[0], by: ramen).product == "asa")
        #expect(try f.orders.order(ids[0], by: CommerceFixture.op).id == ids[0])
        #expect(errorCode { _ = try f.orders.order(ids[0], by: bar) } == "not_found")
        #expect(errorCode { _ = try f.orders.orders(merchant: "ramen", by: bar) } == "not_found")
        #expect(errorCode { _ = try f.orders.order(ids[0], account: "acct-1") } == "not_found")
        #expect(try f.orders.orders(merchant: "bar", by: bar).orders.isEmpty)
        // Newest first, page by page.
        let first = try f.orders.orders(merchant: "ramen", limit: 2, by: ramen)
        #expect(first.orders.map(\.id) == [ids[2], ids[1]])
        let second = try f.orders.orders(merchant: "ramen", after: first.next, limit: 2, by: ramen)
        #expect(second.orders.map(\.id) == [ids[0]] && second.next == nil)
    }

    @Test func concurrentClaimsNeverExceedTheLimitOrTheCap() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("drop", cap: 5), by: CommerceFixture.admin("ramen"))
        let results = ResultList(count: 12)
        DispatchQueue.concurrentPerform(iterations: 12) { i in
            // Accounts 0…5, each trying twice.
            let code = errorCode { _ = try f.orders.place(product: "drop", count: 1, holder: f.wallet(), account: "acct-\(i % 6)", provider: "free") }
            results.set(i, code ?? "ok")
        }
        #expect(results.all.filter { $0 == "ok" }.count == 5)
        #expect(Set(results.all).isSubset(of: ["ok", "limit_exceeded", "cap_exceeded"]))
        #expect(try f.record("drop")?.issued == 5)
    }
}

/// Results written from several threads.
final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ i: Int, _ v: String) { lock.withLock { values[i] = v } }
    var all: [String] { lock.withLock { values } }
}
