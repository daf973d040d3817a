import HTTPServer
import Ledger
import Services

/// Merchants, stores, products and package endorsements (`/api/v1/merchants/…`). Reads of
/// ledger objects are public; every change is a ledger transaction signed with the custodial
/// keys this node keeps for the merchant (or the operator).
enum ManagementRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        let sync = { (body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) in ProtocolRoutes.sync(c, body) }
        let merchant = Endpoint.Parameter.path("merchant", "merchant id (`operator` for campaign products)")
        let product = Endpoint.Parameter.path("product", "product id")
        let request = Endpoint.Parameter.path("id", "endorsement request id")
        return [
            Endpoint(method: "GET", path: "/api/v1/merchants", operationID: "listMerchants", summary: "Registered merchants, by id",
                     tag: "management",
                     parameters: [.query("after", "cursor: the `next` of the previous page", schema: Schemas.identifier),
                                  .query("limit", "page size 1–100 (default 50)", schema: Schemas.decimal)],
                     success: (200, "A page of merchants", Schemas.ref("MerchantPage"), "application/json"),
                     handler: sync { r in
                         let limit = try Query.limit(r.query["limit"])
                         let list = try c.reader.read { try $0.merchants(after: r.query["after"], limit: limit + 1) }
                         var o: JSONObject = ["merchants": .array(list.prefix(limit).map(CommerceViews.merchant))]
                         if list.count > limit, let last = list.prefix(limit).last { o.set("next", .string(last.id)) }
                         return .json(.object(o))
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants", operationID: "createMerchant",
                     summary: "Register a merchant (operator): its key is made and kept by this node", tag: "management",
                     access: .staff("manage"), requestSchema: Schemas.ref("MerchantRequest"),
                     success: (201, "Registered", Schemas.ref("CreatedMerchant"), "application/json"), problems: [409, 422],
                     bodyLimit: 16 * 1024, idempotent: true, handler: sync { r in
                         let staff = try Auth.staff(c, r, .manage)
                         return try Idempotency.run(c, r, scope: "staff:\(staff.userID)") {
                             let made = try c.app.admin.createMerchant(try MerchantDraft.parse(try RequestBody.object(r)), by: staff)
                             return .json(["merchant": .string(made.merchant), "key": .string(made.key.base64url),
                                           "registerTx": .string(made.registerTx), "salesGrantTx": .string(made.salesGrantTx)],
                                          status: 201, cache: .privateNoStore)
                         }
                     }),
            Endpoint(method: "GET", path: "/api/v1/merchants/{merchant}", operationID: "getMerchant", summary: "A registered merchant",
                     tag: "management", parameters: [merchant],
                     success: (200, "The merchant", Schemas.ref("Merchant"), "application/json"), problems: [404],
                     handler: sync { r in
                         let id = r.parameters["merchant"] ?? ""
                         guard let m = try c.reader.read({ try $0.merchant(id) }) else {
                             throw Problem(code: "unknown_merchant", status: 404, detail: "no merchant \(id)")
                         }
                         return .json(CommerceViews.merchant(m))
                     }),
            Endpoint(method: "GET", path: "/api/v1/merchants/{merchant}/stores", operationID: "listMerchantStores",
                     summary: "A merchant's stores", tag: "management", parameters: [merchant],
                     success: (200, "The stores", Schemas.ref("StoreList"), "application/json"), problems: [404],
                     handler: sync { r in
                         let id = r.parameters["merchant"] ?? ""
                         let stores = try c.reader.read { store -> [StoreRecord] in
                             guard try store.merchant(id) != nil else { throw Problem(code: "unknown_merchant", status: 404, detail: "no merchant \(id)") }
                             return try store.stores(ofMerchant: id)
                         }
                         return .json(["stores": .array(stores.map(CommerceViews.store))])
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/stores", operationID: "createStore",
                     summary: "Register a store of the merchant; its QR key is made and kept by this node", tag: "management",
                     access: .staff("manage"), parameters: [merchant], requestSchema: Schemas.ref("StoreRequest"),
                     success: (201, "Registered", Schemas.ref("CreatedStore"), "application/json"), problems: [404, 409, 422],
                     bodyLimit: 16 * 1024, idempotent: true, handler: sync { r in
                         let staff = try Auth.staff(c, r, .manage)
                         let owner = r.parameters["merchant"] ?? ""
                         try staff.require(.manage, merchant: owner)
                         return try Idempotency.run(c, r, scope: "staff:\(staff.userID)") {
                             var draft = try StoreDraft.parse(try RequestBody.object(r))
                             if let m = draft.merchant, m != owner {
                                 throw ServiceError.invalid("merchant", "bad_value", "must be the merchant of the path (\(owner)) or left out")
                             }
                             draft.merchant = owner
                             let made = try c.app.admin.createStore(draft, by: staff)
                             return .json(["store": .string(made.store), "merchant": .string(made.merchant), "key": .string(made.key.base64url),
                                           "registerTx": .string(made.registerTx)], status: 201, cache: .privateNoStore)
                         }
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/products", operationID: "createProduct",
                     summary: "Register a product (terms never change afterwards: a new version is a new product)", tag: "management",
                     access: .staff("manage"), parameters: [merchant], requestSchema: Schemas.ref("ProductRequest"),
                     success: (201, "Registered", Schemas.ref("CreatedProduct"), "application/json"), problems: [404, 409, 422],
                     bodyLimit: 16 * 1024, idempotent: true, handler: sync { r in
                         let staff = try Auth.staff(c, r, .manage)
                         let owner = r.parameters["merchant"] ?? ""
                         try staff.require(.manage, merchant: owner == operatorPrincipal ? nil : owner)
                         if owner == operatorPrincipal { try staff.requireOperator() }
                         return try Idempotency.run(c, r, scope: "staff:\(staff.userID)") {
                             var draft = try ProductDraft.parse(try RequestBody.object(r))
                             if let issuer = draft.issuer, issuer != owner {
                                 throw ServiceError.invalid("issuer", "bad_value", "must be the merchant of the path (\(owner)) or left out")
                             }
                             draft.issuer = owner
                             let txid = try c.app.admin.createProduct(draft, by: staff)
                             return .json(["product": .string(draft.product), "txid": .string(txid)], status: 201, cache: .privateNoStore)
                         }
                     }),
            Endpoint(method: "PUT", path: "/api/v1/merchants/{merchant}/products/{product}/cap", operationID: "setProductCap",
                     summary: "Set how many may be issued in all (never below what is already issued)", tag: "management",
                     access: .staff("manage"), parameters: [merchant, product], requestSchema: Schemas.ref("CapRequest"),
                     success: (200, "The new cap", Schemas.ref("CapResult"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let (staff, id) = try ownProduct(c, r)
                         var f = DraftReader(try RequestBody.object(r))
                         let cap = f.int("cap", min: 0, max: 9_007_199_254_740_991)
                         try f.done()
                         let txid = try c.app.admin.setCap(product: id, cap: cap!, by: staff)
                         return .json(["product": .string(id), "cap": .int(cap!), "txid": .string(txid)], cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/products/{product}/stop", operationID: "stopSellingProduct",
                     summary: "Stop selling: the cap becomes what is already issued", tag: "management", access: .staff("manage"),
                     parameters: [merchant, product],
                     success: (200, "The new cap", Schemas.ref("CapResult"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let (staff, id) = try ownProduct(c, r)
                         let cap = try c.app.admin.stopSelling(product: id, by: staff)
                         return .json(["product": .string(id), "cap": .int(cap)], cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/products/{product}/endorsements",
                     operationID: "requestEndorsements",
                     summary: "Ask every partner merchant of a package to endorse it (one request per partner)", tag: "management",
                     access: .staff("manage"), parameters: [merchant, product],
                     success: (201, "The requests", Schemas.ref("EndorsementList"), "application/json"), problems: [404, 409, 422],
                     idempotent: true, handler: sync { r in
                         let (staff, id) = try ownProduct(c, r)
                         return try Idempotency.run(c, r, scope: "staff:\(staff.userID)") {
                             let list = try c.app.endorsements.requestEndorsements(package: id, by: staff)
                             return .json(["requests": .array(list.map(CommerceViews.endorsement))], status: 201, cache: .privateNoStore)
                         }
                     }),
            Endpoint(method: "GET", path: "/api/v1/merchants/{merchant}/endorsements", operationID: "listEndorsementRequests",
                     summary: "Endorsement requests addressed to this merchant as a partner", tag: "management",
                     access: .staff("read"), parameters: [merchant, .query("status", "pending, approved or declined",
                                                                           schema: ["type": "string", "enum": ["pending", "approved", "declined"]])],
                     success: (200, "The requests", Schemas.ref("EndorsementList"), "application/json"), problems: [404],
                     handler: sync { r in
                         let staff = try Auth.staff(c, r, .read)
                         var status: EndorsementRequest.Status?
                         if let s = r.query["status"] {
                             guard let parsed = EndorsementRequest.Status(rawValue: s) else {
                                 throw Problem.invalid("status must be pending, approved or declined", field: "status")
                             }
                             status = parsed
                         }
                         let list = try c.app.endorsements.requests(toPartner: r.parameters["merchant"] ?? "", status: status, by: staff)
                         return .json(["requests": .array(list.map(CommerceViews.endorsement))], cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/endorsements/{id}/approve", operationID: "approveEndorsement",
                     summary: "Endorse the package (signs product.endorse with the partner's key)", tag: "management",
                     access: .staff("manage"), parameters: [merchant, request],
                     success: (200, "The request", Schemas.ref("EndorsementRequest"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let (staff, e) = try partnerRequest(c, r)
                         return .json(CommerceViews.endorsement(try c.app.endorsements.approve(e.id, by: staff)), cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/endorsements/{id}/decline", operationID: "declineEndorsement",
                     summary: "Decline to endorse the package", tag: "management", access: .staff("manage"), parameters: [merchant, request],
                     success: (200, "The request", Schemas.ref("EndorsementRequest"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let (staff, e) = try partnerRequest(c, r)
                         return .json(CommerceViews.endorsement(try c.app.endorsements.decline(e.id, by: staff)), cache: .privateNoStore)
                     }),
        ]
    }

    /// The staff member (with `manage` over the path's merchant) and the path's product, which
    /// must be that merchant's (another merchant's product: `not_authorized`).
    static func ownProduct(_ c: APIContext, _ r: HTTPRequest) throws -> (StaffIdentity, String) {
        let staff = try Auth.staff(c, r, .manage)
        let owner = r.parameters["merchant"] ?? "", id = r.parameters["product"] ?? ""
        try staff.require(.manage, merchant: owner == operatorPrincipal ? nil : owner)
        if owner == operatorPrincipal { try staff.requireOperator() }
        guard let record = try c.reader.read({ try $0.product(id) }) else {
            throw Problem(code: "unknown_product", status: 404, detail: "no product \(id)")
        }
        guard record.terms.issuer == owner else { throw Problem.notFound("product \(id) is not \(owner)'s") }
        return (staff, id)
    }

    /// The staff member and the endorsement request of the path, addressed to the path's merchant.
    static func partnerRequest(_ c: APIContext, _ r: HTTPRequest) throws -> (StaffIdentity, EndorsementRequest) {
        let staff = try Auth.staff(c, r, .manage)
        let e = try c.app.endorsements.request(r.parameters["id"] ?? "", by: staff)
        guard e.partner == r.parameters["merchant"] else { throw Problem.notFound("no such request for this merchant") }
        return (staff, e)
    }
}
