/// The Kitakata SAKE Festa deployment (DOMAIN.md, "Real deployment 1") replayed through the
/// validation state machine in memory, as a reference scenario for PROTOCOL §2.
///
/// The operator registers 12 breweries and 31 nearby shops (bars and izakaya, karaoke, ramen,
/// rice-cracker and peanut confectioners), each with one store. The organising brewery sells an
/// evening entry ticket (16:00–20:30 JST), an "entry + coupon set" package holding the entry and
/// one coupon of every shop (32 tickets), and a coupon-only set for participants already inside;
/// every partner endorses both packages. 500 participants get in: 33 with the set (some sold by a
/// delegated sales key), 467 with an entry-only ticket. After the event, bar coupons are used that
/// night and ramen coupons the next morning, some coupons change hands, and every forbidden move
/// of §2 is tried and rejected without touching the state. The final tally — 33 set holders, 17
/// of them (52%) used a coupon — is computed from the `MemoryState` alone, as in the paper.
///
/// All names are invented; none is a real business.
import Crypto
import Foundation
import Testing
@testable import Ledger

// MARK: - Tests

@Suite struct SakeFestaScenarioTests {
    /// Neither package can be issued while one partner shop has not endorsed it; after the last
    /// endorsement the organiser can issue a set of 32 tickets.
    @Test func festaPackageIsIssuedOnlyAfterTheLastPartnerEndorses() throws {
        let festa = SakeFesta()
        festa.registerMerchantsAndStores()
        festa.registerProducts()
        festa.collectEndorsements()

        festa.world.now = festa.salesOpen
        let ids = festa.world.issue(festa.organiser.key, product: SakeFesta.fullSet, to: festa.participants[0].publicKey)
        #expect(ids.count == 32)
        let products = ids.compactMap { festa.world.state.tickets[$0]?.product }
        #expect(products == [SakeFesta.entry] + festa.shops.map(\.coupon))
        #expect(festa.world.state.products[SakeFesta.fullSet]?.endorsedBy.count == 31)
        #expect(festa.world.state.products[SakeFesta.couponSet]?.endorsedBy.count == 31)
    }

    /// Advance sales: the organiser and its delegated sales key issue 33 sets and 467 entry-only
    /// tickets (500 entries in all); expired or revoked delegations, other merchants and consumers
    /// cannot issue, and the entry-only cap holds.
    @Test func festaAdvanceSalesStayWithinCapAndIssuerAuthority() throws {
        let festa = SakeFesta()
        festa.prepare()
        festa.sellInAdvance()

        let state = festa.world.state
        #expect(state.products[SakeFesta.fullSet]?.issued == 33)
        #expect(state.products[SakeFesta.entryOnly]?.issued == SakeFesta.entryOnlyCap)
        #expect(festa.fullSets.count == 33)
        #expect(festa.entryOnlyTickets.count == 467)
        // Tickets sold by the delegate are still owed by the organiser.
        let delegated = try #require(festa.fullSets[25]?[SakeFesta.entry])
        #expect(state.tickets[delegated]?.issuer == festa.organiser.id)
        let delegatedCoupon = try #require(festa.fullSets[25]?[festa.shops[0].coupon])
        #expect(state.tickets[delegatedCoupon]?.issuer == festa.shops[0].id)
        // The refunded entry is cancelled, all other entries are active.
        let refunded = try #require(festa.entryOnlyTickets[SakeFesta.refunded])
        #expect(state.tickets[refunded]?.state == .cancelled)
        #expect(state.tickets.values.filter { $0.state == .active }.count == state.tickets.count - 1)
    }

