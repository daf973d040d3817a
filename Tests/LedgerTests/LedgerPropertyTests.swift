/// A seeded, reproducible property test of the ticket rules of PROTOCOL §2.
///
/// A random walk of at least 10,000 steps drives the validation state machine (through `World`)
/// with `ticket.issue`, `ticket.transfer`, `ticket.use` and `ticket.cancel`, plus `supply.set`,
/// `delegate.grant`/`delegate.revoke` and invalid moves: wrong signers, forged signatures, other
/// networks, unknown tickets/stores/products, replayed envelopes, stale client times, ineligible
/// stores, bad store proofs, and tickets that expire as block time advances. Three merchants with
/// five stores sell eight products (capped, non-transferable, transfer max 1 or 2, short
/// validity, an absolute window starting in the future, packages with and without their
/// partner's endorsement, an operator campaign coupon) to five consumers.
///
/// Every step is predicted by `ReferenceLedger`, a deliberately plain model (dictionaries of
/// tickets, products and grants) written from PROTOCOL §2 and docs/protocol-notes.md alone: it
/// answers either acceptance or the exact error code in the protocol's check order
/// (`wrong_network` → `bad_signature` → `duplicate_tx` → `stale_time` → unknown references →
/// authority → state rules). The ledger's answer must equal the prediction at every step; an
/// accepted step must produce exactly the predicted tickets (ids derived independently), a
/// rejected one must leave the `MemoryState` unchanged; the whole state is compared with the
/// model every 500 steps and at the end.
///
/// The seed is fixed; set `KIPPU_PROPERTY_SEED` (decimal or 0x-hex) to explore another walk and
/// `KIPPU_PROPERTY_STEPS` to walk longer. Every failure message names the seed and the step.
import Crypto
import Foundation
import Testing
@testable import Ledger

@Suite struct LedgerPropertyTests {
    /// The default seed: "KIPPU-19" in ASCII.
    static let defaultSeed: UInt64 = 0x4B49_5050_552D_3139

    @Test func randomTicketWalkAgreesWithTheReferenceModelAtEveryStep() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["KIPPU_PROPERTY_SEED"].flatMap(Self.parseSeed) ?? Self.defaultSeed
        let steps = max(10_000, env["KIPPU_PROPERTY_STEPS"].flatMap { Int($0) } ?? 10_000)
        let walk = RandomWalk(seed: seed)
        let finished = walk.run(steps: steps)
        #expect(finished == steps, "walk stopped at step \(finished) (seed \(walk.seedText))")
        guard finished == steps else { return }

        // The walk must have exercised every rule, or agreement proves little.
        let wanted: [ErrorCode] = [
            .wrongNetwork, .badSignature, .duplicateTx, .staleTime, .unknownTicket, .unknownStore, .unknownProduct,
            .notAuthorized, .notHolder, .notFound, .alreadyUsed, .cancelled, .expired, .notYetValid, .capExceeded,
            .transferNotAllowed, .storeNotEligible, .badStoreProof, .notEndorsed, .conflict,
        ]
        for code in wanted {
            #expect(walk.rejections[code, default: 0] > 0, "no step was rejected with \(code.rawValue) (seed \(walk.seedText))")
        }
        for type in [TxType.ticketIssue, .ticketTransfer, .ticketUse, .ticketCancel, .supplySet, .delegateGrant, .delegateRevoke] {
            #expect(walk.acceptances[type, default: 0] > 0, "no \(type.rawValue) was accepted (seed \(walk.seedText))")
        }
        #expect(walk.model.tickets.count > 1_000, "too few tickets for a meaningful walk (seed \(walk.seedText))")
        print("LedgerPropertyTests: seed \(walk.seedText), \(steps) steps, \(walk.model.tickets.count) tickets, "
              + "accepted \(walk.acceptances.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }), "
              + "rejected \(walk.rejections.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" })")
    }

    /// The model derives ticket ids from PROTOCOL §2 by itself; check it against the ledger's
    /// derivation for a package, so a disagreement in the walk points at the rules, not at ids.
    @Test func referenceModelDerivesTheLedgersTicketIds() {
        let txid = Base64URL.encode(SHA256.hash(Array("some body".utf8)))
        for i in [0, 1, 9, 10, 99, 100, 9_999] {
            #expect(ReferenceLedger.ticketID(txid: txid, index: i) == TicketID.derive(txid: txid, index: i))
        }
    }

    static func parseSeed(_ text: String) -> UInt64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return UInt64(t.dropFirst(2), radix: 16) }
        return UInt64(t)
    }
}

// MARK: - Random numbers


// MARK: - The reference model

/// A ticket as the model sees it.
private struct ModelTicket: Equatable {
    enum State { case active, used, cancelled }
    let id: String
    let product: String
    let issuer: String
    var holder: PublicKey
    var state: State
    let validFrom: Int64
    let validUntil: Int64?
    let package: String?
    var transfers: Int64
    let maxTransfers: Int64?
    let issuedBy: String
    var history: [String]
}

