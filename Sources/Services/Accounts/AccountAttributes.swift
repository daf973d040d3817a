/// The personal attributes a consumer chose to share, stored only with consent and deleted
/// on request. Each is optional.
public struct AccountAttributes: Sendable, Equatable {
    /// The values `sex` may take.
    public static let sexes: Set<String> = ["female", "male", "other"]

    /// `"female"`, `"male"` or `"other"`.
    public let sex: String?
    /// Year of birth, 1900 … the current year (JST).
    public let birthYear: Int?
    /// Prefecture of residence as its JIS X 0401 code, 1 (Hokkaidō) … 47 (Okinawa).
    public let prefecture: Int?
    /// When consent was (last) given (ms since the epoch).
    public let consented: Int64
}

/// Account counts for the operator; no personal data.
public struct AccountStatistics: Sendable, Equatable {
    /// Number of consumer accounts.
    public let accounts: Int
    /// Number of accounts that currently share attributes.
    public let withAttributes: Int
}
