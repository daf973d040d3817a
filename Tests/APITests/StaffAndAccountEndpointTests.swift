import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import Testing
@testable import API

/// Staff sign-in, tokens and idempotency; wallet sign-in and attributes — over the API.
@Suite struct StaffAndAccountEndpointTests {
    @Test func staffSessionWorksUntilLogoutAndBadPasswordsAre401() throws {
        let f = try APIFixture()
        let token = try f.login("ramen-admin")
        let me = try APIFixture.json(f.send("GET", "/api/v1/staff/me", token: token))
        #expect(me["role"]?.stringValue == "merchant_admin" && me["merchant"]?.stringValue == "ramen")

        let wrong = f.send("POST", "/api/v1/staff/session", token: nil, json: #"{"username":"ramen-admin","password":"wrong password!"}"#)
        #expect(wrong.status == 401 && APIFixture.problemCode(wrong) == "unauthenticated")
        #expect(wrong.headers["WWW-Authenticate"] == "Bearer")
        #expect(f.send("GET", "/api/v1/staff/me", token: nil).status == 401)
        #expect(f.send("GET", "/api/v1/staff/me", token: "kps_forged").status == 401)

        #expect(f.send("DELETE", "/api/v1/staff/session", token: token).status == 204)
        #expect(f.send("GET", "/api/v1/staff/me", token: token).status == 401)
    }

    @Test func apiTokenCarriesOnlyItsScopesAndCanBeRevoked() throws {
        let f = try APIFixture()
        let session = try f.login("operator")
        let made = f.send("POST", "/api/v1/staff/tokens", token: session, json: #"{"name":"report bot","scopes":["read"],"days":30}"#)
        #expect(made.status == 201)
        let body = try APIFixture.json(made)
        let token = try #require(body["token"]?.stringValue)
        #expect(token.hasPrefix("kpt_"))
        #expect(f.send("GET", "/api/v1/staff/users", token: token).status == 200)
        let denied = f.send("POST", "/api/v1/staff/users", token: token,
                            json: #"{"username":"x-user","displayName":"X","password":"long enough pw","role":"operator_admin"}"#)
        #expect(denied.status == 403 && APIFixture.problemCode(denied) == "not_authorized")
        let id = try #require(body["info"]?.objectValue?["id"]?.intValue)
        #expect(f.send("DELETE", "/api/v1/staff/tokens/\(id)", token: session).status == 204)
        #expect(f.send("GET", "/api/v1/staff/users", token: token).status == 401)
        // The listing never shows a secret.
        let list = f.send("GET", "/api/v1/staff/tokens", token: session)
        #expect(!String(decoding: list.bodyBytes, as: UTF8.self).contains(token))
    }

    @Test func idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() throws {
        let f = try APIFixture()
        let session = try f.login("ramen-admin")
        let json = #"{"username":"ramen-clerk","displayName":"店員","password":"long enough pw","role":"store_staff","merchant":"ramen","store":"ramen-main"}"#
        let first = f.send("POST", "/api/v1/staff/users", token: session, json: json, headers: [("Idempotency-Key", "k-1")])
        #expect(first.status == 201)
        let again = f.send("POST", "/api/v1/staff/users", token: session, json: json, headers: [("Idempotency-Key", "k-1")])
        #expect(again.status == 201 && again.bodyBytes == first.bodyBytes)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        let users = try APIFixture.json(f.send("GET", "/api/v1/staff/users", token: session))["users"]?.arrayValue ?? []
        #expect(users.filter { $0.objectValue?["username"]?.stringValue == "ramen-clerk" }.count == 1)

        let other = f.send("POST", "/api/v1/staff/users", token: session, json: json.replacingOccurrences(of: "店員", with: "別人"),
                           headers: [("Idempotency-Key", "k-1")])
        #expect(other.status == 409 && APIFixture.problemCode(other) == "idempotency_conflict")
        // Without a key, the same request is a second attempt: the name is taken.
        let dup = f.send("POST", "/api/v1/staff/users", token: session, json: json)
        #expect(dup.status == 409 && APIFixture.problemCode(dup) == "conflict")
    }

    @Test func fieldProblemsListEveryBadFieldAndUnknownOnes() throws {
        let f = try APIFixture()
        let session = try f.login("operator")
        let r = f.send("POST", "/api/v1/staff/users", token: session,
                       json: #"{"username":7,"displayName":"","role":"boss","extra":true}"#)
        #expect(r.status == 400 && APIFixture.problemCode(r) == "invalid_request")
        let fields = Set(try APIFixture.json(r)["errors"]?.arrayValue?.compactMap { $0.objectValue?["field"]?.stringValue } ?? [])
        #expect(fields == ["username", "displayName", "password", "extra"])
        let storeOfOther = f.send("POST", "/api/v1/staff/users", token: session,
                                  json: #"{"username":"ghost","displayName":"G","password":"long enough pw","role":"merchant_admin","merchant":"nobody"}"#)
        #expect(storeOfOther.status == 404 && APIFixture.problemCode(storeOfOther) == "unknown_merchant")
    }

    @Test func loginIsRateLimitedPerAddressWithRetryAfter() throws {
        let clock = ManualClock(1_770_000_000_000)
        let tight = RateLimiter(perMinute: 2, burst: 2, now: { clock.now() })
        let roomy = RateLimiter(perMinute: 1_000, burst: 1_000, now: { clock.now() })
        let f = try APIFixture(limits: RateLimits(accountsPerIP: tight, loginPerIP: tight, loginPerUser: roomy,
                                                  ordersPerIP: roomy, ordersPerAccount: roomy))
        let body = #"{"username":"operator","password":"wrong password!"}"#
        #expect(f.send("POST", "/api/v1/staff/session", token: nil, json: body).status == 401)
        #expect(f.send("POST", "/api/v1/staff/session", token: nil, json: body).status == 401)
        let limited = f.send("POST", "/api/v1/staff/session", token: nil, json: body)
        #expect(limited.status == 429 && APIFixture.problemCode(limited) == "rate_limited")
        #expect(Int(limited.headers["Retry-After"] ?? "") ?? 0 >= 1)
        clock.advance(60_000)
        #expect(f.send("POST", "/api/v1/staff/session", token: nil, json: body).status == 401)
    }

    @Test func walletSignsInWithItsKeyAndManagesItsAttributes() throws {
        let f = try APIFixture()
        let wallet = SigningKey.generate()
        let challenge = try #require(try APIFixture.json(f.send("POST", "/api/v1/accounts/challenge", token: nil))["challenge"]?.stringValue)
        // The signing input, built here from docs/accounts.md, not from the server's code.
        let input = Array("kippu/account/v1\n".utf8) + JCS.encode(["challenge": .string(challenge), "key": .string(wallet.publicKey.base64url),
                                                                   "net": .string(f.node.net)])
        let signIn = #"{"key":"\#(wallet.publicKey.base64url)","challenge":"\#(challenge)","signature":"\#(Base64URL.encode(wallet.sign(input)))"}"#
        let session = f.send("POST", "/api/v1/accounts/session", token: nil, json: signIn)
        #expect(session.status == 201)
        let token = try #require(try APIFixture.json(session)["token"]?.stringValue)
        #expect(f.send("POST", "/api/v1/accounts/session", token: nil, json: signIn).status == 401)  // challenge used up

        #expect(f.send("GET", "/api/v1/accounts/me/attributes", token: token).status == 404)
        let noConsent = f.send("PUT", "/api/v1/accounts/me/attributes", token: token, json: #"{"consent":false,"prefecture":7}"#)
        #expect(noConsent.status == 400)
        let badPref = f.send("PUT", "/api/v1/accounts/me/attributes", token: token, json: #"{"consent":true,"prefecture":48}"#)
        #expect(badPref.status == 400)
        let set = f.send("PUT", "/api/v1/accounts/me/attributes", token: token, json: #"{"consent":true,"prefecture":7,"birthYear":1990}"#)
        #expect(set.status == 200)
        let me = try APIFixture.json(f.send("GET", "/api/v1/accounts/me", token: token))
        #expect(me["key"]?.stringValue == wallet.publicKey.base64url)
        #expect(me["attributes"]?.objectValue?["prefecture"]?.intValue == 7)
        let op = try f.login("operator")
        let stats = try APIFixture.json(f.send("GET", "/api/v1/stats/accounts", token: op))
        #expect(stats["accounts"]?.intValue == 1 && stats["withAttributes"]?.intValue == 1)
        #expect(f.send("GET", "/api/v1/stats/accounts", token: try f.login("ramen-admin")).status == 403)

        #expect(f.send("DELETE", "/api/v1/accounts/me/attributes", token: token).status == 204)
        #expect(f.send("GET", "/api/v1/accounts/me/attributes", token: token).status == 404)
        #expect(f.send("DELETE", "/api/v1/accounts/session", token: token).status == 204)
        #expect(f.send("GET", "/api/v1/accounts/me", token: token).status == 401)
    }
}
