import Foundation
import SQLiteDB

/// Runs `body` with a path to a database file in a fresh directory under the temporary
/// directory; the directory (with any -wal/-shm/-journal files) is removed afterwards.
func withTemporaryDatabasePath<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("SQLiteDBTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory.appendingPathComponent("test.sqlite").path)
}

/// Runs `body` with a connection to a fresh temporary database file, deleted afterwards.
func withTemporaryDatabase<T>(_ body: (Connection) throws -> T) throws -> T {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        return try body(db)
    }
}

/// Deterministic bytes (xorshift64*), so failures reproduce.
func seededBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return UInt8(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 56)
    }
}

/// SQLite primary result codes the tests look for (sqlite3.h).
enum Code {
    static let error: Int32 = 1
    static let readOnly: Int32 = 8
    static let cantOpen: Int32 = 14
    static let constraint: Int32 = 19
    static let misuse: Int32 = 21
    static let range: Int32 = 25
    static let notADatabase: Int32 = 26
    static let constraintUnique: Int32 = 2067
}
