import Testing
import SQLiteDB

private struct Boom: Error, Equatable {}

private func count(_ db: Connection) throws -> Int {
    try db.prepare("SELECT count(*) FROM t").queryOne { $0.int(0) } ?? -1
}

@Test func transactionCommitsAndReturnsTheBodysValue() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        let id = try db.transaction(.immediate) { () throws -> Int64 in
            #expect(db.isInTransaction)
            try db.cached("INSERT INTO t(x) VALUES (?)").run(5)
            return db.lastInsertRowID
        }
        #expect(id == 5)
        #expect(!db.isInTransaction)
        #expect(try count(db) == 1)
    }
}

@Test func throwingBodyRollsBack() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        #expect(throws: Boom()) {
            try db.transaction {
                try db.cached("INSERT INTO t(x) VALUES (?)").run(1)
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try count(db) == 0)
    }
}

@Test func failingStatementRollsBackEarlierWritesAndKeepsItsError() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        let error = #expect(throws: SQLiteError.self) {
            try db.transaction(.immediate) {
                try db.cached("INSERT INTO t(x) VALUES (?)").run(1)
                try db.cached("INSERT INTO t(x) VALUES (?)").run(1)
            }
        }
        #expect(error?.isConstraint == true)
        #expect(try count(db) == 0)
    }
}

@Test func nestedTransactionThrowsAndLeavesTheOuterOneIntact() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        try db.transaction {
            try db.cached("INSERT INTO t(x) VALUES (?)").run(1)
            let nested = #expect(throws: SQLiteError.self) {
                try db.transaction(.immediate) { try db.cached("INSERT INTO t(x) VALUES (?)").run(2) }
            }
            #expect(nested?.code == Code.error)
            #expect(nested?.message.contains("within a transaction") == true)
            #expect(db.isInTransaction)
        }
        #expect(try db.prepare("SELECT x FROM t").query { $0.int(0) } == [1])
    }
}

@Test func explicitBeginCommitAndRollback() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        try db.begin(.immediate)
        try db.cached("INSERT INTO t(x) VALUES (?)").run(1)
        #expect(db.changes == 1)
        try db.rollback()
        #expect(try count(db) == 0)

        try db.begin()
        try db.cached("INSERT INTO t(x) VALUES (?)").run(2)
        try db.commit()
        #expect(try count(db) == 1)
        #expect(db.totalChanges == 2)

        #expect(throws: SQLiteError.self) { try db.rollback() }
        #expect(throws: SQLiteError.self) { try db.commit() }
    }
}
