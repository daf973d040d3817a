import CSQLite

/// Owns one `sqlite3*` and closes it when the last owner goes away.
///
/// Both the `Connection` and every `Statement` it prepared hold this object, so a statement that
/// outlives its connection keeps the handle open instead of running on a closed database; the
/// handle is closed as soon as the connection and all of its statements are gone.
final class DatabaseHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        // Every statement holding this handle has already been finalized, so this closes at once;
        // _v2 would still defer the close safely if one were left.
        sqlite3_close_v2(pointer)
    }
}
