import Foundation
import Store

/// Read-only connections to the ledger for request handlers, so reads never wait for the
/// sequencer's writer (WAL readers see the last committed block).
///
/// Each `read` runs in one read transaction: everything it reads comes from one snapshot.
/// Connections are opened on demand, up to `capacity` at once; a caller beyond that waits.
public final class LedgerReadPool: @unchecked Sendable {
    /// The database file.
    public let path: String
    private let capacity: Int
    private let condition = NSCondition()
    private var idle: [LedgerStore] = []
    private var open = 0

    /// - Parameter capacity: the most connections open at once (one per server thread is enough).
    public init(path: String, capacity: Int = 4) {
        self.path = path
        self.capacity = max(1, capacity)
    }

    /// Runs `body` on a reader inside one read transaction (one consistent snapshot).
    public func read<T>(_ body: (LedgerStore) throws -> T) throws -> T {
        let store = try checkOut()
        var healthy = true
        defer { checkIn(store, healthy: healthy) }
        do {
            try store.db.begin(.deferred)
            try store.refresh()
            let value = try body(store)
            try store.db.commit()
            return value
        } catch {
            if store.db.isInTransaction { try? store.db.rollback() }
            healthy = !(error is StoreError)
            throw error
        }
    }

    /// Closes the idle connections (those in use close when they come back).
    public func close() {
        condition.lock()
        open -= idle.count
        idle.removeAll()
        condition.unlock()
    }

    private func checkOut() throws -> LedgerStore {
        condition.lock()
        while idle.isEmpty && open >= capacity { condition.wait() }
        if let store = idle.popLast() {
            condition.unlock()
            return store
        }
        open += 1
        condition.unlock()
        do {
            return try LedgerStore.open(path: path, readOnly: true)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ store: LedgerStore, healthy: Bool) {
        condition.lock()
        if healthy { idle.append(store) } else { open -= 1 }
        condition.signal()
        condition.unlock()
    }
}
