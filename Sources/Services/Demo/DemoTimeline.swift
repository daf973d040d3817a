import Crypto
import Ledger

/// The two days of the festival, after the setup (all wall-clock times JST):
///
/// - festival day, 08:00–15:30: the online shop (the `sales` delegate) sells the
///   入場券+クーポンセット in advance; a few buyers take two and give the second to a companion;
///   12:00–16:30 it sells single entry tickets (当日券);
/// - 15:00–17:30: entry tickets are used at the venue's reception (a rotating code on a screen);
/// - 16:00–20:30, during the festival: the coupon-only set goes to people already inside, the
///   brewery sells its tasting ticket, shops hand out their own coupons at their booths, and some
///   holders pass a coupon on to a companion;
/// - 20:30–24:00: bar, izakaya and karaoke coupons are used;
/// - the next morning, 07:00–11:00: 朝ラーメン; 10:00–15:00 tastings at the brewery;
///   12:00–16:00: rice crackers and peanuts as souvenirs.
///
/// Many tickets stay unused; their windows run for a month, so the demo stays usable.
struct DemoTimeline {
    let consumers: [DemoKey]
    let issues: Int
    let tickets: Int
    let transfers: Int
    let uses: Int

    // Who does what, by consumer number (0-based).
    static let consumerCount = 120
    static let festaBuyers = 0..<22
    static let doubleBuyers = 6
    static let pairCompanions = 22..<28
    static let couponSetTakers = 28..<38
    static let entryBuyers = 38..<46
    static let tastingBuyers = 12
    static let walkIns = 46..<100
    static let couponCompanions = 100..<120

    static func plan(into script: inout DemoScript, setup: DemoSetup, calendar: DemoCalendar, dice: DemoDice) -> DemoTimeline {
        var consumers: [DemoKey] = []
        for n in 1...consumerCount {
            consumers.append(DemoKey(name: "consumer/\(pad(n, 4))", role: .consumer, key: dice.key()))
        }
        var planner = Planner(script: script, setup: setup, calendar: calendar, dice: dice, holders: consumers.map(\.key))
        planner.sales()
        planner.transfers()
        planner.uses()
        script = planner.script
        return DemoTimeline(consumers: consumers, issues: planner.issues, tickets: planner.tickets.count,
                            transfers: planner.transferCount, uses: planner.useCount)
    }

    /// `0042`.
    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Follows every planned ticket (holder, time of its last action) while writing the timeline.
private struct Planner {
    struct Ticket {
        let ref: DemoTicketRef
        let product: String
        /// Which package of its issue the ticket belongs to (0 unless `count` > 1).
        let unit: Int
        var holder: Int
        var ready: Int64
        var transfersLeft: Int64?
        var moved = false
    }

    var script: DemoScript
    let setup: DemoSetup
    let calendar: DemoCalendar
    let dice: DemoDice
    let holders: [SigningKey]
    var tickets: [Ticket] = []
    var issues = 0
    var transferCount = 0
    var useCount = 0
    /// Consumers who bought two festival sets, each with the companion who gets the second.
    var pairs: [(buyer: Int, companion: Int, firstTicket: Int)] = []

    init(script: DemoScript, setup: DemoSetup, calendar: DemoCalendar, dice: DemoDice, holders: [SigningKey]) {
        self.script = script; self.setup = setup; self.calendar = calendar; self.dice = dice; self.holders = holders
    }

    func window(_ day: Int64, _ h1: Int64, _ m1: Int64, _ h2: Int64, _ m2: Int64) -> DemoWindow {
        DemoWindow(from: calendar.at(day: day, h1, m1), until: calendar.at(day: day, h2, m2))
    }

    // MARK: sales

    /// Issues `count` of `product` to `holder` at a moment of `window`; returns the index of its first ticket.
    @discardableResult
    mutating func issue(_ product: String, count: Int64 = 1, to holder: Int, in window: DemoWindow, by signer: SigningKey,
                        online: Bool) -> Int {
        issues += 1
        let time = window.draw(dice, notBefore: setup.ready)
        let order = online ? "SF-\(DemoTimeline.pad(issues, 5))" : nil
        let payload = TicketIssue(product: product, to: holders[holder].publicKey, count: count,
                                  account: "acct-\(DemoTimeline.pad(holder + 1, 4))", order: order)
        let seq = script.add(.payload(.ticketIssue(payload)), at: time, by: signer)
        let units = setup.packages[product] ?? [product]
        let first = tickets.count
        var index = 0
        for unit in 0..<Int(count) {
            for component in units {
                tickets.append(Ticket(ref: DemoTicketRef(issue: seq, index: index), product: component, unit: unit, holder: holder,
                                      ready: time, transfersLeft: setup.products[component]!.maxTransfers))
                index += 1
            }
        }
        return first
    }

