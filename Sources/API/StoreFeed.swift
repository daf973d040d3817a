import HTTPServer
import Ledger
import Services

/// The live feed of redemptions at one store (SSE topic `store/<id>`), for the staff screen.
///
/// Event `use`, data = JSON `{ticket, store, txid, height, time, amount?}`: only what the
/// committed `ticket.use` itself says (no personal data).
enum StoreFeed {
    static func topic(_ store: String) -> String { "store/\(store)" }

    /// Publishes one committed use (cheap: called on the writer's thread).
    static func publish(_ hub: EventHub, use: TicketUse, txid: String, height: Int64, time: Int64) {
        let topic = topic(use.store)
        guard hub.subscriberCount(topic) > 0 else { return }
        var o = JSONObject()
        o.set("ticket", .string(use.ticket))
        o.set("store", .string(use.store))
        o.set("txid", .string(txid))
        o.set("height", .int(height))
        o.set("time", .int(time))
        if let amount = use.amount { o.set("amount", .int(amount)) }
        hub.publish(topic, event: "use", id: txid, data: String(decoding: JCS.encode(.object(o)), as: UTF8.self))
    }
}

/// `GET /api/v1/stores/{store}` and the staff screen's live feed `GET /api/v1/stores/{store}/feed`.
enum StoreRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        let storeParam = Endpoint.Parameter.path("store", "store id")
        return [
            Endpoint(method: "GET", path: "/api/v1/stores/{store}", operationID: "getStore", summary: "A registered store",
                     tag: "management", parameters: [storeParam],
                     success: (200, "The store", Schemas.ref("Store"), "application/json"), problems: [404],
                     handler: ProtocolRoutes.sync(c) { r in .json(CommerceViews.store(try store(c, r.parameters["store"] ?? ""))) }),
            Endpoint(method: "GET", path: "/api/v1/stores/{store}/feed", operationID: "storeFeed",
                     summary: "Server-sent events: each committed use at this store (event `use`), for the staff screen",
                     tag: "management", access: .staff("counter"), parameters: [storeParam],
                     success: (200, "An event stream", nil, "text/event-stream"), problems: [404],
                     handler: ProtocolRoutes.sync(c) { r in
                         let staff = try Auth.staff(c, r, .counter)
                         let s = try store(c, r.parameters["store"] ?? "")
                         try staff.require(.counter, merchant: s.merchant)
                         if case .storeStaff(_, let own) = staff.role, own != s.id {
                             throw ServiceError(.notAuthorized, "store staff see only their own store")
                         }
                         let stream = c.hub.subscribe(StoreFeed.topic(s.id))
                         stream.comment("kippu store feed \(s.id)")
                         return .events(stream)
                     }),
        ]
    }

    static func store(_ c: APIContext, _ id: String) throws -> StoreRecord {
        guard let s = try c.reader.read({ try $0.store(id) }) else {
            throw Problem(code: "unknown_store", status: 404, detail: "no store \(id)")
        }
        return s
    }
}
