/// Brings a database schema up to date, using `PRAGMA user_version` as the schema version.
public enum Migrator {
    /// Applies every migration whose version is above the database's `user_version`, in order,
    /// each in its own IMMEDIATE transaction together with the `user_version` bump, so a failing
    /// migration leaves both schema and version as they were.
    ///
    /// The version is re-read inside each transaction, so two processes migrating at once do not
    /// apply a step twice.
    /// - Parameters:
    ///   - db: a connection not inside a transaction.
    ///   - migrations: versions strictly increasing from 1.
    /// - Returns: the versions applied, in order (empty when the schema was current).
    /// - Throws: `MigrationError.badSequence` for a bad list, `MigrationError.newerSchema` when the
    ///   database is ahead of the list (it is then not touched), `SQLiteError` when a step fails.
    @discardableResult
    public static func migrate(_ db: Connection, _ migrations: [Migration]) throws -> [Int] {
        var previous = 0
        for (position, migration) in migrations.enumerated() {
            let valid = position == 0 ? migration.version == 1 : migration.version > previous
            guard valid else { throw MigrationError.badSequence(position: position, version: migration.version) }
            previous = migration.version
        }
        let known = migrations.last?.version ?? 0
        let found = try db.userVersion()
        guard found <= known else { throw MigrationError.newerSchema(found: found, known: known) }

        var applied: [Int] = []
        for migration in migrations where migration.version > found {
            let didApply = try db.transaction(.immediate) { () throws -> Bool in
                let current = try db.userVersion()
                guard current <= known else { throw MigrationError.newerSchema(found: current, known: known) }
                guard current < migration.version else { return false }
                try db.execute(migration.sql)
                try db.setUserVersion(migration.version)
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        return applied
    }
}
