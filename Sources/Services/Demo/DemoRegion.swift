import Crypto
import Ledger

/// The demo region "喜多方 SAKE フェスタ" (after the Kitakata SAKE Festa 2019 deployment): 12 sake
/// breweries, 31 nearby shops, the festival's entry ticket, shop coupons and packages, and two
/// days of sales, transfers and uses, as a script of signed transactions.
///
/// The generator is pure and deterministic: every key and nonce comes from the injected
/// `RandomSource`, every time from `start`, so the same inputs give the same transactions.
/// The script assumes a ledger whose genesis names `operatorKey` as an operator; applied in order,
/// each step at block time `time`, every step is valid.
public struct DemoRegion: Sendable {
    /// The region's display name.
    public static let regionName = DemoNames.regionName

    /// The transactions after the genesis, in chronological order (non-decreasing `time`).
    public let steps: [DemoStep]
    /// Every key the generator made (merchants, stores, the sales delegate, consumers),
    /// for the server to keep sealed. The operator key is the caller's and is not listed.
    public let keys: [DemoKey]
    /// The accounts a person should sign in with: the operator and two merchants.
    public let logins: [DemoLogin]
    /// What the script contains.
    public let summary: DemoSummary

    /// Builds the demo.
    /// - Parameters:
    ///   - net: the network id (from the genesis); store proofs are bound to it.
    ///   - operatorKey: an operator of the network; signs merchant and store registrations.
    ///   - start: beginning of the two-day demo period, ms since the epoch (UTC). The festival
    ///     day is the Japanese (JST) date of `start`; registrations begin at `start`, and the
    ///     evening, the night and the next morning follow on JST wall-clock times. A `start` late
    ///     in the JST day moves the activities that would fall before it to just after it.
    ///   - random: the source of every key and nonce (`SeededRandom` for a repeatable demo).
    public static func build(net: String, operatorKey: SigningKey, start: Int64, random: any RandomSource) -> DemoRegion {
        let dice = DemoDice(random: random)
        let calendar = DemoCalendar(start: start)
        var script = DemoScript()
        let setup = DemoSetup.plan(into: &script, operatorKey: operatorKey, calendar: calendar, dice: dice)
        let timeline = DemoTimeline.plan(into: &script, setup: setup, calendar: calendar, dice: dice)
        let steps = script.sign(net: net, dice: dice)
        let organiser = setup.organiser
        let ramen = setup.shops.first { $0.industry == DemoNames.Industry.ramen }!
        let logins = [
            DemoLogin(account: "operator", role: .operator, merchant: nil, displayName: DemoNames.operatorName, keyName: nil),
            DemoLogin(account: organiser.merchantID, role: .merchant, merchant: organiser.merchantID,
                      displayName: organiser.name, keyName: organiser.merchantKeyName),
            DemoLogin(account: ramen.merchantID, role: .merchant, merchant: ramen.merchantID,
                      displayName: ramen.name, keyName: ramen.merchantKeyName),
        ]
        let summary = DemoSummary(
            merchants: setup.breweries.count + setup.shops.count, stores: setup.storeCount,
            products: setup.productCount, consumers: timeline.consumers.count,
            issues: timeline.issues, ticketsIssued: timeline.tickets, transfers: timeline.transfers,
            uses: timeline.uses, steps: steps.count)
        return DemoRegion(steps: steps, keys: setup.keys + timeline.consumers, logins: logins, summary: summary)
    }
}

/// One transaction of the demo and the block time to apply it at (equal to its body's `time`).
public struct DemoStep: Sendable {
    /// Block time, ms UTC; also the transaction's client time.
    public let time: Int64
    /// The signed transaction.
    public let tx: SignedTx
}

/// What a generated key is for.
public enum DemoRole: String, Sendable, Equatable {
    case `operator`
    case merchant
    case store
    /// A key allowed to issue a merchant's tickets (`delegate.grant`), like an online shop.
    case delegate
    case consumer
}

/// A key the generator made, with a stable name such as `merchant/brewery-01`,
/// `store/ramen-03`, `consumer/0042` or `sales`.
public struct DemoKey: Sendable {
    public let name: String
    public let role: DemoRole
    public let key: SigningKey
}

/// An account a person signs in with to try the demo. Passwords are the server's business.
public struct DemoLogin: Sendable, Equatable {
    /// A suggested login name (`operator`, or the merchant id).
    public let account: String
    public let role: DemoRole
    /// The merchant the account manages; nil for the operator.
    public let merchant: String?
    /// The name to greet the person with (Japanese).
    public let displayName: String
    /// The name in `DemoRegion.keys` of the key the account signs with; nil for the operator,
    /// whose key the caller already holds.
    public let keyName: String?
}

/// Counts of what the demo script creates.
public struct DemoSummary: Sendable, Equatable {
    public let merchants: Int
    public let stores: Int
    public let products: Int
    /// Consumer keys that hold or held a ticket.
    public let consumers: Int
    /// `ticket.issue` transactions.
    public let issues: Int
    /// Tickets created (a package counts one ticket per component unit).
    public let ticketsIssued: Int
    public let transfers: Int
    public let uses: Int
    /// All steps (transactions after the genesis).
    public let steps: Int
}
