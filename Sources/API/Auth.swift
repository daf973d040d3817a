import HTTPServer
import Services

/// Bearer tokens: staff sessions (`kps_`), staff API tokens (`kpt_`), wallet sessions (`kpa_`).
enum Auth {
    /// The token of `Authorization: Bearer <token>`.
    static func bearer(_ request: HTTPRequest) throws -> String {
        guard let header = request.headers["Authorization"] else {
            throw ServiceError(.unauthenticated, "this operation needs Authorization: Bearer <token>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw ServiceError(.unauthenticated, "the Authorization header must be: Bearer <token>")
        }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// The signed-in staff member, who must hold `scope`.
    static func staff(_ c: APIContext, _ request: HTTPRequest, _ scope: Scope) throws -> StaffIdentity {
        let identity = try c.app.staff.authenticate(bearer: try bearer(request))
        try identity.require(scope)
        return identity
    }

    /// The signed-in consumer account.
    static func consumer(_ c: APIContext, _ request: HTTPRequest) throws -> AccountIdentity {
        try c.app.accounts.authenticate(bearer: try bearer(request))
    }
}

import Foundation
