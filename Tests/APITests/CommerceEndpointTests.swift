import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import Testing
@testable import API

/// The application flow over the API: merchants and products made with custodial keys,
/// packages endorsed by partners, free claims, counter payments, the store feed.
@Suite struct CommerceEndpointTests {
    @Test func packageGoesOnSaleOnlyOnceThePartnerEndorsesIt() throws {
        let w = try CommerceWorld()
        let pack = try w.product("m1-pack")
        #expect(pack["onSale"]?.boolValue == false)
        #expect(pack["notOnSale"]?.arrayValue?.contains(.string("not_endorsed")) == true)
        #expect(pack["components"]?.arrayValue?.count == 2)

        let asked = try w.f.expect(201, "POST", "/api/v1/merchants/m1/products/m1-pack/endorsements", token: w.token("m1-admin"))
        let requests = try #require(asked["requests"]?.arrayValue)
        #expect(requests.count == 1 && requests[0].objectValue?["partner"]?.stringValue == "m2")
        let id = try #require(requests[0].objectValue?["id"]?.stringValue)

        let pending = try w.f.expect(200, "GET", "/api/v1/merchants/m2/endorsements?status=pending", token: w.token("m2-admin"))
        #expect(pending["requests"]?.arrayValue?.count == 1)
        // The requester cannot approve on the partner's behalf.
        #expect(w.f.send("POST", "/api/v1/merchants/m2/endorsements/\(id)/approve", token: w.token("m1-admin")).status == 403)
        let approved = try w.f.expect(200, "POST", "/api/v1/merchants/m2/endorsements/\(id)/approve", token: w.token("m2-admin"))
        #expect(approved["status"]?.stringValue == "approved" && approved["txid"] != nil)
        #expect(try w.product("m1-pack")["onSale"]?.boolValue == true)
    }

