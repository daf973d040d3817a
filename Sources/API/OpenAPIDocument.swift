import Ledger

/// Builds the OpenAPI 3.1 document from the endpoint list the router is made from, so the
/// document cannot describe an operation the server does not have (or miss one it has).
enum OpenAPIDocument {
    static func build(_ endpoints: [Endpoint], version: String) -> JSONValue {
        var paths = JSONObject()
        for e in endpoints {
            var item = paths[e.path]?.objectValue ?? JSONObject()
            item.set(e.method.lowercased(), operation(e))
            paths.set(e.path, .object(item))
        }
        var schemas = JSONObject()
        for (name, schema) in Schemas.components + AppSchemas.components + CommerceSchemas.components { schemas.set(name, schema) }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Kippu API", "version": .string(version),
                     "description": "Regional e-tickets and coupons on a verifiable ledger. The ledger endpoints follow the Kippu ledger protocol v1 (PROTOCOL §4); errors are RFC 9457 problem details with a stable `code`."],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "staff": ["type": "http", "scheme": "bearer", "description": "a staff session token (kps_…) or API token (kpt_…)"],
                    "consumer": ["type": "http", "scheme": "bearer", "description": "a wallet session token (kpa_…)"],
                ],
            ],
        ]
    }

    private static func operation(_ e: Endpoint) -> JSONValue {
        var op = JSONObject()
        op.set("operationId", .string(e.operationID))
        op.set("summary", .string(e.summary))
        op.set("tags", [.string(e.tag)])
        var parameters = e.parameters
        if e.idempotent {
            parameters.append(.header("Idempotency-Key", "1–200 printable ASCII characters; a retry with the same key and body gets the first answer",
                                      schema: ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[\\x21-\\x7E]+$"]))
        }
        if !parameters.isEmpty {
            op.set("parameters", .array(parameters.map { p in
                ["name": .string(p.name), "in": .string(p.location), "required": .bool(p.required),
                 "description": .string(p.description), "schema": p.schema]
            }))
        }
        if let schema = e.requestSchema {
            op.set("requestBody", ["required": true, "content": ["application/json": ["schema": schema]]])
        }
        switch e.access {
        case .anyone: break
        case .consumer: op.set("security", .array([.object(["consumer": []])]))
        case .staff: op.set("security", .array([.object(["staff": []])]))
        }
        var responses = JSONObject()
        var success: JSONObject = ["description": .string(e.success.description)]
        if let schema = e.success.schema {
            success.set("content", .object(JSONObject([(e.success.contentType, JSONValue.object(["schema": schema]))])!))
        } else if e.success.contentType != "application/json" {
            success.set("content", .object(JSONObject([(e.success.contentType, JSONValue.object(["schema": Schemas.string]))])!))
        }
        responses.set(String(e.success.status), .object(success))
        // Every operation may meet a malformed request (400), a rate limit (429), a failure (500)
        // or a node shutting down (503); an idempotent one also a reused key (409).
        var statuses = Set(e.problems).union([400, 429, 500, 503])
        if e.idempotent { statuses.insert(409) }
        if e.requestSchema != nil { statuses.formUnion([413, 415]) }
        switch e.access {
        case .anyone: break
        case .consumer, .staff: statuses.formUnion([401, 403])
        }
        for status in statuses.sorted() {
            responses.set(String(status), ["description": .string(Problem.title(status)),
                                           "content": ["application/problem+json": ["schema": Schemas.ref("Problem")]]])
        }
        op.set("responses", .object(responses))
        return .object(op)
    }
}
