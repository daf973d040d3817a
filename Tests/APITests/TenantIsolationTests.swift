import Crypto
import Foundation
import HTTPServer
import Ledger
import Testing
@testable import API

/// No tenant reaches another tenant's merchants, stores, products, orders, endorsement
/// requests, users or tokens through any ID-bearing route, and no role exceeds its scopes.
@Suite struct TenantIsolationTests {
    struct Target {
        let method: String
        let path: String
        let body: String?
        /// True for operations a store clerk of the owning merchant may not do either.
        let manage: Bool
    }

    @Test func everyRoleOfTheOtherMerchantIsRefusedOnEveryRouteAndNothingChanges() throws {
        let w = try CommerceWorld()
        let f = w.f
        // m1's private things: a pending counter order, an endorsement request addressed to m1,
        // its clerk's user id and an API token.
        let (_, buyer) = try f.wallet()
        let order = try f.expect(201, "POST", "/api/v1/orders", token: buyer, json: #"{"product":"m1-ticket","provider":"onsite"}"#)
        let orderID = try #require(order["id"]?.stringValue)
        let code = try #require(order["payment"]?.objectValue?["code"]?.stringValue)
        try f.expect(201, "POST", "/api/v1/merchants/m2/products", token: w.token("m2-admin"),
                     json: #"{"product":"m2-pack","kind":"ticket","name":"逆はしご","price":900,"components":[{"product":"m2-coupon","qty":1},{"product":"m1-coupon","qty":1}]}"#)
        let asked = try f.expect(201, "POST", "/api/v1/merchants/m2/products/m2-pack/endorsements", token: w.token("m2-admin"))
        let requestID = try #require(asked["requests"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
        let users = try f.expect(200, "GET", "/api/v1/staff/users", token: w.token("m1-admin"))["users"]?.arrayValue ?? []
        let clerkID = try #require(users.first { $0.objectValue?["username"]?.stringValue == "m1-clerk" }?.objectValue?["id"]?.intValue)
        let made = try f.expect(201, "POST", "/api/v1/staff/tokens", token: w.token("m1-admin"),
                                json: #"{"name":"pos","scopes":["read"],"days":7}"#)
        let tokenID = try #require(made["info"]?.objectValue?["id"]?.intValue)
        let reader = try f.expect(201, "POST", "/api/v1/staff/tokens", token: w.token("m1-admin"),
                                  json: #"{"name":"reader","scopes":["read"],"days":7}"#)
        let m1Token = try #require(reader["token"]?.stringValue)

        let targets: [Target] = [
            Target(method: "POST", path: "/api/v1/merchants/m1/stores", body: #"{"store":"x-store","name":"x","industry":"bar"}"#, manage: true),
            Target(method: "POST", path: "/api/v1/merchants/m1/products", body: #"{"product":"x-prod","kind":"coupon","name":"x","price":0}"#, manage: true),
            Target(method: "PUT", path: "/api/v1/merchants/m1/products/m1-coupon/cap", body: #"{"cap":99}"#, manage: true),
            Target(method: "POST", path: "/api/v1/merchants/m1/products/m1-coupon/stop", body: nil, manage: true),
            Target(method: "POST", path: "/api/v1/merchants/m1/products/m1-pack/endorsements", body: nil, manage: true),
            Target(method: "GET", path: "/api/v1/merchants/m1/endorsements", body: nil, manage: false),
            Target(method: "POST", path: "/api/v1/merchants/m1/endorsements/\(requestID)/approve", body: nil, manage: true),
            Target(method: "POST", path: "/api/v1/merchants/m1/endorsements/\(requestID)/decline", body: nil, manage: true),
            Target(method: "GET", path: "/api/v1/merchants/m1/orders", body: nil, manage: false),
            Target(method: "GET", path: "/api/v1/merchants/m1/orders/\(orderID)", body: nil, manage: false),
            Target(method: "POST", path: "/api/v1/merchants/m1/orders/\(orderID)/cancel", body: nil, manage: false),
            Target(method: "GET", path: "/api/v1/stores/m1-main/feed", body: nil, manage: false),
            Target(method: "POST", path: "/api/v1/counter/payments", body: #"{"code":"\#(code)"}"#, manage: false),
            // m1's ids under the attacker's own merchant path.
            Target(method: "PUT", path: "/api/v1/merchants/m2/products/m1-coupon/cap", body: #"{"cap":99}"#, manage: true),
            Target(method: "GET", path: "/api/v1/merchants/m2/orders/\(orderID)", body: nil, manage: false),
            Target(method: "POST", path: "/api/v1/merchants/m2/orders/\(orderID)/cancel", body: nil, manage: false),
            Target(method: "POST", path: "/api/v1/merchants/m2/endorsements/\(requestID)/approve", body: nil, manage: true),
            Target(method: "POST", path: "/api/v1/staff/users",
                   body: #"{"username":"x-user","displayName":"x","password":"\#(APIFixture.password)","role":"store_staff","merchant":"m1","store":"m1-main"}"#,
                   manage: true),
            Target(method: "POST", path: "/api/v1/staff/users/\(clerkID)/disable", body: nil, manage: true),
            Target(method: "DELETE", path: "/api/v1/staff/tokens/\(tokenID)", body: nil, manage: true),
            Target(method: "POST", path: "/api/v1/merchants", body: #"{"merchant":"x-merchant","name":"x"}"#, manage: true),
            Target(method: "GET", path: "/api/v1/stats/accounts", body: nil, manage: true),
        ]
        let (_, consumer) = try f.wallet()
        var actors: [(String, String, (Target) -> Bool)] = [
            ("m2-admin", w.token("m2-admin"), { _ in true }),
            ("m2-clerk", w.token("m2-clerk"), { _ in true }),
            ("m1-clerk", w.token("m1-clerk"), { $0.manage }),
            ("m1 read-only token", m1Token, { $0.method != "GET" || $0.path.hasSuffix("/feed") || $0.path.hasSuffix("/stats/accounts") }),
            ("wallet", consumer, { _ in true }),
            ("nobody", "", { _ in true }),
        ]
        actors.append(("forged", "kps_" + String(repeating: "A", count: 43), { _ in true }))
        var checked = 0
        for (name, token, denied) in actors {
            for t in targets where denied(t) {
                let r = f.send(t.method, t.path, token: token.isEmpty ? nil : token, json: t.body)
                if case .events(let s) = r.body { s.close() }
                #expect([401, 403, 404].contains(r.status), "\(name) \(t.method) \(t.path) → \(r.status)")
                #expect(APIFixture.problemCode(r) != nil, "\(name) \(t.method) \(t.path) is not a problem")
                checked += 1
            }
        }
        #expect(checked > 100)

        // Nothing changed.
        #expect(try w.product("m1-coupon")["cap"]?.intValue == 5)
        let still = try f.expect(200, "GET", "/api/v1/merchants/m1/orders/\(orderID)", token: w.token("m1-admin"))
        #expect(still["status"]?.stringValue == "pending_payment")
        let requests = try f.expect(200, "GET", "/api/v1/merchants/m1/endorsements", token: w.token("m1-admin"))
        #expect(requests["requests"]?.arrayValue?.first?.objectValue?["status"]?.stringValue == "pending")
        #expect(f.send("GET", "/api/v1/staff/me", token: w.token("m1-clerk")).status == 200)
        #expect(f.send("GET", "/api/v1/staff/me", token: m1Token).status == 200)
        #expect(f.client.get("/api/v1/stores/x-store").status == 404)
        #expect(f.client.get("/api/v1/products/x-prod").status == 404)
        #expect(f.client.get("/api/v1/merchants/x-merchant").status == 404)
        // The owner's own staff do reach the same routes (so the refusals above are not a broken setup).
        #expect(f.send("GET", "/api/v1/merchants/m1/orders", token: w.token("m1-clerk")).status == 200)
        try f.expect(200, "POST", "/api/v1/merchants/m1/endorsements/\(requestID)/approve", token: w.token("m1-admin"))
    }

    @Test func aWalletSeesOnlyItsOwnOrders() throws {
        let w = try CommerceWorld()
        let (_, a) = try w.f.wallet()
        let (_, b) = try w.f.wallet()
        let order = try w.f.expect(201, "POST", "/api/v1/orders", token: a, json: #"{"product":"m1-ticket","provider":"onsite"}"#)
        let id = try #require(order["id"]?.stringValue)
        #expect(w.f.send("GET", "/api/v1/orders/\(id)", token: b).status == 404)
        #expect(w.f.send("POST", "/api/v1/orders/\(id)/cancel", token: b).status == 404)
        #expect(try w.f.expect(200, "GET", "/api/v1/orders", token: b)["orders"]?.arrayValue?.isEmpty == true)
        #expect(w.f.send("GET", "/api/v1/orders/\(id)", token: w.token("m1-admin")).status == 401)
        try w.f.expect(200, "POST", "/api/v1/orders/\(id)/cancel", token: a)
    }
}
