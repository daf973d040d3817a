import SQLiteDB

extension Schema {
    /// Version 3: the commerce application's own tables (not derived from the log, so not in
    /// `derivedTables`, and never touched by `verify --rebuild`).
    ///
    /// - `orders`: one row per order of the online shop (`o` + random id). `merchant` is the
    ///   product's issuer, kept for tenancy queries; `holder` is the raw 32-byte public key;
    ///   `tickets` lists the issued ticket ids, comma-separated. A counter code is unique among
    ///   orders still waiting for payment.
    /// - `endorsement_requests`: a package's merchant asks a partner merchant to sign
    ///   `product.endorse`; at most one pending request per (package, partner).
    public static let commerceMigration = Migration(version: 3, sql: """
    CREATE TABLE orders(
        id TEXT PRIMARY KEY,
        product TEXT NOT NULL,
        merchant TEXT NOT NULL,
        count INTEGER NOT NULL,
        units INTEGER NOT NULL,          -- tickets the issue creates (count × units per package)
        holder BLOB NOT NULL,
        account TEXT,
        amount INTEGER NOT NULL,         -- yen
        provider TEXT NOT NULL,
        status TEXT NOT NULL,            -- pending_payment, paid, issued, failed, cancelled
        payment_code TEXT,               -- short code the person shows (counter payment)
        payment_reference TEXT,          -- the provider's reference
        instructions TEXT,               -- what to tell the person while payment is pending
        txid TEXT,
        tickets TEXT,
        failure_code TEXT,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX orders_merchant ON orders(merchant, created, id);
    CREATE INDEX orders_account ON orders(account, created, id) WHERE account IS NOT NULL;
    CREATE INDEX orders_open ON orders(product, status) WHERE status IN ('pending_payment', 'paid');
    CREATE UNIQUE INDEX orders_counter_code ON orders(payment_code)
        WHERE status = 'pending_payment' AND payment_code IS NOT NULL;
    CREATE TABLE endorsement_requests(
        id TEXT PRIMARY KEY,
        package TEXT NOT NULL,
        requester TEXT NOT NULL,         -- the package's issuer
        partner TEXT NOT NULL,           -- the merchant asked to endorse
        status TEXT NOT NULL,            -- pending, approved, declined
        txid TEXT,                       -- the product.endorse once approved
        requested_by TEXT NOT NULL,      -- staff username
        decided_by TEXT,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL) WITHOUT ROWID;
    CREATE UNIQUE INDEX endorsement_requests_pending ON endorsement_requests(package, partner) WHERE status = 'pending';
    CREATE INDEX endorsement_requests_partner ON endorsement_requests(partner, created, id);
    CREATE INDEX endorsement_requests_package ON endorsement_requests(package);
    """)
}
