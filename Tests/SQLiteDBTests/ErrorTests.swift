import Foundation
import Testing
import SQLiteDB

@Test func constraintErrorCarriesTheSQLButNotTheValues() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE)")
        let sql = "INSERT INTO accounts(token) VALUES (?)"
        let secret = "s3cr3t-token-☃︎-do-not-log"
        try db.cached(sql).run(.text(secret))
        let error = #expect(throws: SQLiteError.self) { try db.cached(sql).run(.text(secret)) }
        let e = try #require(error)
        #expect(e.isConstraint && !e.isBusy && !e.isCorrupt)
        #expect(e.code == Code.constraint)
        #expect(e.extendedCode == Code.constraintUnique)
        #expect(e.sql == sql)
        #expect(e.description.contains(sql))
        #expect(e.description.contains("UNIQUE constraint failed: accounts.token"))
        #expect(!e.description.contains(secret))
        #expect(!e.message.contains(secret))
        #expect(!String(reflecting: e).contains(secret))
        // The cached statement is usable again after the failure.
        try db.cached(sql).run("another")
    }
}

@Test func syntaxErrorFromExecuteNamesTheFailingStatement() throws {
    try withTemporaryDatabase { db throws in
        let error = #expect(throws: SQLiteError.self) {
            try db.execute("CREATE TABLE a(x);\n  INSERT INTO missing VALUES (1);  CREATE TABLE b(x)")
        }
        #expect(error?.sql == "INSERT INTO missing VALUES (1);")
        #expect(error?.message == "no such table: missing")
        // Statements before the failure ran, those after did not.
        #expect(try db.prepare("SELECT name FROM sqlite_schema").query { $0.string(0) } == ["a"])
    }
}

@Test func fileOfRandomBytesIsReportedAsNotADatabase() throws {
    try withTemporaryDatabasePath { path in
        #expect(FileManager.default.createFile(atPath: path, contents: Data(seededBytes(count: 4096))))
        let error = #expect(throws: SQLiteError.self) {
            let db = try Connection(path: path)
            _ = try db.prepare("SELECT count(*) FROM sqlite_schema").query { $0.int(0) }
        }
        #expect(error?.isCorrupt == true)
        #expect(error?.code == Code.notADatabase)
    }
}

@Test func truncatedDatabaseThrowsInsteadOfCrashing() throws {
    try withTemporaryDatabasePath { path in
        do {
            let db = try Connection(path: path)
            try db.transaction {
                try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, data BLOB); CREATE INDEX t_data ON t(data)")
                for i in 0..<2_000 { try db.cached("INSERT INTO t VALUES (?, ?)").run(.int(Int64(i)), .blob(seededBytes(count: 300, seed: UInt64(i + 1)))) }
            }
        }
        let copy = path + ".truncated"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: copy)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: copy))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()

        let db = try Connection(path: copy)
        var problems: [String] = []
        do {
            let report = try db.quickCheck()
            if report != ["ok"] { problems.append("quick_check: \(report.prefix(3))") }
        } catch let error as SQLiteError {
            problems.append("quick_check threw \(error)")
        }
        do {
            _ = try db.prepare("SELECT sum(length(data)) FROM t").query { $0.int(0) }
        } catch let error as SQLiteError {
            #expect(error.isCorrupt)
            problems.append("query threw \(error)")
        }
        print("truncated database:", problems)
        #expect(!problems.isEmpty)
    }
}

@Test func missingFileWithoutCreateThrowsCantOpen() throws {
    try withTemporaryDatabasePath { path in
        let error = #expect(throws: SQLiteError.self) { try Connection(path: path, create: false) }
        #expect(error?.code == Code.cantOpen)
        #expect(error?.message.contains(path) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: SQLiteError.self) { try Connection(path: path, readOnly: true) }
    }
}

@Test func readOnlyConnectionRejectsWrites() throws {
    try withTemporaryDatabasePath { path in
        try Connection(path: path).execute("CREATE TABLE t(x)")
        let db = try Connection(path: path, readOnly: true)
        let error = #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(error?.code == Code.readOnly)
    }
}

/// Interrupts a query that would run for minutes, from another thread, as a server's
/// request timeout would.
@Test func interruptStopsARunningQuery() throws {
    try withTemporaryDatabase { db in
        let stop = DispatchSemaphore(value: 0)
        let interrupter = Thread {
            // Keep interrupting until the query has stopped: an interrupt that lands before the
            // query starts is a no-op.
            while stop.wait(timeout: .now() + .milliseconds(20)) == .timedOut { db.interrupt() }
        }
        interrupter.start()
        defer { stop.signal() }
        let error = #expect(throws: SQLiteError.self) {
            _ = try db.prepare("""
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000000)
                SELECT count(*) FROM n
                """).query { $0.int(0) }
        }
        #expect(error?.isInterrupted == true)
    }
}
