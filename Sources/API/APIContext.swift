import HTTPServer
import Ledger
import Services

/// Everything the API handlers use, wired by `App`.
public final class APIContext: Sendable {
    /// Snapshot reads of the ledger.
    let reader: LedgerReadPool
    /// The single writer that turns submissions into blocks.
    let sequencer: Sequencer
    /// Time for display states and rate limits (validation uses block time).
    let clock: Clock
    /// Live feeds (store redemptions).
    let hub: EventHub

    /// Creates the context.
    public init(reader: LedgerReadPool, sequencer: Sequencer, clock: Clock, hub: EventHub) {
        self.reader = reader
        self.sequencer = sequencer
        self.clock = clock
        self.hub = hub
    }
}
