import HTTPServer
import Ledger
import Services

/// Staff sign-in, users and API tokens (`/api/v1/staff/…`).
enum StaffRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        let sync = { (body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) in ProtocolRoutes.sync(c, body) }
        return [
            Endpoint(method: "POST", path: "/api/v1/staff/session", operationID: "staffLogin",
                     summary: "Sign in with user name and password; returns a session token (12 h)", tag: "staff",
                     requestSchema: Schemas.ref("StaffLoginRequest"),
                     success: (201, "Signed in", Schemas.ref("StaffSession"), "application/json"), problems: [401],
                     handler: sync { r in try login(c, r) }),
            Endpoint(method: "DELETE", path: "/api/v1/staff/session", operationID: "staffLogout",
                     summary: "End this session", tag: "staff", access: .staff("read"),
                     success: (204, "Signed out", nil, "application/json"),
                     handler: sync { r in
                         _ = try Auth.staff(c, r, .read)
                         try c.app.staff.logout(token: try Auth.bearer(r))
                         return HTTPResponse(status: 204)
                     }),
            Endpoint(method: "GET", path: "/api/v1/staff/me", operationID: "staffMe",
                     summary: "Who this token belongs to, with role and scopes", tag: "staff", access: .staff("read"),
                     success: (200, "The identity", Schemas.ref("StaffIdentity"), "application/json"),
                     handler: sync { r in .json(StaffViews.identity(try Auth.staff(c, r, .read)), cache: .privateNoStore) }),
            Endpoint(method: "PUT", path: "/api/v1/staff/me/password", operationID: "staffChangePassword",
                     summary: "Change the password (ends the other sessions)", tag: "staff", access: .staff("read"),
                     requestSchema: Schemas.ref("PasswordChange"), success: (204, "Changed", nil, "application/json"),
                     handler: sync { r in
                         _ = try Auth.staff(c, r, .read)
                         var f = DraftReader(try RequestBody.object(r))
                         let old = f.text("oldPassword", max: 128), new = f.text("newPassword", max: 128)
                         try f.done()
                         try c.app.staff.changePassword(session: try Auth.bearer(r), oldPassword: old!, newPassword: new!)
                         return HTTPResponse(status: 204)
                     }),
            Endpoint(method: "GET", path: "/api/v1/staff/users", operationID: "listStaffUsers",
                     summary: "Staff users this identity may see", tag: "staff", access: .staff("read"),
                     success: (200, "The users", Schemas.ref("StaffUserList"), "application/json"),
                     handler: sync { r in
                         let id = try Auth.staff(c, r, .read)
                         return .json(["users": .array(try c.app.staff.users(for: id).map(StaffViews.user))], cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/staff/users", operationID: "createStaffUser",
                     summary: "Create a staff user (operator: any; merchant admin: its own merchant)", tag: "staff",
                     access: .staff("manage"), requestSchema: Schemas.ref("StaffUserRequest"),
                     success: (201, "Created", Schemas.ref("StaffUser"), "application/json"), problems: [404, 409],
                     idempotent: true, handler: sync { r in try createUser(c, r) }),
            Endpoint(method: "POST", path: "/api/v1/staff/users/{id}/disable", operationID: "disableStaffUser",
                     summary: "Disable a user: their sessions end and tokens stop working", tag: "staff", access: .staff("manage"),
                     parameters: [.path("id", "user id", schema: Schemas.decimal)],
                     success: (200, "The user", Schemas.ref("StaffUser"), "application/json"), problems: [404],
                     handler: sync { r in try setDisabled(c, r, true) }),
            Endpoint(method: "POST", path: "/api/v1/staff/users/{id}/enable", operationID: "enableStaffUser",
                     summary: "Enable a disabled user again", tag: "staff", access: .staff("manage"),
                     parameters: [.path("id", "user id", schema: Schemas.decimal)],
                     success: (200, "The user", Schemas.ref("StaffUser"), "application/json"), problems: [404],
                     handler: sync { r in try setDisabled(c, r, false) }),
            Endpoint(method: "GET", path: "/api/v1/staff/tokens", operationID: "listStaffTokens",
                     summary: "API tokens this identity may see (never their secrets)", tag: "staff", access: .staff("read"),
                     success: (200, "The tokens", Schemas.ref("APITokenList"), "application/json"),
                     handler: sync { r in
                         let id = try Auth.staff(c, r, .read)
                         return .json(["tokens": .array(try c.app.staff.listTokens(id).map(StaffViews.token))], cache: .privateNoStore)
                     }),
            Endpoint(method: "POST", path: "/api/v1/staff/tokens", operationID: "createStaffToken",
                     summary: "Create an API token with some of your scopes; its secret is shown only in this answer", tag: "staff",
                     access: .staff("read"), requestSchema: Schemas.ref("APITokenRequest"),
                     success: (201, "Created", Schemas.ref("NewAPIToken"), "application/json"), idempotent: true,
                     handler: sync { r in try createToken(c, r) }),
            Endpoint(method: "DELETE", path: "/api/v1/staff/tokens/{id}", operationID: "revokeStaffToken",
                     summary: "Revoke an API token", tag: "staff", access: .staff("read"),
                     parameters: [.path("id", "token id", schema: Schemas.decimal)],
                     success: (204, "Revoked", nil, "application/json"), problems: [404],
                     handler: sync { r in
                         let id = try Auth.staff(c, r, .read)
                         let target = try Query.decimal(r.parameters["id"], name: "id")
                         // An API token may revoke itself, not its owner's other tokens.
                         if let own = id.tokenID, own != target {
                             throw ServiceError(.notAuthorized, "an API token may revoke only itself; sign in to revoke others")
                         }
                         try c.app.staff.revokeToken(id, id: target)
                         return HTTPResponse(status: 204)
                     }),
        ]
    }

    static func login(_ c: APIContext, _ r: HTTPRequest) throws -> HTTPResponse {
        try RateLimits.take(c.limits.loginPerIP, r.remoteAddress, what: "sign-in attempts from this address")
        var f = DraftReader(try RequestBody.object(r))
        let username = f.text("username", max: 64), password = f.text("password", max: 128)
        try f.done()
        try RateLimits.take(c.limits.loginPerUser, username!.lowercased(), what: "sign-in attempts for this user")
        let login = try c.app.staff.login(username: username!, password: password!)
        return .json(["token": .string(login.token), "expires": .int(login.expires), "identity": StaffViews.identity(login.identity)],
                     status: 201, cache: .privateNoStore)
    }

    static func createUser(_ c: APIContext, _ r: HTTPRequest) throws -> HTTPResponse {
        let actor = try Auth.staff(c, r, .manage)
        return try Idempotency.run(c, r, scope: "staff:\(actor.userID)") {
            var f = DraftReader(try RequestBody.object(r))
            let username = f.text("username", max: 64), displayName = f.text("displayName", max: 100)
            let password = f.text("password", max: 128), roleName = f.text("role", max: 32)
            let merchant = f.text("merchant", max: 64, required: false), store = f.text("store", max: 64, required: false)
            try f.done()
            let role = try StaffViews.parseRole(roleName, merchant: merchant, store: store)
            try checkRoleExists(c, role)
            let user = try c.app.staff.createUser(username: username!, displayName: displayName!, password: password!, role: role, by: actor)
            return .json(StaffViews.user(user), status: 201, cache: .privateNoStore)
        }
    }

    /// A merchant or store a role names must exist on the ledger, and the store must be the merchant's.
    static func checkRoleExists(_ c: APIContext, _ role: StaffRole) throws {
        try c.reader.read { store in
            if let m = role.merchant, try store.merchant(m) == nil {
                throw ServiceError(.ledger(.unknownMerchant), "no merchant \(m) on the ledger")
            }
            if case .storeStaff(let m, let s) = role {
                guard let record = try store.store(s) else { throw ServiceError(.ledger(.unknownStore), "no store \(s) on the ledger") }
                guard record.merchant == m else { throw ServiceError.invalid("store", "bad_value", "store \(s) belongs to another merchant") }
            }
        }
    }

    static func setDisabled(_ c: APIContext, _ r: HTTPRequest, _ disabled: Bool) throws -> HTTPResponse {
        let actor = try Auth.staff(c, r, .manage)
        let id = try Query.decimal(r.parameters["id"], name: "id")
        // Nobody locks themselves out (the last operator could not get back in).
        if disabled && id == actor.userID { throw ServiceError(.conflict, "you cannot disable your own user") }
        let user = try c.app.staff.setDisabled(disabled, userID: id, by: actor)
        return .json(StaffViews.user(user), cache: .privateNoStore)
    }

    static func createToken(_ c: APIContext, _ r: HTTPRequest) throws -> HTTPResponse {
        let actor = try Auth.staff(c, r, .read)
        return try Idempotency.run(c, r, scope: "staff:\(actor.userID)") {
            var f = DraftReader(try RequestBody.object(r))
            let name = f.text("name", max: 100), scopeNames = f.ids("scopes", maxCount: 3)
            let days = f.int("days", min: 1, max: 365)
            try f.done()
            var scopes: Set<Scope> = []
            for (i, s) in scopeNames!.enumerated() {
                guard let scope = Scope(rawValue: s) else {
                    throw ServiceError.invalid("scopes[\(i)]", "bad_value", "must be read, manage or counter")
                }
                scopes.insert(scope)
            }
            let made = try c.app.staff.createToken(for: actor, name: name!, scopes: scopes, days: Int(days!))
            return .json(["token": .string(made.token), "info": StaffViews.token(made.info)], status: 201, cache: .privateNoStore)
        }
    }
}