    /// The whole festa: sales, the evening at the venue, the night out and breakfast ramen, every
    /// forbidden move on the way, and the paper's numbers computed from the final state.
    @Test func festaNightAndMorningReproduceThePaperNumbers() throws {
        let festa = SakeFesta()
        festa.prepare()
        festa.sellInAdvance()
        try festa.eveningAtTheVenue()
        try festa.nightOut()
        try festa.breakfastRamen()
        try festa.afterCouponsExpire()

        let tally = try festa.tally()
        #expect(tally.fullSetHolders == 33)
        #expect(tally.fullSetUsers == 17)
        #expect((tally.fullSetUsers * 100 + tally.fullSetHolders / 2) / tally.fullSetHolders == 52)
        #expect(tally.couponOnlySets == 4)
        #expect(tally.entriesAndPackagesIssued == 500)
        #expect(tally.entryTickets == 500)
        #expect(tally.distinctEntryHolders == 500)
        #expect(tally.entriesUsed == 498)  // 497 came too late, 498 was refunded
    }
}

// MARK: - The festa

/// A brewery or shop with its one store.
private struct Partner {
    let id: String
    let name: String
    let industry: String
    let storeName: String
    let faceValue: Int64
    let key: SigningKey
    let storeKey: SigningKey
    var store: String { id + "-store" }
    var coupon: String { id + "-coupon" }

    init(_ id: String, _ name: String, industry: String, storeName: String? = nil, faceValue: Int64 = 0) {
        self.id = id; self.name = name; self.industry = industry
        self.storeName = storeName ?? "\(name) 本店"
        self.faceValue = faceValue
        key = testKey("festa-merchant-\(id)")
        storeKey = testKey("festa-store-\(id)")
    }
}

/// Milliseconds of a Japan Standard Time wall clock, e.g. `jst("2026-02-21T16:00")`.
private func jst(_ localTime: String) -> Int64 {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: localTime + ":00+09:00") else { preconditionFailure("test: bad time \(localTime)") }
    return Int64(date.timeIntervalSince1970) * 1000
}

/// What the paper reports, computed from the final state only.
private struct Tally {
    var fullSetHolders = 0
    var fullSetUsers = 0
    var couponOnlySets = 0
    var entriesAndPackagesIssued: Int64 = 0
    var entryTickets = 0
    var distinctEntryHolders = 0
    var entriesUsed = 0
}

/// The festa's parties, products and timeline, run phase by phase on one `World`; each phase
/// checks the forbidden moves that belong to it.
private final class SakeFesta {
    static let entry = "festa-entry"
    static let entryOnly = "festa-entry-only"
    static let fullSet = "festa-set"
    static let couponSet = "festa-coupon-set"
    static let entryOnlyCap: Int64 = 467
    static let couponSetCap: Int64 = 4
    /// The participant whose late arrival finds the entry expired.
    static let late = 497
    /// The participant whose entry-only ticket the organiser refunds (cancels).
    static let refunded = 498
    /// Set holders who use at least one coupon: the even numbers 0…32, 17 of 33.
    static let couponUsers = Array(stride(from: 0, through: 32, by: 2))

    let world = World(net: "kitakata-sakefesta")
    let breweries: [Partner]
    let shops: [Partner]
    let participants: [SigningKey] = (0..<500).map { testKey("festa-participant-\($0)") }
    let salesKey = testKey("festa-sales-key")

    // Sat 21 Feb 2026; the event runs 16:00–20:30 JST (07:00–11:30 UTC).
    let salesOpen = jst("2026-02-03T09:00")
    let eventStart = jst("2026-02-21T16:00")
    let eventEnd = jst("2026-02-21T20:30")
    /// Coupons are valid through 23:59 JST the next day; the window is half-open.
    let couponsUntil = jst("2026-02-23T00:00")

    /// Participant number → ticket id by product, per package issued.
    var fullSets: [Int: [String: String]] = [:]
    var couponSets: [Int: [String: String]] = [:]
    var entryOnlyTickets: [Int: String] = [:]
    /// Set holder number → the companion who was given one of its coupons.
    var companions: [Int: SigningKey] = [:]

    var organiser: Partner { breweries[0] }
    func shop(_ id: String) -> Partner { shops.first { $0.id == id }! }

