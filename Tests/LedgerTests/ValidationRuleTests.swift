import Crypto
import Testing
@testable import Ledger

/// One world per test: a merchant "ramen" with store "ramen-main", a coupon "asa" of it, and Alice.
private func ramenWorld() -> (World, merchant: SigningKey, store: SigningKey, alice: SigningKey) {
    let w = World()
    let (m, s) = w.addMerchant("ramen", industry: "ramen")
    w.mustAccept(m, .productRegister(.coupon("asa", issuer: "ramen", days: 2)))
    return (w, m, s, testKey("alice"))
}

@Suite struct ValidationOrderTests {
    @Test func wrongNetworkComesBeforeBadSignature() {
        let (w, m, _, alice) = ramenWorld()
        var tx = w.sign(m, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)), net: "other-net")
        w.expectReject(.wrongNetwork, tx)
        // Same body signed by the wrong key: still wrong_network first.
        let body = Transaction(net: "other-net", signer: m.publicKey, time: w.now, nonce: w.nextNonce(),
                               payload: .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
        tx = SignedTx(signing: body, with: alice)
        w.expectReject(.wrongNetwork, tx)
    }

    @Test func signatureByAnotherKeyIsBadSignature() {
        let (w, m, _, alice) = ramenWorld()
        let body = Transaction(net: w.net, signer: m.publicKey, time: w.now, nonce: w.nextNonce(),
                               payload: .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
        w.expectReject(.badSignature, SignedTx(signing: body, with: alice))
    }

    @Test func resubmittedEnvelopeIsDuplicateEvenWhenItWouldNowFail() throws {
        let (w, m, s, alice) = ramenWorld()
        let ids = w.issue(m, product: "asa", to: alice.publicKey)
        let use = w.sign(alice, w.use(ids[0], at: "ramen-main", s))
        try w.submit(use)
        w.expectReject(.duplicateTx, use)
        // Also long after, when the client time would be stale.
        w.now += 3_600_000
        w.expectReject(.duplicateTx, use)
    }

    @Test func clientTimeMoreThanFiveMinutesFromBlockTimeIsStale() {
        let (w, m, _, alice) = ramenWorld()
        let issue = Payload.ticketIssue(TicketIssue(product: "asa", to: alice.publicKey))
        w.expectReject(.staleTime, w.sign(m, issue, time: w.now - 300_001))
        w.expectReject(.staleTime, w.sign(m, issue, time: w.now + 300_001))
        #expect(throws: Never.self) { try w.submit(w.sign(m, issue, time: w.now - 300_000)) }
        #expect(throws: Never.self) { try w.submit(w.sign(m, issue, time: w.now + 300_000)) }
    }

    @Test func unknownReferenceComesBeforeAuthority() {
        let (w, _, _, alice) = ramenWorld()
        // Alice is not the issuer of anything, but the product does not exist: unknown_product first.
        w.expectReject(.unknownProduct, alice, .ticketIssue(TicketIssue(product: "nope", to: alice.publicKey)))
        w.expectReject(.unknownTicket, alice, .ticketTransfer(TicketTransfer(ticket: "AAAAAAAAAAAAAAAAAAAAAA", to: alice.publicKey)))
    }

    @Test func authorityComesBeforeStateRules() throws {
        let (w, m, s, alice) = ramenWorld()
        let ids = w.issue(m, product: "asa", to: alice.publicKey)
        w.mustAccept(alice, w.use(ids[0], at: "ramen-main", s))
        // Bob tries to use Alice's used ticket: not_holder, not already_used.
        w.expectReject(.notHolder, testKey("bob"), w.use(ids[0], at: "ramen-main", s))
    }

    @Test func firstTransactionMustBeGenesis() {
        let state = MemoryState()
        let op = testKey("operator")
        let tx = SignedTx(signing: Transaction(net: "n", signer: op.publicKey, time: 0, nonce: "AAAAAAAAAAAAAAAAAAAAAA",
                                               payload: .merchantRegister(MerchantRegister(merchant: "m", name: "m", key: op.publicKey, industries: []))),
                          with: op)
        #expect(throws: LedgerError(.wrongNetwork, "")) { try Validator.validate(tx, state: state, blockTime: 0) }
    }
}

@Suite struct RegistryRuleTests {
    @Test func secondGenesisIsConflict() {
        let w = World()
        w.expectReject(.conflict, w.operatorKey, .genesis(Genesis(name: "again", operators: [w.operatorKey.publicKey], nodes: [w.nodeKey.publicKey])))
    }

