import Crypto
import Foundation
import Ledger
import Store

/// What the commerce and management services share: the ledger's writer and readers, the
/// application tables, the key vault, and injected time and randomness.
///
/// Build one per node (App wires it) and hand it to `Catalogue`, `AdminService`,
/// `EndorsementService` and `OrderService`; all of them are thread-safe.
public struct ServiceContext: Sendable {
    /// The node's single writer; every ledger change goes through it.
    public let sequencer: Sequencer
    /// Read-only snapshots of the ledger (and the application tables) for request handlers.
    public let reads: LedgerReadPool
    /// The application tables' writer (orders, endorsement requests).
    public let app: CommerceDatabase
    /// Keys held in custody: `operator`, `merchant/<id>`, `store/<id>`, `sales`.
    public let vault: KeyVault
    /// The network id every signed body carries.
    public let net: String
    /// Time for transaction bodies, order times and sale checks.
    public let clock: Clock
    /// Randomness for keys, nonces, order ids and counter codes.
    public let random: RandomSource

    /// Bundles the dependencies.
    public init(sequencer: Sequencer, reads: LedgerReadPool, app: CommerceDatabase, vault: KeyVault, net: String,
                clock: Clock, random: RandomSource) {
        self.sequencer = sequencer; self.reads = reads; self.app = app; self.vault = vault
        self.net = net; self.clock = clock; self.random = random
    }

    /// Runs `body` on one read snapshot; failures other than service and ledger errors become `unavailable`.
    func read<T>(_ body: (LedgerStore) throws -> T) throws -> T {
        try ServiceError.guarding { try reads.read(body) }
    }
}
