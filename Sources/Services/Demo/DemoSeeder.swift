import Crypto
import Foundation
import Ledger
import Store

/// Creates a ledger holding the demo region, written through the real sequencer: a new
/// database and key vault, a genesis two days in the past, then every demo step committed at
/// its own time (block time follows the demo's timeline).
public enum DemoSeeder {
    /// The demo network id.
    public static let net = "demo-kitakata"

    /// What was seeded.
    public struct Seeded {
        public let region: DemoRegion
        public let network: NetworkInfo
        public let blocks: Int
    }

    /// Seeds a new ledger at `dbPath`. Refuses an existing database.
    /// - Parameter now: the end of the demo period (default: the current time).
    public static func seed(dbPath: String, now: Int64 = SystemClock().now(), random: RandomSource = SystemRandom()) throws -> Seeded {
        let start = now - 2 * TicketWindow.day
        let clock = ManualClock(start - 60_000)
        let created = try LedgerSetup.initialize(dbPath: dbPath, net: net, name: DemoRegion.regionName, clock: clock)
        guard let operatorKey = created.operatorKey else { throw StoreError.inconsistent("demo needs the server's operator key") }
        let region = DemoRegion.build(net: net, operatorKey: operatorKey, start: start, random: random)
        try created.vault.put(region.keys.map { ($0.name, $0.key) })
        let sequencer = try Sequencer(store: created.store, nodeKey: created.nodeKey, clock: clock, config: .init(windowMillis: 0))
        defer { sequencer.shutdown() }
        var blocks = 1
        var i = 0
        let steps = region.steps
        // Steps that share a time go into one block, like a burst of real submissions.
        while i < steps.count {
            let time = steps[i].time
            clock.set(time)
            var group: [SignedTx] = []
            while i < steps.count && steps[i].time == time { group.append(steps[i].tx); i += 1 }
            let receipts = group.map { tx in ReceiptWaiter(sequencer, tx) }.map { $0.wait() }
            for (tx, receipt) in zip(group, receipts) {
                guard case .accepted = receipt else {
                    throw StoreError.inconsistent("demo step \(tx.tx.type.rawValue) \(tx.txid) was refused: \(receipt)")
                }
            }
            blocks += 1
        }
        return Seeded(region: region, network: created.network, blocks: blocks)
    }
}

/// Submits at once and waits later, so several submissions can share a block.
private struct ReceiptWaiter {
    let box = ReceiptBox()
    init(_ sequencer: Sequencer, _ tx: SignedTx) {
        let b = box
        sequencer.submit(tx) { b.set($0) }
    }
    func wait() -> Receipt { box.wait() }
}
