/// How `BEGIN` acquires locks (https://sqlite.org/lang_transaction.html).
public enum TransactionKind: String, Sendable {
    /// Takes locks on first read or write; may fail with `SQLITE_BUSY` when upgrading to write.
    case deferred = "DEFERRED"
    /// Takes the write lock at `BEGIN`, so a busy database is reported before any work is done.
    case immediate = "IMMEDIATE"
    /// Like immediate; in rollback-journal mode also keeps readers out.
    case exclusive = "EXCLUSIVE"
}
