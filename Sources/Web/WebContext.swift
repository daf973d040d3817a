import HTTPServer
import Ledger
import Services

/// What the web pages use, wired by `App`.
public final class WebContext: Sendable {
    let reader: LedgerReadPool
    let clock: Clock
    let staff: StaffDirectory
    let catalogue: Catalogue
    let admin: AdminService
    let endorsements: EndorsementService
    let orders: OrderService
    /// Consumer accounts (the operator sees aggregate counts only).
    let accounts: AccountService
    let hub: EventHub
    /// Double-submitted forms create one thing (the form carries a one-time `_idem` key).
    let idempotency: IdempotencyStore
    /// Custodial keys (store keys sign the QR codes' store proofs).
    let vault: KeyVault
    /// The network id (store proofs are bound to it).
    let net: String
    /// Sign-in attempts per client address.
    let loginLimiter: RateLimiter
    /// Sign-in attempts per user name (slows guessing spread over many addresses).
    let loginUserLimiter: RateLimiter?
    /// Cookies get `Secure` (set when the site is served over HTTPS behind a proxy).
    let secureCookies: Bool

    public init(reader: LedgerReadPool, clock: Clock, staff: StaffDirectory, catalogue: Catalogue, admin: AdminService,
                endorsements: EndorsementService, orders: OrderService, accounts: AccountService, hub: EventHub, idempotency: IdempotencyStore,
                vault: KeyVault, net: String, loginLimiter: RateLimiter, loginUserLimiter: RateLimiter? = nil, secureCookies: Bool = false) {
        self.reader = reader
        self.clock = clock
        self.staff = staff
        self.catalogue = catalogue
        self.admin = admin
        self.endorsements = endorsements
        self.orders = orders
        self.accounts = accounts
        self.hub = hub
        self.idempotency = idempotency
        self.vault = vault
        self.net = net
        self.loginLimiter = loginLimiter
        self.loginUserLimiter = loginUserLimiter
        self.secureCookies = secureCookies
    }
}