/// A product's terms in the model's own words, plus its issue bookkeeping.
private struct ModelProduct {
    enum Redeem { case own, stores([String]), industries([String]), attrs([String: String]) }
    let id: String
    let issuer: String
    let kind: ProductTerms.Kind
    var from: Int64? = nil
    var until: Int64? = nil
    var days: Int64? = nil
    var redeem: Redeem = .own
    var transferAllowed = true
    var transferMax: Int64? = nil
    var components: [(product: String, qty: Int64)]? = nil
    var cap: Int64? = nil
    var issued: Int64 = 0
    var endorsedBy: Set<String> = []

    /// The `product.register` payload of these terms.
    var terms: ProductTerms {
        let r: ProductTerms.Redeem?
        switch redeem {
        case .own: r = nil
        case .stores(let s): r = .stores(s)
        case .industries(let i): r = .industries(i)
        case .attrs(let a): r = .attrs(JSONObject(a.map { ($0.key, JSONValue.string($0.value)) })!)
        }
        return ProductTerms(product: id, issuer: issuer, kind: kind, name: "\(id) 商品", description: "property test",
                            price: kind == .ticket ? 1000 : 0, faceValue: kind == .coupon ? 300 : nil,
                            validity: .init(from: from, until: until, days: days), redeem: r,
                            transfer: .init(allowed: transferAllowed, max: transferMax),
                            components: components?.map { .init(product: $0.product, qty: $0.qty) })
    }
}

private struct ModelStore {
    let id: String
    let merchant: String
    let industry: String
    let attrs: [String: String]
    let key: SigningKey
}

/// What the generator knows about a transaction that the model cannot read from its body.
private struct Facts {
    /// The signature was made by a key other than the body's `signer`.
    var forged = false
    /// For `ticket.use`: the store proof is the store's own key's signature for this network and
    /// store, and its epoch is 0 or within ±2 of the block time's epoch.
    var proofValid = true
}

/// The plain model of PROTOCOL §2's ticket rules.
private final class ReferenceLedger {
    static let day: Int64 = 86_400_000

    let net: String
    var operators: Set<PublicKey> = []
    var merchants: [String: PublicKey] = [:]
    var stores: [String: ModelStore] = [:]
    var products: [String: ModelProduct] = [:]
    /// "granter\ndelegate" → (products, until).
    var grants: [String: (products: [String], until: Int64)] = [:]
    var tickets: [String: ModelTicket] = [:]
    var txids: Set<String> = []

    /// Every ticket id in issue order, and the active ones (for picking).
    var allTickets: [String] = []
    var activeTickets: [String] = []
    private var activeIndex: [String: Int] = [:]

    init(net: String) { self.net = net }

    /// An accepted transaction's effect on the model.
    enum Change {
        case issue(product: String, units: Int64, tickets: [ModelTicket])
        case update(ModelTicket)
        case supply(product: String, cap: Int64)
        case grant(key: String, products: [String], until: Int64)
        case revoke(key: String)
    }

    /// PROTOCOL §2: ticket id = first 22 chars of base64url(SHA-256("kippu/ticket/v1\n" + txid + "\n" + decimal(i))).
    static func ticketID(txid: String, index: Int) -> String {
        String(Base64URL.encode(SHA256.hash(Array("kippu/ticket/v1\n\(txid)\n\(index)".utf8))).prefix(22))
    }

    static func grantKey(_ granter: String, _ delegate: PublicKey) -> String { granter + "\n" + delegate.base64url }

    /// The principal a key speaks for: "operator", a merchant id, or nobody.
    func principal(_ key: PublicKey) -> String? {
        if operators.contains(key) { return "operator" }
        return merchants.first { $0.value == key }?.key
    }

    func acts(_ key: PublicKey, for principal: String) -> Bool {
        principal == "operator" ? operators.contains(key) : merchants[principal] == key
    }

    /// The window `[from, until)` a product's ticket gets when issued at `t`.
    func window(_ p: ModelProduct, issuedAt t: Int64) -> (from: Int64, until: Int64?) {
        let byDays = p.days.map { t + $0 * Self.day }
        let until: Int64? = [p.until, byDays].compactMap { $0 }.min()
        return (p.from ?? t, until)
    }

    static func isOver(from: Int64, until: Int64?, at t: Int64) -> Bool {
        guard let until else { return false }
        return t >= until || from >= until
    }

    func transferLimit(_ p: ModelProduct) -> Int64? { p.transferAllowed ? p.transferMax : 0 }

    func eligible(_ t: ModelTicket, at s: ModelStore) -> Bool {
        switch products[t.product]!.redeem {
        case .own: return s.merchant == t.issuer
        case .stores(let ids): return ids.contains(s.id)
        case .industries(let codes): return codes.contains(s.industry)
        case .attrs(let wanted): return wanted.allSatisfy { s.attrs[$0.key] == $0.value }
        }
    }

