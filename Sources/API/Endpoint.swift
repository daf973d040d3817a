import HTTPServer
import Ledger

/// One operation of the API: how it is routed and how the OpenAPI document describes it.
/// The router and `/api/v1/openapi.json` are both made from the same list of endpoints.
struct Endpoint: Sendable {
    /// Who may call an operation.
    enum Access: Sendable {
        /// Anyone (public ledger data, catalogue).
        case anyone
        /// A consumer with a wallet session token.
        case consumer
        /// A staff member (session or API token) holding the scope named.
        case staff(String)
    }

    /// A path or query parameter.
    struct Parameter: Sendable {
        let name: String
        let location: String
        let required: Bool
        let schema: JSONValue
        let description: String

        static func path(_ name: String, _ description: String, schema: JSONValue = Schemas.identifier) -> Parameter {
            Parameter(name: name, location: "path", required: true, schema: schema, description: description)
        }
        static func query(_ name: String, _ description: String, required: Bool = false, schema: JSONValue) -> Parameter {
            Parameter(name: name, location: "query", required: required, schema: schema, description: description)
        }
        static func header(_ name: String, _ description: String, schema: JSONValue = ["type": "string"]) -> Parameter {
            Parameter(name: name, location: "header", required: false, schema: schema, description: description)
        }
    }

    let method: String
    let path: String
    let operationID: String
    let summary: String
    let tag: String
    var access: Access = .anyone
    var parameters: [Parameter] = []
    /// Schema of the JSON request body (a `$ref` object), if the operation takes one.
    var requestSchema: JSONValue? = nil
    /// Success status and the schema of its JSON body (nil schema: no JSON body).
    var success: (status: Int, description: String, schema: JSONValue?, contentType: String) = (200, "OK", nil, "application/json")
    /// Problem statuses the operation can answer besides the ones every operation can.
    var problems: [Int] = []
    /// Largest accepted body; nil for the server default.
    var bodyLimit: Int? = nil
    /// Whether `Idempotency-Key` is honoured.
    var idempotent: Bool = false
    let handler: Router.Handler
}
