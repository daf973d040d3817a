import Ledger
import SQLiteDB

/// Paged, searchable store listings for the console (an operator may have thousands of stores).
extension LedgerStore {
    /// Stores in id order after `after` (exclusive), at most `limit`, optionally only one
    /// merchant's, optionally only those whose id (ASCII case-insensitive) or name contains `search`.
    public func stores(after: String?, limit: Int, merchant: String? = nil, search: String? = nil) throws -> [StoreRecord] {
        let ids = try db.cached("""
            SELECT id FROM stores
            WHERE id > ?1 AND (?2 IS NULL OR merchant = ?2)
              AND (?3 IS NULL OR instr(lower(id), lower(?3)) > 0 OR instr(name, ?3) > 0)
            ORDER BY id LIMIT ?4
            """).query(.text(after ?? ""), SQLValue(merchant), SQLValue(search), .int(Int64(max(0, limit)))) { $0.string(0) ?? "" }
        return try ids.compactMap { try store($0) }
    }

    /// How many stores `stores(after:limit:merchant:search:)` would list without paging.
    public func storeCount(merchant: String? = nil, search: String? = nil) throws -> Int {
        try db.cached("""
            SELECT count(*) FROM stores
            WHERE (?1 IS NULL OR merchant = ?1)
              AND (?2 IS NULL OR instr(lower(id), lower(?2)) > 0 OR instr(name, ?2) > 0)
            """).queryOne(SQLValue(merchant), SQLValue(search)) { $0.int(0) } ?? 0
    }
}
