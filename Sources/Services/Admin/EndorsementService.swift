import Crypto
import Foundation
import Ledger
import SQLiteDB
import Store

/// Package endorsement between merchants (PROTOCOL §2: every component whose merchant is not
/// the package's issuer needs that merchant's `product.endorse` before the first issue).
///
/// The package's merchant requests; each partner lists its requests and approves (the node
/// signs `product.endorse` with the partner's custodial key) or declines. Requests are private
/// to the two merchants (and the operator): anyone else gets `not_found`. Thread-safe.
public final class EndorsementService: Sendable {
    private let context: ServiceContext
    private let admin: AdminService

    /// Endorsements over `context`.
    public init(context: ServiceContext) {
        self.context = context
        self.admin = AdminService(context: context)
    }

    /// Asks every partner merchant of `package` that has not endorsed it to do so: one pending
    /// request per partner (an existing pending request is kept, a declined one may be asked again).
    /// - Returns: the package's pending requests after the call.
    /// - Throws: `unknown_product`, `not_authorized` (not the package's merchant), `conflict`
    ///   (not a package, or no partner left to ask).
    public func requestEndorsements(package: String, by staff: StaffIdentity) throws -> [EndorsementRequest] {
        let record = try admin.product(package)
        try admin.requireManage(record.terms.issuer, staff)
        guard let components = record.terms.components else {
            throw ServiceError(.conflict, "product \"\(package)\" is not a package")
        }
        let now = context.clock.now()
        return try context.app.transaction { store in
            var partners: [String] = []
            for c in components {
                guard let part = try store.product(c.product) else { continue }
                let owner = part.terms.issuer
                if owner != record.terms.issuer && !record.endorsedBy.contains(owner) && !partners.contains(owner) {
                    partners.append(owner)
                }
            }
            if partners.isEmpty { throw ServiceError(.conflict, "every partner has already endorsed \"\(package)\"") }
            for partner in partners {
                try store.db.cached("""
                    INSERT INTO endorsement_requests(id, package, requester, partner, status, requested_by, created, updated)
                    VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT DO NOTHING
                    """).run(.text(newID()), .text(package), .text(record.terms.issuer), .text(partner),
                             .text(staff.username), .int(now), .int(now))
            }
            return try store.db.cached("SELECT \(EndorsementRequest.columns) FROM endorsement_requests WHERE package = ? AND status = 'pending' ORDER BY partner")
                .query(.text(package)) { EndorsementRequest(row: $0) }
        }
    }

    /// The requests addressed to `partner` (newest first), optionally of one status.
    /// - Throws: `not_found` unless the staff member covers `partner`.
    public func requests(toPartner partner: String, status: EndorsementRequest.Status? = nil,
                         by staff: StaffIdentity) throws -> [EndorsementRequest] {
        try requireRead(staff)
        guard staff.covers(merchant: partner) else { throw ServiceError.missing("endorsement requests for \"\(partner)\"") }
        return try context.read { store in
            try store.db.cached("""
                SELECT \(EndorsementRequest.columns) FROM endorsement_requests
                WHERE partner = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY created DESC, id DESC
                """).query(.text(partner), SQLValue(status?.rawValue)) { EndorsementRequest(row: $0) }
        }
    }

    /// The requests of one package (for its merchant's console).
    /// - Throws: `not_found` unless the staff member covers the package's merchant.
    public func requests(forPackage package: String, by staff: StaffIdentity) throws -> [EndorsementRequest] {
        try requireRead(staff)
        let list = try context.read { store in
            try store.db.cached("SELECT \(EndorsementRequest.columns) FROM endorsement_requests WHERE package = ? ORDER BY created DESC, id DESC")
                .query(.text(package)) { EndorsementRequest(row: $0) }
        }
        return list.filter { staff.covers(merchant: $0.requester) }
    }

    /// One request, if the staff member may see it (its partner or its requester).
    /// - Throws: `not_found`.
    public func request(_ id: String, by staff: StaffIdentity) throws -> EndorsementRequest {
        try requireRead(staff)
        let r = try load(id)
        guard staff.covers(merchant: r.partner) || staff.covers(merchant: r.requester) else { throw ServiceError.missing("endorsement request \"\(id)\"") }
        return r
    }

    /// Approves a pending request: the node signs `product.endorse` with the partner's custodial key.
    /// - Throws: `not_found` (unknown, or another tenant's), `not_authorized` (the requester
    ///   cannot approve its own request; or the node lacks the partner's key), `conflict` (already decided).
    public func approve(_ id: String, by staff: StaffIdentity) throws -> EndorsementRequest {
        let r = try decidable(id, staff)
        let key = try admin.signingKey(for: r.partner, staff: staff)
        let writer = LedgerWriter(context: context)
        var txid: String?
        do {
            txid = try writer.submit(.productEndorse(ProductEndorse(product: r.package)), with: key)
        } catch let e as ServiceError where e.code == .conflict {
            // Endorsed already (another approval won the race, or the partner signed directly):
            // the ledger is the truth, so the request is approved.
            let endorsed = try context.read { try $0.product(r.package)?.endorsedBy.contains(r.partner) ?? false }
            guard endorsed else { throw e }
        }
        let now = context.clock.now()
        return try context.app.transaction { store in
            try store.db.cached("""
                UPDATE endorsement_requests SET status = 'approved', txid = coalesce(?, txid), decided_by = ?, updated = ? WHERE id = ?
                """).run(SQLValue(txid), .text(staff.username), .int(now), .text(id))
            return try load(id, store)
        }
    }

    /// Declines a pending request; the package stays off sale until the partner endorses it.
    /// - Throws: as `approve`.
    public func decline(_ id: String, by staff: StaffIdentity) throws -> EndorsementRequest {
        _ = try decidable(id, staff)
        let now = context.clock.now()
        return try context.app.transaction { store in
            try store.db.cached("""
                UPDATE endorsement_requests SET status = 'declined', decided_by = ?, updated = ? WHERE id = ? AND status = 'pending'
                """).run(.text(staff.username), .int(now), .text(id))
            guard store.db.changes == 1 else { throw ServiceError(.conflict, "the request was decided meanwhile") }
            return try load(id, store)
        }
    }

    // MARK: helpers

    private func decidable(_ id: String, _ staff: StaffIdentity) throws -> EndorsementRequest {
        try staff.require(.manage)
        let r = try load(id)
        guard staff.covers(merchant: r.partner) else {
            if staff.covers(merchant: r.requester) {
                throw ServiceError(.notAuthorized, "only the partner merchant \"\(r.partner)\" decides this request")
            }
            throw ServiceError.missing("endorsement request \"\(id)\"")
        }
        guard r.status == .pending else { throw ServiceError(.conflict, "the request is already \(r.status.rawValue)") }
        return r
    }

    private func requireRead(_ staff: StaffIdentity) throws {
        if !staff.scopes.contains(.manage) { try staff.require(.read) }
    }

    private func load(_ id: String) throws -> EndorsementRequest {
        try context.read { try load(id, $0) }
    }

    private func load(_ id: String, _ store: LedgerStore) throws -> EndorsementRequest {
        guard let r = try store.db.cached("SELECT \(EndorsementRequest.columns) FROM endorsement_requests WHERE id = ?")
            .queryOne(.text(id), row: { EndorsementRequest(row: $0) }) else {
            throw ServiceError.missing("endorsement request \"\(id)\"")
        }
        return r
    }

    private func newID() -> String { "e" + Base64URL.encode(context.random.bytes(count: 12)) }
}
