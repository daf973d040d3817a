import Crypto
import Ledger
import SQLiteDB

/// Listing queries over the registry tables, for catalogues and consoles (not used by the
/// validation rules, which only make point lookups).
extension LedgerStore {
    /// Products in id order after `after` (exclusive), at most `limit`, optionally only those of
    /// one issuer, one kind (`ticket`/`coupon`) or one campaign.
    public func products(after: String?, limit: Int, issuer: String? = nil, kind: String? = nil,
                         campaign: String? = nil) throws -> [ProductRecord] {
        // kind and campaign live in the JCS terms; json_extract reads them without decoding in Swift.
        let ids = try db.cached("""
            SELECT id FROM products
            WHERE id > ?1 AND (?2 IS NULL OR issuer = ?2)
              AND (?3 IS NULL OR json_extract(terms, '$.kind') = ?3)
              AND (?4 IS NULL OR json_extract(terms, '$.campaign') = ?4)
            ORDER BY id LIMIT ?5
            """).query(.text(after ?? ""), SQLValue(issuer), SQLValue(kind), SQLValue(campaign), .int(Int64(max(0, limit)))) {
                $0.string(0) ?? ""
            }
        return try ids.compactMap { try product($0) }
    }

    /// The stores of one merchant, by id.
    public func stores(ofMerchant merchant: String) throws -> [StoreRecord] {
        let ids = try db.cached("SELECT id FROM stores WHERE merchant = ? ORDER BY id").query(.text(merchant)) { $0.string(0) ?? "" }
        return try ids.compactMap { try store($0) }
    }

    /// The stores whose industry is one of `industries`, by id.
    public func stores(inIndustries industries: [String]) throws -> [StoreRecord] {
        guard !industries.isEmpty else { return [] }
        let codes = RowCoding.text(industries)
        let ids = try db.cached("SELECT id FROM stores WHERE industry IN (SELECT value FROM json_each(?)) ORDER BY id")
            .query(.text(codes)) { $0.string(0) ?? "" }
        return try ids.compactMap { try store($0) }
    }

    /// Every store, by id (for rules that match on attributes).
    public func allStores() throws -> [StoreRecord] {
        let ids = try db.cached("SELECT id FROM stores ORDER BY id").query { $0.string(0) ?? "" }
        return try ids.compactMap { try store($0) }
    }

    /// Every grant held by `delegate`, live or not.
    public func grants(toDelegate delegate: PublicKey) throws -> [GrantRecord] {
        let granters = try db.cached("SELECT granter FROM grants WHERE delegate = ? ORDER BY granter")
            .query(.blob(delegate.bytes)) { $0.string(0) ?? "" }
        return try granters.compactMap { try grant(granter: $0, delegate: delegate) }
    }

    /// Merchants in id order after `after` (exclusive), at most `limit`.
    public func merchants(after: String?, limit: Int) throws -> [MerchantRecord] {
        try db.cached("SELECT id, name, key, industries, attrs FROM merchants WHERE id > ? ORDER BY id LIMIT ?")
            .query(.text(after ?? ""), .int(Int64(max(0, limit)))) { try Self.merchantRow($0) }
    }
}
