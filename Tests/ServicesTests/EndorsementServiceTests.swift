import Crypto
import Foundation
import Ledger
import Services
import Testing

/// A package goes on sale only once every partner merchant has endorsed it.
@Suite struct EndorsementServiceTests {
    static func region() throws -> CommerceFixture {
        let f = try CommerceFixture()
        _ = try f.admin.createMerchant(MerchantDraft(merchant: "sweets", name: "甘味処", industries: ["confectionery"]), by: CommerceFixture.op)
        try f.admin.createProduct(f.product("asa"), by: CommerceFixture.admin("ramen"))
        try f.admin.createProduct(f.product("beer"), by: CommerceFixture.admin("bar"))
        try f.admin.createProduct(f.product("mochi"), by: CommerceFixture.admin("sweets"))
        try f.admin.createProduct(f.product("set", kind: .ticket, price: 2_000, validity: .init(),
                                            components: [.init(product: "asa", qty: 1), .init(product: "beer", qty: 1),
                                                         .init(product: "mochi", qty: 2)]), by: CommerceFixture.admin("ramen"))
        return f
    }

    @Test func packageIsOnSaleOnlyAfterEveryPartnerApproved() throws {
        let f = try Self.region()
        let ramen = CommerceFixture.admin("ramen")
        let requests = try f.endorsements.requestEndorsements(package: "set", by: ramen)
        #expect(requests.map(\.partner) == ["bar", "sweets"] && requests.allSatisfy { $0.status == .pending })
        // Asking again keeps one pending request per partner.
        #expect(try f.endorsements.requestEndorsements(package: "set", by: ramen).map(\.id) == requests.map(\.id))

        let bar = CommerceFixture.admin("bar")
        let inbox = try f.endorsements.requests(toPartner: "bar", status: .pending, by: bar)
        #expect(inbox.map(\.package) == ["set"])
        // Another tenant cannot see the partner's inbox, and the requester cannot approve for it.
        #expect(errorCode { _ = try f.endorsements.requests(toPartner: "bar", by: CommerceFixture.admin("sweets")) } == "not_found")
        #expect(errorCode { _ = try f.endorsements.approve(inbox[0].id, by: CommerceFixture.admin("sweets")) } == "not_found")
        #expect(errorCode { _ = try f.endorsements.approve(inbox[0].id, by: ramen) } == "not_authorized")

        let approved = try f.endorsements.approve(inbox[0].id, by: bar)
        #expect(approved.status == .approved && approved.txid != nil && approved.decidedBy == "bar-admin")
        #expect(try f.record("set")?.endorsedBy == ["bar"])
        #expect(try f.catalogue.product("set").sale.reasons == [.notEndorsed])
        #expect(errorCode { _ = try f.orders.place(product: "set", count: 1, holder: f.wallet(), account: nil, provider: "scripted") } == "not_endorsed")
        #expect(errorCode { _ = try f.endorsements.approve(inbox[0].id, by: bar) } == "conflict")

        let sweetsRequest = try #require(try f.endorsements.requests(toPartner: "sweets", by: CommerceFixture.admin("sweets")).first)
        _ = try f.endorsements.approve(sweetsRequest.id, by: CommerceFixture.admin("sweets"))
        let set = try f.catalogue.product("set")
        #expect(set.sale.onSale && set.components?.allSatisfy(\.endorsed) == true)
        let order = try f.orders.place(product: "set", count: 1, holder: f.wallet(), account: nil, provider: "scripted")
        #expect(order.status == .issued && order.tickets.count == 4)
        #expect(errorCode { _ = try f.endorsements.requestEndorsements(package: "set", by: ramen) } == "conflict")
    }

    @Test func aDeclinedRequestLeavesThePackageOffSaleAndMayBeAskedAgain() throws {
        let f = try Self.region()
        let ramen = CommerceFixture.admin("ramen")
        _ = try f.endorsements.requestEndorsements(package: "set", by: ramen)
        let sweets = CommerceFixture.admin("sweets")
        let request = try #require(try f.endorsements.requests(toPartner: "sweets", by: sweets).first)
        let declined = try f.endorsements.decline(request.id, by: sweets)
        #expect(declined.status == .declined)
        #expect(try f.record("set")?.endorsedBy == [])
        #expect(errorCode { _ = try f.endorsements.approve(request.id, by: sweets) } == "conflict")
        #expect(try f.endorsements.requests(toPartner: "sweets", status: .pending, by: sweets).isEmpty)
        #expect(try f.endorsements.requests(forPackage: "set", by: ramen).map(\.status).sorted { $0.rawValue < $1.rawValue } == [.declined, .pending])
        #expect(try f.endorsements.requests(forPackage: "set", by: CommerceFixture.admin("bar")).isEmpty)
        #expect(try f.catalogue.product("set").sale.reasons == [.notEndorsed])
        let again = try f.endorsements.requestEndorsements(package: "set", by: ramen)
        #expect(again.map(\.partner) == ["bar", "sweets"] && !again.map(\.id).contains(request.id))
        // Only the package's merchant asks.
        #expect(errorCode { _ = try f.endorsements.requestEndorsements(package: "set", by: CommerceFixture.admin("bar")) } == "not_authorized")
    }
}
