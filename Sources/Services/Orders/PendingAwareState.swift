import Crypto
import Ledger

/// A state reader whose per-account counts include open orders, so
/// `Validator.checkAccountLimit` sees units that are promised but not yet on the ledger.
struct PendingAwareState<Base: StateReader>: StateReader {
    let base: Base
    /// Units of open orders, keyed by product and account.
    let pending: [String: Int64]

    static func key(_ product: String, _ account: String) -> String { product + "\n" + account }

    func network() throws -> NetworkInfo? { try base.network() }
    func containsTx(_ txid: String) throws -> Bool { try base.containsTx(txid) }
    func merchant(_ id: String) throws -> MerchantRecord? { try base.merchant(id) }
    func merchant(withKey key: PublicKey) throws -> MerchantRecord? { try base.merchant(withKey: key) }
    func store(_ id: String) throws -> StoreRecord? { try base.store(id) }
    func product(_ id: String) throws -> ProductRecord? { try base.product(id) }
    func grant(granter: Principal, delegate: PublicKey) throws -> GrantRecord? { try base.grant(granter: granter, delegate: delegate) }
    func ticket(_ id: String) throws -> TicketRecord? { try base.ticket(id) }
    func issuedCount(product: String, account: String) throws -> Int64 {
        try base.issuedCount(product: product, account: account) + (pending[Self.key(product, account)] ?? 0)
    }
}
