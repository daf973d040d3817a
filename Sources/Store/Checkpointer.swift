import Foundation
import SQLiteDB

/// Moves committed WAL frames into the database file from a connection of its own, so the
/// writer's commits never pay for a checkpoint (SQLite's automatic checkpoint runs inside the
/// committing transaction and fsyncs the database file).
///
/// A PASSIVE checkpoint never blocks the writer; SQLite restarts the WAL from its beginning
/// once every frame has been copied.
public final class Checkpointer: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var done = false

    /// Starts checkpointing `path` every `interval` seconds.
    public init(path: String, interval: TimeInterval = 0.5) throws {
        let db = try Connection(path: path, readOnly: false, create: false)
        try db.busyTimeout(1_000)
        Thread { [self] in
            while self.wait(interval) {
                _ = try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            _ = try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            self.condition.lock()
            self.done = true
            self.condition.broadcast()
            self.condition.unlock()
        }.start()
    }

    /// Sleeps up to `interval`; false once stopped.
    private func wait(_ interval: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
        return !stopped
    }

    /// Runs a last checkpoint and stops.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }
}
