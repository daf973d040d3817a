import Crypto
import Foundation
import HTTPServer
import Ledger
import Testing
@testable import API

/// Two merchants made through the API by the operator, each with a store, products and staff:
/// `m1` (coupon `m1-coupon` free with cap 5, ticket `m1-ticket` ¥1,200, package `m1-pack` of
/// `m1-ticket` + `m2-coupon`) and `m2` (coupon `m2-coupon`), plus admins and store clerks.
final class CommerceWorld: @unchecked Sendable {
    let f: APIFixture
    let op: String
    var tokens: [String: String] = [:]

    init() throws {
        f = try APIFixture()
        op = try f.login("operator")
        for (m, industry) in [("m1", "ramen"), ("m2", "bar")] {
            try f.expect(201, "POST", "/api/v1/merchants", token: op,
                         json: #"{"merchant":"\#(m)","name":"店 \#(m)","industries":["\#(industry)"]}"#)
            try f.expect(201, "POST", "/api/v1/merchants/\(m)/stores", token: op,
                         json: #"{"store":"\#(m)-main","name":"\#(m) 本店","industry":"\#(industry)"}"#)
            try f.expect(201, "POST", "/api/v1/staff/users", token: op,
                         json: #"{"username":"\#(m)-admin","displayName":"\#(m) admin","password":"\#(APIFixture.password)","role":"merchant_admin","merchant":"\#(m)"}"#)
            try f.expect(201, "POST", "/api/v1/staff/users", token: op,
                         json: #"{"username":"\#(m)-clerk","displayName":"\#(m) clerk","password":"\#(APIFixture.password)","role":"store_staff","merchant":"\#(m)","store":"\#(m)-main"}"#)
            tokens["\(m)-admin"] = try f.login("\(m)-admin")
            tokens["\(m)-clerk"] = try f.login("\(m)-clerk")
        }
        let m1 = tokens["m1-admin"]!, m2 = tokens["m2-admin"]!
        try f.expect(201, "POST", "/api/v1/merchants/m1/products", token: m1,
                     json: #"{"product":"m1-coupon","kind":"coupon","name":"100円引き","price":0,"faceValue":100,"cap":5,"validity":{"days":30}}"#)
        try f.expect(201, "POST", "/api/v1/merchants/m1/products", token: m1,
                     json: #"{"product":"m1-ticket","kind":"ticket","name":"ラーメン券","price":1200,"validity":{"days":30}}"#)
        try f.expect(201, "POST", "/api/v1/merchants/m2/products", token: m2,
                     json: #"{"product":"m2-coupon","kind":"coupon","name":"一杯無料","price":0,"faceValue":500,"validity":{"days":30}}"#)
        try f.expect(201, "POST", "/api/v1/merchants/m1/products", token: m1,
                     json: #"{"product":"m1-pack","kind":"ticket","name":"はしごセット","price":2000,"components":[{"product":"m1-ticket","qty":1},{"product":"m2-coupon","qty":1}]}"#)
    }

    func token(_ who: String) -> String { tokens[who]! }

    /// The catalogue entry of a product.
    func product(_ id: String) throws -> JSONObject { try APIFixture.json(f.client.get("/api/v1/products/\(id)")) }
}