    mutating func sales() {
        let sales = setup.sales
        let doubles = Set(dice.shuffled(Array(DemoTimeline.festaBuyers)).prefix(DemoTimeline.doubleBuyers))
        var companions = Array(DemoTimeline.pairCompanions)
        for buyer in DemoTimeline.festaBuyers {
            let two = doubles.contains(buyer)
            let first = issue(DemoSetup.festaSetID, count: two ? 2 : 1, to: buyer, in: window(0, 8, 0, 15, 30), by: sales, online: true)
            if two { pairs.append((buyer, companions.removeFirst(), first)) }
        }
        for taker in DemoTimeline.couponSetTakers {
            issue(DemoSetup.couponSetID, to: taker, in: window(0, 16, 15, 20, 0), by: sales, online: true)
        }
        for buyer in DemoTimeline.entryBuyers {
            issue(DemoSetup.entryID, to: buyer, in: window(0, 12, 0, 16, 30), by: sales, online: true)
        }
        let goers = Array(DemoTimeline.festaBuyers) + Array(DemoTimeline.pairCompanions) + Array(DemoTimeline.entryBuyers)
        for buyer in dice.shuffled(goers).prefix(DemoTimeline.tastingBuyers) {
            issue(setup.tastingID, to: buyer, in: window(0, 16, 0, 19, 30), by: setup.tastingBrewery.key, online: false)
        }
        // Shops outside the packages hand out their own coupons at their booths.
        let packaged = Set(DemoNames.festaSetShops + DemoNames.couponSetShops)
        let boothShops = setup.shops.filter { !packaged.contains($0.merchantID) }
        for (i, walkIn) in DemoTimeline.walkIns.enumerated() {
            let shop = i < boothShops.count ? boothShops[i] : dice.pick(boothShops)
            issue(shop.couponID, to: walkIn, in: window(0, 16, 30, 20, 15), by: shop.key, online: false)
        }
    }

    // MARK: transfers

    mutating func transfer(_ t: Int, to holder: Int, at time: Int64) {
        script.add(.transfer(tickets[t].ref, to: holders[holder].publicKey), at: time, by: holders[tickets[t].holder])
        tickets[t].holder = holder
        tickets[t].ready = time
        tickets[t].moved = true
        tickets[t].transfersLeft = tickets[t].transfersLeft.map { $0 - 1 }
        transferCount += 1
    }

    mutating func transfers() {
        // The second festival set goes to the companion, ticket by ticket, soon after the purchase.
        let setSize = setup.packages[DemoSetup.festaSetID]!.count
        for pair in pairs {
            var time = tickets[pair.firstTicket].ready + dice.int(10...90) * DemoCalendar.minute
            for t in (pair.firstTicket + setSize)..<(pair.firstTicket + 2 * setSize) where tickets[t].transfersLeft != 0 {
                transfer(t, to: pair.companion, at: time)
                time += dice.int(15_000...45_000)
            }
        }
        // During the evening some holders pass one coupon to a friend.
        for companion in DemoTimeline.couponCompanions {
            let candidates = tickets.indices.filter { i in
                guard case .coupon? = setup.products[tickets[i].product]?.use else { return false }
                return !tickets[i].moved && tickets[i].transfersLeft != 0 && tickets[i].holder < DemoTimeline.couponSetTakers.upperBound
            }
            guard !candidates.isEmpty else { break }
            let t = dice.pick(candidates)
            let time = window(0, 17, 0, 21, 30).draw(dice, notBefore: tickets[t].ready + dice.int(1...30) * DemoCalendar.minute)
            transfer(t, to: companion, at: time)
        }
    }

    // MARK: uses

    /// When, where, how likely and for how much a ticket is used.
    struct UseRule {
        let percent: Int
        let window: DemoWindow
        let store: DemoStoreRef
        let amount: ClosedRange<Int64>?
    }

    func rule(for product: String) -> UseRule {
        let info = setup.products[product]!
        switch info.use {
        case .entry:
            return UseRule(percent: 92, window: window(0, 15, 0, 17, 30), store: info.stores[0], amount: nil)
        case .tasting:
            if dice.chance(60) { return UseRule(percent: 80, window: window(0, 16, 0, 20, 30), store: setup.venue, amount: nil) }
            return UseRule(percent: 70, window: window(1, 10, 0, 15, 0), store: setup.tastingBrewery.store, amount: 1_500...6_000)
        case .coupon(let industry):
            let shop = setup.shops.first { $0.couponID == product }!.shop!
            let least = shop.minPurchase ?? 0
            switch industry {
            case DemoNames.Industry.bar:
                return UseRule(percent: 35, window: window(0, 20, 30, 23, 59), store: info.stores[0], amount: max(least, 1_500)...6_000)
            case DemoNames.Industry.izakaya:
                return UseRule(percent: 40, window: window(0, 20, 30, 23, 59), store: info.stores[0], amount: max(least, 2_000)...8_000)
            case DemoNames.Industry.karaoke:
                return UseRule(percent: 25, window: window(0, 20, 45, 23, 59), store: info.stores[0], amount: max(least, 1_000)...4_500)
            case DemoNames.Industry.ramen:
                return UseRule(percent: 55, window: window(1, 7, 0, 11, 0), store: info.stores[0], amount: 800...1_500)
            default:
                return UseRule(percent: 35, window: window(1, 12, 0, 16, 0), store: info.stores[0], amount: max(least, 500)...3_200)
            }
        }
    }

    mutating func uses() {
        for t in tickets.indices {
            let rule = rule(for: tickets[t].product)
            // A coupon someone was given is more likely to be used than one that came in a set.
            let percent = tickets[t].moved ? min(95, rule.percent + 25) : rule.percent
            guard dice.chance(percent) else { continue }
            let time = rule.window.draw(dice, notBefore: tickets[t].ready + dice.int(2...20) * DemoCalendar.minute)
            let amount = rule.amount.flatMap { range in dice.chance(85) ? dice.yen(range) : nil }
            script.add(.use(tickets[t].ref, store: rule.store, amount: amount), at: time, by: holders[tickets[t].holder])
            tickets[t].ready = time
            useCount += 1
        }
    }
}
