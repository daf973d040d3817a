import HTTPServer
import Ledger

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
