/// The stable error codes of PROTOCOL §2. The raw value is the wire string; only the API
/// target maps them to HTTP statuses.
public enum ErrorCode: String, Sendable, CaseIterable, Codable {
    case tooLarge = "too_large"
    case badEncoding = "bad_encoding"
    case badSignature = "bad_signature"
    case unknownType = "unknown_type"
    case wrongNetwork = "wrong_network"
    case staleTime = "stale_time"
    case notAuthorized = "not_authorized"
    case notHolder = "not_holder"
    case unknownMerchant = "unknown_merchant"
    case unknownStore = "unknown_store"
    case unknownProduct = "unknown_product"
    case unknownTicket = "unknown_ticket"
    case notFound = "not_found"
    case duplicateTx = "duplicate_tx"
    case alreadyUsed = "already_used"
    case cancelled = "cancelled"
    case capExceeded = "cap_exceeded"
    case limitExceeded = "limit_exceeded"
    case conflict = "conflict"
    case expired = "expired"
    case notYetValid = "not_yet_valid"
    case storeNotEligible = "store_not_eligible"
    case badStoreProof = "bad_store_proof"
    case notEndorsed = "not_endorsed"
    case transferNotAllowed = "transfer_not_allowed"
}

/// A domain error: a stable code plus a human message (English; never carries secrets).
public struct LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable code clients switch on.
    public let code: ErrorCode
    /// A short explanation for people and logs.
    public let message: String

    /// Creates an error with its code and message.
    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Equality compares codes only: messages are for people.
    public static func == (a: LedgerError, b: LedgerError) -> Bool { a.code == b.code }
}