    /// The answer PROTOCOL §2 demands for `stx` at block time `now`: the change, or the error code.
    func predict(_ stx: SignedTx, facts: Facts, now: Int64) -> Result<Change, LedgerError> {
        let tx = stx.tx
        func fail(_ code: ErrorCode) -> Result<Change, LedgerError> { .failure(LedgerError(code, "model")) }
        if tx.net != net { return fail(.wrongNetwork) }
        if facts.forged { return fail(.badSignature) }
        if txids.contains(stx.txid) { return fail(.duplicateTx) }
        if abs(tx.time - now) > 300_000 { return fail(.staleTime) }
        let signer = tx.signer

        switch tx.payload {
        case .ticketIssue(let p):
            guard let product = products[p.product] else { return fail(.unknownProduct) }
            if !acts(signer, for: product.issuer) {
                guard let g = grants[Self.grantKey(product.issuer, signer)], now < g.until,
                      g.products == ["*"] || g.products.contains(product.id) else { return fail(.notAuthorized) }
            }
            let parts = (product.components ?? []).map { (products[$0.product]!, $0.qty) }
            if parts.contains(where: { $0.0.issuer != product.issuer && !product.endorsedBy.contains($0.0.issuer) }) {
                return fail(.notEndorsed)
            }
            if let cap = product.cap, product.issued + p.count > cap { return fail(.capExceeded) }
            let own = window(product, issuedAt: now)
            var shapes: [(product: ModelProduct, from: Int64, until: Int64?, maxTransfers: Int64?)] = []
            if parts.isEmpty {
                shapes.append((product, own.from, own.until, transferLimit(product)))
            } else {
                for (component, qty) in parts {
                    let w = window(component, issuedAt: now)
                    let until: Int64? = [w.until, own.until].compactMap { $0 }.min()
                    let limit: Int64? = [transferLimit(component), transferLimit(product)].compactMap { $0 }.min()
                    for _ in 0..<qty { shapes.append((component, max(w.from, own.from), until, limit)) }
                }
            }
            if shapes.contains(where: { Self.isOver(from: $0.from, until: $0.until, at: now) }) { return fail(.expired) }
            var made: [ModelTicket] = []
            for _ in 0..<p.count {
                for s in shapes {
                    made.append(ModelTicket(
                        id: Self.ticketID(txid: stx.txid, index: made.count), product: s.product.id, issuer: s.product.issuer,
                        holder: p.to, state: .active, validFrom: s.from, validUntil: s.until,
                        package: parts.isEmpty ? nil : stx.txid, transfers: 0, maxTransfers: s.maxTransfers,
                        issuedBy: stx.txid, history: [stx.txid]))
                }
            }
            return .success(.issue(product: product.id, units: p.count, tickets: made))

        case .ticketTransfer(let p):
            guard var t = tickets[p.ticket] else { return fail(.unknownTicket) }
            if t.holder != signer { return fail(.notHolder) }
            if let code = Self.lifeCode(t) { return fail(code) }
            if Self.isOver(from: t.validFrom, until: t.validUntil, at: now) { return fail(.expired) }
            if let max = t.maxTransfers, t.transfers >= max { return fail(.transferNotAllowed) }
            t.holder = p.to
            t.transfers += 1
            t.history.append(stx.txid)
            return .success(.update(t))

        case .ticketUse(let p):
            guard var t = tickets[p.ticket] else { return fail(.unknownTicket) }
            guard let store = stores[p.store] else { return fail(.unknownStore) }
            if t.holder != signer { return fail(.notHolder) }
            if let code = Self.lifeCode(t) { return fail(code) }
            if now < t.validFrom { return fail(.notYetValid) }
            if Self.isOver(from: t.validFrom, until: t.validUntil, at: now) { return fail(.expired) }
            if !eligible(t, at: store) { return fail(.storeNotEligible) }
            if !facts.proofValid { return fail(.badStoreProof) }
            t.state = .used
            t.history.append(stx.txid)
            return .success(.update(t))

        case .ticketCancel(let p):
            guard var t = tickets[p.ticket] else { return fail(.unknownTicket) }
            if !acts(signer, for: t.issuer) { return fail(.notAuthorized) }
            if let code = Self.lifeCode(t) { return fail(code) }
            t.state = .cancelled
            t.history.append(stx.txid)
            return .success(.update(t))

        case .supplySet(let p):
            guard let product = products[p.product] else { return fail(.unknownProduct) }
            if !acts(signer, for: product.issuer) { return fail(.notAuthorized) }
            if p.cap < product.issued { return fail(.conflict) }
            return .success(.supply(product: p.product, cap: p.cap))

        case .delegateGrant(let p):
            let all = p.products == ["*"]
            if !all, p.products.contains(where: { products[$0] == nil }) { return fail(.unknownProduct) }
            guard let granter = principal(signer) else { return fail(.notAuthorized) }
            if !all, p.products.contains(where: { products[$0]!.issuer != granter }) { return fail(.notAuthorized) }
            return .success(.grant(key: Self.grantKey(granter, p.delegate), products: p.products, until: p.until))

        case .delegateRevoke(let p):
            guard let granter = principal(signer) else { return fail(.notAuthorized) }
            let key = Self.grantKey(granter, p.delegate)
            if grants[key] == nil { return fail(.notFound) }
            return .success(.revoke(key: key))

        default:
            preconditionFailure("test: the walk generates no \(tx.type.rawValue)")
        }
    }

    /// `already_used` or `cancelled` for a ticket that is no longer live.
    static func lifeCode(_ t: ModelTicket) -> ErrorCode? {
        switch t.state {
        case .active: nil
        case .used: .alreadyUsed
        case .cancelled: .cancelled
        }
    }

