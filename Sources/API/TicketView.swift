import Ledger

/// The ticket object of PROTOCOL §4:
/// `{ticket, product, issuer, holder, state, validFrom, validUntil, package?, history: [txid]}`.
/// `state` is `active`, `used`, `cancelled` or (derived at the node's current time) `expired`;
/// `validUntil` is absent for a ticket that never expires.
enum TicketView {
    static func json(_ t: TicketRecord, history: [String], at now: Int64) -> JSONObject {
        var o = JSONObject()
        o.set("ticket", .string(t.id))
        o.set("product", .string(t.product))
        o.set("issuer", .string(t.issuer))
        o.set("holder", .string(t.holder.base64url))
        o.set("state", .string(t.displayState(at: now)))
        o.set("validFrom", .int(t.validFrom))
        if let until = t.validUntil { o.set("validUntil", .int(until)) }
        if let package = t.package { o.set("package", .string(package)) }
        o.set("history", .array(history.map { .string($0) }))
        return o
    }
}
