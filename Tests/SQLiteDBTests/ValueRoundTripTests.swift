import Testing
import SQLiteDB

@Test func everyValueTypeRoundTripsExactly() throws {
    let values: [SQLValue] = [
        .int(Int64.min), .int(Int64.max), 0, -1,
        .double(-0.0), .double(Double.pi), .double(Double.greatestFiniteMagnitude), .double(-Double.infinity),
        "", "日本語のテキスト、半角ｶﾀｶﾅ", "emoji 🎟️👨‍👩‍👧 flags 🇯🇵", "nul\0inside\0",
        .blob([]), .blob([0]), .blob([0, 0, 0]), .blob([0, 1, 0, 255, 0]), .blob(seededBytes(count: 70_000)),
        nil, true, false,
    ]
    try withTemporaryDatabase { db in
        // No declared type: no affinity, every value is stored exactly as bound.
        try db.execute("CREATE TABLE v(id INTEGER PRIMARY KEY, value)")
        let insert = try db.prepare("INSERT INTO v(id, value) VALUES (?, ?)")
        for (id, value) in values.enumerated() {
            try insert.run(.int(Int64(id)), value)
        }
        let read = try db.prepare("SELECT value FROM v ORDER BY id").query { $0.value(0) }
        #expect(read == values)
    }
}

@Test func emptyBlobIsAZeroLengthBlobNotNull() throws {
    try withTemporaryDatabase { db in
        try db.execute("CREATE TABLE b(id INTEGER PRIMARY KEY, data BLOB)")
        try db.prepare("INSERT INTO b VALUES (1, ?)").run(.blob([]))
        try db.prepare("INSERT INTO b VALUES (2, ?)").run(nil)
        let empty = try db.prepare("INSERT INTO b VALUES (3, ?)")
        try empty.bind([UInt8](), at: 1)
        try empty.run()

        let rows = try db.prepare("SELECT typeof(data), length(data), data FROM b ORDER BY id").query {
            ($0.string(0), $0.isNull(1) ? nil : $0.int(1), $0.blob(2), $0.isNull(2))
        }
        #expect(rows.map(\.0) == ["blob", "null", "blob"])
        #expect(rows.map(\.1) == [0, nil, 0])
        #expect(rows.map(\.2) == [[], nil, []])
        #expect(rows.map(\.3) == [false, true, false])
    }
}

@Test func typedBindersAndGettersAgree() throws {
    try withTemporaryDatabase { db in
        let row = try db.prepare("SELECT ?, ?, ?, ?, ?, ?, ?, ?")
        try row.bind(Int64.min, at: 1)
        try row.bind(42, at: 2)
        try row.bind(true, at: 3)
        try row.bind(2.5, at: 4)
        try row.bind("かな🎫", at: 5)
        try row.bind([0, 0xff, 0] as [UInt8], at: 6)
        try row.bindNull(at: 7)
        try row.bind("", at: 8)
        #expect(try row.step())
        #expect(row.columnCount == 8)
        #expect(row.int64(0) == Int64.min)
        #expect(row.int(1) == 42)
        #expect(row.bool(2) == true)
        #expect(row.double(3) == 2.5)
        #expect(row.string(4) == "かな🎫")
        #expect(row.blob(5) == [0, 0xff, 0])
        #expect(row.isNull(6) && row.string(6) == nil && row.blob(6) == nil)
        #expect(row.string(7) == "" && !row.isNull(7))
        #expect(try row.step() == false)
    }
}

@Test func namedParametersAndColumnNamesResolve() throws {
    try withTemporaryDatabase { db in
        let statement = try db.prepare("SELECT :amount * 2 AS doubled, :label AS label")
        #expect(statement.parameterCount == 2)
        let amount = try #require(statement.parameterIndex(":amount"))
        let label = try #require(statement.parameterIndex(":label"))
        #expect(statement.parameterIndex(":missing") == nil)
        try statement.bind(21, at: amount)
        try statement.bind("x", at: label)
        #expect(try statement.step())
        #expect(statement.columnName(0) == "doubled" && statement.columnName(1) == "label")
        #expect(statement.int(0) == 42)
    }
}

@Test func wrongArgumentCountThrowsRange() throws {
    try withTemporaryDatabase { db in
        let statement = try db.prepare("SELECT ?, ?")
        let error = #expect(throws: SQLiteError.self) { try statement.run(1) }
        #expect(error?.code == Code.range)
        #expect(error?.sql == "SELECT ?, ?")
        #expect(throws: SQLiteError.self) { try statement.bind(1, at: 3) }
    }
}

@Test func prepareRejectsMultipleOrNoStatementsButAllowsTrailingComment() throws {
    try withTemporaryDatabase { db throws in
        let two = #expect(throws: SQLiteError.self) { try db.prepare("SELECT 1; SELECT 2") }
        #expect(two?.code == Code.misuse)
        let none = #expect(throws: SQLiteError.self) { try db.prepare("  -- nothing here") }
        #expect(none?.code == Code.misuse)
        #expect(try db.prepare("SELECT 1; -- trailing comment\n").queryOne { $0.int(0) } == 1)
        #expect(try db.prepare("SELECT 1;;").queryOne { $0.int(0) } == 1)
    }
}
