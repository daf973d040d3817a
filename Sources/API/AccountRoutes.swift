import HTTPServer
import Ledger
import Services

/// Wallet accounts (`/api/v1/accounts/…`): sign in by signing a server challenge with the
/// wallet key (docs/accounts.md), and optional, consented attributes.
enum AccountRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        let sync = { (body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) in ProtocolRoutes.sync(c, body) }
        return [
            Endpoint(method: "POST", path: "/api/v1/accounts/challenge", operationID: "accountChallenge",
                     summary: "A one-time challenge (5 minutes) for the wallet key to sign", tag: "accounts",
                     success: (201, "The challenge", Schemas.ref("AccountChallenge"), "application/json"),
                     handler: sync { r in
                         try RateLimits.take(c.limits.accountsPerIP, r.remoteAddress, what: "sign-ups from this address")
                         let ch = try c.app.accounts.challenge()
                         return .json(["challenge": .string(ch.challenge), "expires": .int(ch.expires)], status: 201, cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/accounts/session", operationID: "accountSignIn",
                     summary: "Sign in (or sign up) with a signed challenge; returns a wallet session token", tag: "accounts",
                     requestSchema: Schemas.ref("AccountSignInRequest"),
                     success: (201, "Signed in", Schemas.ref("AccountSession"), "application/json"), problems: [401],
                     handler: sync { r in
                         try RateLimits.take(c.limits.accountsPerIP, r.remoteAddress, what: "sign-ins from this address")
                         var f = DraftReader(try RequestBody.object(r))
                         let key = f.text("key", max: 64), challenge = f.text("challenge", max: 64)
                         let signature = f.text("signature", max: 128)
                         try f.done()
                         let s = try c.app.accounts.signIn(key: key!, challenge: challenge!, signature: signature!)
                         return .json(["account": .string(s.account), "token": .string(s.token), "expires": .int(s.expires),
                                       "created": .bool(s.created)], status: 201, cache: .privateNoStore)
                     }),
            Endpoint(method: "DELETE", path: "/api/v1/accounts/session", operationID: "accountSignOut",
                     summary: "End this wallet session", tag: "accounts", access: .consumer,
                     success: (204, "Signed out", nil, "application/json"),
                     handler: sync { r in
                         _ = try Auth.consumer(c, r)
                         try c.app.accounts.signOut(token: try Auth.bearer(r))
                         return HTTPResponse(status: 204)
                     }),
            Endpoint(method: "GET", path: "/api/v1/accounts/me", operationID: "accountMe",
                     summary: "This account: its pseudonymous id, key and attributes if any", tag: "accounts", access: .consumer,
                     success: (200, "The account", Schemas.ref("Account"), "application/json"),
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         var o: JSONObject = ["account": .string(me.account), "key": .string(me.key.base64url)]
                         if let a = try c.app.accounts.attributes(account: me.account) { o.set("attributes", attributes(a)) }
                         return .json(.object(o), cache: .privateNoStore)
                     }),
            Endpoint(method: "PUT", path: "/api/v1/accounts/me/attributes", operationID: "setAccountAttributes",
                     summary: "Give (with consent) or change sex, birth year and prefecture", tag: "accounts", access: .consumer,
                     requestSchema: Schemas.ref("AttributesRequest"),
                     success: (200, "The attributes", Schemas.ref("Attributes"), "application/json"),
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         var f = DraftReader(try RequestBody.object(r))
                         let consent = f.bool("consent"), sex = f.text("sex", max: 16, required: false)
                         let year = f.int("birthYear", min: 1, max: 9999, required: false), pref = f.int("prefecture", min: 0, max: 99, required: false)
                         try f.done()
                         let a = try c.app.accounts.setAttributes(account: me.account, consent: consent!, sex: sex,
                                                                  birthYear: year.map { Int($0) }, prefecture: pref.map { Int($0) })
                         return .json(attributes(a), cache: .privateNoStore)
                     }),
            Endpoint(method: "GET", path: "/api/v1/accounts/me/attributes", operationID: "getAccountAttributes",
                     summary: "The attributes this account gave", tag: "accounts", access: .consumer,
                     success: (200, "The attributes", Schemas.ref("Attributes"), "application/json"), problems: [404],
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         guard let a = try c.app.accounts.attributes(account: me.account) else {
                             throw Problem.notFound("this account has given no attributes")
                         }
                         return .json(attributes(a), cache: .privateNoStore)
                     }),
            Endpoint(method: "DELETE", path: "/api/v1/accounts/me/attributes", operationID: "deleteAccountAttributes",
                     summary: "Delete the attributes (the ledger, which never held them, is unchanged)", tag: "accounts",
                     access: .consumer, success: (204, "Deleted", nil, "application/json"), problems: [404],
                     handler: sync { r in
                         let me = try Auth.consumer(c, r)
                         guard try c.app.accounts.deleteAttributes(account: me.account) else {
                             throw Problem.notFound("this account has given no attributes")
                         }
                         return HTTPResponse(status: 204)
                     }),
            Endpoint(method: "GET", path: "/api/v1/stats/accounts", operationID: "accountStatistics",
                     summary: "How many wallet accounts, and how many gave attributes (operator; aggregate only)", tag: "accounts",
                     access: .staff("read"), success: (200, "The counts", Schemas.ref("AccountStatistics"), "application/json"),
                     handler: sync { r in
                         let s = try c.app.accounts.statistics(for: try Auth.staff(c, r, .read))
                         return .json(["accounts": .int(Int64(s.accounts)), "withAttributes": .int(Int64(s.withAttributes))],
                                      cache: .privateNoStore)
                     }),
        ]
    }

    static func attributes(_ a: AccountAttributes) -> JSONValue {
        var o: JSONObject = ["consented": .int(a.consented)]
        if let sex = a.sex { o.set("sex", .string(sex)) }
        if let y = a.birthYear { o.set("birthYear", .int(Int64(y))) }
        if let p = a.prefecture { o.set("prefecture", .int(Int64(p))) }
        return .object(o)
    }
}
