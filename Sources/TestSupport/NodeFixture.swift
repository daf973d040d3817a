import Crypto
import Foundation
import Ledger
import Services
import Store

/// Test support, not shipped in the server: a one-node ledger on disk with a sequencer, a merchant, a store and a coupon.
public final class NodeFixture: @unchecked Sendable {
    public let dir = TempDir()
    public let db: String
    public let created: LedgerSetup.Created
    public let clock = ManualClock(1_770_000_000_000)
    public let sequencer: Sequencer
    public let merchant = SigningKey.generate()
    public let storeKey = SigningKey.generate()
    public var net: String { created.network.net }
    public var store: LedgerStore { created.store }

    public init(windowMillis: Int = 0) throws {
        db = dir.file("ledger.sqlite")
        created = try LedgerSetup.initialize(dbPath: db, net: "test-net", name: "テスト", clock: clock)
        sequencer = try Sequencer(store: created.store, nodeKey: created.nodeKey, clock: clock, config: .init(windowMillis: windowMillis))
        let op = created.operatorKey!
        try accept(op, .merchantRegister(MerchantRegister(merchant: "ramen", name: "朝ラーメン本舗", key: merchant.publicKey, industries: ["ramen"])))
        try accept(merchant, .storeRegister(StoreRegister(store: "ramen-main", merchant: "ramen", name: "本店", industry: "ramen", key: storeKey.publicKey)))
        try accept(merchant, .productRegister(ProductTerms(product: "asa", issuer: "ramen", kind: .coupon, name: "朝ラーメン 100円引き",
                                                           faceValue: 100, validity: .init(days: 2))))
    }

    deinit { sequencer.shutdown() }

    public func sign(_ key: SigningKey, _ p: Payload) -> SignedTx {
        SignedTx(signing: Transaction(net: net, signer: key.publicKey, time: clock.now(),
                                      nonce: Base64URL.encode(SystemRandom().bytes(count: 16)), payload: p), with: key)
    }

    public struct Refused: Error { public let receipt: Receipt }

    @discardableResult
    public func accept(_ key: SigningKey, _ p: Payload) throws -> (txid: String, index: Int64, height: Int64) {
        let r = sequencer.submitAndWait(sign(key, p))
        guard case .accepted(let txid, let index, let height) = r else { throw Refused(receipt: r) }
        return (txid, index, height)
    }

    /// Issues `count` tickets to `holder`; returns their ids.
    public func issue(to holder: PublicKey, count: Int64 = 1) throws -> [String] {
        let r = try accept(merchant, .ticketIssue(TicketIssue(product: "asa", to: holder, count: count)))
        return (0..<Int(count)).map { TicketID.derive(txid: r.txid, index: $0) }
    }

    public func use(_ ticket: String) -> Payload {
        .ticketUse(TicketUse(ticket: ticket, store: "ramen-main",
                             storeProof: StoreProof.sign(net: net, store: "ramen-main", epoch: 0, key: storeKey)))
    }
}
