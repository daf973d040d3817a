extension Connection {
    /// Attaches another database file under `name` (`ATTACH DATABASE ? AS ?`, both bound, so
    /// neither needs quoting). Cannot be called inside a transaction.
    /// - Throws: `SQLiteError`.
    public func attach(path: String, as name: String) throws {
        try prepare("ATTACH DATABASE ? AS ?").run(.text(path), .text(name))
    }

    /// Detaches the database attached as `name` (`DETACH DATABASE ?`).
    /// - Throws: `SQLiteError`, e.g. when no database is attached under that name.
    public func detach(_ name: String) throws {
        try prepare("DETACH DATABASE ?").run(.text(name))
    }
}