    init() {
        breweries = [
            Partner("brewery-01", "蔵ノ辻酒造", industry: "sake", storeName: "蔵ノ辻酒造 祭り会場"),
            Partner("brewery-02", "雪見川酒造店", industry: "sake"),
            Partner("brewery-03", "飯豊乃月酒造", industry: "sake"),
            Partner("brewery-04", "北杜醸造", industry: "sake"),
            Partner("brewery-05", "白鷺屋酒造場", industry: "sake"),
            Partner("brewery-06", "朝霧酒造", industry: "sake"),
            Partner("brewery-07", "蔵町桜酒造", industry: "sake"),
            Partner("brewery-08", "田付川醸造", industry: "sake"),
            Partner("brewery-09", "鶴舞酒造店", industry: "sake"),
            Partner("brewery-10", "磐梯千歳酒造", industry: "sake"),
            Partner("brewery-11", "宵待酒造", industry: "sake"),
            Partner("brewery-12", "岩月山醸造", industry: "sake"),
        ]
        let bars = ["居酒屋 とんぼ亭", "酒場 ひぐらし", "バー 蔵灯", "炉端 まつかぜ", "居酒屋 千鳥足",
                    "立ち飲み 小田付", "スナック 夜来香", "割烹 ゆきしろ", "焼き鳥 ふくろう"]
        let karaoke = ["カラオケ 歌蔵", "カラオケルーム 宵町", "カラオケ 喜多の音"]
        let ramen = ["喜多方ラーメン 蔵前軒", "中華そば 満月", "麺屋 ひより", "朝らーめん 桂", "食堂 うさぎ屋",
                     "らーめん 与一郎", "麺処 白樺", "中華食堂 陽だまり", "喜多方麺房 つばめ", "らーめん 雪灯",
                     "支那そば 竹林", "喜多方ラーメン 坂下亭"]
        let sweets = ["手焼きせんべい 岩瀬屋", "豆菓子 まめ福", "落花生本舗 みのり", "米菓 ささ川", "豆屋 杉の実",
                      "あられ処 雪ん子", "煎餅工房 こめ蔵"]
        func partners(_ names: [String], _ industry: String, faceValue: Int64) -> [Partner] {
            names.enumerated().map { n, name in
                Partner("\(industry)-\(n < 9 ? "0" : "")\(n + 1)", name, industry: industry, faceValue: faceValue)
            }
        }
        shops = partners(bars, "bar", faceValue: 500) + partners(karaoke, "karaoke", faceValue: 1000)
            + partners(ramen, "ramen", faceValue: 200) + partners(sweets, "confectionery", faceValue: 300)
    }

    // MARK: set-up

    /// Registration, products and endorsements: everything before the first sale.
    func prepare() {
        registerMerchantsAndStores()
        registerProducts()
        collectEndorsements()
    }

    func registerMerchantsAndStores() {
        let city = JSONObject([("city", .string("喜多方市"))])!
        for p in breweries + shops {
            world.mustAccept(world.operatorKey, .merchantRegister(MerchantRegister(
                merchant: p.id, name: p.name, key: p.key.publicKey, industries: [p.industry], attrs: city)))
            world.mustAccept(world.operatorKey, .storeRegister(StoreRegister(
                store: p.store, merchant: p.id, name: p.storeName, industry: p.industry, key: p.storeKey.publicKey,
                attrs: city)))
        }
        #expect(world.state.merchants.count == 43)
        #expect(world.state.stores.count == 43)
    }

