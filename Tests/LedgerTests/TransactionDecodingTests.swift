import Crypto
import Testing
@testable import Ledger

/// Decoding is strict: unknown fields, wrong types, missing fields and out-of-range values are
/// `bad_encoding`; an unknown type is `unknown_type`; oversized envelopes are `too_large`.
@Suite struct TransactionDecodingTests {
    let key = testKey("decoder")

    /// A well-formed signed envelope of each type, as JSON values.
    func samples() -> [SignedTx] {
        let k = key.publicKey
        let payloads: [Payload] = [
            .genesis(Genesis(name: "喜多方", operators: [k], nodes: [k])),
            .merchantRegister(MerchantRegister(merchant: "m-1", name: "星醸造", key: k, industries: ["sake"], attrs: ["hq": "fukushima", "floor": 120, "chain": false])),
            .merchantRekey(MerchantRekey(merchant: "m-1", key: k)),
            .storeRegister(StoreRegister(store: "s.1", merchant: "m-1", name: "本店", industry: "sake", key: k, attrs: ["city": "kitakata"])),
            .productRegister(ProductTerms(product: "p_1", issuer: "m-1", kind: .ticket, name: "入場券", description: "説明\n二行目", price: 3000,
                                          faceValue: 500, minPurchase: 5000, validity: .init(from: 1, until: 2, days: 3),
                                          redeem: .attrs(["small": true]), transfer: .init(allowed: true, max: 2), campaign: "fukuwari")),
            .productRegister(ProductTerms(product: "pkg", issuer: "operator", kind: .coupon, name: "セット",
                                          components: [.init(product: "a", qty: 2), .init(product: "b", qty: 1)])),
            .productEndorse(ProductEndorse(product: "pkg")),
            .supplySet(SupplySet(product: "p_1", cap: 0)),
            .delegateGrant(DelegateGrant(delegate: k, products: ["*"], until: 5)),
            .delegateGrant(DelegateGrant(delegate: k, products: ["a", "b"], until: 5)),
            .delegateRevoke(DelegateRevoke(delegate: k)),
            .ticketIssue(TicketIssue(product: "p_1", to: k, count: 100, account: "acct-9", order: "order-1")),
            .ticketTransfer(TicketTransfer(ticket: "NFOTQAIogLjnCAFm_uz-pQ", to: k)),
            .ticketUse(TicketUse(ticket: "-FOTQAIogLjnCAFm_uz-pQ", store: "s.1", storeProof: "abc", amount: 5400)),
            .ticketCancel(TicketCancel(ticket: "_FOTQAIogLjnCAFm_uz-pQ", reason: "")),
        ]
        return payloads.enumerated().map { i, p in
            SignedTx(signing: Transaction(net: "net-1", signer: k, time: 1_770_000_000_000 + Int64(i),
                                          nonce: Base64URL.encode([UInt8](repeating: UInt8(i), count: 16)), payload: p), with: key)
        }
    }

    @Test func everyTypeRoundTripsThroughItsJCSForm() throws {
        let all = samples()
        #expect(Set(all.map(\.tx.type)) == Set(TxType.allCases))
        for stx in all {
            let decoded = try SignedTx(json: stx.envelopeJCS)
            #expect(decoded.tx == stx.tx)
            #expect(decoded.txid == stx.txid)
            #expect(decoded.envelopeJCS == stx.envelopeJCS)
            #expect(decoded.verifySignature())
        }
    }

    @Test func nonCanonicalInputIsStoredInItsJCSForm() throws {
        let stx = samples()[11]
        // Re-serialise with whitespace and reversed key order.
        guard case .object(let envelope) = try JCS.parse(stx.envelopeJCS), case .object(let body)? = envelope["body"] else {
            Issue.record("sample is not an object"); return
        }
        let members = body.members.reversed().map { "\"\($0.key)\" : \(String(decoding: JCS.encode($0.value), as: UTF8.self))" }
        let text = "{ \"sig\": \"\(Base64URL.encode(stx.signature))\",\n \"body\": { \(members.joined(separator: ",\n  ")) } }"
        let decoded = try SignedTx(json: Array(text.utf8))
        #expect(decoded.envelopeJCS == stx.envelopeJCS)
        #expect(decoded.txid == stx.txid)
        #expect(decoded.verifySignature())
    }