    /// Records an accepted transaction; returns the tickets it touched, in the ledger's order.
    @discardableResult
    func apply(_ change: Change, txid: String) -> [ModelTicket] {
        txids.insert(txid)
        switch change {
        case .issue(let product, let units, let made):
            products[product]!.issued += units
            for t in made {
                tickets[t.id] = t
                allTickets.append(t.id)
                activeIndex[t.id] = activeTickets.count
                activeTickets.append(t.id)
            }
            return made
        case .update(let t):
            tickets[t.id] = t
            if t.state != .active, let i = activeIndex.removeValue(forKey: t.id) {
                let last = activeTickets.removeLast()
                if last != t.id { activeTickets[i] = last; activeIndex[last] = i }
            }
            return [t]
        case .supply(let product, let cap):
            products[product]!.cap = cap
        case .grant(let key, let list, let until):
            grants[key] = (list, until)
        case .revoke(let key):
            grants[key] = nil
        }
        return []
    }
}

// MARK: - The walk

/// Drives the ledger and the model side by side.
private final class RandomWalk {
    let seed: UInt64
    var seedText: String { "KIPPU_PROPERTY_SEED=\(seed)" }
    private var rng: SplitMix64
    let world = World(net: "prop-net")
    let model: ReferenceLedger
    var acceptances: [TxType: Int] = [:]
    var rejections: [ErrorCode: Int] = [:]

    let consumers = (0..<5).map { testKey("prop-consumer-\($0)") }
    let delegates = (0..<2).map { testKey("prop-delegate-\($0)") }
    let outsider = testKey("prop-outsider")
    var merchantKeys: [String: SigningKey] = [:]
    private var accepted: [SignedTx] = []
    /// Every key that signs in the walk.
    private var allKeys: [SigningKey] = []
    private var setupTxCount = 0
    private var step = 0

    init(seed: UInt64) {
        self.seed = seed
        rng = SplitMix64(seed: seed)
        model = ReferenceLedger(net: world.net)
        model.operators = [world.operatorKey.publicKey]
        setUp()
    }

    /// Three merchants, five stores, eight products, two packages (one never endorsed), two grants.
    private func setUp() {
        let start = world.now
        for id in ["kura", "menya", "okashi"] {
            let key = testKey("prop-merchant-\(id)")
            merchantKeys[id] = key
            model.merchants[id] = key.publicKey
            world.mustAccept(world.operatorKey, .merchantRegister(MerchantRegister(merchant: id, name: "\(id) 商店", key: key.publicKey, industries: [])))
        }
        let storeList = [
            ModelStore(id: "kura-bar", merchant: "kura", industry: "bar", attrs: ["area": "kitakata"], key: testKey("prop-store-kura-bar")),
            ModelStore(id: "kura-ramen", merchant: "kura", industry: "ramen", attrs: ["area": "aizu"], key: testKey("prop-store-kura-ramen")),
            ModelStore(id: "menya-main", merchant: "menya", industry: "ramen", attrs: ["area": "kitakata"], key: testKey("prop-store-menya-main")),
            ModelStore(id: "okashi-main", merchant: "okashi", industry: "confectionery", attrs: ["area": "kitakata"], key: testKey("prop-store-okashi-main")),
            ModelStore(id: "okashi-stall", merchant: "okashi", industry: "ramen", attrs: [:], key: testKey("prop-store-okashi-stall")),
        ]
        for s in storeList {
            model.stores[s.id] = s
            let attrs = JSONObject(s.attrs.map { ($0.key, JSONValue.string($0.value)) })!
            world.mustAccept(merchantKeys[s.merchant]!, .storeRegister(StoreRegister(
                store: s.id, merchant: s.merchant, name: "\(s.id) 店", industry: s.industry, key: s.key.publicKey, attrs: attrs)))
        }
        let day = ReferenceLedger.day
        let productList = [
            ModelProduct(id: "kura-coupon", issuer: "kura", kind: .coupon),
            ModelProduct(id: "kura-ticket", issuer: "kura", kind: .ticket, days: 3, transferMax: 1, cap: 40),
            ModelProduct(id: "menya-coupon", issuer: "menya", kind: .coupon, redeem: .industries(["ramen"]), transferAllowed: false),
            ModelProduct(id: "menya-short", issuer: "menya", kind: .coupon, days: 1, redeem: .attrs(["area": "kitakata"]), transferMax: 2),
            ModelProduct(id: "okashi-window", issuer: "okashi", kind: .ticket, from: start + 4 * day, until: start + 12 * day,
                         redeem: .stores(["okashi-main", "kura-bar"]), cap: 300),
            ModelProduct(id: "campaign", issuer: "operator", kind: .coupon, days: 2, redeem: .industries(["ramen", "bar"]),
                         transferMax: 2, cap: 150),
            ModelProduct(id: "kura-pack", issuer: "kura", kind: .ticket, days: 5, transferMax: 1,
                         components: [("kura-coupon", 1), ("menya-coupon", 2)], cap: 60),
            ModelProduct(id: "okashi-pack", issuer: "okashi", kind: .ticket,
                         components: [("menya-short", 1), ("okashi-window", 1)]),
        ]
        for var p in productList {
            let signer = p.issuer == "operator" ? world.operatorKey : merchantKeys[p.issuer]!
            world.mustAccept(signer, .productRegister(p.terms))
            if let cap = p.cap { world.mustAccept(signer, .supplySet(SupplySet(product: p.id, cap: cap))) }
            if p.id == "kura-pack" {
                world.mustAccept(merchantKeys["menya"]!, .productEndorse(ProductEndorse(product: p.id)))
                p.endorsedBy = ["menya"]
            }
            model.products[p.id] = p
        }
        world.mustAccept(merchantKeys["kura"]!, .delegateGrant(DelegateGrant(
            delegate: delegates[0].publicKey, products: ["kura-coupon", "kura-pack"], until: start + 3 * day)))
        model.grants[ReferenceLedger.grantKey("kura", delegates[0].publicKey)] = (["kura-coupon", "kura-pack"], start + 3 * day)
        world.mustAccept(world.operatorKey, .delegateGrant(DelegateGrant(delegate: delegates[1].publicKey, products: ["*"], until: start + 10 * day)))
        model.grants[ReferenceLedger.grantKey("operator", delegates[1].publicKey)] = (["*"], start + 10 * day)
        allKeys = consumers + delegates + [outsider, world.operatorKey] + merchantKeys.keys.sorted().map { merchantKeys[$0]! }
        setupTxCount = world.state.txids.count
    }