    func registerProducts() {
        let evening = ProductTerms.Validity(from: eventStart, until: eventEnd)
        let afterwards = ProductTerms.Validity(from: eventStart, until: couponsUntil)
        world.mustAccept(organiser.key, .productRegister(ProductTerms(
            product: Self.entry, issuer: organiser.id, kind: .ticket, name: "喜多方 SAKE Festa 入場券",
            description: "16:00–20:30 利き酒会場への入場券(おちょこ付き)", price: 3000, validity: evening,
            transfer: .init(allowed: true, max: 1))))
        world.mustAccept(organiser.key, .productRegister(ProductTerms(
            product: Self.entryOnly, issuer: organiser.id, kind: .ticket, name: "喜多方 SAKE Festa 入場券のみ",
            description: "16:00–20:30 利き酒会場への入場券", price: 3000, validity: evening,
            transfer: .init(allowed: true, max: 1))))
        for s in shops {
            world.mustAccept(s.key, .productRegister(ProductTerms(
                product: s.coupon, issuer: s.id, kind: .coupon, name: "\(s.name) SAKE Festa クーポン",
                description: "フェスタ参加者限定 \(s.faceValue)円引き", price: 0, faceValue: s.faceValue, validity: afterwards)))
        }
        let coupons = shops.map { ProductTerms.Component(product: $0.coupon, qty: 1) }
        world.mustAccept(organiser.key, .productRegister(ProductTerms(
            product: Self.fullSet, issuer: organiser.id, kind: .ticket, name: "入場券+クーポンセット",
            description: "入場券と近隣31店のクーポン", price: 3000, validity: afterwards,
            transfer: .init(allowed: true, max: 1), components: [.init(product: Self.entry, qty: 1)] + coupons)))
        world.mustAccept(organiser.key, .productRegister(ProductTerms(
            product: Self.couponSet, issuer: organiser.id, kind: .coupon, name: "クーポンのみセット",
            description: "入場済みの方へ 近隣31店のクーポン", price: 0, validity: afterwards,
            transfer: .init(allowed: true, max: 1), components: coupons)))
        world.mustAccept(organiser.key, .supplySet(SupplySet(product: Self.fullSet, cap: 500)))
        world.mustAccept(organiser.key, .supplySet(SupplySet(product: Self.entryOnly, cap: Self.entryOnlyCap)))
        world.mustAccept(organiser.key, .supplySet(SupplySet(product: Self.couponSet, cap: Self.couponSetCap)))
    }

    /// Every partner shop endorses both packages; before the last endorsement neither can be issued.
    func collectEndorsements() {
        let buyer = participants[0].publicKey
        world.expectReject(.notEndorsed, organiser.key, .ticketIssue(TicketIssue(product: Self.fullSet, to: buyer)))
        // A brewery with no coupon in the set is no partner of it.
        world.expectReject(.notAuthorized, breweries[1].key, .productEndorse(ProductEndorse(product: Self.fullSet)))
        for s in shops.dropLast() {
            world.mustAccept(s.key, .productEndorse(ProductEndorse(product: Self.fullSet)))
            world.mustAccept(s.key, .productEndorse(ProductEndorse(product: Self.couponSet)))
        }
        world.expectReject(.notEndorsed, organiser.key, .ticketIssue(TicketIssue(product: Self.fullSet, to: buyer)))
        world.expectReject(.notEndorsed, organiser.key, .ticketIssue(TicketIssue(product: Self.couponSet, to: buyer)))
        world.expectReject(.conflict, shops[0].key, .productEndorse(ProductEndorse(product: Self.fullSet)))
        let last = shops[shops.count - 1]
        world.mustAccept(last.key, .productEndorse(ProductEndorse(product: Self.fullSet)))
        world.mustAccept(last.key, .productEndorse(ProductEndorse(product: Self.couponSet)))
    }

    // MARK: advance sales

    private func sellSet(to n: Int, by signer: SigningKey) {
        let ids = world.issue(signer, product: Self.fullSet, to: participants[n].publicKey, account: "acct-\(n)")
        fullSets[n] = byProduct(ids)
        world.now += 60_000
    }

    private func sellEntry(to n: Int, by signer: SigningKey) {
        entryOnlyTickets[n] = world.issue(signer, product: Self.entryOnly, to: participants[n].publicKey, account: "acct-\(n)").first
        world.now += 60_000
    }

