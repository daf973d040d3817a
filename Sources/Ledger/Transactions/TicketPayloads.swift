import Crypto

/// `ticket.issue`: creates `count` tickets (or packages) of `product` held by `to`.
public struct TicketIssue: Sendable, Equatable {
    /// The largest `count` one transaction may carry.
    public static let maxCount: Int64 = 100
    public var product: String
    public var to: PublicKey
    public var count: Int64
    /// A pseudonymous account id (never personal data), for per-account limits and analytics.
    public var account: String?
    /// An order reference of the selling application.
    public var order: String?
    public init(product: String, to: PublicKey, count: Int64 = 1, account: String? = nil, order: String? = nil) {
        self.product = product; self.to = to; self.count = count; self.account = account; self.order = order
    }
    init(_ f: inout Fields) throws(LedgerError) {
        product = try f.id("product"); to = try f.key("to"); count = try f.int("count", min: 1, max: Self.maxCount)
        account = try f.optionalString("account", maxScalars: 128); order = try f.optionalString("order", maxScalars: 128)
    }
    var members: [(String, JSONValue)] {
        var m: [(String, JSONValue)] = [("product", .string(product)), ("to", .string(to.base64url)), ("count", .int(count))]
        if let account { m.append(("account", .string(account))) }
        if let order { m.append(("order", .string(order))) }
        return m
    }
}

/// `ticket.transfer`: the holder gives a ticket to another key (譲渡).
public struct TicketTransfer: Sendable, Equatable {
    public var ticket: String
    public var to: PublicKey
    public init(ticket: String, to: PublicKey) { self.ticket = ticket; self.to = to }
    init(_ f: inout Fields) throws(LedgerError) { ticket = try f.ticketID("ticket"); to = try f.key("to") }
    var members: [(String, JSONValue)] { [("ticket", .string(ticket)), ("to", .string(to.base64url))] }
}

/// `ticket.use`: the holder redeems a ticket at a store, proven by the store's QR signature.
public struct TicketUse: Sendable, Equatable {
    public var ticket: String
    public var store: String
    /// base64url Ed25519 signature of the store key (see `StoreProof`).
    public var storeProof: String
    /// Optional purchase amount in yen, for settlement and analytics.
    public var amount: Int64?
    public init(ticket: String, store: String, storeProof: String, amount: Int64? = nil) {
        self.ticket = ticket; self.store = store; self.storeProof = storeProof; self.amount = amount
    }
    init(_ f: inout Fields) throws(LedgerError) {
        ticket = try f.ticketID("ticket"); store = try f.id("store")
        storeProof = try f.string("storeProof", maxScalars: 100)
        amount = try f.optionalInt("amount")
    }
    var members: [(String, JSONValue)] {
        var m: [(String, JSONValue)] = [("ticket", .string(ticket)), ("store", .string(store)), ("storeProof", .string(storeProof))]
        if let amount { m.append(("amount", .int(amount))) }
        return m
    }
}

/// `ticket.cancel`: the issuer withdraws an unused ticket.
public struct TicketCancel: Sendable, Equatable {
    public var ticket: String
    public var reason: String
    public init(ticket: String, reason: String) { self.ticket = ticket; self.reason = reason }
    init(_ f: inout Fields) throws(LedgerError) {
        ticket = try f.ticketID("ticket"); reason = try f.string("reason", maxScalars: 500, allowEmpty: true)
    }
    var members: [(String, JSONValue)] { [("ticket", .string(ticket)), ("reason", .string(reason))] }
}