    // MARK: running

    /// Runs `steps` steps; returns how many agreed with the model (all of them, unless one failed).
    func run(steps: Int) -> Int {
        for n in 0..<steps {
            step = n
            advanceTime()
            let (stx, facts) = nextTransaction()
            guard check(stx, facts: facts) else { return n }
            if n % 500 == 499, !compareWholeState() { return n }
        }
        return compareWholeState() ? steps : steps - 1
    }

    private func fail(_ message: String) {
        Issue.record("step \(step) (\(seedText)): \(message)")
    }

    /// Submits one transaction and compares the ledger with the model's prediction.
    private func check(_ stx: SignedTx, facts: Facts) -> Bool {
        let predicted = model.predict(stx, facts: facts, now: world.now)
        let before = Snapshot(world.state)
        // Described before submission (for failure messages only), so it shows the ticket as it was.
        let ticketBefore = ticketID(of: stx.tx.payload).flatMap { model.tickets[$0] }
        let what = { [self] in "\(stx.tx.type.rawValue) \(describe(stx, ticket: ticketBefore))" }
        do {
            let applied = try world.submit(stx)
            guard case .success(let change) = predicted else {
                if case .failure(let e) = predicted { fail("\(what()): ledger accepted, model expected \(e.code.rawValue)") }
                return false
            }
            acceptances[stx.tx.type, default: 0] += 1
            accepted.append(stx)
            let touched = model.apply(change, txid: stx.txid)
            if applied.touchedTickets != touched.map(\.id) {
                fail("\(what()): ledger touched \(applied.touchedTickets), model \(touched.map(\.id))")
                return false
            }
            for t in touched where !same(t) { return false }
            if case .issue(let product, _, _) = change, world.state.products[product]?.issued != model.products[product]?.issued {
                fail("\(what()): issued count of \(product) is \(world.state.products[product]?.issued ?? -1), model \(model.products[product]!.issued)")
                return false
            }
            if case .supply(let product, let cap) = change, world.state.products[product]?.cap != cap {
                fail("\(what()): cap of \(product) is \(String(describing: world.state.products[product]?.cap)), model \(cap)")
                return false
            }
            return true
        } catch let error as LedgerError {
            rejections[error.code, default: 0] += 1
            switch predicted {
            case .success:
                fail("\(what()): ledger rejected with \(error), model expected acceptance")
                return false
            case .failure(let expected) where expected.code != error.code:
                fail("\(what()): ledger rejected with \(error), model expected \(expected.code.rawValue)")
                return false
            case .failure:
                if Snapshot(world.state) != before {
                    fail("\(what()): rejected with \(error.code.rawValue) but the state changed")
                    return false
                }
                return true
            }
        } catch {
            fail("\(what()): unexpected error \(error)")
            return false
        }
    }

    /// The ledger's record of `t` equals the model's, history included.
    private func same(_ t: ModelTicket) -> Bool {
        guard let r = world.state.tickets[t.id] else {
            fail("ticket \(t.id) is missing from the ledger")
            return false
        }
        let state: ModelTicket.State
        switch r.state {
        case .active: state = .active
        case .used: state = .used
        case .cancelled: state = .cancelled
        }
        let mirrored = ModelTicket(id: r.id, product: r.product, issuer: r.issuer, holder: r.holder, state: state,
                                   validFrom: r.validFrom, validUntil: r.validUntil, package: r.package, transfers: r.transfers,
                                   maxTransfers: r.maxTransfers, issuedBy: r.issuedBy, history: world.state.history[r.id] ?? [])
        if mirrored != t {
            fail("ticket \(t.id) differs:\n ledger \(mirrored)\n model  \(t)")
            return false
        }
        return true
    }

