import Testing
import SQLiteDB

private let firstThree = [
    Migration(version: 1, sql: "CREATE TABLE blocks(height INTEGER PRIMARY KEY, hash BLOB NOT NULL)"),
    Migration(version: 2, sql: "CREATE TABLE tickets(id TEXT PRIMARY KEY, state INTEGER NOT NULL)"),
    Migration(version: 3, sql: """
        ALTER TABLE tickets ADD COLUMN block INTEGER REFERENCES blocks(height);
        CREATE INDEX tickets_block ON tickets(block);
        """),
]

private func schema(_ db: Connection) throws -> [String] {
    try db.prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").query { $0.string(0) ?? "" }
}

@Test func migratorAppliesInOrderOnceAndThenOnlyNewSteps() throws {
    try withTemporaryDatabase { db in
        #expect(try Migrator.migrate(db, firstThree) == [1, 2, 3])
        #expect(try db.userVersion() == 3)
        #expect(try schema(db) == ["blocks", "tickets", "tickets_block"])
        // Version 3 ran after version 2: the column it added exists.
        try db.prepare("INSERT INTO tickets(id, state, block) VALUES ('t', 0, NULL)").run()

        #expect(try Migrator.migrate(db, firstThree) == [])
        #expect(try db.userVersion() == 3)

        let four = firstThree + [Migration(version: 4, sql: "CREATE TABLE redemptions(ticket TEXT PRIMARY KEY)")]
        #expect(try Migrator.migrate(db, four) == [4])
        #expect(try db.userVersion() == 4)
        #expect(try schema(db).contains("redemptions"))
        #expect(try db.prepare("SELECT count(*) FROM tickets").queryOne { $0.int(0) } == 1)
    }
}

@Test func failingMigrationLeavesVersionAndSchemaUnchanged() throws {
    try withTemporaryDatabase { db in
        try Migrator.migrate(db, firstThree)
        let before = try schema(db)
        let broken = firstThree + [Migration(version: 4, sql: """
            CREATE TABLE half_done(x);
            CREATE TABLEE oops(x);
            CREATE TABLE never(x);
            """)]
        let error = #expect(throws: SQLiteError.self) { try Migrator.migrate(db, broken) }
        #expect(error?.sql == "CREATE TABLEE oops(x);")
        #expect(try db.userVersion() == 3)
        #expect(try schema(db) == before)
        #expect(!db.isInTransaction)
    }
}

@Test func newerDatabaseIsRefusedAndLeftUntouched() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE future(x)")
        try db.setUserVersion(9)
        let changesBefore = db.totalChanges
        #expect(throws: MigrationError.newerSchema(found: 9, known: 3)) { try Migrator.migrate(db, firstThree) }
        #expect(try db.userVersion() == 9)
        #expect(try schema(db) == ["future"])
        #expect(db.totalChanges == changesBefore)
        #expect(MigrationError.newerSchema(found: 9, known: 3).description.contains("newer"))
    }
}

@Test func badlyNumberedMigrationsAreRejectedBeforeTouchingTheDatabase() throws {
    try withTemporaryDatabase { db throws in
        let a = Migration(version: 1, sql: "CREATE TABLE a(x)")
        let b = Migration(version: 2, sql: "CREATE TABLE b(x)")
        #expect(throws: MigrationError.badSequence(position: 0, version: 2)) { try Migrator.migrate(db, [b]) }
        #expect(throws: MigrationError.badSequence(position: 1, version: 1)) { try Migrator.migrate(db, [a, a]) }
        #expect(throws: MigrationError.badSequence(position: 2, version: 1)) { try Migrator.migrate(db, [a, b, a]) }
        #expect(try schema(db) == [])
        #expect(try Migrator.migrate(db, []) == [])
    }
}
