import Ledger

/// An application error: a stable code (the PROTOCOL §2 codes plus the application codes of
/// `ServiceError.Code`), a human message (English, never a secret), and, for form-like input,
/// one problem per field. Only the API target maps codes to HTTP statuses.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error code: its raw value is what clients switch on.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request is malformed or a field is invalid (see `fields`).
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// No valid session or token was presented, or it expired or was revoked.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// Too many requests from this address or account; `retryAfter` says when to come back.
        public static let rateLimited = Code(rawValue: "rate_limited")
        /// The same `Idempotency-Key` was used before with a different request.
        public static let idempotencyConflict = Code(rawValue: "idempotency_conflict")
        /// The payment provider refused the payment.
        public static let paymentDeclined = Code(rawValue: "payment_declined")
        /// The node cannot take writes now (shutting down, disk full, store failure).
        public static let unavailable = Code(rawValue: "unavailable")

        /// The code of a ledger rule (`already_used`, `not_found`, …).
        public static func ledger(_ code: ErrorCode) -> Code { Code(rawValue: code.rawValue) }
        public static let notFound = ledger(.notFound)
        public static let notAuthorized = ledger(.notAuthorized)
        public static let conflict = ledger(.conflict)
    }

    /// One invalid field of a request, for field-level messages in forms.
    public struct FieldProblem: Sendable, Equatable {
        /// The field's name as sent (`birthYear`, `cap`, `stores[2]`).
        public let field: String
        /// A stable code for the kind of problem (`required`, `too_long`, `out_of_range`, `bad_format`, `unknown_field`, …).
        public let code: String
        /// A short English explanation.
        public let message: String
        public init(field: String, code: String, message: String) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    public let code: Code
    public let message: String
    public let fields: [FieldProblem]
    /// Seconds after which a rate-limited request may be retried.
    public let retryAfter: Int?

    public init(_ code: Code, _ message: String, fields: [FieldProblem] = [], retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.fields = fields
        self.retryAfter = retryAfter
    }

    /// Wraps a ledger rule's error, keeping its code and message.
    public init(_ error: LedgerError) {
        self.init(.ledger(error.code), error.message)
    }

    /// An `invalid_request` error for one field.
    public static func invalid(_ field: String, _ code: String, _ message: String) -> ServiceError {
        ServiceError(.invalidRequest, "\(field): \(message)", fields: [FieldProblem(field: field, code: code, message: message)])
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
