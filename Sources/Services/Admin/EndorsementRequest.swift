import SQLiteDB

/// A package's merchant asking a partner merchant to endorse the package (`product.endorse`).
public struct EndorsementRequest: Sendable, Equatable {
    /// Where a request stands.
    public enum Status: String, Sendable, CaseIterable {
        case pending, approved, declined
    }

    /// `e` + random.
    public let id: String
    /// The package product.
    public let package: String
    /// The package's issuer, who asked.
    public let requester: String
    /// The merchant asked to endorse.
    public let partner: String
    /// Where it stands.
    public let status: Status
    /// The `product.endorse` txid once approved.
    public let txid: String?
    /// Username of the staff member who asked.
    public let requestedBy: String
    /// Username of the partner's staff member who decided.
    public let decidedBy: String?
    /// ms since the epoch.
    public let created: Int64
    /// Last change, ms since the epoch.
    public let updated: Int64

    static let columns = "id, package, requester, partner, status, txid, requested_by, decided_by, created, updated"

    init(row r: Statement) {
        id = r.string(0) ?? ""; package = r.string(1) ?? ""; requester = r.string(2) ?? ""; partner = r.string(3) ?? ""
        status = Status(rawValue: r.string(4) ?? "") ?? .pending; txid = r.string(5); requestedBy = r.string(6) ?? ""
        decidedBy = r.string(7); created = r.int64(8); updated = r.int64(9)
    }
}
