import SQLiteDB

extension Schema {
    /// Version 2: the application tables of staff sign-in, consumer accounts and idempotency.
    ///
    /// They live in the ledger's file but are not derived from the log (not in `derivedTables`):
    /// `verify --rebuild` leaves them alone. Secrets are never stored: sessions and tokens by
    /// SHA-256 of the token text, passwords as Argon2id strings. Times are ms since the epoch.
    public static let accountsMigration = Migration(version: 2, sql: """
    CREATE TABLE staff_users(
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,    -- libsodium $argon2id$ string
        role TEXT NOT NULL CHECK (role IN ('operator_admin', 'merchant_admin', 'store_staff')),
        merchant TEXT,                  -- NULL for the operator
        store TEXT,                     -- store staff only
        created INTEGER NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX staff_users_merchant ON staff_users(merchant);
    CREATE TABLE staff_sessions(
        token_hash BLOB PRIMARY KEY,    -- SHA-256(UTF-8 token)
        user_id INTEGER NOT NULL REFERENCES staff_users(id),
        created INTEGER NOT NULL,
        expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX staff_sessions_user ON staff_sessions(user_id);
    CREATE INDEX staff_sessions_expires ON staff_sessions(expires);
    CREATE TABLE staff_tokens(
        id INTEGER PRIMARY KEY,
        token_hash BLOB NOT NULL UNIQUE,  -- SHA-256(UTF-8 token)
        user_id INTEGER NOT NULL REFERENCES staff_users(id),
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,           -- sorted scope names, space-separated
        created INTEGER NOT NULL,
        expires INTEGER NOT NULL,
        revoked INTEGER);               -- revocation time, NULL while live
    CREATE INDEX staff_tokens_user ON staff_tokens(user_id);
    CREATE TABLE account_challenges(
        challenge TEXT PRIMARY KEY,     -- base64url of 32 random bytes
        expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX account_challenges_expires ON account_challenges(expires);
    CREATE TABLE accounts(
        id TEXT PRIMARY KEY,            -- 'a' + 21 base64url characters
        key BLOB NOT NULL UNIQUE,       -- raw 32-byte Ed25519 public key
        created INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE account_sessions(
        token_hash BLOB PRIMARY KEY,    -- SHA-256(UTF-8 token)
        account TEXT NOT NULL REFERENCES accounts(id),
        created INTEGER NOT NULL,
        expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX account_sessions_account ON account_sessions(account);
    CREATE INDEX account_sessions_expires ON account_sessions(expires);
    CREATE TABLE account_attributes(    -- personal data: only with consent, deleted on request
        account TEXT PRIMARY KEY REFERENCES accounts(id),
        sex TEXT CHECK (sex IN ('female', 'male', 'other')),
        birth_year INTEGER,
        prefecture INTEGER CHECK (prefecture BETWEEN 1 AND 47),
        consented INTEGER NOT NULL,     -- time consent was given
        updated INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE idempotency(
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint BLOB NOT NULL,      -- SHA-256 of the request
        created INTEGER NOT NULL,
        status INTEGER,                 -- NULL while the first request is in progress
        content_type TEXT,
        body BLOB,
        PRIMARY KEY (scope, key)) WITHOUT ROWID;
    CREATE INDEX idempotency_created ON idempotency(created);
    """)
}
