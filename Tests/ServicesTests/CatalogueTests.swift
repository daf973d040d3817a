import Crypto
import Foundation
import Ledger
import Services
import Testing

/// The catalogue's numbers: remaining supply, sale reasons, package contents, usable stores.
@Suite struct CatalogueTests {
    @Test func viewsShowRemainingUsableStoresAndWhyNotOnSale() throws {
        let f = try CommerceFixture()
        let ramen = CommerceFixture.admin("ramen")
        try f.admin.createProduct(f.product("asa", cap: 5), by: ramen)
        try f.admin.createProduct(f.product("bar-wide", redeem: .industries(["bar"])), by: ramen)
        try f.admin.createProduct(f.product("small-shops", redeem: .attrs(["small": true])), by: ramen)
        try f.admin.createProduct(f.product("old", validity: .init(until: CommerceFixture.start - 1)), by: ramen)
        try f.admin.createProduct(f.product("beer"), by: CommerceFixture.admin("bar"))
        try f.admin.createProduct(f.product("set", kind: .ticket, price: 1_500, validity: .init(),
                                            components: [.init(product: "asa", qty: 2), .init(product: "beer", qty: 1)]), by: ramen)
        try f.admin.createProduct(f.product("campaign", issuer: "operator", redeem: .attrs(["small": true])), by: CommerceFixture.op)

        _ = try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: "acct-1", provider: "free")
        _ = try f.orders.place(product: "asa", count: 1, holder: f.wallet(), account: "acct-2", provider: "free")

        let asa = try f.catalogue.product("asa")
        #expect(asa.cap == 5 && asa.issued == 2 && asa.remaining == 3)
        #expect(asa.issuerName == "朝ラーメン本舗")
        #expect(asa.sale.onSale)
        #expect(asa.usable?.rule == .issuerStores)
        #expect(asa.usable?.stores.map(\.id) == ["ramen-east", "ramen-main"] && asa.usable?.count == 2)

        #expect(try f.catalogue.product("beer").remaining == nil)
        #expect(try f.catalogue.product("bar-wide").usable?.stores.map(\.name) == ["蔵"])
        let small = try f.catalogue.product("small-shops").usable
        #expect(small?.stores.map(\.id) == ["bar-1", "ramen-main"] && small?.count == 2)

        #expect(try f.catalogue.product("old").sale.reasons == [.expired])
        let campaign = try f.catalogue.product("campaign")
        #expect(campaign.sale.reasons == [.noSalesGrant])
        #expect(campaign.issuerName == "テスト地域")

        let set = try f.catalogue.product("set")
        #expect(set.usable == nil)
        let parts = try #require(set.components)
        #expect(parts.map(\.product.id) == ["asa", "beer"] && parts.map(\.qty) == [2, 1])
        #expect(parts.map(\.merchant) == ["ramen", "bar"] && parts.map(\.endorsed) == [true, false])
        #expect(parts[1].product.usable.stores.map(\.id) == ["bar-1"])
        #expect(set.sale.reasons == [.notEndorsed] && set.sale.reason?.code.rawValue == "not_endorsed")

        // Sold out once the cap is reached.
        try f.admin.stopSelling(product: "asa", by: ramen)
        let stopped = try f.catalogue.product("asa")
        #expect(stopped.remaining == 0 && stopped.sale.reasons == [.soldOut])
        #expect(errorCode { _ = try f.catalogue.product("nope") } == "unknown_product")
    }

    @Test func pagesFollowTheCursorAndFilters() throws {
        let f = try CommerceFixture()
        for id in ["p1", "p2", "p3", "p4", "p5"] { try f.admin.createProduct(f.product(id), by: CommerceFixture.admin("ramen")) }
        try f.admin.createProduct(f.product("t1", kind: .ticket, price: 500), by: CommerceFixture.admin("bar"))
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try f.catalogue.products(CatalogueQuery(after: cursor, limit: 2))
            #expect(page.products.count <= 2)
            seen += page.products.map(\.id)
            cursor = page.next
        } while cursor != nil
        #expect(seen == ["p1", "p2", "p3", "p4", "p5", "t1"])
        #expect(try f.catalogue.products(CatalogueQuery(merchant: "bar")).products.map(\.id) == ["t1"])
        #expect(try f.catalogue.products(CatalogueQuery(kind: .coupon)).products.count == 5)
        #expect(errorCode { _ = try f.catalogue.products(CatalogueQuery(limit: 0)) } == "invalid_request")
        let bad = #expect(throws: ServiceError.self) { try CatalogueQuery.parse(["limit": "500", "kind": "x", "sort": "id"]) }
        #expect(Set(bad?.fields.map(\.field) ?? []) == ["limit", "kind", "sort"])
    }

    @Test func demoRegionPackagesAreExpandedEndorsedAndCounted() throws {
        let dir = NSTemporaryDirectory() + "kippu-demo-catalogue-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/demo.sqlite"
        let now: Int64 = 1_773_446_400_000 + 2 * TicketWindow.day
        _ = try DemoSeeder.seed(dbPath: db, now: now, random: SeededRandom(seed: "demo"))
        let (store, nodeKey) = try LedgerSetup.open(dbPath: db)
        let clock = ManualClock(now)
        let sequencer = try Sequencer(store: store, nodeKey: nodeKey, clock: clock, config: .init(windowMillis: 0))
        defer { sequencer.shutdown() }
        let context = ServiceContext(sequencer: sequencer, reads: LedgerReadPool(path: db), app: try CommerceDatabase(path: db),
                                     vault: try KeyVault.open(directory: KeyVault.directory(forDatabase: db)), net: DemoSeeder.net,
                                     clock: clock, random: SeededRandom(seed: "x"))
        let catalogue = Catalogue(context: context)
        let set = try catalogue.product("festa-set")
        let record = try #require(try context.reads.read { try $0.product("festa-set") })
        #expect(set.cap == 500 && set.issued == record.issued && set.remaining == 500 - record.issued)
        #expect(set.issued > 0)
        let parts = try #require(set.components)
        #expect(parts.count == 9 && parts.allSatisfy(\.endorsed))
        #expect(parts.first?.product.id == "festa-entry" && parts.first?.product.usable.stores.map(\.id) == ["festa-venue"])
        #expect(set.sale.onSale)
        // Shop coupons are not delegated to the sales key in the demo.
        let coupon = try #require(try catalogue.products(CatalogueQuery(merchant: "ramen-01")).products.first)
        #expect(coupon.sale.reasons == [.noSalesGrant])
        #expect(coupon.usable?.stores.map(\.id) == ["ramen-01"])
    }
}