    private func byProduct(_ ids: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for id in ids { if let t = world.state.tickets[id] { out[t.product] = id } }
        return out
    }

    /// Participants 0…32 buy the set, 33…499 the entry-only ticket; part of it through the
    /// organiser's delegated sales key.
    func sellInAdvance() {
        world.now = salesOpen
        for n in 0..<20 { sellSet(to: n, by: organiser.key) }
        let firstShiftEnds = jst("2026-02-04T00:00")
        world.mustAccept(organiser.key, .delegateGrant(DelegateGrant(
            delegate: salesKey.publicKey, products: [Self.fullSet, Self.entryOnly], until: firstShiftEnds)))
        for n in 20..<30 { sellSet(to: n, by: salesKey) }
        // The coupon-only set was never granted to the sales key.
        world.expectReject(.notAuthorized, salesKey, .ticketIssue(TicketIssue(product: Self.couponSet, to: participants[30].publicKey)))
        for n in 33..<250 { sellEntry(to: n, by: n % 3 == 0 ? salesKey : organiser.key) }
        #expect(world.now < firstShiftEnds)

        // The grant is live while block time < until.
        world.now = firstShiftEnds
        world.expectReject(.notAuthorized, salesKey, .ticketIssue(TicketIssue(product: Self.fullSet, to: participants[30].publicKey)))

        world.now = jst("2026-02-04T09:00")
        world.mustAccept(organiser.key, .delegateGrant(DelegateGrant(
            delegate: salesKey.publicKey, products: [Self.fullSet, Self.entryOnly], until: eventStart)))
        for n in 30..<33 { sellSet(to: n, by: salesKey) }
        for n in 250..<499 { sellEntry(to: n, by: n % 2 == 0 ? salesKey : organiser.key) }
        world.mustAccept(organiser.key, .delegateRevoke(DelegateRevoke(delegate: salesKey.publicKey)))
        world.expectReject(.notAuthorized, salesKey, .ticketIssue(TicketIssue(product: Self.entryOnly, to: participants[499].publicKey)))
        sellEntry(to: 499, by: organiser.key)

        // Sold out: the cap stops the organiser, while strangers are stopped before the cap.
        world.expectReject(.capExceeded, organiser.key, .ticketIssue(TicketIssue(product: Self.entryOnly, to: participants[1].publicKey)))
        world.expectReject(.notAuthorized, breweries[1].key, .ticketIssue(TicketIssue(product: Self.entryOnly, to: participants[1].publicKey)))
        world.expectReject(.notAuthorized, breweries[2].key, .ticketIssue(TicketIssue(product: Self.fullSet, to: participants[1].publicKey)))
        world.expectReject(.notAuthorized, shops[0].key, .ticketIssue(TicketIssue(product: Self.fullSet, to: participants[1].publicKey)))
        world.expectReject(.notAuthorized, participants[1], .ticketIssue(TicketIssue(product: Self.fullSet, to: participants[1].publicKey)))
        world.expectReject(.conflict, organiser.key, .supplySet(SupplySet(product: Self.fullSet, cap: 32)))

        // A refund: the organiser cancels an unused entry; nobody else may.
        world.now = jst("2026-02-10T12:00")
        if let t = entryOnlyTickets[Self.refunded] {
            world.expectReject(.notAuthorized, breweries[1].key, .ticketCancel(TicketCancel(ticket: t, reason: "払い戻し")))
            world.expectReject(.notAuthorized, participants[Self.refunded], .ticketCancel(TicketCancel(ticket: t, reason: "払い戻し")))
            world.mustAccept(organiser.key, .ticketCancel(TicketCancel(ticket: t, reason: "払い戻し")))
        }
        #expect(world.state.products[Self.entryOnly]?.issued == Self.entryOnlyCap)
    }

    // MARK: the evening