    /// Every ticket, product count and grant of the ledger equals the model's.
    private func compareWholeState() -> Bool {
        let s = world.state
        guard s.tickets.count == model.tickets.count else {
            fail("ledger holds \(s.tickets.count) tickets, model \(model.tickets.count)")
            return false
        }
        for id in model.allTickets where !same(model.tickets[id]!) { return false }
        for (id, p) in model.products {
            guard let r = s.products[id], r.issued == p.issued, r.cap == p.cap, Set(r.endorsedBy) == p.endorsedBy else {
                fail("product \(id) differs: ledger \(String(describing: s.products[id])), model issued \(p.issued) cap \(String(describing: p.cap))")
                return false
            }
        }
        guard s.grants.count == model.grants.count else {
            fail("ledger holds \(s.grants.count) grants, model \(model.grants.count)")
            return false
        }
        for granter in ["kura", "menya", "okashi", "operator"] {
            for d in delegates {
                let r = s.grant(granter: granter, delegate: d.publicKey)
                let m = model.grants[ReferenceLedger.grantKey(granter, d.publicKey)]
                guard r?.products == m?.products, r?.until == m?.until else {
                    fail("grant \(granter) → \(d.publicKey.base64url) differs: ledger \(String(describing: r)), model \(String(describing: m))")
                    return false
                }
            }
        }
        guard s.txids.count == setupTxCount + model.txids.count else {
            fail("ledger holds \(s.txids.count) txids, expected \(setupTxCount) + \(model.txids.count)")
            return false
        }
        return true
    }

    // MARK: generating

    /// Block time moves on 0–90 s per step (or not at all: several transactions in one block),
    /// with a jump of 1–20 hours now and then.
    private func advanceTime() {
        if rng.percent(15) { return }
        world.now += rng.between(1, 90_000)
        if rng.below(1000) < 3 { world.now += rng.between(3_600_000, 20 * 3_600_000) }
    }

    private func nextTransaction() -> (SignedTx, Facts) {
        let roll = rng.below(100)
        switch roll {
        case 0..<4:
            if let old = accepted.isEmpty ? nil : rng.pick(accepted) { return (old, Facts()) }  // replay
            return envelope(draftIssue())
        case 4..<8:
            return envelope(randomDraft(), time: staleTime())
        case 8..<10:
            return envelope(randomDraft(), net: "other-net")
        case 10..<12:
            return envelope(randomDraft(), forged: true)
        case 12..<17:
            return envelope(boundaryDraft() ?? randomDraft())
        default:
            return envelope(randomDraft())
        }
    }

    private struct Draft {
        var signer: SigningKey
        var payload: Payload
        var facts = Facts()
    }

    private func randomDraft() -> Draft {
        let roll = rng.below(100)
        switch roll {
        case 0..<28: return draftIssue()
        case 28..<50: return draftTransfer()
        case 50..<80: return draftUse()
        case 80..<88: return draftCancel()
        case 88..<94: return draftSupply()
        case 94..<97: return draftGrant()
        default: return draftRevoke()
        }
    }

    /// Signs a draft: usually at block time, sometimes up to ±5 minutes off (still accepted).
    private func envelope(_ d: Draft, time: Int64? = nil, net: String? = nil, forged: Bool = false) -> (SignedTx, Facts) {
        let time = time ?? (rng.percent(20) ? world.now + rng.between(-300_000, 300_000) : world.now)
        var facts = d.facts
        if forged {
            facts.forged = true
            let tx = Transaction(net: net ?? world.net, signer: d.signer.publicKey, time: time, nonce: world.nextNonce(), payload: d.payload)
            return (SignedTx(signing: tx, with: otherKey(than: d.signer.publicKey)), facts)
        }
        return (world.sign(d.signer, d.payload, time: time, net: net), facts)
    }

    private func staleTime() -> Int64 {
        let off = 300_001 + rng.between(0, 3_600_000)
        return rng.percent(50) ? world.now + off : world.now - off
    }


    private func otherKey(than key: PublicKey) -> SigningKey {
        let choices = allKeys.filter { $0.publicKey != key }
        return rng.pick(choices)
    }

    private func key(of principal: String) -> SigningKey {
        principal == "operator" ? world.operatorKey : merchantKeys[principal]!
    }

    private func holderKey(_ holder: PublicKey) -> SigningKey { allKeys.first { $0.publicKey == holder }! }

    /// An existing ticket (mostly active ones), or now and then an unknown id.
    private func pickTicket() -> String {
        if rng.percent(3) || model.allTickets.isEmpty {
            return String(Base64URL.encode(rng.bytes(17)).prefix(22))
        }
        if rng.percent(80), !model.activeTickets.isEmpty { return rng.pick(model.activeTickets) }
        return rng.pick(model.allTickets)
    }

    /// The key that should sign a move of `ticket`: mostly its holder, else someone else.
    private func moverKey(_ ticket: String) -> SigningKey {
        guard let t = model.tickets[ticket] else { return rng.pick(consumers) }
        return rng.percent(88) ? holderKey(t.holder) : otherKey(than: t.holder)
    }

