import Ledger

/// The answer to one submission, given only after its block is durably committed.
public enum Receipt: Sendable, Equatable {
    /// On the ledger: leaf `index` of block `height`.
    case accepted(txid: String, index: Int64, height: Int64)
    /// Refused by a rule; the ledger is unchanged.
    case rejected(LedgerError)
    /// The block could not be committed (I/O error, full disk); nothing was written and the
    /// submission may be retried as it is.
    case failed(String)

    /// The txid when accepted.
    public var txid: String? { if case .accepted(let t, _, _) = self { return t }; return nil }
}
