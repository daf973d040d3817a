import HTTPServer
import Ledger
import Services

/// The live feed of redemptions at one store (SSE topic `store/<id>`), for the staff screen;
/// see `StoreUseEvent` for the event's data.
enum StoreFeed {
    /// Publishes one committed use (cheap: called on the writer's thread).
    static func publish(_ hub: EventHub, use: TicketUse, txid: String, height: Int64, time: Int64) {
        let topic = StoreUseEvent.topic(use.store)
        guard hub.subscriberCount(topic) > 0 else { return }
        let e = StoreUseEvent(use: use, txid: txid, height: height, time: time)
        hub.publish(topic, event: StoreUseEvent.event, id: e.txid, data: e.data)
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
                         // A client that reconnects with `Last-Event-ID` first gets the uses it missed.
                         return .events(c.hub.subscribe(StoreUseEvent.topic(s.id), greeting: "kippu store feed \(s.id)") {
                             StoreUseEvent.backlog(lastEventID: r.headers["Last-Event-ID"], store: s.id, reader: c.reader).map(\.sse)
                         })
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
