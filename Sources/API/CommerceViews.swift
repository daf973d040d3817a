import Ledger
import Services

/// JSON shapes of products, orders, endorsement requests, merchants and stores
/// (schemas in `CommerceSchemas`).
enum CommerceViews {
    static func validity(_ v: ProductTerms.Validity) -> JSONValue {
        var o = JSONObject()
        if let from = v.from { o.set("from", .int(from)) }
        if let until = v.until { o.set("until", .int(until)) }
        if let days = v.days { o.set("days", .int(days)) }
        return .object(o)
    }

    static func transfer(_ t: ProductTerms.Transfer) -> JSONValue {
        var o: JSONObject = ["allowed": .bool(t.allowed)]
        if let max = t.max { o.set("max", .int(max)) }
        return .object(o)
    }

    static func store(_ s: StoreSummary) -> JSONValue {
        ["id": .string(s.id), "name": .string(s.name), "merchant": .string(s.merchant), "industry": .string(s.industry)]
    }

    static func usable(_ u: UsableStores) -> JSONValue {
        ["rule": .string(u.rule.name), "count": .int(Int64(u.count)), "stores": .array(u.stores.map(store)),
         "truncated": .bool(u.truncated)]
    }

    static func product(_ p: ProductView) -> JSONValue {
        var o: JSONObject = [
            "id": .string(p.id), "issuer": .string(p.issuer), "issuerName": .string(p.issuerName), "kind": .string(p.kind.rawValue),
            "name": .string(p.name), "description": .string(p.description), "price": .int(p.price),
            "validity": validity(p.validity), "transfer": transfer(p.transfer), "issued": .int(p.issued),
            "onSale": .bool(p.sale.onSale), "notOnSale": .array(p.sale.reasons.map { .string($0.rawValue) }),
            "registeredBy": .string(p.registeredBy),
        ]
        if let v = p.faceValue { o.set("faceValue", .int(v)) }
        if let v = p.minPurchase { o.set("minPurchase", .int(v)) }
        if let v = p.campaign { o.set("campaign", .string(v)) }
        if let v = p.cap { o.set("cap", .int(v)) }
        if let v = p.remaining { o.set("remaining", .int(v)) }
        if let u = p.usable { o.set("usable", usable(u)) }
        if let components = p.components {
            o.set("components", .array(components.map { c in
                var s: JSONObject = ["id": .string(c.product.id), "name": .string(c.product.name), "kind": .string(c.product.kind.rawValue),
                                     "issuer": .string(c.product.issuer), "issuerName": .string(c.product.issuerName),
                                     "price": .int(c.product.price), "usable": usable(c.product.usable)]
                if let v = c.product.faceValue { s.set("faceValue", .int(v)) }
                return ["product": .object(s), "qty": .int(c.qty), "merchant": .string(c.merchant), "endorsed": .bool(c.endorsed)]
            }))
        }
        return .object(o)
    }

    static func order(_ order: Order) -> JSONValue {
        var o: JSONObject = [
            "id": .string(order.id), "product": .string(order.product), "merchant": .string(order.merchant),
            "count": .int(order.count), "units": .int(order.units), "holder": .string(order.holder.base64url),
            "amount": .int(order.amount), "provider": .string(order.provider), "status": .string(order.status.rawValue),
            "tickets": .array(order.tickets.map { .string($0) }), "created": .int(order.created), "updated": .int(order.updated),
        ]
        if let a = order.account { o.set("account", .string(a)) }
        if let p = order.payment {
            var pay: JSONObject = ["message": .string(p.message)]
            if let code = p.code { pay.set("code", .string(code)) }
            o.set("payment", .object(pay))
        }
        if let r = order.paymentReference { o.set("paymentReference", .string(r)) }
        if let t = order.txid { o.set("txid", .string(t)) }
        if let f = order.failureCode { o.set("failureCode", .string(f)) }
        return .object(o)
    }

    static func orderPage(_ page: OrderPage) -> JSONValue {
        var o: JSONObject = ["orders": .array(page.orders.map(order))]
        if let next = page.next { o.set("next", .string(next)) }
        return .object(o)
    }

    static func endorsement(_ e: EndorsementRequest) -> JSONValue {
        var o: JSONObject = ["id": .string(e.id), "package": .string(e.package), "requester": .string(e.requester),
                             "partner": .string(e.partner), "status": .string(e.status.rawValue), "requestedBy": .string(e.requestedBy),
                             "created": .int(e.created), "updated": .int(e.updated)]
        if let t = e.txid { o.set("txid", .string(t)) }
        if let d = e.decidedBy { o.set("decidedBy", .string(d)) }
        return .object(o)
    }

    static func merchant(_ m: MerchantRecord) -> JSONValue {
        ["id": .string(m.id), "name": .string(m.name), "key": .string(m.key.base64url),
         "industries": .array(m.industries.map { .string($0) }), "attrs": .object(m.attrs)]
    }

    static func store(_ s: StoreRecord) -> JSONValue {
        ["id": .string(s.id), "merchant": .string(s.merchant), "name": .string(s.name), "industry": .string(s.industry),
         "key": .string(s.key.base64url), "attrs": .object(s.attrs)]
    }
}
