import Crypto
import HTTPServer
import Ledger
import Services

/// Orders: a wallet claims a free coupon or buys a paid ticket (`/api/v1/orders`); staff see
/// their merchant's orders and confirm counter payments.
enum OrderRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        let sync = { (body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) in ProtocolRoutes.sync(c, body) }
        let orderID = Endpoint.Parameter.path("id", "order id")
        let merchant = Endpoint.Parameter.path("merchant", "merchant id")
        let paging = [Endpoint.Parameter.query("after", "cursor: the `next` of the previous page", schema: Schemas.identifier),
                      .query("limit", "page size 1–100 (default 20)", schema: Schemas.decimal)]
        return [
            Endpoint(method: "POST", path: "/api/v1/orders", operationID: "placeOrder",
                     summary: "Claim a free product or buy a paid one; tickets go to `holder` (default: this wallet's key)",
                     tag: "orders", access: .consumer, requestSchema: Schemas.ref("OrderRequest"),
                     success: (201, "The order (issued, or waiting for payment)", Schemas.ref("Order"), "application/json"),
                     problems: [402, 404, 409, 422], idempotent: true, handler: sync { r in try place(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/orders", operationID: "listMyOrders", summary: "This wallet's orders, newest first",
                     tag: "orders", access: .consumer, parameters: paging,
                     success: (200, "A page of orders", Schemas.ref("OrderPage"), "application/json"),
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         let page = try c.app.orders.orders(account: me.account, after: r.query["after"], limit: try Query.limit(r.query["limit"], fallback: 20))
                         return .json(CommerceViews.orderPage(page), cache: .privateNoStore)
                     }),
            Endpoint(method: "GET", path: "/api/v1/orders/{id}", operationID: "getMyOrder", summary: "One of this wallet's orders",
                     tag: "orders", access: .consumer, parameters: [orderID],
                     success: (200, "The order", Schemas.ref("Order"), "application/json"), problems: [404],
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         return .json(CommerceViews.order(try c.app.orders.order(r.parameters["id"] ?? "", account: me.account)), cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/orders/{id}/cancel", operationID: "cancelMyOrder",
                     summary: "Cancel an order still waiting for payment", tag: "orders", access: .consumer, parameters: [orderID],
                     success: (200, "The order", Schemas.ref("Order"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         return .json(CommerceViews.order(try c.app.orders.cancel(r.parameters["id"] ?? "", account: me.account)), cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/counter/payments", operationID: "confirmCounterPayment",
                     summary: "Staff confirm a payment taken at the counter (by the order's code); the tickets are then issued",
                     tag: "orders", access: .staff("counter"), requestSchema: Schemas.ref("CounterPayment"),
                     success: (200, "The order", Schemas.ref("Order"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let staff = try Auth.staff(c, r, .counter)
                         var f = DraftReader(try RequestBody.object(r))
                         let code = f.text("code", max: 32)
                         try f.done()
                         return .json(CommerceViews.order(try c.app.orders.confirmCounterPayment(code: code!, by: staff)), cache: .privateNoStore)
                     }),
            Endpoint(method: "GET", path: "/api/v1/merchants/{merchant}/orders", operationID: "listMerchantOrders",
                     summary: "A merchant's orders, newest first", tag: "orders", access: .staff("read"), parameters: [merchant] + paging,
                     success: (200, "A page of orders", Schemas.ref("OrderPage"), "application/json"), problems: [404],
                     handler: sync { r in
                         let staff = try Auth.staff(c, r, .read)
                         let page = try c.app.orders.orders(merchant: r.parameters["merchant"] ?? "", after: r.query["after"],
                                                            limit: try Query.limit(r.query["limit"], fallback: 20), by: staff)
                         return .json(CommerceViews.orderPage(page), cache: .privateNoStore)
                     }),
            Endpoint(method: "GET", path: "/api/v1/merchants/{merchant}/orders/{id}", operationID: "getMerchantOrder",
                     summary: "One order of a merchant", tag: "orders", access: .staff("read"), parameters: [merchant, orderID],
                     success: (200, "The order", Schemas.ref("Order"), "application/json"), problems: [404],
                     handler: sync { r in
                         let staff = try Auth.staff(c, r, .read)
                         return .json(CommerceViews.order(try merchantOrder(c, r, staff)), cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/merchants/{merchant}/orders/{id}/cancel", operationID: "cancelMerchantOrder",
                     summary: "Cancel an order still waiting for payment", tag: "orders", access: .staff("counter"),
                     parameters: [merchant, orderID],
                     success: (200, "The order", Schemas.ref("Order"), "application/json"), problems: [404, 409],
                     handler: sync { r in
                         let staff = try Auth.staff(c, r, .counter)
                         let order = try merchantOrder(c, r, staff)
                         return .json(CommerceViews.order(try c.app.orders.cancel(order.id, by: staff)), cache: .privateNoStore)
                     }),
        ]
    }

    /// The order of the path, which must belong to the path's merchant (otherwise: not found).
    static func merchantOrder(_ c: APIContext, _ r: HTTPRequest, _ staff: StaffIdentity) throws -> Order {
        let order = try c.app.orders.order(r.parameters["id"] ?? "", by: staff)
        guard order.merchant == r.parameters["merchant"] else { throw Problem.notFound("no such order for this merchant") }
        return order
    }

    static func place(_ c: APIContext, _ r: HTTPRequest) throws -> HTTPResponse {
        let me = try Auth.consumer(c, r)
        try RateLimits.take(c.limits.ordersPerIP, r.remoteAddress, what: "orders from this address")
        try RateLimits.take(c.limits.ordersPerAccount, me.account, what: "orders from this account")
        return try Idempotency.run(c, r, scope: "account:\(me.account)") {
            var f = DraftReader(try RequestBody.object(r))
            let product = f.text("product", max: 64), count = f.int("count", min: 1, max: 100, required: false)
            let holderText = f.text("holder", max: 64, required: false), provider = f.text("provider", max: 32)
            try f.done()
            var holder = me.key
            if let holderText {
                guard let key = try? PublicKey(base64url: holderText) else {
                    throw ServiceError.invalid("holder", "bad_format", "must be base64url of a 32-byte Ed25519 public key")
                }
                holder = key
            }
            let order = try c.app.orders.place(product: product!, count: count ?? 1, holder: holder, account: me.account, provider: provider!)
            return .json(CommerceViews.order(order), status: 201, cache: .privateNoStore)
        }
    }
}
