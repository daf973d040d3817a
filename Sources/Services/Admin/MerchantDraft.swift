import Ledger

/// A merchant as the operator registers it. JSON fields: `merchant` (id), `name`,
/// `industries`? (identifiers, at most 32), `attrs`? (string, integer or boolean values).
public struct MerchantDraft: Sendable, Equatable {
    /// The merchant's id.
    public var merchant: String
    /// The display name.
    public var name: String
    /// Industry codes (identifiers).
    public var industries: [String]
    /// Attributes (string, integer or boolean values).
    public var attrs: JSONObject

    /// A draft built in code.
    public init(merchant: String, name: String, industries: [String] = [], attrs: JSONObject = JSONObject()) {
        self.merchant = merchant; self.name = name; self.industries = industries; self.attrs = attrs
    }

    /// Parses a draft from JSON, rejecting unknown fields.
    /// - Throws: `invalid_request` with a `FieldProblem` for every bad field at once.
    public static func parse(_ json: JSONObject) throws -> MerchantDraft {
        var r = DraftReader(json)
        let merchant = r.id("merchant")
        let name = r.text("name", max: 200)
        let industries = r.raw("industries", required: false) == nil ? [] : r.ids("industries", maxCount: 32)
        let attrs = r.attrs("attrs")
        if merchant == operatorPrincipal { r.problem("merchant", "reserved", "\"operator\" is reserved") }
        r.finish()
        try DraftReader.check(r.problems, what: "merchant")
        guard let merchant, let name, let industries, let attrs else { preconditionFailure("services: unreported draft problem") }
        return MerchantDraft(merchant: merchant, name: name, industries: industries, attrs: attrs)
    }
}
