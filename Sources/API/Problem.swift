import HTTPServer
import Ledger
import Services

/// RFC 9457 problem details: the one shape of every API error, with the stable `code` member
/// of PROTOCOL §4. This file is the only place that maps error codes to HTTP statuses.
public struct Problem: Error, Sendable {
    /// The stable error code (`already_used`, `invalid_request`, …).
    public let code: String
    /// The HTTP status.
    public let status: Int
    /// A human explanation (English; never a secret).
    public let detail: String
    /// Field-level problems of a form-like request.
    public let fields: [ServiceError.FieldProblem]
    /// Seconds to wait before retrying (429 and 503 carry `Retry-After`).
    public let retryAfter: Int?

    /// A problem with an explicit status.
    public init(code: String, status: Int, detail: String, fields: [ServiceError.FieldProblem] = [], retryAfter: Int? = nil) {
        self.code = code
        self.status = status
        self.detail = detail
        self.fields = fields
        self.retryAfter = retryAfter
    }

    /// The problem for a ledger rule's error (status from PROTOCOL §2).
    public init(_ error: LedgerError) {
        self.init(code: error.code.rawValue, status: Problem.status(of: error.code.rawValue), detail: error.message)
    }

    /// The problem for an application error.
    public init(_ error: ServiceError) {
        self.init(code: error.code.rawValue, status: Problem.status(of: error.code.rawValue), detail: error.message,
                  fields: error.fields, retryAfter: error.retryAfter)
    }

    /// Any error thrown by a handler: domain errors keep their code, anything else is a 500
    /// whose detail does not leak internals (the access log has the request id to look it up).
    public static func from(_ error: Error) -> Problem {
        switch error {
        case let p as Problem: return p
        case let e as LedgerError: return Problem(e)
        case let e as ServiceError: return Problem(e)
        default: return Problem(code: "internal", status: 500, detail: "the server failed to answer this request")
        }
    }

    /// An `invalid_request` (400) problem.
    public static func invalid(_ detail: String, field: String? = nil) -> Problem {
        let fields = field.map { [ServiceError.FieldProblem(field: $0, code: "bad_format", message: detail)] } ?? []
        return Problem(code: "invalid_request", status: 400, detail: detail, fields: fields)
    }

    /// A `not_found` (404) problem.
    public static func notFound(_ detail: String) -> Problem { Problem(code: "not_found", status: 404, detail: detail) }

    /// HTTP status of every code, ledger (PROTOCOL §2) and application.
    public static let statuses: [String: Int] = {
        var map: [String: Int] = [
            "too_large": 413, "bad_encoding": 400, "bad_signature": 400, "unknown_type": 400, "wrong_network": 400,
            "stale_time": 400, "not_authorized": 403, "not_holder": 403, "unknown_merchant": 404, "unknown_store": 404,
            "unknown_product": 404, "unknown_ticket": 404, "not_found": 404, "duplicate_tx": 409, "already_used": 409,
            "cancelled": 409, "cap_exceeded": 409, "limit_exceeded": 409, "conflict": 409, "expired": 422,
            "not_yet_valid": 422, "store_not_eligible": 422, "bad_store_proof": 422, "not_endorsed": 422,
            "transfer_not_allowed": 422,
        ]
        let application: [String: Int] = [
            "invalid_request": 400, "unauthenticated": 401, "payment_declined": 402, "method_not_allowed": 405,
            "not_acceptable": 406, "idempotency_conflict": 409, "unsupported_media_type": 415, "rate_limited": 429,
            "internal": 500, "unavailable": 503, "not_on_sale": 422, "bad_request": 400,
        ]
        map.merge(application) { a, _ in a }
        return map
    }()

    /// The status of `code`; an unknown code is a server bug and answers 500.
    public static func status(of code: String) -> Int { statuses[code] ?? 500 }

    /// The problem as an `application/problem+json` response.
    public var response: HTTPResponse {
        var body = JSONObject()
        body.set("type", .string("urn:kippu:problem:\(code)"))
        body.set("title", .string(Problem.title(status)))
        body.set("status", .int(Int64(status)))
        body.set("code", .string(code))
        body.set("detail", .string(detail))
        if !fields.isEmpty {
            body.set("errors", .array(fields.map {
                .object(["field": .string($0.field), "code": .string($0.code), "message": .string($0.message)])
            }))
        }
        var response = HTTPResponse.bytes(JCS.encode(.object(body)), contentType: "application/problem+json", status: status)
        response.headers["Cache-Control"] = "no-store"
        if let retryAfter { response.headers["Retry-After"] = String(retryAfter) }
        if status == 401 { response.headers["WWW-Authenticate"] = "Bearer" }
        return response
    }

    /// The standard reason phrase, used as the problem's `title`.
    static func title(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 402: return "Payment Required"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 409: return "Conflict"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 503: return "Service Unavailable"
        default: return "Internal Server Error"
        }
    }
}
