import SQLiteDB

/// The ledger database schema (`PRAGMA user_version` counts its migrations).
///
/// Source of truth: `blocks` and `leaves` (the signed log). Everything else is derived and can
/// be rebuilt from them (`kippu verify --rebuild`):
/// - `hashes`: RFC 9162 stored hashes in tlog order (index → 32-byte hash), so proofs read
///   O(log n) rows;
/// - the registry (`network`, `merchants`, `stores`, `products`, `grants`), `tickets`,
///   `ticket_history` and `account_counts`, which the validation rules read.
///
/// JSON columns hold JCS text. Keys, hashes and txids are raw bytes. Random keys (ticket ids,
/// txids, holders) live only in narrow indexes, so a block dirties as few pages as possible.
public enum Schema {
    /// The value of `meta.format` in every Kippu ledger database.
    public static let format = "kippu-ledger-v1"

    /// Tables derived from the log, in the order `verify` compares them.
    public static let derivedTables = ["network", "merchants", "stores", "products", "grants",
                                       "tickets", "ticket_state", "ticket_history", "account_counts", "hashes"]

    /// The migrations, oldest first.
    public static let migrations: [Migration] = [
        Migration(version: 1, sql: """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE blocks(
            height INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            header TEXT NOT NULL,           -- JCS(header)
            sig BLOB NOT NULL,
            first INTEGER NOT NULL,
            count INTEGER NOT NULL,
            time INTEGER NOT NULL);
        CREATE TABLE leaves(
            idx INTEGER PRIMARY KEY,
            txid BLOB NOT NULL UNIQUE,     -- SHA-256(JCS(body)), raw 32 bytes
            height INTEGER NOT NULL,
            envelope BLOB NOT NULL);       -- JCS(envelope): the leaf data
        CREATE TABLE hashes(id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
        CREATE TABLE network(
            id INTEGER PRIMARY KEY CHECK (id = 1),
            net TEXT NOT NULL, name TEXT NOT NULL,
            operators TEXT NOT NULL, nodes TEXT NOT NULL);
        CREATE TABLE merchants(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, key BLOB NOT NULL UNIQUE,
            industries TEXT NOT NULL, attrs TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE stores(
            id TEXT PRIMARY KEY, merchant TEXT NOT NULL, name TEXT NOT NULL,
            industry TEXT NOT NULL, key BLOB NOT NULL, attrs TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX stores_merchant ON stores(merchant);
        CREATE TABLE products(
            id TEXT PRIMARY KEY, issuer TEXT NOT NULL, terms TEXT NOT NULL,
            registered_by TEXT NOT NULL, cap INTEGER, issued INTEGER NOT NULL,
            endorsed_by TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX products_issuer ON products(issuer);
        CREATE TABLE grants(
            granter TEXT NOT NULL, delegate BLOB NOT NULL, products TEXT NOT NULL,
            until INTEGER NOT NULL, PRIMARY KEY (granter, delegate)) WITHOUT ROWID;
        CREATE TABLE tickets(              -- what is fixed at issue
            n INTEGER PRIMARY KEY,         -- issue order: rows append, random ids stay in a narrow index
            id TEXT NOT NULL UNIQUE, product TEXT NOT NULL, issuer TEXT NOT NULL,
            valid_from INTEGER NOT NULL, valid_until INTEGER, package TEXT,
            max_transfers INTEGER, issued_by TEXT NOT NULL);
        CREATE INDEX tickets_product ON tickets(product);
        CREATE TABLE ticket_state(         -- what transfers and uses change: narrow rows, so a
            n INTEGER PRIMARY KEY,         -- block of uses dirties few pages (tickets.n)
            holder BLOB NOT NULL, state TEXT NOT NULL, transfers INTEGER NOT NULL);
        CREATE INDEX ticket_state_holder ON ticket_state(holder);
        CREATE TABLE ticket_history(
            ticket INTEGER NOT NULL,       -- tickets.n
            seq INTEGER NOT NULL,          -- 0 issue, then transfers, then the use or cancel
            leaf INTEGER NOT NULL,         -- leaves.idx of the transaction
            PRIMARY KEY (ticket, seq)) WITHOUT ROWID;
        CREATE TABLE account_counts(
            product TEXT NOT NULL, account TEXT NOT NULL, units INTEGER NOT NULL,
            PRIMARY KEY (product, account)) WITHOUT ROWID;
        """),
        accountsMigration,
        commerceMigration,
    ]
}
