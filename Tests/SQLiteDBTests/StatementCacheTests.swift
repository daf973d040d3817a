import Testing
import SQLiteDB

@Test func cachedStatementIsReusedAndSeesNewRows() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)")
        let countSQL = "SELECT count(*) FROM t WHERE name = ?"
        let first = try db.cached(countSQL)
        #expect(try first.queryOne("a") { $0.int(0) } == 0)

        try db.cached("INSERT INTO t(name) VALUES (?)").run("a")
        try db.cached("INSERT INTO t(name) VALUES (?)").run("a")
        try db.cached("INSERT INTO t(name) VALUES (?)").run("b")

        let again = try db.cached(countSQL)
        #expect(again === first)
        #expect(try again.queryOne("a") { $0.int(0) } == 2)
        #expect(try again.queryOne("b") { $0.int(0) } == 1)
    }
}

@Test func reusedCachedStatementHasClearedBindings() throws {
    try withTemporaryDatabase { db in
        let statement = try db.cached("SELECT ?")
        try statement.bind("secret", at: 1)
        #expect(try statement.step())
        #expect(statement.string(0) == "secret")

        let reused = try db.cached("SELECT ?")
        #expect(try reused.step())
        #expect(reused.isNull(0))
    }
}

@Test func reusedCachedStatementStartsFromTheFirstRow() throws {
    try withTemporaryDatabase { db in
        let sql = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT x FROM n"
        let statement = try db.cached(sql)
        #expect(try statement.step())
        #expect(try statement.step())
        #expect(statement.int(0) == 2)  // abandoned mid-iteration
        #expect(try db.cached(sql).query { $0.int(0) } == [1, 2, 3])
    }
}

@Test func statementOutlivingItsConnectionStillWorks() throws {
    try withTemporaryDatabasePath { path in
        var db: Connection? = try Connection(path: path)
        try db?.execute("CREATE TABLE t(x); INSERT INTO t VALUES (7)")
        let statement = try #require(try db?.prepare("SELECT x FROM t"))
        db = nil
        #expect(try statement.query { $0.int(0) } == [7])
    }
}
