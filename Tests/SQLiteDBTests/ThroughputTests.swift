import Testing
import SQLiteDB

/// Prints the insert rate of the ledger's hot path (one transaction, one cached statement);
/// asserts only correctness, never timing.
@Test func hundredThousandInsertsInOneTransaction() throws {
    try withTemporaryDatabase { db in
        try db.setJournalModeWAL()
        try db.setSynchronous(.full)
        try db.execute("CREATE TABLE entries(seq INTEGER PRIMARY KEY, ticket TEXT NOT NULL, hash BLOB NOT NULL)")
        let rows = 100_000
        let hash = seededBytes(count: 32)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            try db.transaction(.immediate) {
                for seq in 0..<rows {
                    let insert = try db.cached("INSERT INTO entries(seq, ticket, hash) VALUES (?, ?, ?)")
                    try insert.bind(seq, at: 1)
                    try insert.bind("ticket-\(seq)", at: 2)
                    try insert.bind(hash, at: 3)
                    _ = try insert.step()
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SQLiteDB insert rate: \(Int(Double(rows) / seconds)) rows/s (\(rows) rows in \(elapsed))")
        #expect(try db.prepare("SELECT count(*), max(seq) FROM entries").queryOne { [$0.int(0), $0.int(1)] }
                == [rows, rows - 1])
    }
}
