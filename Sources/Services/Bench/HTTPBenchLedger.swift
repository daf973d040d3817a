import Crypto
import Foundation
import Ledger
import Store

/// The ledger side of `kippu bench http`: a fresh ledger holding a shop, a store, a coupon and
/// `tickets` issued tickets, plus one pre-signed `ticket.use` per ticket.
public struct HTTPBenchLedger {
    /// The durable ledger, its sequencer running (the caller shuts it down).
    public let store: LedgerStore
    public let sequencer: Sequencer
    /// Pre-signed uses, one per ticket, in submission order.
    public let uses: [SignedTx]
    /// The (empty) key vault beside the database, for the application services.
    public let vault: KeyVault
    /// The benchmark network's id.
    public let net = BenchWorkload.net

    /// Creates the ledger at `dbPath` (which must not exist) with the current time.
    public static func prepare(dbPath: String, tickets: Int) throws -> HTTPBenchLedger {
        let workload = BenchWorkload(time: SystemClock().now())
        let store = try LedgerStore.create(path: dbPath)
        let vault = try KeyVault.create(directory: KeyVault.directory(forDatabase: dbPath))
        let sequencer = try Sequencer(store: store, nodeKey: workload.nodeKey, clock: SystemClock())
        let (issues, uses) = workload.ticketsAndUses(count: tickets)
        for tx in workload.setup() + issues {
            guard case .accepted = sequencer.submitAndWait(tx) else {
                sequencer.shutdown()
                throw StoreError.inconsistent("benchmark setup was refused")
            }
        }
        return HTTPBenchLedger(store: store, sequencer: sequencer, uses: uses, vault: vault)
    }
}
