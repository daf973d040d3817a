/// The transaction types of PROTOCOL §2; the raw value is the wire `type` string.
public enum TxType: String, Sendable, CaseIterable {
    case genesis = "network.genesis"
    case merchantRegister = "merchant.register"
    case merchantRekey = "merchant.rekey"
    case storeRegister = "store.register"
    case productRegister = "product.register"
    case productEndorse = "product.endorse"
    case supplySet = "supply.set"
    case delegateGrant = "delegate.grant"
    case delegateRevoke = "delegate.revoke"
    case ticketIssue = "ticket.issue"
    case ticketTransfer = "ticket.transfer"
    case ticketUse = "ticket.use"
    case ticketCancel = "ticket.cancel"
}