    /// Moves block time forward onto an edge — a ticket's `validFrom` or `validUntil`, or a
    /// grant's `until`, or 1 ms before it — and acts on that ticket or grant there.
    private func boundaryDraft() -> Draft? {
        let horizon = world.now + 6 * 3_600_000
        if rng.percent(35) {
            let live = model.grants.filter { $0.value.until >= world.now && $0.value.until <= horizon }.sorted { $0.key < $1.key }
            guard let (key, grant) = live.randomElementSeeded(&rng) else { return nil }
            let parts = key.split(separator: "\n").map(String.init)
            let granter = parts[0]
            guard let delegate = delegates.first(where: { $0.publicKey.base64url == parts[1] }) else { return nil }
            let covered = model.products.values.filter { $0.issuer == granter && (grant.products == ["*"] || grant.products.contains($0.id)) }
                .map(\.id).sorted()
            guard let product = covered.randomElementSeeded(&rng) else { return nil }
            world.now = max(world.now, grant.until - rng.between(0, 1))
            return Draft(signer: delegate, payload: .ticketIssue(TicketIssue(product: product, to: rng.pick(consumers).publicKey)))
        }
        // A sample of active tickets, with the newest (whose validFrom may be the current block time).
        guard !model.activeTickets.isEmpty else { return nil }
        let sample = (0..<24).map { _ in rng.pick(model.activeTickets) } + model.allTickets.suffix(3)
        var edges: [(ticket: String, time: Int64)] = []
        for id in sample {
            guard let t = model.tickets[id], t.state == .active else { continue }
            for edge in [t.validFrom, t.validUntil].compactMap({ $0 }) {
                for time in [edge - 1, edge] where time >= world.now && time <= horizon { edges.append((id, time)) }
            }
        }
        guard let (id, edge) = edges.randomElementSeeded(&rng), let t = model.tickets[id] else { return nil }
        world.now = edge
        let holder = holderKey(t.holder)
        if rng.percent(30) {
            return Draft(signer: holder, payload: .ticketTransfer(TicketTransfer(ticket: id, to: rng.pick(consumers).publicKey)))
        }
        let fits = model.stores.keys.sorted().filter { model.eligible(t, at: model.stores[$0]!) }
        guard let storeID = fits.randomElementSeeded(&rng) else { return nil }
        let proof = storeProof(net: world.net, store: storeID, epoch: 0, key: model.stores[storeID]!.key)
        return Draft(signer: holder, payload: .ticketUse(TicketUse(ticket: id, store: storeID, storeProof: proof)))
    }

    private func draftIssue() -> Draft {
        let ids = model.products.keys.sorted()
        let product = rng.percent(2) ? "no-such-product" : rng.pick(ids)
        let issuer = model.products[product]?.issuer ?? "kura"
        let signer: SigningKey
        switch rng.below(100) {
        case 0..<55: signer = key(of: issuer)
        case 55..<80: signer = rng.pick(delegates)
        default: signer = otherKey(than: key(of: issuer).publicKey)
        }
        let account = rng.percent(30) ? "acct-\(rng.below(10))" : nil
        return Draft(signer: signer, payload: .ticketIssue(TicketIssue(
            product: product, to: rng.pick(consumers).publicKey, count: rng.between(1, 3), account: account)))
    }

    private func draftTransfer() -> Draft {
        let ticket = pickTicket()
        return Draft(signer: moverKey(ticket), payload: .ticketTransfer(TicketTransfer(ticket: ticket, to: rng.pick(consumers).publicKey)))
    }

    private func draftUse() -> Draft {
        let ticket = pickTicket()
        let storeIDs = model.stores.keys.sorted()
        var storeID: String
        if rng.percent(4) {
            storeID = "no-such-store"
        } else if let t = model.tickets[ticket], rng.percent(65) {
            let fits = storeIDs.filter { model.eligible(t, at: model.stores[$0]!) }
            storeID = fits.isEmpty ? rng.pick(storeIDs) : rng.pick(fits)
        } else {
            storeID = rng.pick(storeIDs)
        }
        let store = model.stores[storeID] ?? model.stores["kura-bar"]!
        let nowEpoch = StoreProof.epoch(at: world.now)
        var facts = Facts()
        let proof: String
        switch rng.below(100) {
        case 0..<55:
            proof = storeProof(net: world.net, store: storeID, epoch: 0, key: store.key)
        case 55..<80:
            proof = storeProof(net: world.net, store: storeID, epoch: nowEpoch + rng.between(-2, 2), key: store.key)
        case 80..<87:
            proof = storeProof(net: world.net, store: storeID, epoch: nowEpoch + (rng.percent(50) ? 3 : -3), key: store.key)
            facts.proofValid = false
        case 87..<92:
            let other = model.stores.values.filter { $0.id != store.id }.sorted { $0.id < $1.id }
            proof = storeProof(net: world.net, store: storeID, epoch: 0, key: rng.pick(other).key)
            facts.proofValid = false
        case 92..<96:
            let other = model.stores.keys.filter { $0 != storeID }.sorted()
            let otherID = rng.pick(other)
            proof = storeProof(net: world.net, store: otherID, epoch: 0, key: model.stores[otherID]!.key)
            facts.proofValid = false
        default:
            proof = storeProof(net: "other-net", store: storeID, epoch: 0, key: store.key)
            facts.proofValid = false
        }
        let amount: Int64? = rng.percent(30) ? rng.between(0, 20_000) : nil
        return Draft(signer: moverKey(ticket), payload: .ticketUse(TicketUse(ticket: ticket, store: storeID, storeProof: proof, amount: amount)),
                     facts: facts)
    }