    /// The entry gate from 16:00, the coupon-only sets inside the venue, a late arrival at 20:31.
    func eveningAtTheVenue() throws {
        let venue = organiser
        world.now = eventStart - 5 * 60_000
        let early = try entryTicket(0)
        world.expectReject(.notYetValid, participants[0], world.use(early, at: venue.store, venue.storeKey))

        world.now = eventStart
        for n in 0..<500 where n != Self.late && n != Self.refunded {
            let t = try entryTicket(n)
            // The gate shows a rotating QR code; a printed one hangs beside it.
            let payload = n % 3 == 0 ? world.rotatingUse(t, at: venue.store, venue.storeKey) : world.use(t, at: venue.store, venue.storeKey)
            world.mustAccept(participants[n], payload)
            world.now += 3_000
        }
        world.expectReject(.alreadyUsed, participants[0], world.use(early, at: venue.store, venue.storeKey))
        world.expectReject(.cancelled, participants[Self.refunded], world.use(try entryTicket(Self.refunded), at: venue.store, venue.storeKey))
        world.expectReject(.alreadyUsed, organiser.key, .ticketCancel(TicketCancel(ticket: early, reason: "払い戻し")))

        // Participants already inside get the coupon-only set; the small cap holds.
        world.now = jst("2026-02-21T17:30")
        for n in 33..<(33 + Int(Self.couponSetCap)) {
            couponSets[n] = byProduct(world.issue(organiser.key, product: Self.couponSet, to: participants[n].publicKey))
            world.now += 60_000
        }
        world.expectReject(.capExceeded, organiser.key, .ticketIssue(TicketIssue(product: Self.couponSet, to: participants[40].publicKey)))

        world.now = eventEnd + 60_000
        world.expectReject(.expired, participants[Self.late], world.use(try entryTicket(Self.late), at: venue.store, venue.storeKey))
    }

    /// After the event: coupons change hands and bar and karaoke coupons are used that night.
    func nightOut() throws {
        world.now = jst("2026-02-21T20:45")
        let companion0 = testKey("festa-companion-0"), companion4 = testKey("festa-companion-4"), companion1 = testKey("festa-companion-1")
        let ramen1 = try setTicket(0, "ramen-01"), ramen2 = try setTicket(4, "ramen-02"), sweets1 = try setTicket(1, "confectionery-01")
        world.mustAccept(participants[0], .ticketTransfer(TicketTransfer(ticket: ramen1, to: companion0.publicKey)))
        world.mustAccept(participants[4], .ticketTransfer(TicketTransfer(ticket: ramen2, to: companion4.publicKey)))
        world.mustAccept(participants[1], .ticketTransfer(TicketTransfer(ticket: sweets1, to: companion1.publicKey)))
        let ramenShop = shop("ramen-01")
        // The giver no longer holds it; the set allows one transfer per ticket.
        world.expectReject(.notHolder, participants[0], world.use(ramen1, at: ramenShop.store, ramenShop.storeKey))
        world.expectReject(.notHolder, participants[0], .ticketTransfer(TicketTransfer(ticket: ramen1, to: participants[2].publicKey)))
        world.expectReject(.transferNotAllowed, companion0, .ticketTransfer(TicketTransfer(ticket: ramen1, to: companion4.publicKey)))
        // A set's coupon is owed by its shop: only the shop may cancel it, not the organiser who sold the set.
        world.expectReject(.notAuthorized, organiser.key, .ticketCancel(TicketCancel(ticket: ramen1, reason: "払い戻し")))

        world.now = jst("2026-02-21T21:00")
        for n in stride(from: 0, through: 32, by: 4) {
            let bar = shops[(n / 4) % 9]
            let coupon = try setTicket(n, bar.id)
            if n == 8 {
                // Ramen coupons are not good at a bar.
                let ramen = try setTicket(8, "ramen-08")
                world.expectReject(.storeNotEligible, participants[8], world.use(ramen, at: bar.store, bar.storeKey))
            }
            if n == 12 {
                let other = shops[0]
                // Signed by another shop's QR key; another shop's genuine QR; a rotating code 90 s stale.
                let foreign = StoreProof.sign(net: world.net, store: bar.store, epoch: 0, key: other.storeKey)
                world.expectReject(.badStoreProof, participants[n], .ticketUse(TicketUse(ticket: coupon, store: bar.store, storeProof: foreign)))
                let misplaced = world.staticProof(other.store, other.storeKey)
                world.expectReject(.badStoreProof, participants[n], .ticketUse(TicketUse(ticket: coupon, store: bar.store, storeProof: misplaced)))
                world.expectReject(.badStoreProof, participants[n], world.rotatingUse(coupon, at: bar.store, bar.storeKey, epochOffset: -3))
                world.expectReject(.badStoreProof, participants[n], world.use(coupon, at: bar.store, bar.storeKey, net: "another-net"))
            }
            let payload = n == 16 ? world.rotatingUse(coupon, at: bar.store, bar.storeKey, epochOffset: -2)
                : world.use(coupon, at: bar.store, bar.storeKey, amount: 4_200)
            world.mustAccept(participants[n], payload)
            world.now += 7 * 60_000
        }
        let firstBar = try setTicket(0, shops[0].id)
        world.expectReject(.alreadyUsed, participants[0], world.use(firstBar, at: shops[0].store, shops[0].storeKey))
        world.expectReject(.alreadyUsed, participants[0], .ticketTransfer(TicketTransfer(ticket: firstBar, to: companion0.publicKey)))

        world.now = jst("2026-02-21T22:30")
        for n in [2, 6] {
            let box = shop(n == 2 ? "karaoke-01" : "karaoke-02")
            world.mustAccept(participants[n], world.rotatingUse(try setTicket(n, box.id), at: box.store, box.storeKey))
            world.now += 5 * 60_000
        }
        // A coupon-only holder also goes out; not counted among the 33 full sets.
        let bar = shops[3]
        let onlyCoupon = try #require(couponSets[33]?[bar.coupon])
        world.mustAccept(participants[33], world.use(onlyCoupon, at: bar.store, bar.storeKey, amount: 3_000))

        companions = [0: companion0, 4: companion4, 1: companion1]
    }

