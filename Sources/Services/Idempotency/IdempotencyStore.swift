import Ledger
import SQLiteDB

/// `Idempotency-Key` bookkeeping for application endpoints: the first request with a key runs,
/// a retry of the same request gets the first one's response back, and a different request
/// with the same key is refused.
///
/// Entries are keyed by (scope, key); the scope is chosen by the caller and should name who
/// asked and where (e.g. `"staff:12 POST /api/v1/products"`), so two clients never collide.
/// The fingerprint is the SHA-256 of what identifies the request (method, path, body).
/// Entries older than 24 hours are purged lazily by `begin`. Thread-safe; several instances
/// (or processes) on one file are safe too, as `begin` claims keys in IMMEDIATE transactions.
public final class IdempotencyStore: Sendable {
    /// How long a key is remembered: 24 hours.
    public static let retention: Int64 = 24 * 3_600_000
    /// The longest allowed key.
    public static let maxKeyLength = 200

    let db: AppDatabase
    let clock: Clock
    /// An in-progress entry older than this is taken to belong to a request that died with
    /// its process (no `finish` or `abandon` came), and may be claimed again.
    let staleAfter: Int64

    /// Opens the store on the node's (migrated) database file.
    /// - Parameter staleAfter: after how many ms an unfinished entry may be claimed again (default 10 minutes).
    /// - Throws: `ServiceError(.unavailable)` for a missing or unmigrated file, `SQLiteError`.
    public init(path: String, clock: Clock, staleAfter: Int64 = 10 * 60_000) throws {
        db = try AppDatabase(path: path)
        self.clock = clock
        self.staleAfter = staleAfter
    }

    /// Whether `key` is an acceptable key: 1…200 printable ASCII characters (0x20…0x7E).
    public static func isValidKey(_ key: String) -> Bool {
        let bytes = key.utf8
        return (1...maxKeyLength).contains(bytes.count) && bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    /// Claims `key` for a request, or says how to answer it.
    /// - Parameters:
    ///   - scope: who and where (chosen by the caller, never from the client alone).
    ///   - key: the client's `Idempotency-Key`.
    ///   - fingerprint: SHA-256 (32 bytes) of the request.
    /// - Returns: `.proceed` when the caller now owns the key; `.replay` with the stored response.
    /// - Throws: `invalid_request` (field `Idempotency-Key`) for a bad key; `idempotency_conflict`
    ///   when the key came with a different request or its first request is still running.
    public func begin(scope: String, key: String, fingerprint: [UInt8]) throws -> IdempotencyDecision {
        precondition(fingerprint.count == 32, "idempotency: the fingerprint must be a SHA-256 digest")
        guard Self.isValidKey(key) else {
            throw ServiceError.invalid("Idempotency-Key", "bad_format", "must be 1 to 200 printable ASCII characters")
        }
        let now = clock.now()
        return try db.write { c in
            try c.cached("DELETE FROM idempotency WHERE created <= ?").run(.int(now - Self.retention))
            let row = try c.cached("""
                SELECT fingerprint, created, status, content_type, body FROM idempotency WHERE scope = ? AND key = ?
                """).queryOne(.text(scope), .text(key)) { r in
                (r.blob(0) ?? [], r.int64(1), r.isNull(2) ? nil : StoredResponse(status: r.int(2), contentType: r.string(3) ?? "", body: r.blob(4) ?? []))
            }
            if let (stored, created, response) = row {
                guard stored == fingerprint else {
                    throw ServiceError(.idempotencyConflict, "this Idempotency-Key was already used with a different request")
                }
                if let response { return .replay(response) }
                guard created <= now - staleAfter else {
                    throw ServiceError(.idempotencyConflict, "a request with this Idempotency-Key is still in progress; retry later")
                }
            }
            try c.cached("""
                INSERT INTO idempotency(scope, key, fingerprint, created, status, content_type, body)
                VALUES (?, ?, ?, ?, NULL, NULL, NULL)
                ON CONFLICT(scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, created = excluded.created
                """).run(.text(scope), .text(key), .blob(fingerprint), .int(now))
            return .proceed
        }
    }

    /// Records the final response of the request that owns `key`, for replay.
    /// - Returns: false when the key was not in progress (never claimed, already finished, or purged).
    @discardableResult
    public func finish(scope: String, key: String, status: Int, contentType: String, body: [UInt8]) throws -> Bool {
        try db.write { c in
            try c.cached("""
                UPDATE idempotency SET status = ?, content_type = ?, body = ? WHERE scope = ? AND key = ? AND status IS NULL
                """).run(.int(Int64(status)), .text(contentType), .blob(body), .text(scope), .text(key))
            return c.changes > 0
        }
    }

    /// Forgets an in-progress key (after a 5xx or a crash-safe failure), so a retry runs again.
    /// A finished key is kept.
    public func abandon(scope: String, key: String) throws {
        try db.write { c in
            try c.cached("DELETE FROM idempotency WHERE scope = ? AND key = ? AND status IS NULL").run(.text(scope), .text(key))
        }
    }
}
