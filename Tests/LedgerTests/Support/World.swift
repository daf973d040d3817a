import Crypto
import Testing
@testable import Ledger

/// A deterministic test key: seed = SHA-256("kippu-test-" + name).
func testKey(_ name: String) -> SigningKey {
    try! SigningKey(seed: SHA256.hash(Array("kippu-test-\(name)".utf8)))
}

/// An in-memory ledger for rule tests: a state, a block clock, an operator and a node, and
/// helpers to sign, submit and expect rejections.
final class World {
    let net: String
    let state = MemoryState()
    let operatorKey = testKey("operator")
    let nodeKey = testKey("node")
    /// Block time used for the next submission, ms. Starts at 2026-02-02 02:40 UTC.
    var now: Int64 = 1_770_000_000_000
    private var nonceCounter: UInt64 = 0

    /// A world with its genesis applied.
    init(net: String = "test-net") {
        self.net = net
        mustAccept(operatorKey, .genesis(Genesis(name: "テスト", operators: [operatorKey.publicKey], nodes: [nodeKey.publicKey])))
    }

    /// A fresh nonce: base64url of 16 bytes, unique per world.
    func nextNonce() -> String {
        nonceCounter += 1
        return Base64URL.encode(SHA256.hash(Array("nonce-\(nonceCounter)".utf8)).prefix(16).map { $0 })
    }

    /// Signs a payload as `signer` at client time `time` (default: block time).
    func sign(_ signer: SigningKey, _ payload: Payload, time: Int64? = nil, net: String? = nil) -> SignedTx {
        let tx = Transaction(net: net ?? self.net, signer: signer.publicKey, time: time ?? now, nonce: nextNonce(), payload: payload)
        return SignedTx(signing: tx, with: signer)
    }

    /// Validates at the current block time; applies on success.
    @discardableResult
    func submit(_ stx: SignedTx) throws -> Applied {
        let applied = try Validator.validate(stx, state: state, blockTime: now)
        state.apply(applied)
        return applied
    }

    /// Signs and submits; the test fails if the ledger rejects it.
    @discardableResult
    func mustAccept(_ signer: SigningKey, _ payload: Payload, sourceLocation: SourceLocation = #_sourceLocation) -> Applied {
        do {
            return try submit(sign(signer, payload))
        } catch {
            Issue.record("expected acceptance of \(payload.type.rawValue), got \(error)", sourceLocation: sourceLocation)
            return Applied(txid: "", type: payload.type, effects: [])
        }
    }

    /// Submits and expects rejection with `code`; also checks that the state did not change.
    func expectReject(_ code: ErrorCode, _ stx: SignedTx, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = Snapshot(state)
        do {
            try submit(stx)
            Issue.record("expected \(code.rawValue), but \(stx.tx.type.rawValue) was accepted", sourceLocation: sourceLocation)
        } catch let error as LedgerError {
            #expect(error.code == code, "expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
            #expect(Snapshot(state) == before, "a rejected transaction changed the state", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Signs, submits and expects rejection with `code`.
    func expectReject(_ code: ErrorCode, _ signer: SigningKey, _ payload: Payload, sourceLocation: SourceLocation = #_sourceLocation) {
        expectReject(code, sign(signer, payload), sourceLocation: sourceLocation)
    }

    // MARK: shortcuts for common set-up

    /// Registers a merchant with a key named after it and one store `<id>-main`; returns (merchant key, store key).
    @discardableResult
    func addMerchant(_ id: String, industry: String = "food", storeAttrs: JSONObject = JSONObject()) -> (merchant: SigningKey, store: SigningKey) {
        let mk = testKey("merchant-\(id)"), sk = testKey("store-\(id)")
        mustAccept(operatorKey, .merchantRegister(MerchantRegister(merchant: id, name: "\(id) 商店", key: mk.publicKey, industries: [industry])))
        mustAccept(mk, .storeRegister(StoreRegister(store: "\(id)-main", merchant: id, name: "\(id) 本店", industry: industry,
                                                    key: sk.publicKey, attrs: storeAttrs)))
        return (mk, sk)
    }

    /// Issues tickets and returns their ids.
    @discardableResult
    func issue(_ signer: SigningKey, product: String, to: PublicKey, count: Int64 = 1, account: String? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let applied = mustAccept(signer, .ticketIssue(TicketIssue(product: product, to: to, count: count, account: account)),
                                 sourceLocation: sourceLocation)
        return applied.touchedTickets
    }

    /// A static (epoch 0) store proof.
    func staticProof(_ store: String, _ key: SigningKey) -> String {
        StoreProof.sign(net: net, store: store, epoch: 0, key: key)
    }

    /// The use payload with a static proof.
    func use(_ ticket: String, at store: String, _ storeKey: SigningKey, amount: Int64? = nil) -> Payload {
        .ticketUse(TicketUse(ticket: ticket, store: store, storeProof: staticProof(store, storeKey), amount: amount))
    }
}

/// Everything a `MemoryState` holds, for "the state did not change" checks.
struct Snapshot: Equatable {
    let network: NetworkInfo?
    let txids: Set<String>
    let merchants: [String: MerchantRecord]
    let stores: [String: StoreRecord]
    let products: [String: ProductRecord]
    let grants: [String: GrantRecord]
    let tickets: [String: TicketRecord]
    let history: [String: [String]]
    init(_ s: MemoryState) {
        network = s.networkInfo; txids = s.txids; merchants = s.merchants; stores = s.stores
        products = s.products; grants = s.grants; tickets = s.tickets; history = s.history
    }
}

extension ProductTerms {
    /// A free coupon of `issuer`, transferable, valid for `days` days.
    static func coupon(_ id: String, issuer: String, days: Int64? = 30, redeem: Redeem? = nil,
                       transfer: Transfer = Transfer(allowed: true)) -> ProductTerms {
        ProductTerms(product: id, issuer: issuer, kind: .coupon, name: "\(id) クーポン", description: "テスト用",
                     price: 0, faceValue: 100, validity: Validity(days: days), redeem: redeem, transfer: transfer)
    }
}
