import Foundation
import Ledger
import Testing
@testable import Services

/// Staff sign-in, sessions and password changes.
@Suite struct StaffSessionTests {
    @Test func loginGivesASessionTokenThatAuthenticatesWithAllRoleScopes() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let login = try f.directory.login(username: "M1-Admin", password: StaffFixture.password)
        #expect(login.token.hasPrefix("kps_") && login.token.count == 4 + 43)
        #expect(login.expires == TestDatabase.start + 12 * TestDatabase.hour)
        let identity = try f.directory.authenticate(bearer: login.token)
        #expect(identity == login.identity)
        #expect(identity.username == "m1-admin" && identity.role == .merchantAdmin(merchant: "m1"))
        #expect(identity.scopes == [.read, .manage, .counter] && identity.tokenID == nil)
    }

    @Test func unknownUserDisabledUserAndWrongPasswordFailAlike() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        try f.directory.setDisabled(true, userID: f.clerk.userID, by: f.m1)
        let wrong = expectError(.unauthenticated) { try f.directory.login(username: "m1-admin", password: "wrong password!") }
        let unknown = expectError(.unauthenticated) { try f.directory.login(username: "nobody", password: StaffFixture.password) }
        let disabled = expectError(.unauthenticated) { try f.directory.login(username: "m1-clerk", password: StaffFixture.password) }
        #expect(wrong == unknown && unknown == disabled)
        #expect(wrong.map { !"\($0)".contains("wrong password!") } == true)
    }

    @Test func sessionExpiresAfterTwelveHours() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let login = try f.directory.login(username: "operator", password: StaffFixture.password)
        db.clock.advance(12 * TestDatabase.hour - 1)
        #expect(try f.directory.authenticate(bearer: login.token).userID == f.op.userID)
        db.clock.advance(1)
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: login.token) }
    }

    @Test func logoutEndsOnlyThatSession() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let a = try f.directory.login(username: "operator", password: StaffFixture.password)
        let b = try f.directory.login(username: "operator", password: StaffFixture.password)
        try f.directory.logout(token: a.token)
        try f.directory.logout(token: a.token)  // twice is fine
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: a.token) }
        #expect(try f.directory.authenticate(bearer: b.token).username == "operator")
    }

    @Test func disablingAUserEndsItsSessionsAndReenablingAllowsLogin() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let login = try f.directory.login(username: "m1-clerk", password: StaffFixture.password)
        let user = try f.directory.setDisabled(true, userID: f.clerk.userID, by: f.op)
        #expect(user.disabled)
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: login.token) }
        try f.directory.setDisabled(false, userID: f.clerk.userID, by: f.op)
        #expect(try f.directory.login(username: "m1-clerk", password: StaffFixture.password).identity.userID == f.clerk.userID)
    }

    @Test func passwordChangeNeedsTheOldPasswordAndEndsOtherSessions() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let current = try f.directory.login(username: "m1-admin", password: StaffFixture.password)
        let other = try f.directory.login(username: "m1-admin", password: StaffFixture.password)
        let wrongOld = expectError(.invalidRequest) {
            try f.directory.changePassword(session: current.token, oldPassword: "not the password", newPassword: "a new password 1")
        }
        #expect(wrongOld?.fields.map(\.field) == ["oldPassword"])
        let short = expectError(.invalidRequest) {
            try f.directory.changePassword(session: current.token, oldPassword: StaffFixture.password, newPassword: "short")
        }
        #expect(short?.fields.map(\.code) == ["too_short"])
        #expect(try f.directory.authenticate(bearer: other.token).userID == f.m1.userID)  // nothing changed yet

        try f.directory.changePassword(session: current.token, oldPassword: StaffFixture.password, newPassword: "a new password 1")
        #expect(try f.directory.authenticate(bearer: current.token).userID == f.m1.userID)
        expectError(.unauthenticated) { try f.directory.authenticate(bearer: other.token) }
        expectError(.unauthenticated) { try f.directory.login(username: "m1-admin", password: StaffFixture.password) }
        #expect(try f.directory.login(username: "m1-admin", password: "a new password 1").identity.userID == f.m1.userID)
    }

    @Test func tokensAndPasswordsAreNotStoredInClear() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let login = try f.directory.login(username: "operator", password: StaffFixture.password)
        let token = try f.directory.createToken(for: f.op, name: "ci", scopes: [.read], days: 30)
        let raw = db.rawBytes()
        for secret in [login.token, token.token, StaffFixture.password] {
            #expect(raw.range(of: Data(secret.utf8)) == nil)
        }
        #expect(raw.range(of: Data("$argon2id$".utf8)) != nil)  // the check above can see stored text
    }

    @Test func bearerOfTheWrongShapeIsUnauthenticated() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        for bearer in ["", "kps_short", "kpa_" + String(repeating: "A", count: 43), "kps_" + String(repeating: "A", count: 43)] {
            expectError(.unauthenticated) { try f.directory.authenticate(bearer: bearer) }
        }
    }
}