    @Test func genesisNotSignedByAnOperatorIsNotAuthorized() throws {
        let state = MemoryState()
        let op = testKey("operator"), other = testKey("other")
        let tx = SignedTx(signing: Transaction(net: "n", signer: other.publicKey, time: 0, nonce: "AAAAAAAAAAAAAAAAAAAAAA",
                                               payload: .genesis(Genesis(name: "x", operators: [op.publicKey], nodes: [op.publicKey]))),
                          with: other)
        #expect(throws: LedgerError(.notAuthorized, "")) { try Validator.validate(tx, state: state, blockTime: 0) }
    }

    @Test func onlyOperatorsRegisterMerchants() {
        let w = World()
        let k = testKey("m")
        w.expectReject(.notAuthorized, k, .merchantRegister(MerchantRegister(merchant: "m", name: "m", key: k.publicKey, industries: [])))
    }

    @Test func merchantIdsAndKeysAreUnique() {
        let w = World()
        w.addMerchant("ramen")
        let k = testKey("merchant-ramen")
        w.expectReject(.conflict, w.operatorKey, .merchantRegister(MerchantRegister(merchant: "ramen", name: "x", key: testKey("x").publicKey, industries: [])))
        w.expectReject(.conflict, w.operatorKey, .merchantRegister(MerchantRegister(merchant: "other", name: "x", key: k.publicKey, industries: [])))
        w.expectReject(.conflict, w.operatorKey, .merchantRegister(MerchantRegister(merchant: "other", name: "x", key: w.operatorKey.publicKey, industries: [])))
        w.expectReject(.conflict, w.operatorKey, .merchantRegister(MerchantRegister(merchant: "operator", name: "x", key: testKey("y").publicKey, industries: [])))
    }

