import HTTPServer
import Ledger

/// How long a client or cache may keep an answer.
public enum CachePolicy: Sendable {
    /// Changes with every block (checkpoint, ticket state): always revalidate.
    case live
    /// Never changes (a block, a transaction, a proof for a fixed size).
    case immutable
    /// Personal or secret: never stored.
    case privateNoStore

    var header: String {
        switch self {
        case .live: return "no-cache"
        case .immutable: return "public, max-age=31536000, immutable"
        case .privateNoStore: return "no-store"
        }
    }
}

extension HTTPResponse {
    /// A JSON answer in canonical form (JCS), so answers are byte-stable and hashable.
    public static func json(_ value: JSONValue, status: Int = 200, cache: CachePolicy = .live) -> HTTPResponse {
        var response = HTTPResponse.bytes(JCS.encode(value), contentType: "application/json", status: status)
        response.headers["Cache-Control"] = cache.header
        return response
    }
}
