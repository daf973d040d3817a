import Crypto
import Foundation
import Ledger
import Services

/// A one-node ledger in a fresh temporary directory with the commerce services wired up, and
/// a small region: merchants `ramen` (two stores) and `bar` (one store), created through
/// `AdminService` as the operator.
final class CommerceFixture: @unchecked Sendable {
    static let start: Int64 = 1_770_000_000_000
    let dir: String
    let db: String
    let clock = ManualClock(CommerceFixture.start)
    let created: LedgerSetup.Created
    let sequencer: Sequencer
    let context: ServiceContext
    let admin: AdminService
    let endorsements: EndorsementService
    let catalogue: Catalogue
    let orders: OrderService
    let scripted: ScriptedPayment

    static let op = StaffIdentity(userID: 1, username: "op", role: .operatorAdmin, scopes: Set(Scope.allCases))

    static func admin(_ merchant: String) -> StaffIdentity {
        StaffIdentity(userID: 10, username: "\(merchant)-admin", role: .merchantAdmin(merchant: merchant), scopes: Set(Scope.allCases))
    }

    static func counter(_ merchant: String, _ store: String) -> StaffIdentity {
        StaffIdentity(userID: 20, username: "\(store)-staff", role: .storeStaff(merchant: merchant, store: store), scopes: [.counter])
    }

    init(limits: OrderLimits = OrderLimits(), decide: @escaping @Sendable (PaymentRequest) -> PaymentStart = { .captured(reference: "ref-\($0.order)") }) throws {
        dir = NSTemporaryDirectory() + "kippu-commerce-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        db = dir + "/ledger.sqlite"
        created = try LedgerSetup.initialize(dbPath: db, net: "test-net", name: "テスト地域", clock: clock)
        sequencer = try Sequencer(store: created.store, nodeKey: created.nodeKey, clock: clock, config: .init(windowMillis: 0))
        context = ServiceContext(sequencer: sequencer, reads: LedgerReadPool(path: db), app: try CommerceDatabase(path: db),
                                 vault: created.vault, net: created.network.net, clock: clock, random: SeededRandom(seed: "commerce"))
        admin = AdminService(context: context)
        endorsements = EndorsementService(context: context)
        catalogue = Catalogue(context: context)
        scripted = ScriptedPayment(decide: decide)
        orders = OrderService(context: context, providers: [FreePayment(), OnsitePayment(random: SeededRandom(seed: "codes")), scripted],
                              limits: limits)
        _ = try admin.createMerchant(MerchantDraft(merchant: "ramen", name: "朝ラーメン本舗", industries: ["ramen"]), by: Self.op)
        _ = try admin.createMerchant(MerchantDraft(merchant: "bar", name: "酒場 蔵", industries: ["bar"]), by: Self.op)
        _ = try admin.createStore(StoreDraft(store: "ramen-main", name: "本店", industry: "ramen", attrs: ["small": true]), by: Self.admin("ramen"))
        _ = try admin.createStore(StoreDraft(store: "ramen-east", name: "東店", industry: "ramen", attrs: ["small": false]), by: Self.admin("ramen"))
        _ = try admin.createStore(StoreDraft(store: "bar-1", merchant: "bar", name: "蔵", industry: "bar", attrs: ["small": true]), by: Self.op)
    }

    deinit {
        sequencer.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A plain product draft of `issuer`.
    func product(_ id: String, issuer: String? = nil, kind: ProductTerms.Kind = .coupon, price: Int64 = 0, cap: Int64? = nil,
                 validity: ProductTerms.Validity = .init(days: 30), redeem: ProductTerms.Redeem? = nil,
                 components: [ProductTerms.Component]? = nil) -> ProductDraft {
        ProductDraft(product: id, issuer: issuer, kind: kind, name: "品 \(id)", description: "説明", price: price,
                     faceValue: kind == .coupon ? 100 : nil, validity: validity, redeem: redeem, components: components, cap: cap)
    }

    /// The ledger's record of a product.
    func record(_ id: String) throws -> ProductRecord? { try context.reads.read { try $0.product(id) } }

    /// The ledger's record of a ticket.
    func ticket(_ id: String) throws -> TicketRecord? { try context.reads.read { try $0.ticket(id) } }

    /// A fresh wallet key.
    func wallet() -> PublicKey { SigningKey.generate().publicKey }
}

/// Runs `body` and returns the `ServiceError` code it threw (nil if it did not throw one).
func errorCode(_ body: () throws -> Void) -> String? {
    do { try body() } catch let e as ServiceError { return e.code.rawValue } catch { return "unexpected: \(error)" }
    return nil
}
