import Crypto

/// The whole derived state in dictionaries: for tests, tools and small replays.
/// Keys are ASCII identifiers (validated on decode), so dictionary lookups are byte-exact.
public final class MemoryState: LedgerState {
    public private(set) var networkInfo: NetworkInfo?
    public private(set) var txids: Set<String> = []
    public private(set) var merchants: [String: MerchantRecord] = [:]
    private var merchantByKey: [PublicKey: String] = [:]
    public private(set) var stores: [String: StoreRecord] = [:]
    public private(set) var products: [String: ProductRecord] = [:]
    public private(set) var grants: [String: GrantRecord] = [:]
    public private(set) var tickets: [String: TicketRecord] = [:]
    /// Txids that touched each ticket, oldest first.
    public private(set) var history: [String: [String]] = [:]
    private var accountCounts: [String: Int64] = [:]

    /// An empty state (before genesis).
    public init() {}

    public func network() -> NetworkInfo? { networkInfo }
    public func containsTx(_ txid: String) -> Bool { txids.contains(txid) }
    public func merchant(_ id: String) -> MerchantRecord? { merchants[id] }
    public func merchant(withKey key: PublicKey) -> MerchantRecord? { merchantByKey[key].flatMap { merchants[$0] } }
    public func store(_ id: String) -> StoreRecord? { stores[id] }
    public func product(_ id: String) -> ProductRecord? { products[id] }
    public func grant(granter: Principal, delegate: PublicKey) -> GrantRecord? { grants[Self.grantKey(granter, delegate)] }
    public func ticket(_ id: String) -> TicketRecord? { tickets[id] }
    public func issuedCount(product: String, account: String) -> Int64 { accountCounts[product + "\n" + account] ?? 0 }

    public func apply(_ applied: Applied) {
        txids.insert(applied.txid)
        for effect in applied.effects {
            switch effect {
            case .setNetwork(let n): networkInfo = n
            case .putMerchant(let m):
                if let old = merchants[m.id] { merchantByKey[old.key] = nil }
                merchants[m.id] = m
                merchantByKey[m.key] = m.id
            case .putStore(let s): stores[s.id] = s
            case .putProduct(let p): products[p.id] = p
            case .putGrant(let g): grants[Self.grantKey(g.granter, g.delegate)] = g
            case .removeGrant(let granter, let delegate): grants[Self.grantKey(granter, delegate)] = nil
            case .issueTickets(let list, let product, let units, let account):
                for t in list { tickets[t.id] = t }
                if let account { accountCounts[product + "\n" + account, default: 0] += units }
            case .updateTicket(let t): tickets[t.id] = t
            }
        }
        for id in applied.touchedTickets { history[id, default: []].append(applied.txid) }
    }

    /// Tickets `holder` holds now.
    public func tickets(heldBy holder: PublicKey) -> [TicketRecord] {
        tickets.values.filter { $0.holder == holder }.sorted { $0.id < $1.id }
    }

    private static func grantKey(_ granter: Principal, _ delegate: PublicKey) -> String { granter + "\n" + delegate.base64url }
}
