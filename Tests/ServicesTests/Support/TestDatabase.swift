import Crypto
import TestSupport
import Foundation
import Ledger
import Store
import Testing
@testable import Services

/// A fresh, migrated ledger database in its own temporary directory, a manual clock, and the
/// services opened on it (cheap Argon2id, seeded randomness).
final class TestDatabase {
    static let start: Int64 = 1_773_446_400_000  // 2026-03-14 00:00 UTC
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    static let net = "kippu-test"

    let dir = TempDir()
    let path: String
    let clock = ManualClock(TestDatabase.start)

    init() throws {
        path = dir.file("ledger.db")
        _ = try LedgerStore.create(path: path)
    }

    func staff(seed: String = "staff") throws -> StaffDirectory {
        try StaffDirectory(path: path, clock: clock, random: SeededRandom(seed: seed), strength: .minimum)
    }

    func accounts(seed: String = "accounts") throws -> AccountService {
        try AccountService(path: path, net: Self.net, clock: clock, random: SeededRandom(seed: seed))
    }

    func idempotency() throws -> IdempotencyStore {
        try IdempotencyStore(path: path, clock: clock)
    }

    /// Every byte of the database, its WAL included (to look for leaked secrets).
    func rawBytes() -> Data {
        var data = Data()
        for file in [path, path + "-wal"] { data.append(FileManager.default.contents(atPath: file) ?? Data()) }
        return data
    }
}

/// Expects `body` to throw a `ServiceError` with `code`, and returns it.
@discardableResult
func expectError<T>(_ code: ServiceError.Code, sourceLocation: SourceLocation = #_sourceLocation,
                    _ body: () throws -> T) -> ServiceError? {
    let error = #expect(throws: ServiceError.self, sourceLocation: sourceLocation) { _ = try body() }
    #expect(error?.code == code, sourceLocation: sourceLocation)
    return error
}

/// An operator, merchant admins of m1 and m2, and a store clerk of m1, with sessions.
struct StaffFixture {
    static let password = "correct horse battery"
    let directory: StaffDirectory
    let op: StaffIdentity
    let m1: StaffIdentity
    let m2: StaffIdentity
    let clerk: StaffIdentity

    init(_ db: TestDatabase) throws {
        directory = try db.staff()
        try directory.bootstrapUser(username: "operator", displayName: "Operator", password: Self.password, role: .operatorAdmin)
        op = try directory.login(username: "operator", password: Self.password).identity
        try directory.createUser(username: "m1-admin", displayName: "M1", password: Self.password,
                                 role: .merchantAdmin(merchant: "m1"), by: op)
        try directory.createUser(username: "m2-admin", displayName: "M2", password: Self.password,
                                 role: .merchantAdmin(merchant: "m2"), by: op)
        m1 = try directory.login(username: "m1-admin", password: Self.password).identity
        m2 = try directory.login(username: "m2-admin", password: Self.password).identity
        try directory.createUser(username: "m1-clerk", displayName: "Clerk", password: Self.password,
                                 role: .storeStaff(merchant: "m1", store: "m1-main"), by: m1)
        clerk = try directory.login(username: "m1-clerk", password: Self.password).identity
    }
}