    @Test func rekeyMovesAuthorityToTheNewKey() {
        let (w, m, _, alice) = ramenWorld()
        let newKey = testKey("ramen-new")
        w.expectReject(.notAuthorized, alice, .merchantRekey(MerchantRekey(merchant: "ramen", key: alice.publicKey)))
        w.expectReject(.unknownMerchant, m, .merchantRekey(MerchantRekey(merchant: "nobody", key: newKey.publicKey)))
        w.mustAccept(m, .merchantRekey(MerchantRekey(merchant: "ramen", key: newKey.publicKey)))
        w.expectReject(.notAuthorized, m, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
        w.issue(newKey, product: "asa", to: alice.publicKey)
        // The operator may rekey too.
        w.mustAccept(w.operatorKey, .merchantRekey(MerchantRekey(merchant: "ramen", key: m.publicKey)))
        w.issue(m, product: "asa", to: alice.publicKey)
    }

    @Test func storesBelongToAKnownMerchantAndAreRegisteredByItOrAnOperator() {
        let w = World()
        let (m, _) = w.addMerchant("bar")
        let other = w.addMerchant("ramen").merchant
        let key = testKey("s2").publicKey
        w.expectReject(.unknownMerchant, m, .storeRegister(StoreRegister(store: "s2", merchant: "ghost", name: "x", industry: "bar", key: key)))
        w.expectReject(.notAuthorized, other, .storeRegister(StoreRegister(store: "s2", merchant: "bar", name: "x", industry: "bar", key: key)))
        w.expectReject(.conflict, m, .storeRegister(StoreRegister(store: "bar-main", merchant: "bar", name: "x", industry: "bar", key: key)))
        w.mustAccept(w.operatorKey, .storeRegister(StoreRegister(store: "s2", merchant: "bar", name: "二号店", industry: "bar", key: key)))
    }

    @Test func productRulesCheckIssuerReferencesAndUniqueness() {
        let (w, m, _, alice) = ramenWorld()
        w.expectReject(.unknownMerchant, m, .productRegister(.coupon("p1", issuer: "ghost")))
        w.expectReject(.unknownStore, m, .productRegister(.coupon("p1", issuer: "ramen", redeem: .stores(["ghost-store"]))))
        w.expectReject(.notAuthorized, alice, .productRegister(.coupon("p1", issuer: "ramen")))
        w.expectReject(.notAuthorized, m, .productRegister(.coupon("p1", issuer: "operator")))
        w.expectReject(.conflict, m, .productRegister(.coupon("asa", issuer: "ramen")))
        w.mustAccept(w.operatorKey, .productRegister(.coupon("campaign-1", issuer: "operator", redeem: .industries(["ramen"]))))
    }

    @Test func packagesCannotNest() {
        let (w, m, _, _) = ramenWorld()
        let pkg = ProductTerms(product: "set", issuer: "ramen", kind: .ticket, name: "セット", components: [.init(product: "asa", qty: 2)])
        w.mustAccept(m, .productRegister(pkg))
        var outer = pkg; outer.product = "outer"; outer.components = [.init(product: "set", qty: 1)]
        w.expectReject(.conflict, m, .productRegister(outer))
        var missing = pkg; missing.product = "m2"; missing.components = [.init(product: "ghost", qty: 1)]
        w.expectReject(.unknownProduct, m, .productRegister(missing))
    }

    @Test func supplyCapCannotGoBelowIssued() {
        let (w, m, _, alice) = ramenWorld()
        w.issue(m, product: "asa", to: alice.publicKey, count: 5)
        w.expectReject(.conflict, m, .supplySet(SupplySet(product: "asa", cap: 4)))
        w.expectReject(.notAuthorized, alice, .supplySet(SupplySet(product: "asa", cap: 10)))
        w.expectReject(.unknownProduct, m, .supplySet(SupplySet(product: "ghost", cap: 10)))
        w.mustAccept(m, .supplySet(SupplySet(product: "asa", cap: 5)))
        w.expectReject(.capExceeded, m, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
        // Raising the cap live lets issuing continue.
        w.mustAccept(m, .supplySet(SupplySet(product: "asa", cap: 6)))
        w.issue(m, product: "asa", to: alice.publicKey)
    }
}

@Suite struct DelegationRuleTests {
    @Test func liveGrantLetsTheDelegateIssueUntilItExpires() {
        let (w, m, _, alice) = ramenWorld()
        let sales = testKey("sales")
        w.expectReject(.notAuthorized, sales, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
        w.mustAccept(m, .delegateGrant(DelegateGrant(delegate: sales.publicKey, products: ["asa"], until: w.now + 60_000)))
        let ids = w.issue(sales, product: "asa", to: alice.publicKey)
        #expect(w.state.ticket(ids[0])?.issuer == "ramen")
        w.now += 60_000
        w.expectReject(.notAuthorized, sales, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
    }

    @Test func grantCoversOnlyListedProductsUnlessStar() {
        let (w, m, _, alice) = ramenWorld()
        w.mustAccept(m, .productRegister(.coupon("lunch", issuer: "ramen")))
        let sales = testKey("sales")
        w.mustAccept(m, .delegateGrant(DelegateGrant(delegate: sales.publicKey, products: ["asa"], until: w.now + 600_000)))
        w.expectReject(.notAuthorized, sales, .ticketIssue(TicketIssue(product: "lunch", to: alice.publicKey)))
        w.mustAccept(m, .delegateGrant(DelegateGrant(delegate: sales.publicKey, products: ["*"], until: w.now + 600_000)))
        w.issue(sales, product: "lunch", to: alice.publicKey)
        // A product registered after a "*" grant is covered too.
        w.mustAccept(m, .productRegister(.coupon("dinner", issuer: "ramen")))
        w.issue(sales, product: "dinner", to: alice.publicKey)
    }

    @Test func grantRequiresTheGranterToOwnTheProducts() {
        let (w, _, _, alice) = ramenWorld()
        let (bar, _) = w.addMerchant("bar")
        w.expectReject(.notAuthorized, bar, .delegateGrant(DelegateGrant(delegate: alice.publicKey, products: ["asa"], until: w.now + 1000)))
        w.expectReject(.unknownProduct, bar, .delegateGrant(DelegateGrant(delegate: alice.publicKey, products: ["ghost"], until: w.now + 1000)))
        w.expectReject(.notAuthorized, alice, .delegateGrant(DelegateGrant(delegate: alice.publicKey, products: ["*"], until: w.now + 1000)))
    }

    @Test func revokeEndsTheGrantAndUnknownRevokeIsNotFound() {
        let (w, m, _, alice) = ramenWorld()
        let sales = testKey("sales")
        w.expectReject(.notFound, m, .delegateRevoke(DelegateRevoke(delegate: sales.publicKey)))
        w.mustAccept(m, .delegateGrant(DelegateGrant(delegate: sales.publicKey, products: ["*"], until: w.now + 600_000)))
        w.mustAccept(m, .delegateRevoke(DelegateRevoke(delegate: sales.publicKey)))
        w.expectReject(.notAuthorized, sales, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey)))
    }
}

@Suite struct TicketRuleTests {
    @Test func ticketIdsFollowTheDerivationAndHistoryStartsWithTheIssue() throws {
        let (w, m, _, alice) = ramenWorld()
        let applied = w.mustAccept(m, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey, count: 3)))
        #expect(applied.touchedTickets == (0..<3).map { TicketID.derive(txid: applied.txid, index: $0) })
        for id in applied.touchedTickets {
            let t = try #require(w.state.ticket(id))
            #expect(t.holder == alice.publicKey && t.state == .active && t.issuer == "ramen")
            #expect(t.validFrom == w.now && t.validUntil == w.now + 2 * TicketWindow.day)
            #expect(w.state.history[id] == [applied.txid])
        }
    }

