import Testing
import SQLiteDB

@Test func walModeAndFullSynchronousReadBack() throws {
    try withTemporaryDatabase { db in
        #expect(try db.journalMode() == "delete")
        try db.setJournalModeWAL()
        #expect(try db.journalMode() == "wal")
        try db.setSynchronous(.full)
        #expect(try db.synchronous() == .full)
        #expect(try db.prepare("PRAGMA synchronous").queryOne { $0.int(0) } == 2)
        try db.setSynchronous(.normal)
        #expect(try db.synchronous().rawValue == 1)
    }
}

@Test func walModeRefusedOnAnInMemoryDatabaseThrows() throws {
    let db = try Connection(path: ":memory:")
    let error = #expect(throws: SQLiteError.self) { try db.setJournalModeWAL() }
    #expect(error?.message.contains("memory") == true)
}

@Test func userVersionRoundTripsAndRejectsOversizedValues() throws {
    try withTemporaryDatabase { db in
        #expect(try db.userVersion() == 0)
        try db.setUserVersion(41)
        #expect(try db.userVersion() == 41)
        #expect(throws: SQLiteError.self) { try db.setUserVersion(Int(Int32.max) + 1) }
    }
}

@Test func healthyDatabasePassesBothChecks() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY, y TEXT UNIQUE); INSERT INTO t(y) VALUES ('a'), ('b')")
        #expect(try db.quickCheck() == ["ok"])
        #expect(try db.integrityCheck() == ["ok"])
    }
}

@Test func attachAndDetachBindTheirNames() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let otherPath = path + ".other 'quoted\""
        try db.attach(path: otherPath, as: "other db")
        try db.execute("CREATE TABLE \"other db\".t(x); INSERT INTO \"other db\".t VALUES (1)")
        #expect(try db.prepare("SELECT x FROM \"other db\".t").query { $0.int(0) } == [1])
        try db.detach("other db")
        #expect(throws: SQLiteError.self) { try db.prepare("SELECT x FROM \"other db\".t") }
        #expect(throws: SQLiteError.self) { try db.detach("other db") }
        #expect(try Connection(path: otherPath, readOnly: true).prepare("SELECT x FROM t").query { $0.int(0) } == [1])
    }
}