    /// Rewrites one sample's body and decodes it.
    func decode(sample: Int, _ edit: (inout JSONObject) -> Void) throws -> SignedTx {
        let stx = samples()[sample]
        var body = stx.tx.body
        edit(&body)
        let env: JSONValue = ["body": .object(body), "sig": .string(Base64URL.encode(stx.signature))]
        return try SignedTx(json: JCS.encode(env))
    }

    func expectCode(_ code: ErrorCode, sample: Int, _ label: String, _ edit: (inout JSONObject) -> Void,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try decode(sample: sample, edit)
            Issue.record("\(label): decoded, expected \(code.rawValue)", sourceLocation: sourceLocation)
        } catch let e as LedgerError {
            #expect(e.code == code, "\(label): \(e)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(label): \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func unknownFieldsAreRejectedAtEveryLevel() {
        expectCode(.badEncoding, sample: 11, "extra body field") { $0.set("memo", "hi") }
        expectCode(.badEncoding, sample: 4, "extra validity field") { b in
            var v = b["validity"]!.objectValue!; v.set("hours", 3); b.set("validity", .object(v))
        }
        expectCode(.badEncoding, sample: 4, "extra transfer field") { b in
            var v = b["transfer"]!.objectValue!; v.set("fee", 3); b.set("transfer", .object(v))
        }
        expectCode(.badEncoding, sample: 5, "extra component field") { b in
            b.set("components", [["product": "a", "qty": 1, "note": "x"]])
        }
        expectCode(.badEncoding, sample: 4, "two redeem rules") { $0.set("redeem", ["stores": ["s"], "industries": ["x"]]) }
        expectCode(.badEncoding, sample: 4, "unknown redeem rule") { $0.set("redeem", ["cities": ["x"]]) }
        expectCode(.badEncoding, sample: 5, "redeem on a package") { $0.set("redeem", ["stores": ["s"]]) }
    }

    @Test func envelopeMustBeExactlyBodyAndSig() {
        let stx = samples()[0]
        let body = JSONValue.object(stx.tx.body), sig = JSONValue.string(Base64URL.encode(stx.signature))
        let cases: [JSONValue] = [
            ["body": body], ["sig": sig], ["body": body, "sig": sig, "extra": 1],
            ["body": body, "sig": .string(Base64URL.encode([UInt8](repeating: 1, count: 63)))],
            ["body": body, "sig": "not base64!"], ["body": "x", "sig": sig], [body, sig],
        ]
        for env in cases {
            #expect(throws: LedgerError(.badEncoding, "")) { try SignedTx(json: JCS.encode(env)) }
        }
    }

