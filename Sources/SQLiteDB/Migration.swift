/// One schema step: the SQL that takes the schema from `version - 1` to `version`.
public struct Migration: Sendable, Hashable {
    /// The `PRAGMA user_version` the database has once this migration is applied (1, 2, …).
    public let version: Int
    /// One or more `;`-separated statements; must not BEGIN or COMMIT by itself.
    public let sql: String

    /// Creates a migration to `version`.
    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}
