import Foundation
import Testing
import SQLiteDB

@Test func releasingTheConnectionClosesTheDatabase() throws {
    try withTemporaryDatabasePath { path in
        do {
            let db = try Connection(path: path)
            try db.setJournalModeWAL()
            try db.execute("CREATE TABLE t(x)")
            try db.cached("INSERT INTO t VALUES (?)").run(1)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        // The last connection to close checkpoints and deletes the WAL: proof that it closed,
        // cached statements included.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try Connection(path: path).prepare("SELECT x FROM t").query { $0.int(0) } == [1])
    }
}

@Test func checkPassesSuccessCodesAndWrapsOthers() throws {
    try withTemporaryDatabase { db in
        try db.check(0)    // SQLITE_OK
        try db.check(100)  // SQLITE_ROW
        try db.check(101)  // SQLITE_DONE
        let error = #expect(throws: SQLiteError.self) { try db.check(Code.constraint, sql: "UPDATE t SET x = ?") }
        #expect(error?.code == Code.constraint && error?.isConstraint == true)
        #expect(error?.sql == "UPDATE t SET x = ?")
        #expect(error?.message == "constraint failed")  // the connection's own message is for another code
    }
}
