import Ledger

/// Schemas of the catalogue, orders and management endpoints.
enum CommerceSchemas {
    typealias S = Schemas
    static let id = S.identifier
    static let attrs: JSONValue = ["type": "object", "description": "string, integer or boolean values"]
    static let validity = S.object([("from", S.millis), ("until", S.millis), ("days", ["type": "integer", "minimum": 1, "maximum": 36500])],
                                   required: [])
    static let transfer = S.object([("allowed", S.boolean), ("max", ["type": "integer", "minimum": 0])], required: ["allowed"])
    static let storeSummary = S.object([("id", id), ("name", S.string), ("merchant", id), ("industry", S.string)],
                                       required: ["id", "name", "merchant", "industry"])
    static let usable = S.object([("rule", ["type": "string", "enum": ["default", "stores", "industries", "attrs"]]),
                                  ("count", S.integer), ("stores", S.array(storeSummary)), ("truncated", S.boolean)],
                                 required: ["rule", "count", "stores", "truncated"])
    static let kind: JSONValue = ["type": "string", "enum": ["ticket", "coupon"]]
    static let component = S.object([
        ("product", S.object([("id", id), ("name", S.string), ("kind", kind), ("issuer", S.string), ("issuerName", S.string),
                              ("price", S.integer), ("faceValue", S.integer), ("usable", usable)],
                             required: ["id", "name", "kind", "issuer", "issuerName", "price", "usable"])),
        ("qty", S.integer), ("merchant", S.string), ("endorsed", S.boolean)], required: ["product", "qty", "merchant", "endorsed"])
    static let product = S.object([
        ("id", id), ("issuer", S.string), ("issuerName", S.string), ("kind", kind), ("name", S.string), ("description", S.string),
        ("price", S.integer), ("faceValue", S.integer), ("minPurchase", S.integer), ("validity", validity), ("transfer", transfer),
        ("campaign", S.string), ("cap", S.integer), ("issued", S.integer), ("remaining", S.integer), ("usable", usable),
        ("components", S.array(component)), ("onSale", S.boolean),
        ("notOnSale", S.array(["type": "string", "enum": ["expired", "sold_out", "not_endorsed", "no_sales_grant"]])),
        ("registeredBy", S.hash)],
        required: ["id", "issuer", "issuerName", "kind", "name", "description", "price", "validity", "transfer", "issued",
                   "onSale", "notOnSale", "registeredBy"])
    static let order = S.object([
        ("id", S.string), ("product", id), ("merchant", S.string), ("count", S.integer), ("units", S.integer), ("holder", S.publicKey),
        ("account", S.string), ("amount", S.integer), ("provider", S.string),
        ("status", ["type": "string", "enum": ["pending_payment", "paid", "issued", "failed", "cancelled"]]),
        ("payment", S.object([("code", S.string), ("message", S.string)], required: ["message"])),
        ("paymentReference", S.string), ("txid", S.hash), ("tickets", S.array(S.ticketID)), ("failureCode", S.string),
        ("created", S.millis), ("updated", S.millis)],
        required: ["id", "product", "merchant", "count", "units", "holder", "amount", "provider", "status", "tickets", "created", "updated"])
    static let merchant = S.object([("id", id), ("name", S.string), ("key", S.publicKey), ("industries", S.array(S.string)), ("attrs", attrs)],
                                   required: ["id", "name", "key", "industries", "attrs"])
    static let store = S.object([("id", id), ("merchant", id), ("name", S.string), ("industry", S.string), ("key", S.publicKey),
                                 ("attrs", attrs)], required: ["id", "merchant", "name", "industry", "key", "attrs"])
    static let endorsement = S.object([
        ("id", S.string), ("package", id), ("requester", S.string), ("partner", S.string),
        ("status", ["type": "string", "enum": ["pending", "approved", "declined"]]), ("txid", S.hash), ("requestedBy", S.string),
        ("decidedBy", S.string), ("created", S.millis), ("updated", S.millis)],
        required: ["id", "package", "requester", "partner", "status", "requestedBy", "created", "updated"])

    static let components: [(String, JSONValue)] = [
        ("Product", product),
        ("ProductPage", S.object([("products", S.array(product)), ("next", S.string)], required: ["products"])),
        ("OrderRequest", S.object([("product", id), ("count", ["type": "integer", "minimum": 1, "maximum": 100]), ("holder", S.publicKey),
                                   ("provider", ["type": "string", "description": "free, onsite, or another provider this node offers"])],
                                  required: ["product", "provider"])),
        ("Order", order),
        ("OrderPage", S.object([("orders", S.array(order)), ("next", S.string)], required: ["orders"])),
        ("CounterPayment", S.object([("code", ["type": "string", "minLength": 1, "maxLength": 32])], required: ["code"])),
        ("Merchant", merchant),
        ("MerchantPage", S.object([("merchants", S.array(merchant)), ("next", S.string)], required: ["merchants"])),
        ("MerchantRequest", S.object([("merchant", id), ("name", ["type": "string", "minLength": 1, "maxLength": 200]),
                                      ("industries", S.array(id)), ("attrs", attrs)], required: ["merchant", "name"])),
        ("CreatedMerchant", S.object([("merchant", id), ("key", S.publicKey), ("registerTx", S.hash), ("salesGrantTx", S.hash)],
                                     required: ["merchant", "key", "registerTx", "salesGrantTx"])),
        ("Store", store),
        ("StoreList", S.object([("stores", S.array(store))], required: ["stores"])),
        ("StoreRequest", S.object([("store", id), ("merchant", id), ("name", ["type": "string", "minLength": 1, "maxLength": 200]),
                                   ("industry", id), ("attrs", attrs)], required: ["store", "name", "industry"])),
        ("CreatedStore", S.object([("store", id), ("merchant", id), ("key", S.publicKey), ("registerTx", S.hash)],
                                  required: ["store", "merchant", "key", "registerTx"])),
        ("ProductRequest", S.object([
            ("product", id), ("issuer", S.string), ("kind", kind), ("name", ["type": "string", "minLength": 1, "maxLength": 200]),
            ("description", ["type": "string", "maxLength": 4000]), ("price", ["type": "integer", "minimum": 0]),
            ("faceValue", ["type": "integer", "minimum": 0]), ("minPurchase", ["type": "integer", "minimum": 0]),
            ("validity", validity),
            ("redeem", ["type": "object", "description": "exactly one of stores: [ids], industries: [codes], attrs: {…}"]),
            ("transfer", transfer), ("components", S.array(S.object([("product", id), ("qty", ["type": "integer", "minimum": 1])],
                                                                   required: ["product", "qty"]))),
            ("campaign", id), ("cap", ["type": "integer", "minimum": 0])],
            required: ["product", "kind", "name", "price"])),
        ("CreatedProduct", S.object([("product", id), ("txid", S.hash)], required: ["product", "txid"])),
        ("CapRequest", S.object([("cap", ["type": "integer", "minimum": 0])], required: ["cap"])),
        ("CapResult", S.object([("product", id), ("cap", S.integer), ("txid", S.hash)], required: ["product", "cap"])),
        ("EndorsementRequest", endorsement),
        ("EndorsementList", S.object([("requests", S.array(endorsement))], required: ["requests"])),
    ]
}
