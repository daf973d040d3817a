import Testing
@testable import Services

/// API tokens: scopes, expiry, revocation, tenant isolation.
@Suite struct StaffTokenTests {
    @Test func tokenAuthenticatesWithItsOwnScopesUntilItExpires() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let created = try f.directory.createToken(for: f.m1, name: "POS", scopes: [.read], days: 2)
        #expect(created.token.hasPrefix("kpt_") && created.token.count == 47)
        #expect(created.info.expires == TestDatabase.start + 2 * TestDatabase.day)
        let identity = try f.directory.authenticate(bearer: created.token)
        #expect(identity.scopes == [.read] && identity.tokenID == created.info.id && identity.userID == f.m1.userID)
        expectError(.notAuthorized) { try identity.require(.manage) }
        db.clock.advance(2 * TestDatabase.day - 1)
        #expect(try f.directory.authenticate(bearer: created.token).userID == f.m1.userID)
        db.clock.advance(1)
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: created.token) }
    }

    @Test func revokedTokenStopsWorkingAndIsListedAsRevoked() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let created = try f.directory.createToken(for: f.m1, name: "POS", scopes: [.read, .counter], days: 30)
        db.clock.advance(1000)
        try f.directory.revokeToken(f.m1, id: created.info.id)
        try f.directory.revokeToken(f.m1, id: created.info.id)  // twice is fine
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: created.token) }
        let listed = try f.directory.listTokens(f.m1)
        #expect(listed.map(\.id) == [created.info.id])
        #expect(listed.first?.revoked == TestDatabase.start + 1000 && listed.first?.isLive(at: db.clock.now()) == false)
    }

    @Test func operatorMayRevokeAnyTokenButOthersOnlyTheirOwn() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let clerkToken = try f.directory.createToken(for: f.clerk, name: "tablet", scopes: [.counter], days: 1)
        expectError(.notAuthorized) { try f.directory.revokeToken(f.m1, id: clerkToken.info.id) }  // visible, not owner
        expectError(.notFound) { try f.directory.revokeToken(f.m2, id: clerkToken.info.id) }       // another tenant
        expectError(.notFound) { try f.directory.revokeToken(f.m2, id: 9_999) }
        #expect(try f.directory.authenticate(bearer: clerkToken.token).userID == f.clerk.userID)
        try f.directory.revokeToken(f.op, id: clerkToken.info.id)
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: clerkToken.token) }
    }

    @Test func scopesMustBeASubsetOfTheRolesScopes() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let error = expectError(.notAuthorized) {
            try f.directory.createToken(for: f.clerk, name: "too much", scopes: [.read, .manage], days: 1)
        }
        #expect(error?.fields.first?.field == "scopes")
        #expect(try f.directory.createToken(for: f.clerk, name: "ok", scopes: [.read, .counter], days: 1).info.scopes == [.read, .counter])
        #expect(try f.directory.createToken(for: f.m1, name: "all", scopes: [.read, .manage, .counter], days: 365).info.scopes.count == 3)
        let empty = expectError(.invalidRequest) { try f.directory.createToken(for: f.m1, name: "", scopes: [], days: 366) }
        #expect(empty?.fields.map(\.field) == ["name", "days", "scopes"])
        expectError(.invalidRequest) { try f.directory.createToken(for: f.m1, name: "zero", scopes: [.read], days: 0) }
    }

    @Test func anAPITokenCannotCreateTokens() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let created = try f.directory.createToken(for: f.m1, name: "automation", scopes: [.read, .manage], days: 1)
        let viaToken = try f.directory.authenticate(bearer: created.token)
        expectError(.notAuthorized) { try f.directory.createToken(for: viaToken, name: "longer", scopes: [.read], days: 365) }
        expectError(.notAuthorized) {
            try f.directory.changePassword(session: created.token, oldPassword: StaffFixture.password, newPassword: "another password")
        }
    }

    @Test func disabledUsersTokensAreRejected() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let created = try f.directory.createToken(for: f.clerk, name: "tablet", scopes: [.counter], days: 10)
        try f.directory.setDisabled(true, userID: f.clerk.userID, by: f.m1)
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: created.token) }
        try f.directory.setDisabled(false, userID: f.clerk.userID, by: f.m1)
        #expect(try f.directory.authenticate(bearer: created.token).scopes == [.counter])
    }

    @Test func merchantAdminCannotListAnotherMerchantsTokens() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        _ = try f.directory.createToken(for: f.m2, name: "m2 secret integration", scopes: [.read], days: 1)
        let clerkToken = try f.directory.createToken(for: f.clerk, name: "tablet", scopes: [.read], days: 1)
        expectError(.notFound) { try f.directory.listTokens(f.m1, userID: f.m2.userID) }
        expectError(.notFound) { try f.directory.listTokens(f.clerk, userID: f.m1.userID) }
        #expect(try f.directory.listTokens(f.m1, userID: f.clerk.userID).map(\.id) == [clerkToken.info.id])
        #expect(try f.directory.listTokens(f.op, userID: f.m2.userID).map(\.name) == ["m2 secret integration"])
        #expect(try f.directory.listTokens(f.m1).isEmpty)
    }
}