    /// The store's QR proof, written from PROTOCOL §2 without the ledger's helper:
    /// Ed25519(storeKey, "kippu/store/v1\n" || JCS({"epoch":e,"net":..,"store":..})).
    private func storeProof(net: String, store: String, epoch: Int64, key: SigningKey) -> String {
        Base64URL.encode(key.sign(Array("kippu/store/v1\n{\"epoch\":\(epoch),\"net\":\"\(net)\",\"store\":\"\(store)\"}".utf8)))
    }

    private func draftCancel() -> Draft {
        let ticket = pickTicket()
        let issuer = model.tickets[ticket]?.issuer ?? "kura"
        let signer = rng.percent(70) ? key(of: issuer) : (rng.percent(40) ? rng.pick(delegates) : otherKey(than: key(of: issuer).publicKey))
        return Draft(signer: signer, payload: .ticketCancel(TicketCancel(ticket: ticket, reason: "返金")))
    }

    private func draftSupply() -> Draft {
        let ids = model.products.keys.sorted()
        let product = rng.percent(5) ? "no-such-product" : rng.pick(ids)
        let issuer = model.products[product]?.issuer ?? "kura"
        let issued = model.products[product]?.issued ?? 0
        let signer = rng.percent(80) ? key(of: issuer) : otherKey(than: key(of: issuer).publicKey)
        return Draft(signer: signer, payload: .supplySet(SupplySet(product: product, cap: max(0, issued + rng.between(-5, 30)))))
    }

    private func granterKey() -> SigningKey {
        switch rng.below(10) {
        case 0..<6: merchantKeys[rng.pick(["kura", "menya", "okashi"])]!
        case 6..<8: world.operatorKey
        default: rng.pick(consumers + delegates)
        }
    }

    private func draftGrant() -> Draft {
        let signer = granterKey()
        var products: [String]
        if rng.percent(30) {
            products = ["*"]
        } else {
            var pool = model.products.keys.sorted()
            if rng.percent(10) { pool.append("no-such-product") }
            let first = rng.pick(pool)
            products = [first]
            if rng.percent(50), let second = pool.filter({ $0 != first }).randomElementSeeded(&rng) { products.append(second) }
            // A merchant mostly delegates its own products.
            if let own = model.principal(signer.publicKey), rng.percent(70) {
                let mine = model.products.values.filter { $0.issuer == own }.map(\.id).sorted()
                if !mine.isEmpty { products = [rng.pick(mine)] }
            }
        }
        let until = world.now + rng.between(-3_600_000, 4 * ReferenceLedger.day)
        return Draft(signer: signer, payload: .delegateGrant(DelegateGrant(delegate: rng.pick(delegates).publicKey, products: products, until: until)))
    }

    private func draftRevoke() -> Draft {
        Draft(signer: granterKey(), payload: .delegateRevoke(DelegateRevoke(delegate: rng.pick(delegates).publicKey)))
    }

    private func ticketID(of p: Payload) -> String? {
        switch p {
        case .ticketTransfer(let x): x.ticket
        case .ticketUse(let x): x.ticket
        case .ticketCancel(let x): x.ticket
        default: nil
        }
    }

    /// A failure message's account of a step: who signed what, when, and the ticket as it was.
    private func describe(_ stx: SignedTx, ticket: ModelTicket?) -> String {
        let signer = "signer \(stx.tx.signer.base64url.prefix(6)) time \(stx.tx.time) block \(world.now)"
        let t = ticket.map { t in
            "[\(t.product) of \(t.issuer), holder \(t.holder.base64url.prefix(6)), \(t.state), window \(t.validFrom)..<\(t.validUntil.map(String.init) ?? "∞"), "
                + "transfers \(t.transfers)/\(t.maxTransfers.map(String.init) ?? "∞")]"
        } ?? "(unknown ticket)"
        switch stx.tx.payload {
        case .ticketIssue(let x): return "product \(x.product) count \(x.count), \(signer)"
        case .ticketTransfer(let x): return "ticket \(x.ticket) \(t) to \(x.to.base64url.prefix(6)), \(signer)"
        case .ticketUse(let x): return "ticket \(x.ticket) \(t) at \(x.store), \(signer)"
        case .ticketCancel(let x): return "ticket \(x.ticket) \(t), \(signer)"
        case .supplySet(let x): return "product \(x.product) cap \(x.cap), \(signer)"
        case .delegateGrant(let x): return "delegate \(x.delegate.base64url.prefix(6)) products \(x.products) until \(x.until), \(signer)"
        case .delegateRevoke(let x): return "delegate \(x.delegate.base64url.prefix(6)), \(signer)"
        default: return signer
        }
    }
}

private extension Array {
    /// A seeded random element, or nil when empty.
    func randomElementSeeded(_ rng: inout SplitMix64) -> Element? { isEmpty ? nil : self[rng.below(count)] }
}
