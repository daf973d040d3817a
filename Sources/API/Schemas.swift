import Ledger

/// JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of the API's bodies, as named components.
enum Schemas {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static let identifier: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"]
    static let hash: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9_-]{43}$"]
    static let publicKey: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9_-]{43}$"]
    static let ticketID: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9_-]{22}$"]
    static let decimal: JSONValue = ["type": "string", "pattern": "^(0|[1-9][0-9]{0,15})$"]
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let millis: JSONValue = ["type": "integer", "description": "milliseconds since the Unix epoch, UTC"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let object: JSONValue = ["type": "object"]
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    /// An object schema with the given properties; `required` lists the mandatory ones.
    static func object(_ properties: [(String, JSONValue)], required: [String], additional: Bool = false) -> JSONValue {
        var props = JSONObject()
        for (name, schema) in properties { props.set(name, schema) }
        return ["type": "object", "properties": .object(props), "required": .array(required.map { .string($0) }),
                "additionalProperties": .bool(additional)]
    }

    /// Every named schema of the document.
    static let components: [(String, JSONValue)] = [
        ("Problem", object([("type", string), ("title", string), ("status", integer), ("code", string), ("detail", string),
                            ("errors", array(object([("field", string), ("code", string), ("message", string)],
                                                    required: ["field", "code", "message"])))],
                           required: ["type", "title", "status", "code", "detail"])),
        ("Envelope", object([("body", object), ("sig", string)], required: ["body", "sig"])),
        ("TxReceipt", object([("txid", hash), ("index", integer), ("height", integer)], required: ["txid", "index", "height"])),
        ("TxRecord", object([("envelope", ref("Envelope")), ("index", integer), ("height", integer)],
                            required: ["envelope", "index", "height"])),
        ("BlockHeader", object([("v", integer), ("net", string), ("height", integer), ("prev", hash), ("time", millis),
                                ("first", integer), ("count", integer), ("size", integer), ("root", hash), ("signer", publicKey)],
                               required: ["v", "net", "height", "time", "first", "count", "size", "root", "signer"])),
        ("SignedHeader", object([("header", ref("BlockHeader")), ("sig", string)], required: ["header", "sig"])),
        ("Block", object([("header", ref("BlockHeader")), ("sig", string), ("txs", array(ref("Envelope")))],
                         required: ["header", "sig", "txs"])),
        ("InclusionProof", object([("index", integer), ("size", integer), ("path", array(hash))], required: ["index", "size", "path"])),
        ("ConsistencyProof", object([("from", integer), ("to", integer), ("path", array(hash))], required: ["from", "to", "path"])),
        ("Ticket", object([("ticket", ticketID), ("product", identifier), ("issuer", string), ("holder", publicKey),
                           ("state", ["type": "string", "enum": ["active", "used", "cancelled", "expired"]]),
                           ("validFrom", millis), ("validUntil", millis), ("package", hash), ("history", array(hash))],
                          required: ["ticket", "product", "issuer", "holder", "state", "validFrom", "history"])),
        ("TicketList", object([("tickets", array(ref("Ticket")))], required: ["tickets"])),
        ("Network", object([("net", string), ("name", string), ("operators", array(publicKey)), ("nodes", array(publicKey)),
                            ("height", integer)], required: ["net", "name", "operators", "nodes", "height"])),
        ("Health", object([("status", string), ("height", integer)], required: ["status", "height"])),
    ]
}
