import Crypto
import Foundation
import HTTPServer
import Ledger
import Testing
@testable import API

/// PROTOCOL §4, through the in-process client: answers, problem codes and cache headers.
@Suite struct ProtocolEndpointTests {
    @Test func submittedUseIsCommittedThenReadableAndAReplayIsDuplicate() throws {
        let f = try APIFixture()
        let holder = SigningKey.generate()
        let ticket = try f.node.issue(to: holder.publicKey)[0]
        let use = f.node.sign(holder, f.node.use(ticket))

        let created = f.submit(use)
        #expect(created.status == 201)
        let receipt = try APIFixture.json(created)
        #expect(receipt["txid"]?.stringValue == use.txid)
        let index = try #require(receipt["index"]?.intValue)

        let read = f.client.get("/api/v1/tx/\(use.txid)")
        #expect(read.status == 200)
        #expect(read.headers["Cache-Control"]?.contains("immutable") == true)
        let record = try APIFixture.json(read)
        #expect(record["index"]?.intValue == index)
        #expect(JCS.encode(try #require(record["envelope"])) == use.envelopeJCS)

        let again = f.submit(use)
        #expect(again.status == 409)
        #expect(APIFixture.problemCode(again) == "duplicate_tx")

        let view = try APIFixture.json(f.client.get("/api/v1/tickets/\(ticket)"))
        #expect(view["state"]?.stringValue == "used")
        #expect(view["holder"]?.stringValue == holder.publicKey.base64url)
        #expect(view["history"]?.arrayValue?.count == 2)
        #expect(view["history"]?.arrayValue?.last?.stringValue == use.txid)
    }

    @Test func ruleViolationsAnswerTheirProtocolStatusAndCode() throws {
        let f = try APIFixture()
        let holder = SigningKey.generate()
        let stranger = SigningKey.generate()
        let ticket = try f.node.issue(to: holder.publicKey)[0]

        let byStranger = f.submit(f.node.sign(stranger, f.node.use(ticket)))
        #expect(byStranger.status == 403 && APIFixture.problemCode(byStranger) == "not_holder")

        #expect(f.submit(f.node.sign(holder, f.node.use(ticket))).status == 201)
        let second = f.submit(f.node.sign(holder, f.node.use(ticket)))
        #expect(second.status == 409 && APIFixture.problemCode(second) == "already_used")

        let unknown = f.submit(f.node.sign(holder, f.node.use("AAAAAAAAAAAAAAAAAAAAAA")))
        #expect(unknown.status == 404 && APIFixture.problemCode(unknown) == "unknown_ticket")

        let wrongNet = SignedTx(signing: Transaction(net: "other-net", signer: holder.publicKey, time: f.node.clock.now(),
                                                     nonce: Base64URL.encode(Array(repeating: 1, count: 16)), payload: f.node.use(ticket)),
                                with: holder)
        let w = f.submit(wrongNet)
        #expect(w.status == 400 && APIFixture.problemCode(w) == "wrong_network")
    }

