/// Why `Migrator.migrate` refused to run (SQL errors are thrown as `SQLiteError`).
public enum MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database was written by a newer program: its `user_version` is above every known migration.
    case newerSchema(found: Int, known: Int)
    /// The migration list is not strictly increasing from 1: `version` at `position` is out of order.
    case badSequence(position: Int, version: Int)

    /// A one-line explanation for logs.
    public var description: String {
        switch self {
        case .newerSchema(let found, let known):
            "database schema version \(found) is newer than the newest known migration \(known); refusing to touch it"
        case .badSequence(let position, let version):
            "migration at position \(position) has version \(version); versions must increase strictly from 1"
        }
    }
}
