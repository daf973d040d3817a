import Ledger
import Services
import Testing

/// Drafts report every bad field at once and reject unknown fields.
@Suite struct DraftParsingTests {
    @Test func productDraftReportsEveryBadField() throws {
        let json: JSONObject = [
            "product": "-bad id", "kind": "voucher", "price": -5, "name": "",
            "validity": ["from": 10, "until": 5, "weeks": 2],
            "redeem": ["stores": ["ok", "not ok"]],
            "transfer": ["max": 1],
            "components": [["product": "a", "qty": 0], "x"],
            "cap": "ten", "colour": "red",
        ]
        let error = #expect(throws: ServiceError.self) { try ProductDraft.parse(json) }
        #expect(error?.code == .invalidRequest)
        let fields = Set(error?.fields.map(\.field) ?? [])
        #expect(fields == ["product", "kind", "price", "name", "validity.until", "validity.weeks", "redeem.stores[1]",
                           "transfer.allowed", "components[0].qty", "components[1]", "cap", "colour", "redeem"])
        #expect(error?.fields.first { $0.field == "colour" }?.code == "unknown_field")
        #expect(error?.fields.first { $0.field == "price" }?.code == "out_of_range")
    }

    @Test func aGoodProductDraftBecomesLedgerTerms() throws {
        let draft = try ProductDraft.parse([
            "product": "asa-2026", "kind": "coupon", "name": "朝ラーメン 100円引き", "price": 0, "faceValue": 100,
            "validity": ["days": 2], "redeem": ["industries": ["ramen"]], "transfer": ["allowed": false], "cap": 50,
        ])
        #expect(draft.cap == 50 && draft.issuer == nil)
        let terms = draft.terms(issuer: "ramen")
        #expect(terms.redeem == .industries(["ramen"]) && terms.validity.days == 2 && terms.transfer.allowed == false)
        #expect(try ProductTerms(jsonObject: terms.jsonObject) == terms)
        #expect(throws: ServiceError.self) { try ProductDraft.parse(["product": "p", "kind": "coupon", "name": "n"]) }
    }

    @Test func merchantAndStoreDraftsReportEveryBadField() throws {
        let m = #expect(throws: ServiceError.self) {
            try MerchantDraft.parse(["merchant": "operator", "industries": ["ok", 3], "attrs": ["k": ["nested": 1]], "extra": 1])
        }
        #expect(Set(m?.fields.map(\.field) ?? []) == ["merchant", "name", "industries[1]", "attrs.k", "extra"])
        let s = #expect(throws: ServiceError.self) {
            try StoreDraft.parse(["store": "", "name": .string(String(repeating: "x", count: 201)), "industry": "bar shop"])
        }
        #expect(Set(s?.fields.map(\.field) ?? []) == ["store", "name", "industry"])
        let good = try StoreDraft.parse(["store": "bar-2", "merchant": "bar", "name": "二号店", "industry": "bar", "attrs": ["small": true]])
        #expect(good.merchant == "bar" && good.attrs["small"] == .bool(true))
    }
}
