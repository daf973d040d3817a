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
    /// Accounts, staff, idempotency and commerce.
    let app: AppServices
    /// Request budgets.
    let limits: RateLimits

    /// Creates the context.
    public init(reader: LedgerReadPool, sequencer: Sequencer, clock: Clock, hub: EventHub, app: AppServices, limits: RateLimits) {
        self.reader = reader
        self.sequencer = sequencer
        self.clock = clock
        self.hub = hub
        self.app = app
        self.limits = limits
    }
}