    @Test func usedTicketCannotBeUsedTransferredOrCancelled() {
        let (w, m, s, alice) = ramenWorld()
        let id = w.issue(m, product: "asa", to: alice.publicKey)[0]
        w.mustAccept(alice, w.use(id, at: "ramen-main", s, amount: 1200))
        w.expectReject(.alreadyUsed, alice, w.use(id, at: "ramen-main", s))
        w.expectReject(.alreadyUsed, alice, .ticketTransfer(TicketTransfer(ticket: id, to: testKey("bob").publicKey)))
        w.expectReject(.alreadyUsed, m, .ticketCancel(TicketCancel(ticket: id, reason: "x")))
    }

    @Test func cancelledTicketCannotBeUsedOrMoved() {
        let (w, m, s, alice) = ramenWorld()
        let id = w.issue(m, product: "asa", to: alice.publicKey)[0]
        w.expectReject(.notAuthorized, alice, .ticketCancel(TicketCancel(ticket: id, reason: "mine")))
        w.mustAccept(m, .ticketCancel(TicketCancel(ticket: id, reason: "雨天中止")))
        w.expectReject(.cancelled, alice, w.use(id, at: "ramen-main", s))
        w.expectReject(.cancelled, alice, .ticketTransfer(TicketTransfer(ticket: id, to: testKey("bob").publicKey)))
        w.expectReject(.cancelled, m, .ticketCancel(TicketCancel(ticket: id, reason: "again")))
    }

    @Test func transferMovesTheRightToTheNewHolderOnly() {
        let (w, m, s, alice) = ramenWorld()
        let bob = testKey("bob")
        let id = w.issue(m, product: "asa", to: alice.publicKey)[0]
        w.expectReject(.notHolder, bob, .ticketTransfer(TicketTransfer(ticket: id, to: bob.publicKey)))
        w.mustAccept(alice, .ticketTransfer(TicketTransfer(ticket: id, to: bob.publicKey)))
        w.expectReject(.notHolder, alice, w.use(id, at: "ramen-main", s))
        w.mustAccept(bob, w.use(id, at: "ramen-main", s))
        #expect(w.state.history[id]?.count == 3)
    }

    @Test func transferPolicyIsEnforced() {
        let (w, m, _, alice) = ramenWorld()
        let bob = testKey("bob"), carol = testKey("carol")
        w.mustAccept(m, .productRegister(.coupon("fixed", issuer: "ramen", transfer: .init(allowed: false))))
        w.mustAccept(m, .productRegister(.coupon("once", issuer: "ramen", transfer: .init(allowed: true, max: 1))))
        let fixed = w.issue(m, product: "fixed", to: alice.publicKey)[0]
        w.expectReject(.transferNotAllowed, alice, .ticketTransfer(TicketTransfer(ticket: fixed, to: bob.publicKey)))
        let once = w.issue(m, product: "once", to: alice.publicKey)[0]
        w.mustAccept(alice, .ticketTransfer(TicketTransfer(ticket: once, to: bob.publicKey)))
        w.expectReject(.transferNotAllowed, bob, .ticketTransfer(TicketTransfer(ticket: once, to: carol.publicKey)))
    }

