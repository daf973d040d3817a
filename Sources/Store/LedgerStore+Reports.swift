import Crypto
import Ledger
import SQLiteDB

/// One issue or use in the log, as the console's dashboard counts them.
public struct LedgerActivity: Sendable, Equatable {
    /// Issue (a sale or a gift) or use.
    public enum Kind: String, Sendable { case issue, use }
    /// What happened.
    public let kind: Kind
    /// Block time, ms since the epoch.
    public let time: Int64
    /// The merchant (or `operator`) it counts for: the product's issuer for an issue, the
    /// ticket's issuer for a use.
    public let issuer: String
    /// The product issued (a package for a package sale) or the used ticket's product.
    public let product: String
    /// Units issued (packages count packages); 1 for a use.
    public let units: Int64
    /// Yen of an issue at the product's price (`units × price`); 0 for a use.
    public let yen: Int64
}

/// Tickets a merchant still owes, grouped by product.
public struct OutstandingTickets: Sendable, Equatable {
    /// The product.
    public let product: String
    /// Active tickets whose validity has not ended.
    public let count: Int64
    /// Of those, the ones whose validity ends before the `soon` limit of the query.
    public let expiringSoon: Int64
}

/// One step of a ticket's life as the log holds it.
public struct TicketChainEntry: Sendable {
    /// 0 for the issue, then one per transfer, then the use or cancel.
    public let seq: Int64
    /// The transaction's id.
    public let txid: String
    /// Its leaf index.
    public let leaf: Int64
    /// The block that holds it.
    public let height: Int64
    /// The block's time, ms.
    public let time: Int64
    /// The decoded transaction (nil only if a stored envelope does not decode, which `verify` reports).
    public let tx: SignedTx?
}

/// Read-only reports for consoles: activity in a time window, outstanding tickets, a ticket's
/// chain. Bounded by the window or by one merchant's products; they never touch the rules.
extension LedgerStore {
    /// The first leaf index of the first block whose time is `time` or later (the log size when
    /// none is). Block times never go backwards, so this is a binary search over block heights:
    /// O(log blocks) primary-key reads.
    public func firstLeaf(atOrAfter time: Int64) throws -> Int64 {
        let row = try db.cached("SELECT min(height), max(height) FROM blocks").queryOne(row: { r -> (Int64, Int64)? in
            r.isNull(0) ? nil : (r.int64(0), r.int64(1))
        })
        guard let found = row, let bounds = found else { return 0 }
        let (low, high) = bounds
        let at = try db.cached("SELECT time, first FROM blocks WHERE height = ?")
        var lo = low, hi = high + 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let t = try at.queryOne(.int(mid)) { $0.int64(0) } ?? Int64.min
            if t < time { lo = mid + 1 } else { hi = mid }
        }
        if lo > high {
            return try db.cached("SELECT coalesce(max(idx) + 1, 0) FROM leaves").queryOne { $0.int64(0) } ?? 0
        }
        return try at.queryOne(.int(lo)) { $0.int64(1) } ?? 0
    }

    /// Issues and uses committed at `since` or later, of `issuer`'s products (every issuer when
    /// nil), oldest first. Reads only the leaves of the window (found by `firstLeaf`).
    public func activity(issuer: String?, since: Int64) throws -> [LedgerActivity] {
        let first = try firstLeaf(atOrAfter: since)
        let rows = try db.cached("""
            SELECT b.time, x.type, x.product, x.count, x.ticket FROM (
                SELECT l.height AS height, json_extract(CAST(l.envelope AS TEXT), '$.body.type') AS type,
                       json_extract(CAST(l.envelope AS TEXT), '$.body.product') AS product,
                       json_extract(CAST(l.envelope AS TEXT), '$.body.count') AS count,
                       json_extract(CAST(l.envelope AS TEXT), '$.body.ticket') AS ticket
                FROM leaves l WHERE l.idx >= ?1) x
            JOIN blocks b ON b.height = x.height
            WHERE x.type IN ('ticket.issue', 'ticket.use')
            ORDER BY b.height
            """).query(.int(first)) { r in (r.int64(0), r.string(1) ?? "", r.string(2), r.int64(3), r.string(4)) }
        var out: [LedgerActivity] = []
        for (time, type, productID, count, ticketID) in rows {
            if type == TxType.ticketIssue.rawValue {
                guard let id = productID, let p = try product(id), issuer == nil || p.terms.issuer == issuer else { continue }
                out.append(LedgerActivity(kind: .issue, time: time, issuer: p.terms.issuer, product: id, units: count,
                                          yen: count * p.terms.price))
            } else {
                guard let id = ticketID, let t = try ticket(id), issuer == nil || t.issuer == issuer else { continue }
                out.append(LedgerActivity(kind: .use, time: time, issuer: t.issuer, product: t.product, units: 1, yen: 0))
            }
        }
        return out
    }

    /// Active tickets not yet expired at `now`, per product of `issuer` (every issuer when nil),
    /// with how many of them expire before `soon`. Reads the issuer's products through
    /// `products_issuer` and their tickets through `tickets_product`.
    public func outstanding(issuer: String?, now: Int64, soon: Int64) throws -> [OutstandingTickets] {
        try db.cached("""
            SELECT p.id, count(*), sum(CASE WHEN t.valid_until IS NOT NULL AND t.valid_until <= ?3 THEN 1 ELSE 0 END)
            FROM products p JOIN tickets t ON t.product = p.id JOIN ticket_state s ON s.n = t.n
            WHERE (?1 IS NULL OR p.issuer = ?1) AND s.state = 'active' AND (t.valid_until IS NULL OR t.valid_until > ?2)
            GROUP BY p.id ORDER BY p.id
            """).query(SQLValue(issuer), .int(now), .int(soon)) { r in
                OutstandingTickets(product: r.string(0) ?? "", count: r.int64(1), expiringSoon: r.int64(2))
            }
    }

    /// The steps of ticket `id` (issue, transfers, use or cancel), oldest first; empty when the
    /// ticket does not exist. Primary-key reads only.
    public func chain(ofTicket id: String) throws -> [TicketChainEntry] {
        try db.cached("""
            SELECT h.seq, l.idx, l.txid, l.height, b.time, l.envelope
            FROM tickets t JOIN ticket_history h ON h.ticket = t.n JOIN leaves l ON l.idx = h.leaf
            JOIN blocks b ON b.height = l.height
            WHERE t.id = ? ORDER BY h.seq
            """).query(.text(id)) { r in
                TicketChainEntry(seq: r.int64(0), txid: Base64URL.encode(r.blob(2) ?? []), leaf: r.int64(1), height: r.int64(3),
                                 time: r.int64(4), tx: try? SignedTx(json: r.blob(5) ?? []))
            }
    }

    /// The industries of registered stores, sorted (for forms that limit where a coupon is used).
    public func storeIndustries() throws -> [String] {
        try db.cached("SELECT DISTINCT industry FROM stores ORDER BY industry").query { $0.string(0) ?? "" }
    }
}
