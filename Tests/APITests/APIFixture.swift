import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import TestSupport
import Testing
@testable import API

/// A node (see `NodeFixture`: merchant `ramen`, store `ramen-main`, coupon `asa`) behind the
/// API, reached through the in-process client.
final class APIFixture: @unchecked Sendable {
    let node: NodeFixture
    let reader: LedgerReadPool
    let hub = EventHub(heartbeatSeconds: 60)
    let api: KippuAPI
    let client: InProcessClient

    let app: AppServices
    static let password = "correct horse battery"

    /// - Parameter limits: request budgets (default: so large no test meets them).
    init(limits: RateLimits? = nil) throws {
        node = try NodeFixture()
        reader = LedgerReadPool(path: node.db)
        let clock = node.clock
        app = try AppServices.open(dbPath: node.db, net: node.net, vault: node.created.vault, sequencer: node.sequencer,
                                   reader: reader, clock: clock, providers: [ScriptedPayment(name: "card") { request in
                                       request.amount % 1000 == 13 ? .declined(reason: "card declined") : .captured(reference: "ref-\(request.order)")
                                   }], strength: .minimum)
        let roomy = RateLimiter(perMinute: 1_000_000, burst: 1_000_000, now: { clock.now() })
        api = KippuAPI(context: APIContext(reader: reader, sequencer: node.sequencer, clock: clock, hub: hub, app: app,
                                           limits: limits ?? RateLimits(accountsPerIP: roomy, loginPerIP: roomy, loginPerUser: roomy,
                                                                        ordersPerIP: roomy, ordersPerAccount: roomy)))
        client = InProcessClient(api)
        try app.staff.bootstrapUser(username: "operator", displayName: "運営", password: Self.password, role: .operatorAdmin)
        try app.staff.bootstrapUser(username: "ramen-admin", displayName: "ラーメン店主", password: Self.password,
                                    role: .merchantAdmin(merchant: "ramen"))
    }

    /// Signs in a staff user; returns the session token.
    func login(_ username: String) throws -> String {
        let r = client.post("/api/v1/staff/session", body: Array("{\"username\":\"\(username)\",\"password\":\"\(Self.password)\"}".utf8),
                            headers: [("Content-Type", "application/json")])
        guard r.status == 201, let token = try Self.json(r)["token"]?.stringValue else { throw LedgerError(.notAuthorized, "login failed: \(r.status)") }
        return token
    }

    /// Signs a new wallet in (challenge → signature → session); returns its key and token.
    func wallet() throws -> (key: SigningKey, token: String) {
        let key = SigningKey.generate()
        let challenge = try Self.json(client.post("/api/v1/accounts/challenge", body: []))["challenge"]?.stringValue ?? ""
        let signature = key.sign(AccountService.signingInput(net: node.net, challenge: challenge, key: key.publicKey))
        let r = send("POST", "/api/v1/accounts/session", token: nil,
                     json: #"{"key":"\#(key.publicKey.base64url)","challenge":"\#(challenge)","signature":"\#(Base64URL.encode(signature))"}"#)
        guard r.status == 201, let token = try Self.json(r)["token"]?.stringValue else { throw LedgerError(.notAuthorized, "wallet sign-in failed") }
        return (key, token)
    }

    /// Sends and expects `status`; returns the JSON object of the answer (empty for no body).
    @discardableResult
    func expect(_ status: Int, _ method: String, _ target: String, token: String?, json: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONObject {
        let r = send(method, target, token: token, json: json)
        #expect(r.status == status, "\(method) \(target): \(String(decoding: r.bodyBytes, as: UTF8.self))", sourceLocation: sourceLocation)
        return r.bodyBytes.isEmpty ? JSONObject() : try Self.json(r)
    }

    /// Sends JSON with a bearer token.
    func send(_ method: String, _ target: String, token: String?, json: String? = nil, headers: [(String, String)] = []) -> HTTPResponse {
        var h = headers
        if let token { h.append(("Authorization", "Bearer \(token)")) }
        if json != nil { h.append(("Content-Type", "application/json")) }
        return client.request(method, target, body: Array((json ?? "").utf8), headers: h)
    }

    deinit {
        hub.closeAll()
        reader.close()
    }

    /// POSTs an envelope to /api/v1/tx.
    func submit(_ tx: SignedTx) -> HTTPResponse {
        client.post("/api/v1/tx", body: tx.envelopeJCS, headers: [("Content-Type", "application/json")])
    }

    /// Parses a JSON response body.
    static func json(_ r: HTTPResponse) throws -> JSONObject {
        guard case .object(let o) = try JCS.parse(r.bodyBytes, maxBytes: 10_000_000, maxDepth: 64) else {
            throw LedgerError(.badEncoding, "not an object")
        }
        return o
    }

    /// The `code` of a problem response (nil unless it is `application/problem+json`).
    static func problemCode(_ r: HTTPResponse) -> String? {
        guard r.headers["Content-Type"] == "application/problem+json", let o = try? json(r) else { return nil }
        return o["code"]?.stringValue
    }
}
