import Ledger

/// Schemas of the application endpoints (accounts, staff, catalogue, orders, management).
enum AppSchemas {
    typealias S = Schemas
    static let role: JSONValue = ["type": "string", "enum": ["operator_admin", "merchant_admin", "store_staff"]]
    static let scopes: JSONValue = S.array(["type": "string", "enum": ["read", "manage", "counter"]])
    static func text(_ max: Int, min: Int = 1) -> JSONValue { ["type": "string", "minLength": .int(Int64(min)), "maxLength": .int(Int64(max))] }

    static let identity = S.object([("userID", S.integer), ("username", S.string), ("role", role), ("merchant", S.string),
                                     ("store", S.string), ("scopes", scopes)], required: ["userID", "username", "role", "scopes"])
    static let user = S.object([("id", S.integer), ("username", S.string), ("displayName", S.string), ("role", role),
                                 ("merchant", S.string), ("store", S.string), ("created", S.millis), ("disabled", S.boolean)],
                                required: ["id", "username", "displayName", "role", "created", "disabled"])
    static let token = S.object([("id", S.integer), ("userID", S.integer), ("name", S.string), ("scopes", scopes),
                                  ("created", S.millis), ("expires", S.millis), ("revoked", S.millis)],
                                 required: ["id", "userID", "name", "scopes", "created", "expires"])
    static let attributes = S.object([("consented", S.millis), ("sex", ["type": "string", "enum": ["female", "male", "other"]]),
                                       ("birthYear", S.integer), ("prefecture", ["type": "integer", "minimum": 1, "maximum": 47])],
                                      required: ["consented"])

    static let components: [(String, JSONValue)] = [
        ("StaffLoginRequest", S.object([("username", text(64)), ("password", text(128))], required: ["username", "password"])),
        ("StaffSession", S.object([("token", S.string), ("expires", S.millis), ("identity", identity)], required: ["token", "expires", "identity"])),
        ("StaffIdentity", identity),
        ("PasswordChange", S.object([("oldPassword", text(128)), ("newPassword", text(128))], required: ["oldPassword", "newPassword"])),
        ("StaffUser", user),
        ("StaffUserList", S.object([("users", S.array(user))], required: ["users"])),
        ("StaffUserRequest", S.object([("username", text(64)), ("displayName", text(100)), ("password", text(128)), ("role", role),
                                       ("merchant", text(64)), ("store", text(64))],
                                      required: ["username", "displayName", "password", "role"])),
        ("APIToken", token),
        ("APITokenList", S.object([("tokens", S.array(token))], required: ["tokens"])),
        ("APITokenRequest", S.object([("name", text(100)), ("scopes", scopes), ("days", ["type": "integer", "minimum": 1, "maximum": 365])],
                                     required: ["name", "scopes", "days"])),
        ("NewAPIToken", S.object([("token", S.string), ("info", token)], required: ["token", "info"])),
        ("AccountChallenge", S.object([("challenge", S.string), ("expires", S.millis)], required: ["challenge", "expires"])),
        ("AccountSignInRequest", S.object([("key", text(64)), ("challenge", text(64)), ("signature", text(128))],
                                          required: ["key", "challenge", "signature"])),
        ("AccountSession", S.object([("account", S.string), ("token", S.string), ("expires", S.millis), ("created", S.boolean)],
                                    required: ["account", "token", "expires", "created"])),
        ("Account", S.object([("account", S.string), ("key", S.publicKey), ("attributes", attributes)], required: ["account", "key"])),
        ("Attributes", attributes),
        ("AttributesRequest", S.object([("consent", S.boolean), ("sex", ["type": "string", "enum": ["female", "male", "other"]]),
                                        ("birthYear", ["type": "integer", "minimum": 1900, "maximum": 2100]),
                                        ("prefecture", ["type": "integer", "minimum": 1, "maximum": 47])], required: ["consent"])),
        ("AccountStatistics", S.object([("accounts", S.integer), ("withAttributes", S.integer)], required: ["accounts", "withAttributes"])),
    ]
}
