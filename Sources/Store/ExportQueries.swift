import Crypto
import Ledger
import SQLiteDB

/// Queries of the management console's exports and operator pages: block ranges by time,
/// consumer accounts by key with their consented attributes, merchant search. Read-only.
extension LedgerStore {
    /// One block's place in the log: leaves `[first, first + count)` committed at `time`.
    public struct BlockSpan: Sendable, Equatable {
        public let height: Int64
        public let first: Int64
        public let count: Int64
        public let time: Int64
    }

    /// The leaf range of the blocks whose time is in `[from, until)` (block times never go
    /// down), or nil when no block falls in it.
    public func leafRange(blockTimeFrom from: Int64, until: Int64) throws -> Range<Int64>? {
        guard let last = try latestBlockSpan() else { return nil }
        // First block with time >= from, and first block with time >= until: binary searches.
        let lo = try firstHeight(column: "time", atOrAbove: from, last: last.height)
        let hi = try firstHeight(column: "time", atOrAbove: until, last: last.height)
        guard lo < hi, let a = try blockSpan(height: lo), let b = try blockSpan(height: hi - 1) else { return nil }
        return a.first..<(b.first + b.count)
    }

    /// The blocks holding leaves of `range`, in height order (two binary searches over the
    /// block heights, then one primary-key range: cheap at any log size).
    public func blockSpans(coveringLeaves range: Range<Int64>) throws -> [BlockSpan] {
        guard let last = try latestBlockSpan(), !range.isEmpty else { return [] }
        // Blocks start at increasing leaves: the one holding the lower bound is the last that
        // starts at or before it; the range ends before the first block starting at or after its end.
        let lo = max(0, try firstHeight(column: "first", above: range.lowerBound, last: last.height) - 1)
        let hi = try firstHeight(column: "first", atOrAbove: range.upperBound, last: last.height)
        return try db.cached("SELECT height, first, count, time FROM blocks WHERE height >= ? AND height < ? ORDER BY height")
            .query(.int(lo), .int(hi)) {
                BlockSpan(height: $0.int64(0), first: $0.int64(1), count: $0.int64(2), time: $0.int64(3))
            }
    }

    /// The consumer account whose wallet key is `key`, if any.
    public func account(withKey key: PublicKey) throws -> String? {
        try db.cached("SELECT id FROM accounts WHERE key = ?").queryOne(.blob(key.bytes)) { $0.string(0) } ?? nil
    }

    /// The attributes an account shared with consent (sex, birth year, prefecture code), if any.
    public func consentedAttributes(account: String) throws -> (sex: String?, birthYear: Int?, prefecture: Int?)? {
        try db.cached("SELECT sex, birth_year, prefecture FROM account_attributes WHERE account = ?")
            .queryOne(.text(account)) { r in (r.string(0), r.isNull(1) ? nil : r.int(1), r.isNull(2) ? nil : r.int(2)) }
    }

    /// Merchants whose id or name contains `text` (case-insensitive for ASCII), in id order after
    /// `after`, at most `limit`.
    public func merchants(matching text: String, after: String?, limit: Int) throws -> [MerchantRecord] {
        let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try db.cached("""
            SELECT id, name, key, industries, attrs FROM merchants
            WHERE id > ?1 AND (id LIKE ?2 ESCAPE '\\' OR name LIKE ?2 ESCAPE '\\') ORDER BY id LIMIT ?3
            """).query(.text(after ?? ""), .text(pattern), .int(Int64(max(0, limit)))) { try Self.merchantRow($0) }
    }

    /// How many stores each of `merchants` has.
    public func storeCounts(merchants: [String]) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let stmt = try db.cached("SELECT count(*) FROM stores WHERE merchant = ?")
        for m in merchants { out[m] = try stmt.queryOne(.text(m)) { $0.int(0) } ?? 0 }
        return out
    }

    private func latestBlockSpan() throws -> BlockSpan? {
        try db.cached("SELECT height, first, count, time FROM blocks ORDER BY height DESC LIMIT 1").queryOne {
            BlockSpan(height: $0.int64(0), first: $0.int64(1), count: $0.int64(2), time: $0.int64(3))
        }
    }

    private func blockSpan(height: Int64) throws -> BlockSpan? {
        try db.cached("SELECT height, first, count, time FROM blocks WHERE height = ?").queryOne(.int(height)) {
            BlockSpan(height: $0.int64(0), first: $0.int64(1), count: $0.int64(2), time: $0.int64(3))
        }
    }

    /// The lowest height whose `column` (`time` or `first`, both never decreasing with height)
    /// is >= `value`; `last + 1` when none is.
    private func firstHeight(column: String, atOrAbove value: Int64, last: Int64) throws -> Int64 {
        precondition(column == "time" || column == "first", "store: blocks are searched by time or first only")
        let stmt = try db.cached("SELECT \(column) FROM blocks WHERE height = ?")
        var lo: Int64 = 0, hi = last + 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let v = try stmt.queryOne(.int(mid)) { $0.int64(0) } ?? Int64.max
            if v >= value { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The lowest height whose `column` is > `value`.
    private func firstHeight(column: String, above value: Int64, last: Int64) throws -> Int64 {
        value == Int64.max ? last + 1 : try firstHeight(column: column, atOrAbove: value + 1, last: last)
    }
}
