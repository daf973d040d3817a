import Ledger

/// A store as a merchant (or the operator) registers it. JSON fields: `store` (id),
/// `merchant`? (default: the acting staff member's merchant), `name`, `industry` (id),
/// `attrs`? (string, integer or boolean values).
public struct StoreDraft: Sendable, Equatable {
    /// The store's id.
    public var store: String
    /// The store's merchant; nil: the acting staff member's merchant.
    public var merchant: String?
    /// The display name.
    public var name: String
    /// The store's industry code.
    public var industry: String
    /// Attributes (string, integer or boolean values).
    public var attrs: JSONObject

    /// A draft built in code.
    public init(store: String, merchant: String? = nil, name: String, industry: String, attrs: JSONObject = JSONObject()) {
        self.store = store; self.merchant = merchant; self.name = name; self.industry = industry; self.attrs = attrs
    }

    /// Parses a draft from JSON, rejecting unknown fields.
    /// - Throws: `invalid_request` with a `FieldProblem` for every bad field at once.
    public static func parse(_ json: JSONObject) throws -> StoreDraft {
        var r = DraftReader(json)
        let store = r.id("store")
        let merchant = r.id("merchant", required: false)
        let name = r.text("name", max: 200)
        let industry = r.id("industry")
        let attrs = r.attrs("attrs")
        r.finish()
        try DraftReader.check(r.problems, what: "store")
        guard let store, let name, let industry, let attrs else { preconditionFailure("services: unreported draft problem") }
        return StoreDraft(store: store, merchant: merchant, name: name, industry: industry, attrs: attrs)
    }
}
