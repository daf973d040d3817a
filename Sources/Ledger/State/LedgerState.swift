import Crypto

/// Read access to the ledger's derived state, as the validation rules need it.
///
/// Every query is a point lookup by key, so a database can serve it without loading the
/// ledger into memory. Implementations throw only for I/O failures; "not there" is `nil`.
public protocol StateReader {
    /// The network, or nil before genesis.
    func network() throws -> NetworkInfo?
    /// True when `txid` is already on the ledger.
    func containsTx(_ txid: String) throws -> Bool
    func merchant(_ id: String) throws -> MerchantRecord?
    /// The merchant whose current key is `key`.
    func merchant(withKey key: PublicKey) throws -> MerchantRecord?
    func store(_ id: String) throws -> StoreRecord?
    func product(_ id: String) throws -> ProductRecord?
    /// The grant of `granter` to `delegate`, live or not.
    func grant(granter: Principal, delegate: PublicKey) throws -> GrantRecord?
    func ticket(_ id: String) throws -> TicketRecord?
    /// Units of `product` issued so far to a pseudonymous account.
    func issuedCount(product: String, account: String) throws -> Int64
}

/// A change to the derived state, produced by validation and applied by the state's owner.
public enum Effect: Sendable, Equatable {
    case setNetwork(NetworkInfo)
    case putMerchant(MerchantRecord)
    case putStore(StoreRecord)
    case putProduct(ProductRecord)
    case putGrant(GrantRecord)
    case removeGrant(granter: Principal, delegate: PublicKey)
    /// New tickets; `account` and `units` feed the per-account counts.
    case issueTickets([TicketRecord], product: String, units: Int64, account: String?)
    /// A changed ticket (holder, state or transfer count), with the txid to add to its history.
    case updateTicket(TicketRecord)
}

/// The outcome of one accepted transaction: what changed, and which tickets it touched
/// (each gets the txid appended to its history).
public struct Applied: Sendable, Equatable {
    public var txid: String
    public var type: TxType
    public var effects: [Effect]
    public init(txid: String, type: TxType, effects: [Effect]) { self.txid = txid; self.type = type; self.effects = effects }

    /// Ticket ids whose history gains this txid.
    public var touchedTickets: [String] {
        effects.flatMap { e -> [String] in
            switch e {
            case .issueTickets(let t, _, _, _): t.map(\.id)
            case .updateTicket(let t): [t.id]
            default: []
            }
        }
    }
}

/// A state that can take accepted transactions.
public protocol LedgerState: StateReader {
    /// Records an accepted transaction and its effects. Called only with the output of
    /// `Validator.validate` against this same state.
    func apply(_ applied: Applied) throws
}
