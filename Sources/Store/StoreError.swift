/// Failures of the ledger database that are not rule violations.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file is not a Kippu ledger (foreign SQLite file, or not SQLite at all).
    case notALedger(path: String, reason: String)
    /// The file is damaged or truncated.
    case corrupt(path: String, reason: String)
    /// `create` was asked to overwrite an existing file.
    case exists(path: String)
    /// The file does not exist.
    case missing(path: String)
    /// A stored row does not decode (detected while reading).
    case badRow(table: String, key: String, reason: String)
    /// The log is not contiguous or disagrees with itself.
    case inconsistent(String)

    public var description: String {
        switch self {
        case .notALedger(let p, let r): "\(p) is not a Kippu ledger database (\(r))"
        case .corrupt(let p, let r): "\(p) is damaged: \(r)"
        case .exists(let p): "\(p) already exists; refusing to overwrite a ledger"
        case .missing(let p): "\(p) does not exist (create it with `kippu init --db \(p)`)"
        case .badRow(let t, let k, let r): "bad row in \(t) (\(k)): \(r)"
        case .inconsistent(let r): "inconsistent ledger: \(r)"
        }
    }
}