    /// Next morning: 朝ラーメン with the ramen coupons, then rice crackers to take home.
    func breakfastRamen() throws {
        world.now = jst("2026-02-22T07:00")
        let ramenEaters = Self.couponUsers.filter { $0 % 4 == 2 } + [8, 16]
        for (k, n) in ramenEaters.enumerated() {
            let shop = shops[12 + (k + 2) % 12]  // ramen-03 … ramen-12, ramen-01, ramen-02
            let coupon = try setTicket(n, shop.id)
            let payload = k % 2 == 0 ? world.rotatingUse(coupon, at: shop.store, shop.storeKey)
                : world.use(coupon, at: shop.store, shop.storeKey, amount: 900)
            world.mustAccept(participants[n], payload)
            world.now += 6 * 60_000
        }
        // The companions eat with the coupons they were given.
        for (n, shopID) in [(0, "ramen-01"), (4, "ramen-02")] {
            let companion = try #require(companions[n])
            let ramen = shop(shopID)
            world.mustAccept(companion, world.rotatingUse(try setTicket(n, shopID), at: ramen.store, ramen.storeKey))
            world.now += 4 * 60_000
        }
        world.now = jst("2026-02-22T11:00")
        let sweets = shop("confectionery-02")
        world.mustAccept(participants[10], world.use(try setTicket(10, sweets.id), at: sweets.store, sweets.storeKey, amount: 1_500))
    }