    @Test func malformedBodiesAreRejectedWithStableCodesAndChangeNothing() throws {
        let f = try APIFixture()
        let before = try APIFixture.json(f.client.get("/api/v1/checkpoint"))
        let holder = SigningKey.generate()
        let ticket = try f.node.issue(to: holder.publicKey)[0]
        let good = f.node.sign(holder, f.node.use(ticket))
        var tampered = good.envelopeJCS
        // Flip one character inside the signature text: a well-formed envelope, a bad signature.
        let sigStart = tampered.count - 10
        tampered[sigStart] = tampered[sigStart] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let cases: [(body: [UInt8], contentType: String, status: Int, code: String)] = [
            (Array("{\"body\":".utf8), "application/json", 400, "bad_encoding"),
            (Array("[1,2,3]".utf8), "application/json", 400, "bad_encoding"),
            (Array("{\"body\":{},\"sig\":\"x\",\"sig\":\"y\"}".utf8), "application/json", 400, "bad_encoding"),
            (Array("{\"body\":{\"v\":1.5},\"sig\":\"\"}".utf8), "application/json", 400, "bad_encoding"),
            (good.envelopeJCS, "text/plain", 415, "unsupported_media_type"),
            (tampered, "application/json", 400, "bad_signature"),
            (Array(repeating: UInt8(ascii: " "), count: 40_000), "application/json", 413, ""),
        ]
        for c in cases {
            let r = f.client.post("/api/v1/tx", body: c.body, headers: [("Content-Type", c.contentType)])
            #expect(r.status == c.status, "\(c.code)")
            if !c.code.isEmpty { #expect(APIFixture.problemCode(r) == c.code) }
        }
        let afterIssue = try APIFixture.json(f.client.get("/api/v1/checkpoint"))
        // Only the issue above added a block; none of the bad submissions did.
        let h0 = try #require(before["header"]?.objectValue?["height"]?.intValue)
        #expect(afterIssue["header"]?.objectValue?["height"]?.intValue == h0 + 1)
        #expect(try APIFixture.json(f.client.get("/api/v1/tickets/\(ticket)"))["state"]?.stringValue == "active")
    }

    @Test func checkpointBlocksAndProofsVerifyLikeAnAuditorWould() throws {
        let f = try APIFixture()
        let holder = SigningKey.generate()
        _ = try f.node.issue(to: holder.publicKey, count: 3)
        let old = try SignedHeader(json: .object(try APIFixture.json(f.client.get("/api/v1/checkpoint"))))
        _ = try f.node.issue(to: holder.publicKey)
        let cp = try SignedHeader(json: .object(try APIFixture.json(f.client.get("/api/v1/checkpoint"))))
        #expect(cp.isValid)
        let network = try APIFixture.json(f.client.get("/api/v1/network"))
        #expect(network["nodes"]?.arrayValue?.first?.stringValue == cp.header.signer.base64url)
        #expect(network["height"]?.intValue == cp.header.height)

        // Every leaf of the latest block is included in the checkpoint's tree.
        let block = try APIFixture.json(f.client.get("/api/v1/blocks/\(cp.header.height)"))
        let txs = try #require(block["txs"]?.arrayValue)
        #expect(Int64(txs.count) == cp.header.count)
        for (offset, envelope) in txs.enumerated() {
            let index = cp.header.first + Int64(offset)
            let proof = try APIFixture.json(f.client.get("/api/v1/proof/inclusion?index=\(index)&size=\(cp.header.size)"))
            let path = try #require(proof["path"]?.arrayValue).map { try Hash(base64url: $0.stringValue ?? "") }
            let leaf = try SignedTx(envelope: envelope).leafHash
            #expect(Merkle.checkInclusion(proof: path, size: cp.header.size, root: cp.header.root, index: index, leafHash: leaf))
        }
        // The older checkpoint is a prefix of the newer one.
        let c = try APIFixture.json(f.client.get("/api/v1/proof/consistency?from=\(old.header.size)&to=\(cp.header.size)"))
        let cpath = try #require(c["path"]?.arrayValue).map { try Hash(base64url: $0.stringValue ?? "") }
        #expect(Merkle.checkConsistency(proof: cpath, from: old.header.size, fromRoot: old.header.root,
                                        to: cp.header.size, toRoot: cp.header.root))
    }

    @Test func badParametersAndMissingThingsGetProblems() throws {
        let f = try APIFixture()
        let cases: [(String, Int, String)] = [
            ("/api/v1/blocks/abc", 400, "invalid_request"),
            ("/api/v1/blocks/007", 400, "invalid_request"),
            ("/api/v1/blocks/999999", 404, "not_found"),
            ("/api/v1/proof/inclusion?index=5&size=2", 400, "invalid_request"),
            ("/api/v1/proof/inclusion?index=0&size=999999", 404, "not_found"),
            ("/api/v1/proof/inclusion?size=3", 400, "invalid_request"),
            ("/api/v1/proof/consistency?from=0&to=3", 400, "invalid_request"),
            ("/api/v1/proof/consistency?from=4&to=3", 400, "invalid_request"),
            ("/api/v1/tx/nope", 404, "not_found"),
            ("/api/v1/tickets/AAAAAAAAAAAAAAAAAAAAAA", 404, "unknown_ticket"),
            ("/api/v1/holders/not-a-key/tickets", 400, "invalid_request"),
            ("/api/v1/nothing-here", 404, "not_found"),
        ]
        for (target, status, code) in cases {
            let r = f.client.get(target)
            #expect(r.status == status, "\(target)")
            #expect(APIFixture.problemCode(r) == code, "\(target)")
        }
        let wrongMethod = f.client.request("DELETE", "/api/v1/checkpoint")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"]?.contains("GET") == true)
    }

    @Test func holderListsOnlyTicketsItHoldsNow() throws {
        let f = try APIFixture()
        let a = SigningKey.generate(), b = SigningKey.generate()
        let tickets = try f.node.issue(to: a.publicKey, count: 2)
        try f.node.accept(a, .ticketTransfer(TicketTransfer(ticket: tickets[0], to: b.publicKey)))
        let listA = try APIFixture.json(f.client.get("/api/v1/holders/\(a.publicKey.base64url)/tickets"))
        let listB = try APIFixture.json(f.client.get("/api/v1/holders/\(b.publicKey.base64url)/tickets"))
        #expect(listA["tickets"]?.arrayValue?.compactMap { $0.objectValue?["ticket"]?.stringValue } == [tickets[1]])
        #expect(listB["tickets"]?.arrayValue?.compactMap { $0.objectValue?["ticket"]?.stringValue } == [tickets[0]])
    }

    @Test func openAPIDocumentDescribesExactlyTheRouterRoutes() throws {
        let f = try APIFixture()
        let r = f.client.get("/api/v1/openapi.json")
        #expect(r.status == 200)
        let doc = try APIFixture.json(r)
        #expect(doc["openapi"]?.stringValue == "3.1.0")
        var documented: Set<String> = []
        for member in try #require(doc["paths"]?.objectValue).members {
            for op in try #require(member.value.objectValue).keys { documented.insert("\(op.uppercased()) \(member.key)") }
        }
        let routed = Set(f.api.routes.map { "\($0.method) \($0.pattern)" })
        #expect(documented == routed)
        #expect(routed.contains("POST /api/v1/tx") && routed.contains("GET /api/v1/openapi.json"))
        // Every $ref points at a schema the document defines.
        let schemas = try #require(doc["components"]?.objectValue?["schemas"]?.objectValue)
        let text = String(decoding: r.bodyBytes, as: UTF8.self)
        for part in text.components(separatedBy: "#/components/schemas/").dropFirst() {
            let name = String(part.prefix { $0 != "\"" })
            #expect(schemas[name] != nil, "missing schema \(name)")
        }
    }
}
