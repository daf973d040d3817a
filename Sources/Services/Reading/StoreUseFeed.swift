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

    /// The SSE event name.
    public static let event = "use"

    /// The hub topic of a store's feed.
    public static func topic(_ store: String) -> String { "store/\(store)" }

    /// The uses at `store` committed after the transaction `txid` (a screen's `Last-Event-ID`),
    /// oldest first, so a screen that lost its connection gets what it missed.
    ///
    /// Bounded: looks at most at the `scan` leaves after `txid` (the newest ones, if more were
    /// committed since) and returns at most the newest `limit` uses. An unknown `txid` yields
    /// nothing. Each leaf is first matched by its bytes, so leaves of other stores are not parsed.
    public static func missed(after txid: String, store: String, in ledger: LedgerStore,
                              scan: Int64 = 10_000, limit: Int = 100) throws -> [StoreUseEvent] {
        guard let last = try ledger.transaction(txid: txid) else { return [] }
        let end = ledger.logSize
        let first = max(last.index + 1, end - max(0, scan))
        guard first < end else { return [] }
        let needle = Array("\"store\":".utf8) + JCS.encode(.string(store))
        var found: [StoreUseEvent] = []
        var at = first
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

    /// `missed(after:store:in:)` on a snapshot of `reader`, for a screen that reconnected with
    /// `lastEventID` (nil or empty: a first connection, nothing to replay). A read error yields
    /// nothing: the live feed still works, and the screen shows what comes next.
    public static func missed(after lastEventID: String?, store: String, reader: LedgerReadPool) -> [StoreUseEvent] {
        guard let last = lastEventID, !last.isEmpty else { return [] }
        return (try? reader.read { try missed(after: last, store: store, in: $0) }) ?? []
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
