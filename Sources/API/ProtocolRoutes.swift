import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import Store

/// The core endpoints of PROTOCOL §4, served exactly as specified.
enum ProtocolRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        [
            Endpoint(method: "POST", path: "/api/v1/tx", operationID: "submitTransaction",
                     summary: "Submit a signed transaction; answered once it is durably committed", tag: "ledger",
                     requestSchema: Schemas.ref("Envelope"),
                     success: (201, "Committed", Schemas.ref("TxReceipt"), "application/json"),
                     problems: [400, 403, 404, 409, 413, 415, 422, 503], bodyLimit: 2 * SignedTx.maxBytes,
                     handler: { request, respond in submit(c, request, respond) }),
            Endpoint(method: "GET", path: "/api/v1/tx/{txid}", operationID: "getTransaction",
                     summary: "A committed transaction with its log position", tag: "ledger",
                     parameters: [.path("txid", "base64url SHA-256 of the JCS body", schema: Schemas.hash)],
                     success: (200, "The transaction", Schemas.ref("TxRecord"), "application/json"), problems: [404],
                     handler: sync(c) { r in try transaction(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/checkpoint", operationID: "getCheckpoint",
                     summary: "The latest signed block header", tag: "ledger",
                     success: (200, "The checkpoint", Schemas.ref("SignedHeader"), "application/json"),
                     handler: sync(c) { _ in try checkpoint(c) }),
            Endpoint(method: "GET", path: "/api/v1/blocks/{height}", operationID: "getBlock",
                     summary: "A block: its signed header and transactions", tag: "ledger",
                     parameters: [.path("height", "block height (genesis = 0)", schema: Schemas.decimal)],
                     success: (200, "The block", Schemas.ref("Block"), "application/json"), problems: [404],
                     handler: sync(c) { r in try block(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/proof/inclusion", operationID: "getInclusionProof",
                     summary: "RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves", tag: "ledger",
                     parameters: [.query("index", "leaf index", required: true, schema: Schemas.decimal),
                                  .query("size", "tree size", required: true, schema: Schemas.decimal)],
                     success: (200, "The proof", Schemas.ref("InclusionProof"), "application/json"), problems: [404],
                     handler: sync(c) { r in try inclusion(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/proof/consistency", operationID: "getConsistencyProof",
                     summary: "RFC 9162 consistency proof between tree sizes `from` and `to`", tag: "ledger",
                     parameters: [.query("from", "older tree size (≥ 1)", required: true, schema: Schemas.decimal),
                                  .query("to", "newer tree size", required: true, schema: Schemas.decimal)],
                     success: (200, "The proof", Schemas.ref("ConsistencyProof"), "application/json"), problems: [404],
                     handler: sync(c) { r in try consistency(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/tickets/{id}", operationID: "getTicket",
                     summary: "A ticket's current state and its history", tag: "ledger",
                     parameters: [.path("id", "ticket id (22 base64url characters)", schema: Schemas.ticketID)],
                     success: (200, "The ticket", Schemas.ref("Ticket"), "application/json"), problems: [404],
                     handler: sync(c) { r in try ticket(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/holders/{key}/tickets", operationID: "getHolderTickets",
                     summary: "The tickets a public key holds now", tag: "ledger",
                     parameters: [.path("key", "holder public key (base64url, 32 bytes)", schema: Schemas.publicKey)],
                     success: (200, "The tickets", Schemas.ref("TicketList"), "application/json"),
                     handler: sync(c) { r in try holderTickets(c, r) }),
            Endpoint(method: "GET", path: "/api/v1/network", operationID: "getNetwork",
                     summary: "The network's genesis facts and current height", tag: "ledger",
                     success: (200, "The network", Schemas.ref("Network"), "application/json"),
                     handler: sync(c) { _ in try network(c) }),
        ]
    }

    /// Adapts a throwing synchronous handler: errors become problem responses.
    static func sync(_ c: APIContext, _ body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) -> Router.Handler {
        { request, respond in
            do { respond(try body(request)) } catch { respond(Problem.from(error).response) }
        }
    }

    // MARK: handlers

    static func submit(_ c: APIContext, _ request: HTTPRequest, _ respond: @escaping Responder) {
        let tx: SignedTx
        do {
            try RequestBody.requireJSON(request)
            tx = try SignedTx(json: request.body)
        } catch {
            respond(Problem.from(error).response)
            return
        }
        let hub = c.hub
        c.sequencer.submit(tx) { receipt in
            switch receipt {
            case .accepted(let txid, let index, let height):
                respond(.json(["txid": .string(txid), "index": .int(index), "height": .int(height)], status: 201, cache: .privateNoStore))
                if case .ticketUse(let use) = tx.tx.payload {
                    StoreFeed.publish(hub, use: use, txid: txid, height: height, time: tx.tx.time)
                }
            case .rejected(let error):
                respond(Problem(error).response)
            case .failed(let reason):
                respond(Problem(code: "unavailable", status: 503, detail: "the ledger could not commit: \(reason)", retryAfter: 1).response)
            }
        }
    }

    static func transaction(_ c: APIContext, _ request: HTTPRequest) throws -> HTTPResponse {
        let txid = request.parameters["txid"] ?? ""
        guard let found = try c.reader.read({ try $0.transaction(txid: txid) }) else {
            throw Problem.notFound("no transaction \(txid) on this ledger")
        }
        let envelope = try JCS.parse(found.envelope, maxBytes: 2 * SignedTx.maxBytes)
        return .json(["envelope": envelope, "index": .int(found.index), "height": .int(found.height)], cache: .immutable)
    }

    static func checkpoint(_ c: APIContext) throws -> HTTPResponse {
        guard let latest = try c.reader.read({ try $0.latestBlock() }) else {
            throw Problem.notFound("the ledger has no block yet")
        }
        return .json(latest.json)
    }

    static func block(_ c: APIContext, _ request: HTTPRequest) throws -> HTTPResponse {
        let height = try Query.decimal(request.parameters["height"], name: "height")
        let found: (SignedHeader, [[UInt8]])? = try c.reader.read { store in
            guard let block = try store.block(height: height) else { return nil }
            let txs = try store.envelopes(first: block.header.first, count: block.header.count).map(\.envelope)
            return (block, txs)
        }
        guard let (block, txs) = found else { throw Problem.notFound("no block at height \(height)") }
        var object = JSONObject()
        object.set("header", block.header.json)
        object.set("sig", .string(Base64URL.encode(block.signature)))
        object.set("txs", .array(try txs.map { try JCS.parse($0, maxBytes: 2 * SignedTx.maxBytes) }))
        return .json(.object(object), cache: .immutable)
    }

    static func inclusion(_ c: APIContext, _ request: HTTPRequest) throws -> HTTPResponse {
        let index = try Query.decimal(request.query["index"], name: "index")
        let size = try Query.decimal(request.query["size"], name: "size")
        guard index < size else { throw Problem.invalid("index must be below size", field: "index") }
        let path: InclusionProof = try c.reader.read { store in
            guard size <= store.logSize else { throw Problem.notFound("the log has only \(store.logSize) leaves") }
            return try Merkle.proveInclusion(index: index, size: size, reader: store)
        }
        return .json(["index": .int(index), "size": .int(size), "path": .array(path.map { .string($0.base64url) })],
                     cache: .immutable)
    }

    static func consistency(_ c: APIContext, _ request: HTTPRequest) throws -> HTTPResponse {
        let from = try Query.decimal(request.query["from"], name: "from")
        let to = try Query.decimal(request.query["to"], name: "to")
        guard from >= 1 else { throw Problem.invalid("from must be at least 1", field: "from") }
        guard from <= to else { throw Problem.invalid("from must not exceed to", field: "from") }
        let path: ConsistencyProof = try c.reader.read { store in
            guard to <= store.logSize else { throw Problem.notFound("the log has only \(store.logSize) leaves") }
            return try Merkle.proveConsistency(from: from, to: to, reader: store)
        }
        return .json(["from": .int(from), "to": .int(to), "path": .array(path.map { .string($0.base64url) })],
                     cache: .immutable)
    }

    static func ticket(_ c: APIContext, _ request: HTTPRequest) throws -> HTTPResponse {
        let id = request.parameters["id"] ?? ""
        let now = c.clock.now()
        let view: JSONObject? = try c.reader.read { store in
            guard let ticket = try store.ticket(id) else { return nil }
            return TicketView.json(ticket, history: try store.history(ofTicket: id), at: now)
        }
        guard let view else { throw Problem(code: "unknown_ticket", status: 404, detail: "no ticket \(id)") }
        return .json(.object(view))
    }

    static func holderTickets(_ c: APIContext, _ request: HTTPRequest) throws -> HTTPResponse {
        let text = request.parameters["key"] ?? ""
        guard let key = try? PublicKey(base64url: text) else {
            throw Problem.invalid("key must be base64url of a 32-byte Ed25519 public key", field: "key")
        }
        let now = c.clock.now()
        let views: [JSONValue] = try c.reader.read { store in
            try store.tickets(heldBy: key).map { .object(TicketView.json($0, history: try store.history(ofTicket: $0.id), at: now)) }
        }
        return .json(["tickets": .array(views)])
    }

    static func network(_ c: APIContext) throws -> HTTPResponse {
        let found: (NetworkInfo, Int64)? = try c.reader.read { store in
            guard let network = try store.network() else { return nil }
            return (network, try store.latestBlock()?.header.height ?? 0)
        }
        guard let (network, height) = found else { throw Problem.notFound("the ledger has no genesis") }
        return .json(["net": .string(network.net), "name": .string(network.name),
                      "operators": .array(network.operators.map { .string($0.base64url) }),
                      "nodes": .array(network.nodes.map { .string($0.base64url) }), "height": .int(height)])
    }
}
