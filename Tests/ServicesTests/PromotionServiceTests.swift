import Crypto
import Foundation
import Ledger
import Services
import Testing

/// Instant promotions: free tickets issued with the node's sales key, within the cap, by the
/// product's own merchant admin; `publish` widens the merchant's grant to the sales key.
@Suite struct PromotionServiceTests {
    static let ramen = CommerceFixture.admin("ramen")

    func salesKey(_ f: CommerceFixture) throws -> PublicKey {
        try #require(try f.created.vault.key("sales")).publicKey
    }

    /// The committed transaction `txid`, decoded.
    func committed(_ f: CommerceFixture, _ txid: String) throws -> SignedTx {
        let found = try #require(try f.context.reads.read { try $0.transaction(txid: txid) })
        return try SignedTx(json: found.envelope)
    }

    func grant(_ f: CommerceFixture, _ merchant: String) throws -> GrantRecord? {
        let sales = try salesKey(f)
        return try f.context.reads.read { try $0.grant(granter: merchant, delegate: sales) }
    }

    @Test func issueFreeSignsOneTicketIssuePerHolderWithTheSalesKey() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("gift", cap: 10), by: Self.ramen)
        let holders = [f.wallet(), f.wallet(), f.wallet()]
        let outcomes = try PromotionService(admin: f.admin).issueFree(product: "gift", holders: holders, count: 2, by: Self.ramen)

        #expect(outcomes.map(\.holder) == holders)
        #expect(outcomes.allSatisfy { $0.error == nil && $0.tickets.count == 2 })
        let txids = outcomes.compactMap(\.txid)
        #expect(txids.count == 3 && Set(txids).count == 3)
        let sales = try salesKey(f)
        for (outcome, holder) in zip(outcomes, holders) {
            let tx = try committed(f, try #require(outcome.txid))
            #expect(tx.tx.signer == sales)
            guard case .ticketIssue(let issue) = tx.tx.payload else {
                Issue.record("expected a ticket.issue, got \(tx.tx.type)")
                continue
            }
            #expect(issue.product == "gift" && issue.to == holder && issue.count == 2 && issue.order == "gift:ramen-admin")
            for id in outcome.tickets {
                let ticket = try #require(try f.ticket(id))
                #expect(ticket.holder == holder && ticket.product == "gift" && ticket.state == .active)
            }
        }
        #expect(try f.record("gift")?.issued == 6)
    }

    @Test func issueFreeIssuesNothingWhenTheCapCannotTakeEveryTicket() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("gift", cap: 5), by: Self.ramen)
        let promotions = PromotionService(admin: f.admin)
        let three = [f.wallet(), f.wallet(), f.wallet()]

        // 3 × 2 = 6 > 5: refused as a whole, not cut short after two holders.
        #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: three, count: 2, by: Self.ramen) } == "cap_exceeded")
        #expect(try f.record("gift")?.issued == 0)
        for holder in three { #expect(try f.context.reads.read { try $0.tickets(heldBy: holder) }.isEmpty) }

        _ = try promotions.issueFree(product: "gift", holders: Array(three.prefix(2)), count: 2, by: Self.ramen)
        #expect(try f.record("gift")?.issued == 4)
        // One left: two more are refused, exactly one fills the cap.
        #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: [three[2]], count: 2, by: Self.ramen) } == "cap_exceeded")
        #expect(try f.record("gift")?.issued == 4)
        let last = try promotions.issueFree(product: "gift", holders: [three[2]], by: Self.ramen)
        #expect(last.count == 1 && last[0].tickets.count == 1)
        #expect(try f.record("gift")?.issued == 5)
    }

    @Test func onlyTheProductsMerchantAdminMayGiveItAway() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("gift"), by: Self.ramen)
        let promotions = PromotionService(admin: f.admin)
        let holder = f.wallet()
        let readOnly = StaffIdentity(userID: 3, username: "r", role: .merchantAdmin(merchant: "ramen"), scopes: [.read])
        for staff in [CommerceFixture.admin("bar"), CommerceFixture.counter("ramen", "ramen-main"), readOnly, CommerceFixture.op] {
            #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: [holder], by: staff) } == "not_authorized",
                    "\(staff.username) must not give ramen's tickets away")
            #expect(errorCode { try promotions.publish(product: "gift", by: staff) } == "not_authorized")
        }
        #expect(try f.record("gift")?.issued == 0)
        #expect(try f.context.reads.read { try $0.tickets(heldBy: holder) }.isEmpty)
        #expect(try promotions.issueFree(product: "gift", holders: [holder], by: Self.ramen).count == 1)
        #expect(try f.record("gift")?.issued == 1)
    }

    @Test func theOperatorGivesAwayItsOwnCampaignProductsOnly() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("camp", issuer: operatorPrincipal), by: CommerceFixture.op)
        let promotions = PromotionService(admin: f.admin)
        #expect(errorCode { _ = try promotions.issueFree(product: "camp", holders: [f.wallet()], by: Self.ramen) } == "not_authorized")
        #expect(try f.record("camp")?.issued == 0)

        let holder = f.wallet()
        let outcome = try promotions.issueFree(product: "camp", holders: [holder], by: CommerceFixture.op)
        #expect(try committed(f, try #require(outcome.first?.txid)).tx.signer == salesKey(f))
        #expect(try f.ticket(try #require(outcome.first?.tickets.first))?.holder == holder)
        #expect(try grant(f, operatorPrincipal)?.products == ["camp"])
    }

    @Test func issueFreeRejectsBadRequestsBeforeWritingAnything() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("gift"), by: Self.ramen)
        let promotions = PromotionService(admin: f.admin)
        let size = f.created.store.logSize
        #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: [], by: Self.ramen) } == "invalid_request")
        let tooMany = (0...PromotionService.maxHolders).map { _ in f.wallet() }
        #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: tooMany, by: Self.ramen) } == "invalid_request")
        #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: [f.wallet()], count: 0, by: Self.ramen) } == "invalid_request")
        #expect(errorCode { _ = try promotions.issueFree(product: "gift", holders: [f.wallet()], count: TicketIssue.maxCount + 1,
                                                         by: Self.ramen) } == "invalid_request")
        #expect(errorCode { _ = try promotions.issueFree(product: "nope", holders: [f.wallet()], by: Self.ramen) } == "unknown_product")
        #expect(f.created.store.logSize == size)
    }

    @Test func packagesGiveEveryComponentTicketToTheHolder() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("men", kind: .ticket, price: 500), by: Self.ramen)
        try f.admin.createProduct(f.product("gyoza", kind: .ticket, price: 300), by: Self.ramen)
        try f.admin.createProduct(f.product("set", kind: .ticket, price: 700, components: [.init(product: "men", qty: 2), .init(product: "gyoza", qty: 1)]),
                                  by: Self.ramen)
        let holder = f.wallet()
        let outcome = try #require(try PromotionService(admin: f.admin).issueFree(product: "set", holders: [holder], count: 2, by: Self.ramen).first)
        // 2 packages × (2 + 1) component tickets.
        #expect(outcome.tickets.count == 6)
        let held = try f.context.reads.read { try $0.tickets(heldBy: holder) }
        #expect(Set(held.map(\.id)) == Set(outcome.tickets))
        #expect(held.filter { $0.product == "men" }.count == 4 && held.filter { $0.product == "gyoza" }.count == 2)
    }

    @Test func publishGrowsTheMerchantsSalesGrantToTheProduct() throws {
        let f = try CommerceFixture()
        // A merchant whose first grant to the sales key lasts a minute.
        let shortLived = AdminService(context: f.context, config: .init(salesGrantMillis: 60_000))
        _ = try shortLived.createMerchant(MerchantDraft(merchant: "soba", name: "蕎麦処", industries: ["soba"]), by: CommerceFixture.op)
        let soba = CommerceFixture.admin("soba")
        for id in ["zaru", "kake", "tempura"] { try f.admin.createProduct(f.product(id), by: soba) }
        let promotions = PromotionService(admin: f.admin)

        // A live grant of "*" already covers everything.
        #expect(try promotions.publish(product: "zaru", by: soba) == nil)

        f.clock.advance(120_000)   // the grant of "*" has lapsed
        let t1 = f.clock.now()
        let tx = try #require(try promotions.publish(product: "zaru", by: soba))
        #expect(try committed(f, tx).tx.signer == f.created.vault.key("merchant/soba")?.publicKey)
        var g = try #require(try grant(f, "soba"))
        #expect(g.products == ["zaru"] && g.until == t1 + PromotionService.grantMillis)
        #expect(try promotions.publish(product: "zaru", by: soba) == nil)

        // A live list grows and keeps its end; a later publish pushes the end out.
        #expect(try promotions.publish(product: "kake", by: soba) != nil)
        g = try #require(try grant(f, "soba"))
        #expect(g.products == ["zaru", "kake"] && g.until == t1 + PromotionService.grantMillis)
        f.clock.advance(TicketWindow.day)
        #expect(try promotions.publish(product: "tempura", by: soba) != nil)
        g = try #require(try grant(f, "soba"))
        #expect(g.products == ["zaru", "kake", "tempura"] && g.until == f.clock.now() + PromotionService.grantMillis)
        #expect(errorCode { try promotions.publish(product: "nope", by: soba) } == "unknown_product")
    }

    @Test func issueFreeRenewsALapsedGrantBeforeIssuing() throws {
        let f = try CommerceFixture()
        let shortLived = AdminService(context: f.context, config: .init(salesGrantMillis: 60_000))
        _ = try shortLived.createMerchant(MerchantDraft(merchant: "soba", name: "蕎麦処", industries: ["soba"]), by: CommerceFixture.op)
        let soba = CommerceFixture.admin("soba")
        try f.admin.createProduct(f.product("zaru"), by: soba)
        f.clock.advance(120_000)
        #expect(try grant(f, "soba")?.covers("zaru", at: f.clock.now()) == false)

        let outcome = try PromotionService(admin: f.admin).issueFree(product: "zaru", holders: [f.wallet()], by: soba)
        #expect(outcome.first?.txid != nil && outcome.first?.tickets.count == 1)
        #expect(try grant(f, "soba")?.covers("zaru", at: f.clock.now()) == true)
        #expect(try f.record("zaru")?.issued == 1)
    }
}
