import API
import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import Store
import Web

/// One running node: the ledger, its sequencer, its readers and the API wired together.
/// The only place concrete types meet (`kippu serve`, `kippu bench http`, API tests).
final class Node {
    let sequencer: Sequencer
    let reader: LedgerReadPool
    let hub: EventHub
    let api: KippuAPI
    let network: NetworkInfo
    /// Paid orders left without tickets by the last run, finished while opening.
    let resumedOrders: OrderService.Resumed

    private init(sequencer: Sequencer, reader: LedgerReadPool, hub: EventHub, api: KippuAPI, network: NetworkInfo,
                 resumedOrders: OrderService.Resumed) {
        self.sequencer = sequencer
        self.reader = reader
        self.hub = hub
        self.api = api
        self.network = network
        self.resumedOrders = resumedOrders
    }

    /// Opens the ledger at `dbPath` and starts the sequencer.
    static func open(dbPath: String, nodeKeyPath: String? = nil, clock: Clock = SystemClock(),
                     cors: CORSPolicy = CORSPolicy(), secureCookies: Bool = false, loginsPerMinute: Int = 20) throws -> Node {
        let (store, nodeKey) = try LedgerSetup.open(dbPath: dbPath, nodeKeyPath: nodeKeyPath)
        guard let network = try store.network() else { throw StoreError.inconsistent("the ledger has no genesis") }
        let vault = try KeyVault.open(directory: KeyVault.directory(forDatabase: dbPath))
        let sequencer = try Sequencer(store: store, nodeKey: nodeKey, clock: clock)
        let reader = LedgerReadPool(path: dbPath, capacity: 8)
        let hub = EventHub()
        let app: AppServices
        let resumed: OrderService.Resumed
        do {
            app = try AppServices.open(dbPath: dbPath, net: network.net, vault: vault, sequencer: sequencer, reader: reader, clock: clock)
            // Before serving: nothing of this run is queued yet, so no order is issued twice.
            resumed = try app.orders.resumePaidOrders()
        } catch {
            hub.closeAll()
            sequencer.shutdown()
            throw error
        }
        let limits = RateLimits.standard(now: { clock.now() }, logins: loginsPerMinute)
        let context = APIContext(reader: reader, sequencer: sequencer, clock: clock, hub: hub, app: app, limits: limits)
        let web = WebContext(reader: reader, clock: clock, staff: app.staff, catalogue: app.catalogue, admin: app.admin,
                             endorsements: app.endorsements, orders: app.orders, accounts: app.accounts, hub: hub, idempotency: app.idempotency,
                             vault: vault, net: network.net, loginLimiter: limits.loginPerIP, loginUserLimiter: limits.loginPerUser,
                             secureCookies: secureCookies)
        let api = KippuAPI(context: context, cors: cors, mount: { WebSite.register($0, web) }, pageNotFound: WebSite.notFound)
        return Node(sequencer: sequencer, reader: reader, hub: hub, api: api, network: network, resumedOrders: resumed)
    }

    /// Stops the sequencer (finishing what is queued), closes feeds and readers.
    func close() {
        hub.closeAll()
        sequencer.shutdown()
        reader.close()
    }
}