    /// From 00:00 on the second day after the event, unused coupons are expired.
    func afterCouponsExpire() throws {
        world.now = couponsUntil - 1
        let lastMinute = shop("ramen-05")
        world.mustAccept(participants[20], world.use(try setTicket(20, lastMinute.id), at: lastMinute.store, lastMinute.storeKey))
        world.now = couponsUntil
        let ramen = shop("ramen-03")
        world.expectReject(.expired, participants[3], world.use(try setTicket(3, ramen.id), at: ramen.store, ramen.storeKey))
        let sweets = shop("confectionery-01")
        let companion1 = try #require(companions[1])
        world.expectReject(.expired, companion1, world.use(try setTicket(1, sweets.id), at: sweets.store, sweets.storeKey))
        world.expectReject(.expired, participants[5], .ticketTransfer(TicketTransfer(ticket: try setTicket(5, "bar-01"), to: participants[6].publicKey)))
    }

    // MARK: look-ups

    func entryTicket(_ n: Int) throws -> String {
        if let set = fullSets[n] { return try #require(set[Self.entry]) }
        return try #require(entryOnlyTickets[n], "participant \(n) has no entry ticket")
    }

    func setTicket(_ n: Int, _ shopID: String) throws -> String {
        try #require(fullSets[n]?[shopID + "-coupon"], "participant \(n) has no \(shopID) coupon")
    }

    // MARK: the tally

    /// The paper's numbers and the structural invariants, from `MemoryState` only.
    func tally() throws -> Tally {
        let state = world.state
        var t = Tally()
        var packages: [String: [TicketRecord]] = [:]
        var entryHolders: Set<PublicKey> = []
        for ticket in state.tickets.values {
            // Every ticket's history starts with the transaction that issued it.
            let history = try #require(state.history[ticket.id])
            #expect(history.first == ticket.issuedBy)
            #expect(state.txids.contains(ticket.issuedBy))
            let product = try #require(state.products[ticket.product])
            #expect(ticket.issuer == product.terms.issuer)
            if let package = ticket.package {
                #expect(package == ticket.issuedBy)
                packages[package, default: []].append(ticket)
            }
            if ticket.product == Self.entry || ticket.product == Self.entryOnly {
                t.entryTickets += 1
                entryHolders.insert(ticket.holder)
                if ticket.state == .used { t.entriesUsed += 1 }
            }
        }
        t.distinctEntryHolders = entryHolders.count
        for (_, tickets) in packages {
            let couponTickets = tickets.filter { state.products[$0.product]?.terms.kind == .coupon }
            #expect(Set(couponTickets.map(\.issuer)) == Set(shops.map(\.id)))
            if tickets.contains(where: { $0.product == Self.entry }) {
                #expect(tickets.count == 32)
                t.fullSetHolders += 1
                if couponTickets.contains(where: { $0.state == .used }) { t.fullSetUsers += 1 }
            } else {
                #expect(tickets.count == 31)
                t.couponOnlySets += 1
            }
        }
        t.entriesAndPackagesIssued = (state.products[Self.entryOnly]?.issued ?? 0) + (state.products[Self.fullSet]?.issued ?? 0)
        // A transferred coupon is reachable from its issue: issue, transfer, use.
        let given = try setTicket(0, "ramen-01")
        #expect(state.history[given]?.count == 3)
        #expect(state.tickets[given]?.holder == companions[0]?.publicKey)
        #expect(state.tickets[given]?.transfers == 1)
        return t
    }
}

// MARK: - Helpers

private extension World {
    /// The use payload with a rotating (screen) store proof for the current block time's epoch.
    func rotatingUse(_ ticket: String, at store: String, _ storeKey: SigningKey, epochOffset: Int64 = 0) -> Payload {
        let proof = StoreProof.sign(net: net, store: store, epoch: StoreProof.epoch(at: now) + epochOffset, key: storeKey)
        return .ticketUse(TicketUse(ticket: ticket, store: store, storeProof: proof))
    }

    /// The use payload with a static proof printed for network `net` (another network's QR code).
    func use(_ ticket: String, at store: String, _ storeKey: SigningKey, net: String) -> Payload {
        .ticketUse(TicketUse(ticket: ticket, store: store, storeProof: StoreProof.sign(net: net, store: store, epoch: 0, key: storeKey)))
    }
}
