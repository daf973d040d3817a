import HTTPServer
import Ledger

/// Reading JSON request bodies: the media type must be JSON and the text must parse with the
/// ledger's strict parser (no duplicate keys, no floats, no null, bounded size and depth).
enum RequestBody {
    /// The largest application JSON body (the server answers 413 beyond the route's limit).
    static let maxBytes = 64 * 1024

    /// The body as a JSON object.
    /// - Throws: `Problem` `unsupported_media_type` (415) unless the content type is JSON,
    ///   `invalid_request` (400) for malformed JSON or a non-object.
    static func object(_ request: HTTPRequest) throws -> JSONObject {
        try requireJSON(request)
        let value: JSONValue
        do { value = try JCS.parse(request.body, maxBytes: maxBytes) } catch {
            throw Problem(code: "invalid_request", status: 400, detail: "the body is not acceptable JSON: \(error.message)")
        }
        guard case .object(let object) = value else { throw Problem.invalid("the body must be a JSON object") }
        return object
    }

    /// Checks the `Content-Type` is `application/json` (parameters such as charset allowed).
    static func requireJSON(_ request: HTTPRequest) throws {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else {
            throw Problem(code: "unsupported_media_type", status: 415, detail: "send the body as application/json")
        }
    }
}

import Foundation