    @Test func windowIsEnforcedAtUseAndFixedAtIssue() {
        let (w, m, s, alice) = ramenWorld()
        let start = w.now + 3_600_000
        w.mustAccept(m, .productRegister(ProductTerms(product: "later", issuer: "ramen", kind: .coupon, name: "later",
                                                      validity: .init(from: start, until: start + 3_600_000))))
        let id = w.issue(m, product: "later", to: alice.publicKey)[0]
        w.expectReject(.notYetValid, alice, w.use(id, at: "ramen-main", s))
        let asa = w.issue(m, product: "asa", to: alice.publicKey)[0]
        w.now += 2 * TicketWindow.day
        w.expectReject(.expired, alice, w.use(asa, at: "ramen-main", s))
        w.expectReject(.expired, alice, .ticketTransfer(TicketTransfer(ticket: asa, to: testKey("bob").publicKey)))
        // The absolute window of "later" has passed too; issuing it now is refused.
        w.expectReject(.expired, m, .ticketIssue(TicketIssue(product: "later", to: alice.publicKey)))
    }

    @Test func storeEligibilityByStoresIndustriesAndAttrs() {
        let w = World()
        let (ramen, ramenStore) = w.addMerchant("ramen", industry: "ramen", storeAttrs: ["small": true, "city": "kitakata"])
        let (_, barStore) = w.addMerchant("bar", industry: "bar", storeAttrs: ["small": false, "city": "kitakata"])
        let alice = testKey("alice")
        let op = w.operatorKey
        w.mustAccept(op, .productRegister(.coupon("by-industry", issuer: "operator", redeem: .industries(["bar"]))))
        w.mustAccept(op, .productRegister(.coupon("by-attrs", issuer: "operator", redeem: .attrs(["small": true]))))
        w.mustAccept(op, .productRegister(.coupon("by-stores", issuer: "operator", redeem: .stores(["bar-main"]))))
        w.mustAccept(ramen, .productRegister(.coupon("own", issuer: "ramen")))
        w.mustAccept(op, .productRegister(.coupon("nowhere", issuer: "operator")))
        func check(_ product: String, ok: String, okKey: SigningKey, bad: String, badKey: SigningKey, issuer: SigningKey) {
            let ids = w.issue(issuer, product: product, to: alice.publicKey, count: 2)
            w.expectReject(.storeNotEligible, alice, w.use(ids[0], at: bad, badKey))
            w.mustAccept(alice, w.use(ids[1], at: ok, okKey))
        }
        check("by-industry", ok: "bar-main", okKey: barStore, bad: "ramen-main", badKey: ramenStore, issuer: op)
        check("by-attrs", ok: "ramen-main", okKey: ramenStore, bad: "bar-main", badKey: barStore, issuer: op)
        check("by-stores", ok: "bar-main", okKey: barStore, bad: "ramen-main", badKey: ramenStore, issuer: op)
        check("own", ok: "ramen-main", okKey: ramenStore, bad: "bar-main", badKey: barStore, issuer: ramen)
        // An operator product without a redeem rule has no own stores.
        let id = w.issue(op, product: "nowhere", to: alice.publicKey)[0]
        w.expectReject(.storeNotEligible, alice, w.use(id, at: "ramen-main", ramenStore))
    }

    @Test func storeProofMustBeTheStoresKeyForThisNetworkAndEpoch() {
        let (w, m, s, alice) = ramenWorld()
        let ids = w.issue(m, product: "asa", to: alice.publicKey, count: 6)
        func use(_ id: String, _ proof: String) -> Payload { .ticketUse(TicketUse(ticket: id, store: "ramen-main", storeProof: proof)) }
        let epoch = StoreProof.epoch(at: w.now)
        w.expectReject(.badStoreProof, alice, use(ids[0], StoreProof.sign(net: w.net, store: "ramen-main", epoch: 0, key: alice)))
        w.expectReject(.badStoreProof, alice, use(ids[0], StoreProof.sign(net: "other", store: "ramen-main", epoch: 0, key: s)))
        w.expectReject(.badStoreProof, alice, use(ids[0], StoreProof.sign(net: w.net, store: "ramen-main", epoch: epoch + 3, key: s)))
        w.expectReject(.badStoreProof, alice, use(ids[0], StoreProof.sign(net: w.net, store: "ramen-main", epoch: epoch - 3, key: s)))
        w.expectReject(.badStoreProof, alice, use(ids[0], "not-a-signature"))
        w.mustAccept(alice, use(ids[1], StoreProof.sign(net: w.net, store: "ramen-main", epoch: epoch - 2, key: s)))
        w.mustAccept(alice, use(ids[2], StoreProof.sign(net: w.net, store: "ramen-main", epoch: epoch + 2, key: s)))
        w.mustAccept(alice, use(ids[3], StoreProof.sign(net: w.net, store: "ramen-main", epoch: epoch, key: s)))
        w.mustAccept(alice, use(ids[4], StoreProof.sign(net: w.net, store: "ramen-main", epoch: 0, key: s)))
    }