    @Test func wrongTypesAndMissingFieldsAreBadEncoding() {
        expectCode(.badEncoding, sample: 11, "count as string") { $0.set("count", "1") }
        expectCode(.badEncoding, sample: 11, "count 0") { $0.set("count", 0) }
        expectCode(.badEncoding, sample: 11, "count 101") { $0.set("count", 101) }
        expectCode(.badEncoding, sample: 11, "missing to") { $0.remove("to") }
        expectCode(.badEncoding, sample: 11, "to not a key") { $0.set("to", "AAAA") }
        expectCode(.badEncoding, sample: 11, "product not an id") { $0.set("product", "-bad") }
        expectCode(.badEncoding, sample: 11, "product too long") { $0.set("product", .string(String(repeating: "a", count: 65))) }
        expectCode(.badEncoding, sample: 11, "product non-ASCII") { $0.set("product", "商品") }
        expectCode(.badEncoding, sample: 11, "v = 2") { $0.set("v", 2) }
        expectCode(.badEncoding, sample: 11, "v missing") { $0.remove("v") }
        expectCode(.badEncoding, sample: 11, "time negative") { $0.set("time", -1) }
        expectCode(.badEncoding, sample: 11, "time as bool") { $0.set("time", true) }
        expectCode(.badEncoding, sample: 11, "nonce of 15 bytes") { $0.set("nonce", .string(Base64URL.encode([UInt8](repeating: 7, count: 15)))) }
        expectCode(.badEncoding, sample: 11, "nonce not base64url") { $0.set("nonce", "++++++++++++++++++++++++") }
        expectCode(.badEncoding, sample: 11, "net not an id") { $0.set("net", "") }
        expectCode(.badEncoding, sample: 11, "signer missing") { $0.remove("signer") }
        expectCode(.badEncoding, sample: 4, "kind unknown") { $0.set("kind", "voucher") }
        expectCode(.badEncoding, sample: 4, "price negative") { $0.set("price", -100) }
        expectCode(.badEncoding, sample: 4, "validity from after until") { $0.set("validity", ["from": 5, "until": 4]) }
        expectCode(.badEncoding, sample: 4, "validity days 0") { $0.set("validity", ["days": 0]) }
        expectCode(.badEncoding, sample: 4, "name empty") { $0.set("name", "") }
        expectCode(.badEncoding, sample: 4, "name with control char") { $0.set("name", "a\u{1}b") }
        expectCode(.badEncoding, sample: 4, "transfer allowed as int") { $0.set("transfer", ["allowed": 1]) }
        expectCode(.badEncoding, sample: 5, "components empty") { $0.set("components", []) }
        expectCode(.badEncoding, sample: 5, "component qty 0") { $0.set("components", [["product": "a", "qty": 0]]) }
        expectCode(.badEncoding, sample: 5, "over 100 component tickets") { $0.set("components", [["product": "a", "qty": 60], ["product": "b", "qty": 41]]) }
        expectCode(.badEncoding, sample: 1, "attrs value an array") { $0.set("attrs", ["x": [1]]) }
        expectCode(.badEncoding, sample: 1, "industries repeat") { $0.set("industries", ["a", "a"]) }
        expectCode(.badEncoding, sample: 0, "operators empty") { $0.set("operators", []) }
        expectCode(.badEncoding, sample: 0, "operators repeat") { b in let k = JSONValue.string(key.publicKey.base64url); b.set("operators", [k, k]) }
        expectCode(.badEncoding, sample: 8, "products mixes star") { $0.set("products", ["*", "a"]) }
        expectCode(.badEncoding, sample: 8, "products empty") { $0.set("products", []) }
        expectCode(.badEncoding, sample: 12, "ticket id too short") { $0.set("ticket", "NFOTQAIogLjnCAFm_uz-p") }
        expectCode(.badEncoding, sample: 12, "ticket id bad char") { $0.set("ticket", "NFOTQAIogLjnCAFm_uz-p=") }
        expectCode(.badEncoding, sample: 13, "amount negative") { $0.set("amount", -1) }
    }

    @Test func unknownTypeIsUnknownType() {
        expectCode(.unknownType, sample: 11, "ticket.burn") { $0.set("type", "ticket.burn") }
        expectCode(.badEncoding, sample: 11, "type as int") { $0.set("type", 3) }
    }

    @Test func oversizedEnvelopeIsTooLarge() {
        let big = JSONObject((0..<64).map { ("k\($0)", JSONValue.string(String(repeating: "長", count: 200))) })!
        expectCode(.tooLarge, sample: 1, "38 KB of attrs") { $0.set("attrs", .object(big)) }
        #expect(throws: LedgerError(.tooLarge, "")) { try SignedTx(json: [UInt8](repeating: 0x20, count: 40_000)) }
    }

    @Test func malformedJSONIsBadEncoding() {
        for text in ["", "{", "{\"body\":{},\"sig\":\"\"} x", "[]", "null", "{\"body\":1.5,\"sig\":\"a\"}"] {
            #expect(throws: LedgerError(.badEncoding, "")) { try SignedTx(json: Array(text.utf8)) }
        }
    }
}
