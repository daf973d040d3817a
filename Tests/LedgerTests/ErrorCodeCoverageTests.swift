import Crypto
import Testing
@testable import Ledger

/// Every error code of PROTOCOL §2 is produced by some rule of the core. Each entry makes the
/// ledger answer one code for real (no code is constructed by the test itself).
@Test func everyErrorCodeIsProducedByTheCore() throws {
    var produced: Set<ErrorCode> = []
    func record(_ body: () throws -> Void) {
        do { try body() } catch let e as LedgerError { produced.insert(e.code) } catch { Issue.record("\(error)") }
    }
    let w = World()
    let (m, s) = w.addMerchant("ramen", industry: "ramen")
    let (bar, barStore) = w.addMerchant("bar", industry: "bar")
    let alice = testKey("alice"), bob = testKey("bob")
    w.mustAccept(m, .productRegister(.coupon("asa", issuer: "ramen", days: 1, transfer: .init(allowed: false))))
    w.mustAccept(m, .productRegister(ProductTerms(product: "later", issuer: "ramen", kind: .coupon, name: "x",
                                                  validity: .init(from: w.now + 1_000_000))))
    w.mustAccept(bar, .productRegister(.coupon("drink", issuer: "bar")))
    w.mustAccept(m, .productRegister(ProductTerms(product: "pkg", issuer: "ramen", kind: .ticket, name: "x",
                                                  components: [.init(product: "asa", qty: 1), .init(product: "drink", qty: 1)])))
    let ids = w.issue(m, product: "asa", to: alice.publicKey, count: 5, account: "acct")
    let later = w.issue(m, product: "later", to: alice.publicKey)[0]
    w.mustAccept(m, .supplySet(SupplySet(product: "asa", cap: 5)))
    w.mustAccept(alice, w.use(ids[0], at: "ramen-main", s))
    w.mustAccept(m, .ticketCancel(TicketCancel(ticket: ids[1], reason: "x")))
    let replay = w.sign(alice, w.use(ids[2], at: "ramen-main", s))
    try w.submit(replay)

    func submit(_ signer: SigningKey, _ p: Payload, time: Int64? = nil, net: String? = nil) throws {
        try w.submit(w.sign(signer, p, time: time, net: net))
    }
    record { _ = try SignedTx(json: [UInt8](repeating: 0x20, count: 40_000)) }                         // too_large
    record { _ = try SignedTx(json: Array("{}".utf8)) }                                               // bad_encoding
    record { try w.submit(SignedTx(signing: Transaction(net: w.net, signer: m.publicKey, time: w.now, nonce: w.nextNonce(),
                                                        payload: .supplySet(SupplySet(product: "asa", cap: 9))), with: alice)) } // bad_signature
    record {                                                                                            // unknown_type
        var body = w.sign(m, .supplySet(SupplySet(product: "asa", cap: 9))).tx.body
        body.set("type", "ticket.melt")
        _ = try SignedTx(json: JCS.encode(["body": .object(body), "sig": .string(Base64URL.encode([UInt8](repeating: 0, count: 64)))]))
    }
    record { try submit(m, .supplySet(SupplySet(product: "asa", cap: 9)), net: "elsewhere") }         // wrong_network
    record { try submit(m, .supplySet(SupplySet(product: "asa", cap: 9)), time: w.now - 600_000) }    // stale_time
    record { try submit(alice, .supplySet(SupplySet(product: "asa", cap: 9))) }                       // not_authorized
    record { try submit(bob, w.use(ids[3], at: "ramen-main", s)) }                                    // not_holder
    record { try submit(m, .storeRegister(StoreRegister(store: "x", merchant: "ghost", name: "x", industry: "x", key: s.publicKey))) } // unknown_merchant
    record { try submit(alice, w.use(ids[3], at: "ghost", s)) }                                       // unknown_store
    record { try submit(m, .supplySet(SupplySet(product: "ghost", cap: 1))) }                         // unknown_product
    record { try submit(alice, .ticketTransfer(TicketTransfer(ticket: "AAAAAAAAAAAAAAAAAAAAAA", to: bob.publicKey))) } // unknown_ticket
    record { try submit(m, .delegateRevoke(DelegateRevoke(delegate: bob.publicKey))) }                // not_found
    record { try w.submit(replay) }                                                                    // duplicate_tx
    record { try submit(alice, w.use(ids[0], at: "ramen-main", s)) }                                  // already_used
    record { try submit(alice, w.use(ids[1], at: "ramen-main", s)) }                                  // cancelled
    record { try submit(m, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey))) }          // cap_exceeded
    record { try Validator.checkAccountLimit(state: w.state, product: "asa", account: "acct", count: 1, limit: 5) } // limit_exceeded
    record { try submit(m, .productRegister(.coupon("asa", issuer: "ramen"))) }                       // conflict
    record { try submit(alice, w.use(later, at: "ramen-main", s)) }                                   // not_yet_valid
    record { try submit(alice, w.use(ids[3], at: "bar-main", barStore)) }                             // store_not_eligible
    record { try submit(alice, w.use(ids[3], at: "ramen-main", barStore)) }                           // bad_store_proof
    record { try submit(m, .ticketIssue(TicketIssue(product: "pkg", to: alice.publicKey))) }          // not_endorsed
    record { try submit(alice, .ticketTransfer(TicketTransfer(ticket: ids[3], to: bob.publicKey))) }  // transfer_not_allowed
    w.now += TicketWindow.day
    record { try submit(alice, w.use(ids[3], at: "ramen-main", s)) }                                  // expired

    let missing = Set(ErrorCode.allCases).subtracting(produced)
    #expect(missing.isEmpty, "codes never produced: \(missing.map(\.rawValue).sorted())")
}