    @Test func walletClaimsOnceBuysAtTheCounterAndUsesWhileTheStaffScreenWatches() throws {
        let w = try CommerceWorld()
        let (wallet, token) = try w.f.wallet()
        let claim = try w.f.expect(201, "POST", "/api/v1/orders", token: token, json: #"{"product":"m1-coupon","provider":"free"}"#)
        #expect(claim["status"]?.stringValue == "issued")
        let coupon = try #require(claim["tickets"]?.arrayValue?.first?.stringValue)
        let again = w.f.send("POST", "/api/v1/orders", token: token, json: #"{"product":"m1-coupon","provider":"free"}"#)
        #expect(again.status == 409 && APIFixture.problemCode(again) == "limit_exceeded")
        #expect(try w.product("m1-coupon")["remaining"]?.intValue == 4)

        let bought = try w.f.expect(201, "POST", "/api/v1/orders", token: token, json: #"{"product":"m1-ticket","provider":"onsite"}"#)
        #expect(bought["status"]?.stringValue == "pending_payment" && bought["amount"]?.intValue == 1200)
        let code = try #require(bought["payment"]?.objectValue?["code"]?.stringValue)
        // Another merchant's clerk cannot take this payment.
        let foreign = w.f.send("POST", "/api/v1/counter/payments", token: w.token("m2-clerk"), json: #"{"code":"\#(code)"}"#)
        #expect([403, 404].contains(foreign.status))
        let paid = try w.f.expect(200, "POST", "/api/v1/counter/payments", token: w.token("m1-clerk"), json: #"{"code":"\#(code)"}"#)
        #expect(paid["status"]?.stringValue == "issued" && paid["tickets"]?.arrayValue?.count == 1)
        let mine = try w.f.expect(200, "GET", "/api/v1/orders", token: token)
        #expect(mine["orders"]?.arrayValue?.count == 2)

        let feed = w.f.send("GET", "/api/v1/stores/m1-main/feed", token: w.token("m1-clerk"))
        #expect(feed.status == 200 && feed.headers["Content-Type"]?.hasPrefix("text/event-stream") == true)
        guard case .events(let stream) = feed.body else { Issue.record("not an event stream"); return }
        #expect(w.f.send("GET", "/api/v1/stores/m2-main/feed", token: w.token("m1-clerk")).status == 403)

        let storeKey = try #require(try w.f.node.created.vault.key("store/m1-main"))
        let proof = StoreProof.sign(net: w.f.node.net, store: "m1-main", epoch: 0, key: storeKey)
        let use = w.f.node.sign(wallet, .ticketUse(TicketUse(ticket: coupon, store: "m1-main", storeProof: proof, amount: 900)))
        #expect(w.f.submit(use).status == 201)
        var seen = ""
        let deadline = Date().addingTimeInterval(5)
        while !seen.contains("event: use"), Date() < deadline, let chunk = stream.next(timeout: 1) { seen += String(decoding: chunk, as: UTF8.self) }
        #expect(seen.contains("event: use") && seen.contains(coupon) && seen.contains(use.txid))
        stream.close()

        // The screen is offline while the bought ticket is used; reconnecting with the last
        // event's id (as EventSource does) replays that use, and only that one.
        let ticket = try #require(paid["tickets"]?.arrayValue?.first?.stringValue)
        let missed = w.f.node.sign(wallet, .ticketUse(TicketUse(ticket: ticket, store: "m1-main", storeProof: proof)))
        #expect(w.f.submit(missed).status == 201)
        let resumed = w.f.send("GET", "/api/v1/stores/m1-main/feed", token: w.token("m1-clerk"), headers: [("Last-Event-ID", use.txid)])
        guard case .events(let again) = resumed.body else { Issue.record("not an event stream"); return }
        var replayed = ""
        while let chunk = again.next(timeout: 0.5) { replayed += String(decoding: chunk, as: UTF8.self) }
        again.close()
        // The live event of that use may also reach the new stream (it is published just after
        // the commit answers): the same txid then comes twice, which the screen drops.
        let ids = Set(replayed.split(separator: "\n").filter { $0.hasPrefix("id: ") })
        #expect(ids == ["id: \(missed.txid)"])
        #expect(replayed.contains("id: \(missed.txid)") && replayed.contains(ticket) && !replayed.contains(use.txid))
        // A staff screen that just opens asks for the recent uses: both, oldest first; the bounds hold.
        let recent = StoreUseEvent.backlog(lastEventID: nil, recentSince: 0, store: "m1-main", reader: w.f.reader)
        #expect(recent.map(\.txid) == [use.txid, missed.txid] && recent[0].amount == 900 && recent[1].ticket == ticket)
        #expect(StoreUseEvent.backlog(lastEventID: nil, recentSince: Int64.max, store: "m1-main", reader: w.f.reader).isEmpty)
        #expect(StoreUseEvent.backlog(lastEventID: nil, store: "m1-main", reader: w.f.reader).isEmpty)
        #expect(StoreUseEvent.backlog(lastEventID: nil, recentSince: 0, store: "m2-main", reader: w.f.reader).isEmpty)
        let newest = try w.f.reader.read { try StoreUseEvent.uses(at: "m1-main", fromLeaf: 0, in: $0, limit: 1) }
        #expect(newest.map(\.txid) == [missed.txid])
        let lastLeafOnly = try w.f.reader.read { try StoreUseEvent.uses(at: "m1-main", fromLeaf: 0, in: $0, scan: 1) }
        #expect(lastLeafOnly.map(\.txid) == [missed.txid])
        // The API's feed, on a first connection or with an id this ledger never saw, replays nothing.
        for header: [(String, String)] in [[], [("Last-Event-ID", "not-a-txid")]] {
            guard case .events(let fresh) = w.f.send("GET", "/api/v1/stores/m1-main/feed", token: w.token("m1-clerk"), headers: header).body else {
                Issue.record("not an event stream"); return
            }
            var text = ""
            while let chunk = fresh.next(timeout: 0.3) { text += String(decoding: chunk, as: UTF8.self) }
            fresh.close()
            #expect(!text.contains("event: use"))
        }
    }

    @Test func capCanBeRaisedButNotLoweredBelowIssuedAndStopEndsSales() throws {
        let w = try CommerceWorld()
        let (_, token) = try w.f.wallet()
        try w.f.expect(201, "POST", "/api/v1/orders", token: token, json: #"{"product":"m1-coupon","provider":"free"}"#)
        let m1 = w.token("m1-admin")
        try w.f.expect(200, "PUT", "/api/v1/merchants/m1/products/m1-coupon/cap", token: m1, json: #"{"cap":50}"#)
        #expect(try w.product("m1-coupon")["remaining"]?.intValue == 49)
        let below = w.f.send("PUT", "/api/v1/merchants/m1/products/m1-coupon/cap", token: m1, json: #"{"cap":0}"#)
        #expect(below.status == 409 && APIFixture.problemCode(below) == "conflict")
        let stopped = try w.f.expect(200, "POST", "/api/v1/merchants/m1/products/m1-coupon/stop", token: m1)
        #expect(stopped["cap"]?.intValue == 1)
        #expect(try w.product("m1-coupon")["notOnSale"]?.arrayValue?.contains(.string("sold_out")) == true)
        let (_, other) = try w.f.wallet()
        #expect(w.f.send("POST", "/api/v1/orders", token: other, json: #"{"product":"m1-coupon","provider":"free"}"#).status >= 400)
    }

    @Test func declinedCardPaymentIssuesNothing() throws {
        let w = try CommerceWorld()
        try w.f.expect(201, "POST", "/api/v1/merchants/m1/products", token: w.token("m1-admin"),
                       json: #"{"product":"m1-unlucky","kind":"ticket","name":"券","price":1013}"#)
        let (wallet, token) = try w.f.wallet()
        let r = w.f.send("POST", "/api/v1/orders", token: token, json: #"{"product":"m1-unlucky","provider":"card"}"#)
        #expect(r.status == 402 && APIFixture.problemCode(r) == "payment_declined")
        #expect(try w.product("m1-unlucky")["issued"]?.intValue == 0)
        let held = try APIFixture.json(w.f.client.get("/api/v1/holders/\(wallet.publicKey.base64url)/tickets"))
        #expect(held["tickets"]?.arrayValue?.isEmpty == true)
    }

    @Test func productFormErrorsNameEveryField() throws {
        let w = try CommerceWorld()
        let r = w.f.send("POST", "/api/v1/merchants/m1/products", token: w.token("m1-admin"),
                         json: #"{"product":"bad id!","kind":"voucher","price":-5,"validity":{"days":0},"colour":"red"}"#)
        #expect(r.status == 400 && APIFixture.problemCode(r) == "invalid_request")
        let fields = Set(try APIFixture.json(r)["errors"]?.arrayValue?.compactMap { $0.objectValue?["field"]?.stringValue } ?? [])
        #expect(fields.isSuperset(of: ["product", "kind", "name", "price", "validity.days", "colour"]))
    }
}
