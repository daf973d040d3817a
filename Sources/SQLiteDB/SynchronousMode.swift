/// `PRAGMA synchronous` levels (https://sqlite.org/pragma.html#pragma_synchronous).
public enum SynchronousMode: Int, Sendable {
    /// No fsync; a power loss can corrupt the database.
    case off = 0
    /// In WAL mode: durable against application crashes, a power loss may lose the last commits.
    case normal = 1
    /// fsync on every commit: committed transactions survive a power loss.
    case full = 2
    /// Like full, and also syncs the directory after deleting a rollback journal.
    case extra = 3
}
