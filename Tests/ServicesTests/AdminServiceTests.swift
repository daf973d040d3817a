import Crypto
import Foundation
import Ledger
import Services
import Testing

/// Management writes land on the ledger, signed with custodial keys, within each tenant's bounds.
@Suite struct AdminServiceTests {
    @Test func merchantStoreProductCapRaiseAndStopSellingEndToEnd() throws {
        let f = try CommerceFixture()
        let created = try f.admin.createMerchant(MerchantDraft(merchant: "soba", name: "蕎麦処", industries: ["soba"], attrs: ["city": "kitakata"]),
                                                 by: CommerceFixture.op)
        // The merchant's key is in the vault and is the registered key; the sales key holds its grant.
        #expect(try f.created.vault.key("merchant/soba")?.publicKey == created.key)
        let merchant = try #require(try f.context.reads.read { try $0.merchant("soba") })
        #expect(merchant.key == created.key && merchant.name == "蕎麦処")
        let sales = try #require(try f.created.vault.key("sales")).publicKey
        let grant = try f.context.reads.read { try $0.grant(granter: "soba", delegate: sales) }
        #expect(grant?.products == ["*"] && (grant?.until ?? 0) > f.clock.now())

        let soba = CommerceFixture.admin("soba")
        let store = try f.admin.createStore(StoreDraft(store: "soba-1", name: "本店", industry: "soba"), by: soba)
        #expect(try f.created.vault.key("store/soba-1")?.publicKey == store.key)
        #expect(try f.context.reads.read { try $0.store("soba-1") }?.merchant == "soba")

        try f.admin.createProduct(f.product("zaru", kind: .ticket, price: 800, cap: 2), by: soba)
        #expect(try f.record("zaru")?.cap == 2)
        #expect(try f.catalogue.product("zaru").usable?.stores.map(\.id) == ["soba-1"])

        _ = try f.orders.place(product: "zaru", count: 2, holder: f.wallet(), account: nil, provider: "scripted")
        #expect(try f.catalogue.product("zaru").sale.reasons == [.soldOut])
        try f.admin.setCap(product: "zaru", cap: 10, by: soba)
        #expect(try f.record("zaru")?.cap == 10)
        #expect(try f.catalogue.product("zaru").sale.onSale)
        // The cap cannot go below what is issued.
        #expect(errorCode { try f.admin.setCap(product: "zaru", cap: 1, by: soba) } == "conflict")

        let cap = try f.admin.stopSelling(product: "zaru", by: soba)
        let recorded = try f.record("zaru")?.cap
        #expect(cap == 2 && recorded == 2)
        #expect(errorCode { _ = try f.orders.place(product: "zaru", count: 1, holder: f.wallet(), account: nil, provider: "scripted") } == "cap_exceeded")
    }

    @Test func aMerchantCannotTouchAnotherMerchantsObjects() throws {
        let f = try CommerceFixture()
        try f.admin.createProduct(f.product("asa"), by: CommerceFixture.admin("ramen"))
        let bar = CommerceFixture.admin("bar")
        #expect(errorCode { try f.admin.setCap(product: "asa", cap: 1, by: bar) } == "not_authorized")
        #expect(errorCode { try f.admin.stopSelling(product: "asa", by: bar) } == "not_authorized")
        #expect(errorCode { try f.admin.createProduct(f.product("fake", issuer: "ramen"), by: bar) } == "not_authorized")
        #expect(errorCode { _ = try f.admin.createStore(StoreDraft(store: "x", merchant: "ramen", name: "x", industry: "bar"), by: bar) } == "not_authorized")
        #expect(errorCode { _ = try f.admin.createMerchant(MerchantDraft(merchant: "m2", name: "m"), by: bar) } == "not_authorized")
        #expect(errorCode { try f.admin.createProduct(f.product("camp", issuer: "operator"), by: bar) } == "not_authorized")
        #expect(try f.record("asa")?.cap == nil)
        #expect(try f.record("fake") == nil)
        // A read-only token cannot manage its own merchant either.
        let reader = StaffIdentity(userID: 3, username: "r", role: .merchantAdmin(merchant: "ramen"), scopes: [.read])
        #expect(errorCode { try f.admin.setCap(product: "asa", cap: 1, by: reader) } == "not_authorized")
        #expect(errorCode { _ = try f.admin.createMerchant(MerchantDraft(merchant: "ramen", name: "again"), by: CommerceFixture.op) } == "conflict")
    }

    @Test func aNodeWithoutTheOperatorKeyRefusesToRegisterMerchants() throws {
        let f = try CommerceFixture()
        let emptyVault = try KeyVault.create(directory: f.dir + "/other.keys")
        let context = ServiceContext(sequencer: f.sequencer, reads: f.context.reads, app: f.context.app, vault: emptyVault,
                                     net: f.context.net, clock: f.clock, random: SeededRandom(seed: "other"))
        let error = #expect(throws: ServiceError.self) {
            try AdminService(context: context).createMerchant(MerchantDraft(merchant: "lonely", name: "x"), by: CommerceFixture.op)
        }
        #expect(error?.code == .notAuthorized && error?.message.contains("operator key") == true)
        #expect(try f.context.reads.read { try $0.merchant("lonely") } == nil)
    }
}
