import Ledger
import Store

/// One committed use at a store, as the staff screen's live feed carries it (the SSE topic
/// `store/<id>`, event `use`, event id = the txid).
///
/// The data is JSON `{ticket, store, txid, height, time, amount?}`: only what the committed
/// `ticket.use` itself says (no personal data).
public struct StoreUseEvent: Sendable, Equatable {
    public let ticket: String
    public let store: String
    public let txid: String
    /// Height of the block that holds the use.
    public let height: Int64
    /// The transaction's own time (ms since the epoch).
    public let time: Int64
    /// The purchase amount in yen, when the use gave one.
    public let amount: Int64?

    public init(use: TicketUse, txid: String, height: Int64, time: Int64) {
        ticket = use.ticket; store = use.store; self.txid = txid; self.height = height; self.time = time; amount = use.amount
    }

    /// The event's data: JCS of `{amount?, height, store, ticket, time, txid}`.
    public var data: String {
        var o = JSONObject()
        o.set("ticket", .string(ticket))
        o.set("store", .string(store))
        o.set("txid", .string(txid))
        o.set("height", .int(height))
        o.set("time", .int(time))
        if let amount { o.set("amount", .int(amount)) }
        return String(decoding: JCS.encode(.object(o)), as: UTF8.self)
    }

    /// The event as a server-sent event: name, id (the txid) and data.
    public var sse: (event: String, id: String, data: String) { (Self.event, txid, data) }

    /// The SSE event name.
    public static let event = "use"

    /// The hub topic of a store's feed.
    public static func topic(_ store: String) -> String { "store/\(store)" }

    /// The uses at `store` committed after the transaction `txid` (a screen's `Last-Event-ID`),
    /// oldest first, so a screen that lost its connection gets what it missed. An unknown `txid`
    /// yields nothing. Bounded as `uses(at:fromLeaf:in:scan:limit:)`.
    public static func missed(after txid: String, store: String, in ledger: LedgerStore,
                              scan: Int64 = 10_000, limit: Int = 100) throws -> [StoreUseEvent] {
        guard let last = try ledger.transaction(txid: txid) else { return [] }
        return try uses(at: store, fromLeaf: last.index + 1, in: ledger, scan: scan, limit: limit)
    }

    /// The uses at `store` in blocks of `time` or later, oldest first: what a staff screen shows
    /// when it opens. Bounded as `uses(at:fromLeaf:in:scan:limit:)`.
    public static func recent(at store: String, since time: Int64, in ledger: LedgerStore,
                              scan: Int64 = 10_000, limit: Int = 100) throws -> [StoreUseEvent] {
        try uses(at: store, fromLeaf: try ledger.firstLeaf(atOrAfter: time), in: ledger, scan: scan, limit: limit)
    }

    /// The uses at `store` from leaf `first` on, oldest first. Looks at most at the `scan` newest
    /// of those leaves and returns at most the newest `limit` uses. Each leaf is first matched by
    /// its bytes, so leaves of other stores are not parsed.
    public static func uses(at store: String, fromLeaf first: Int64, in ledger: LedgerStore,
                            scan: Int64 = 10_000, limit: Int = 100) throws -> [StoreUseEvent] {
        let end = ledger.logSize
        let start = max(first, end - max(0, scan))
        guard start < end else { return [] }
        let needle = Array("\"store\":".utf8) + JCS.encode(.string(store))
        var found: [StoreUseEvent] = []
        var at = start
        while at < end {
            let count = min(1_000, end - at)
            for leaf in try ledger.envelopes(first: at, count: count) where contains(leaf.envelope, needle) {
                guard let tx = try? SignedTx(json: leaf.envelope), case .ticketUse(let use) = tx.tx.payload, use.store == store else { continue }
                found.append(StoreUseEvent(use: use, txid: leaf.txid, height: leaf.height, time: tx.tx.time))
            }
            at += count
        }
        return Array(found.suffix(max(0, limit)))
    }

    /// What a screen gets as it connects, read on a snapshot of `reader`: with a `lastEventID`
    /// (EventSource sends the last id it got when it reconnects), the uses it missed since; without
    /// one, the uses since `recentSince` when that is given (a staff screen that just opened),
    /// else nothing. A read error yields nothing: the live feed still works.
    public static func backlog(lastEventID: String?, recentSince: Int64? = nil, store: String,
                               reader: LedgerReadPool) -> [StoreUseEvent] {
        if let last = lastEventID, !last.isEmpty {
            return (try? reader.read { try missed(after: last, store: store, in: $0) }) ?? []
        }
        guard let since = recentSince else { return [] }
        return (try? reader.read { try recent(at: store, since: since, in: $0) }) ?? []
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let head = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == head && haystack[i ..< i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