    @Test func unknownStoreAtUseIsReported() {
        let (w, m, s, alice) = ramenWorld()
        let id = w.issue(m, product: "asa", to: alice.publicKey)[0]
        w.expectReject(.unknownStore, alice, w.use(id, at: "ghost", s))
    }

    @Test func packageNeedsEveryPartnersEndorsementAndSplitsIntoComponentTickets() throws {
        let w = World()
        let (brewery, _) = w.addMerchant("brewery", industry: "sake")
        let (ramen, ramenStore) = w.addMerchant("ramen", industry: "ramen")
        let (bar, _) = w.addMerchant("bar", industry: "bar")
        let alice = testKey("alice")
        w.mustAccept(brewery, .productRegister(.coupon("entry", issuer: "brewery", days: 1)))
        w.mustAccept(ramen, .productRegister(.coupon("asa", issuer: "ramen", days: 2)))
        w.mustAccept(bar, .productRegister(.coupon("drink", issuer: "bar", days: 1, transfer: .init(allowed: true, max: 3))))
        let pkg = ProductTerms(product: "festa", issuer: "brewery", kind: .ticket, name: "フェスタ", price: 3000,
                               validity: .init(until: w.now + TicketWindow.day + 3_600_000), transfer: .init(allowed: true, max: 1),
                               components: [.init(product: "entry", qty: 1), .init(product: "asa", qty: 2), .init(product: "drink", qty: 1)])
        w.mustAccept(brewery, .productRegister(pkg))
        w.expectReject(.notAuthorized, testKey("alice"), .productEndorse(ProductEndorse(product: "festa")))
        w.expectReject(.conflict, ramen, .productEndorse(ProductEndorse(product: "asa")))
        w.mustAccept(ramen, .productEndorse(ProductEndorse(product: "festa")))
        w.expectReject(.conflict, ramen, .productEndorse(ProductEndorse(product: "festa")))
        w.expectReject(.notEndorsed, brewery, .ticketIssue(TicketIssue(product: "festa", to: alice.publicKey)))
        w.mustAccept(bar, .productEndorse(ProductEndorse(product: "festa")))
        w.mustAccept(brewery, .supplySet(SupplySet(product: "festa", cap: 2)))
        let applied = w.mustAccept(brewery, .ticketIssue(TicketIssue(product: "festa", to: alice.publicKey, count: 2)))
        let ids = applied.touchedTickets
        #expect(ids.count == 8)
        let products = try ids.map { try #require(w.state.ticket($0)).product }
        #expect(products == ["entry", "asa", "asa", "drink", "entry", "asa", "asa", "drink"])
        let asa = try #require(w.state.ticket(ids[1]))
        #expect(asa.issuer == "ramen" && asa.package == applied.txid)
        // Window: the component's 2 days, clipped by the package's until.
        #expect(asa.validUntil == w.now + TicketWindow.day + 3_600_000)
        // Transfer limit: the stricter of package (1) and component (3).
        #expect(try #require(w.state.ticket(ids[3])).maxTransfers == 1)
        #expect(w.state.product("festa")?.issued == 2)
        w.expectReject(.capExceeded, brewery, .ticketIssue(TicketIssue(product: "festa", to: alice.publicKey)))
        // The ramen component is used at the ramen shop, and cancelled only by ramen.
        w.mustAccept(alice, w.use(ids[1], at: "ramen-main", ramenStore))
        w.expectReject(.notAuthorized, brewery, .ticketCancel(TicketCancel(ticket: ids[2], reason: "x")))
        w.mustAccept(ramen, .ticketCancel(TicketCancel(ticket: ids[2], reason: "x")))
    }

    @Test func perAccountLimitIsLimitExceeded() throws {
        let (w, m, _, alice) = ramenWorld()
        w.issue(m, product: "asa", to: alice.publicKey, count: 1, account: "acct-1")
        #expect(w.state.issuedCount(product: "asa", account: "acct-1") == 1)
        #expect(throws: LedgerError(.limitExceeded, "")) {
            try Validator.checkAccountLimit(state: w.state, product: "asa", account: "acct-1", count: 1, limit: 1)
        }
        #expect(throws: Never.self) {
            try Validator.checkAccountLimit(state: w.state, product: "asa", account: "acct-2", count: 1, limit: 1)
        }
    }
}
