import Ledger

/// The outcome of a full replay of a ledger.
public struct VerifyReport: Sendable {
    /// Height of the last block checked.
    public var height: Int64 = -1
    /// Leaves replayed.
    public var size: Int64 = 0
    /// Root at `size`.
    public var root: Hash?
    /// Wall-clock seconds the replay took.
    public var seconds: Double = 0
    /// The first problem found, or nil when everything agrees.
    public var problem: VerifyProblem?

    /// True when the ledger verified.
    public var ok: Bool { problem == nil }

    /// Transactions per second of the replay.
    public var rate: Double { seconds > 0 ? Double(size) / seconds : 0 }
}

/// Where a verification failed and why.
public struct VerifyProblem: Sendable, CustomStringConvertible {
    /// The block, when the problem is in one.
    public var height: Int64?
    /// The leaf index and txid, when the problem is one transaction.
    public var index: Int64?
    public var txid: String?
    /// A derived table that disagrees with the replay.
    public var table: String?
    public var reason: String

    public init(height: Int64? = nil, index: Int64? = nil, txid: String? = nil, table: String? = nil, reason: String) {
        self.height = height; self.index = index; self.txid = txid; self.table = table; self.reason = reason
    }

    public var description: String {
        var parts: [String] = []
        if let height { parts.append("block \(height)") }
        if let index { parts.append("leaf \(index)") }
        if let txid { parts.append("tx \(txid)") }
        if let table { parts.append("table \(table)") }
        return (parts.isEmpty ? "" : parts.joined(separator: ", ") + ": ") + reason
    }
}
