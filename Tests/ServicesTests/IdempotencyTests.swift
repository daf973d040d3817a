import Crypto
import Foundation
import Testing
@testable import Services

/// Idempotency-Key bookkeeping.
@Suite struct IdempotencyTests {
    static let scope = "staff:1 POST /api/v1/products"
    static let request = SHA256.hash(Array("POST /api/v1/products {\"a\":1}".utf8))
    static let otherRequest = SHA256.hash(Array("POST /api/v1/products {\"a\":2}".utf8))

    @Test func finishedRequestIsReplayed() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request) == .proceed)
        #expect(try store.finish(scope: Self.scope, key: "k-1", status: 201, contentType: "application/json", body: Array("{\"id\":7}".utf8)))
        let expected = StoredResponse(status: 201, contentType: "application/json", body: Array("{\"id\":7}".utf8))
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request) == .replay(expected))
        #expect(try store.begin(scope: "staff:2 POST /api/v1/products", key: "k-1", fingerprint: Self.request) == .proceed)
    }

    @Test func sameKeyWithAnotherRequestConflicts() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        _ = try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request)
        try store.finish(scope: Self.scope, key: "k-1", status: 201, contentType: "application/json", body: [])
        expectError(.idempotencyConflict) { try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.otherRequest) }
    }

    @Test func requestInProgressConflictsUntilFinishedOrAbandoned() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request) == .proceed)
        let error = expectError(.idempotencyConflict) { try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request) }
        #expect(error?.message.contains("in progress") == true)
        try store.abandon(scope: Self.scope, key: "k-1")
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.otherRequest) == .proceed)
    }

    @Test func abandonKeepsAFinishedResponse() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        _ = try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request)
        try store.finish(scope: Self.scope, key: "k-1", status: 409, contentType: "application/problem+json", body: [1, 2])
        try store.abandon(scope: Self.scope, key: "k-1")
        #expect(try store.finish(scope: Self.scope, key: "k-1", status: 500, contentType: "text/plain", body: []) == false)
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request)
                == .replay(StoredResponse(status: 409, contentType: "application/problem+json", body: [1, 2])))
    }

    @Test func entriesAreForgottenAfterOneDay() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        _ = try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request)
        try store.finish(scope: Self.scope, key: "k-1", status: 201, contentType: "application/json", body: [])
        db.clock.advance(24 * TestDatabase.hour - 1)
        expectError(.idempotencyConflict) { try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.otherRequest) }
        db.clock.advance(1)
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.otherRequest) == .proceed)
    }

    @Test func unfinishedEntryOfADeadRequestCanBeClaimedAfterTenMinutes() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        _ = try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request)
        db.clock.advance(10 * 60_000 - 1)
        expectError(.idempotencyConflict) { try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request) }
        db.clock.advance(1)
        #expect(try store.begin(scope: Self.scope, key: "k-1", fingerprint: Self.request) == .proceed)
    }

    @Test func keysMustBeShortPrintableASCII() throws {
        let db = try TestDatabase()
        let store = try db.idempotency()
        for bad in ["", String(repeating: "k", count: 201), "tab\there", "ünï", "new\nline"] {
            let error = expectError(.invalidRequest) { try store.begin(scope: Self.scope, key: bad, fingerprint: Self.request) }
            #expect(error?.fields.first?.field == "Idempotency-Key")
        }
        for good in [String(repeating: "k", count: 200), "a", "with space ~!", "550e8400-e29b-41d4-a716-446655440000"] {
            #expect(try store.begin(scope: Self.scope, key: good, fingerprint: Self.request) == .proceed)
        }
    }

    @Test func concurrentBeginsOnOneKeyLetExactlyOneProceed() throws {
        let db = try TestDatabase()
        // One shared instance (lock) and separate instances (SQLite's write lock) alike.
        let shared = try db.idempotency()
        let stores = [shared, shared, try db.idempotency(), try db.idempotency()]
        for round in 0..<20 {
            let key = "race-\(round)"
            let outcomes = Outcomes()
            let group = DispatchGroup()
            for store in stores {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    do {
                        outcomes.add(try store.begin(scope: Self.scope, key: key, fingerprint: Self.request) == .proceed ? "proceed" : "replay")
                    } catch let error as ServiceError {
                        outcomes.add(error.code.rawValue)
                    } catch {
                        outcomes.add("\(error)")
                    }
                }
            }
            group.wait()
            let all = outcomes.all.sorted()
            #expect(all == ["idempotency_conflict", "idempotency_conflict", "idempotency_conflict", "proceed"])
        }
    }
}

/// Results collected from several threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}
