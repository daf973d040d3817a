import Testing
import SQLiteDB

@Test func writerWaitsForTheBusyTimeoutThenSucceedsAfterCommit() throws {
    try withTemporaryDatabasePath { path in
        let a = try Connection(path: path)
        try a.setJournalModeWAL()
        try a.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        let b = try Connection(path: path)
        try b.busyTimeout(100)

        try a.begin(.immediate)
        try a.cached("INSERT INTO t(x) VALUES (?)").run(1)

        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: SQLiteError.self) { try b.begin(.immediate) }
        print("busy after \(clock.now - start) with busyTimeout(100)")
        #expect(error?.isBusy == true)
        #expect(!b.isInTransaction)
        // A reader is not blocked by the writer in WAL mode, and does not see its uncommitted row.
        #expect(try b.prepare("SELECT count(*) FROM t").queryOne { $0.int(0) } == 0)

        try a.commit()
        try b.transaction(.immediate) {
            try b.cached("INSERT INTO t(x) VALUES (?)").run(2)
        }
        #expect(try a.prepare("SELECT x FROM t ORDER BY x").query { $0.int(0) } == [1, 2])
    }
}
