import Crypto
import HTTPServer
import Ledger
import Services

/// The application services behind the API (accounts, staff, idempotency, commerce).
public struct AppServices: Sendable {
    public let staff: StaffDirectory
    public let accounts: AccountService
    public let idempotency: IdempotencyStore
    public let catalogue: Catalogue
    public let admin: AdminService
    public let endorsements: EndorsementService
    public let orders: OrderService

    public init(staff: StaffDirectory, accounts: AccountService, idempotency: IdempotencyStore, catalogue: Catalogue,
                admin: AdminService, endorsements: EndorsementService, orders: OrderService) {
        self.staff = staff
        self.accounts = accounts
        self.idempotency = idempotency
        self.catalogue = catalogue
        self.admin = admin
        self.endorsements = endorsements
        self.orders = orders
    }
}

/// Request budgets (token buckets) for the endpoints people abuse: sign-ups, logins, orders.
/// Exceeding one answers 429 `rate_limited` with `Retry-After`.
public struct RateLimits: Sendable {
    /// Per client address: wallet challenges and sign-ins.
    public let accountsPerIP: RateLimiter
    /// Per client address: staff logins.
    public let loginPerIP: RateLimiter
    /// Per user name: staff logins (slows password guessing spread over many addresses).
    public let loginPerUser: RateLimiter
    /// Per client address: orders.
    public let ordersPerIP: RateLimiter
    /// Per consumer account: orders.
    public let ordersPerAccount: RateLimiter

    public init(accountsPerIP: RateLimiter, loginPerIP: RateLimiter, loginPerUser: RateLimiter,
                ordersPerIP: RateLimiter, ordersPerAccount: RateLimiter) {
        self.accountsPerIP = accountsPerIP
        self.loginPerIP = loginPerIP
        self.loginPerUser = loginPerUser
        self.ordersPerIP = ordersPerIP
        self.ordersPerAccount = ordersPerAccount
    }

    /// The production budgets: generous for a person, tight for a script.
    /// - Parameter logins: sign-ins per minute per address (per user name: half); default 20.
    public static func standard(now: @escaping @Sendable () -> Int64, logins: Int = 20) -> RateLimits {
        RateLimits(accountsPerIP: RateLimiter(perMinute: 30, burst: 20, now: now),
                   loginPerIP: RateLimiter(perMinute: logins, burst: max(1, logins / 2), now: now),
                   loginPerUser: RateLimiter(perMinute: max(1, logins / 2), burst: max(1, logins / 4), now: now),
                   ordersPerIP: RateLimiter(perMinute: 300, burst: 100, now: now),
                   ordersPerAccount: RateLimiter(perMinute: 30, burst: 10, now: now))
    }

    /// Throws `rate_limited` when `limiter` has no token for `key`.
    static func take(_ limiter: RateLimiter, _ key: String, what: String) throws {
        if let wait = limiter.take(key) {
            throw ServiceError(.rateLimited, "too many \(what); try again in \(wait) s", retryAfter: max(1, wait))
        }
    }
}

extension AppServices {
    /// Opens every application service on the node's database file.
    /// - Parameters:
    ///   - providers: payment providers besides `free` and `onsite` (tests add a scripted one).
    ///   - strength: Argon2id cost of staff passwords (tests use `.minimum`).
    public static func open(dbPath: String, net: String, vault: KeyVault, sequencer: Sequencer, reader: LedgerReadPool,
                            clock: Clock, random: RandomSource = SystemRandom(), providers: [any PaymentProvider] = [],
                            limits: OrderLimits = OrderLimits(),
                            strength: PasswordHasher.Strength = .interactive) throws -> AppServices {
        let context = ServiceContext(sequencer: sequencer, reads: reader, app: try CommerceDatabase(path: dbPath), vault: vault,
                                     net: net, clock: clock, random: random)
        return AppServices(staff: try StaffDirectory(path: dbPath, clock: clock, random: random, strength: strength),
                           accounts: try AccountService(path: dbPath, net: net, clock: clock, random: random),
                           idempotency: try IdempotencyStore(path: dbPath, clock: clock),
                           catalogue: Catalogue(context: context),
                           admin: AdminService(context: context),
                           endorsements: EndorsementService(context: context),
                           orders: OrderService(context: context, providers: [FreePayment(), OnsitePayment(random: random)] + providers,
                                                limits: limits))
    }
}
