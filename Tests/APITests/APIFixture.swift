import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import TestSupport
@testable import API

/// A node (see `NodeFixture`: merchant `ramen`, store `ramen-main`, coupon `asa`) behind the
/// API, reached through the in-process client.
final class APIFixture: @unchecked Sendable {
    let node: NodeFixture
    let reader: LedgerReadPool
    let hub = EventHub(heartbeatSeconds: 60)
    let api: KippuAPI
    let client: InProcessClient

    init() throws {
        node = try NodeFixture()
        reader = LedgerReadPool(path: node.db)
        api = KippuAPI(context: APIContext(reader: reader, sequencer: node.sequencer, clock: node.clock, hub: hub))
        client = InProcessClient(api)
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
