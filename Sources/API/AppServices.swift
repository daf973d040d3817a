import HTTPServer
import Services

/// The application services behind the API (accounts, staff, idempotency, commerce).
public struct AppServices: Sendable {
    public let staff: StaffDirectory
    public let accounts: AccountService
    public let idempotency: IdempotencyStore

    public init(staff: StaffDirectory, accounts: AccountService, idempotency: IdempotencyStore) {
        self.staff = staff
        self.accounts = accounts
        self.idempotency = idempotency
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
    public static func standard(now: @escaping @Sendable () -> Int64) -> RateLimits {
        RateLimits(accountsPerIP: RateLimiter(perMinute: 30, burst: 20, now: now),
                   loginPerIP: RateLimiter(perMinute: 20, burst: 10, now: now),
                   loginPerUser: RateLimiter(perMinute: 10, burst: 5, now: now),
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
