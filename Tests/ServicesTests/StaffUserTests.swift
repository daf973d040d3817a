import Testing
@testable import Services

/// Creating and listing staff users: field rules and tenant isolation.
@Suite struct StaffUserTests {
    @Test func invalidFieldsAreReportedTogether() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let error = expectError(.invalidRequest) {
            try f.directory.createUser(username: "_x", displayName: " ", password: "hunter2pw", role: .merchantAdmin(merchant: "m1"), by: f.op)
        }
        #expect(error?.fields.map(\.field) == ["username", "displayName", "password"])
        let texts = [error?.description ?? ""] + (error?.fields.map(\.message) ?? [])
        #expect(texts.allSatisfy { !$0.contains("hunter2pw") })
        let tooLong = expectError(.invalidRequest) {
            try f.directory.createUser(username: "ok-name", displayName: "x", password: String(repeating: "p", count: 129),
                                       role: .storeStaff(merchant: "m1", store: "bad store"), by: f.op)
        }
        #expect(tooLong?.fields.map(\.code) == ["too_long", "bad_format"])
    }

    @Test func usernamesAreUniqueIgnoringCase() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let error = expectError(.conflict) {
            try f.directory.createUser(username: "M1-ADMIN", displayName: "Again", password: StaffFixture.password,
                                       role: .merchantAdmin(merchant: "m1"), by: f.op)
        }
        #expect(error?.fields.first?.code == "taken")
    }

    @Test func merchantAdminCannotCreateUsersOfAnotherMerchantOrOperators() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        expectError(.notAuthorized) {
            try f.directory.createUser(username: "intruder", displayName: "X", password: StaffFixture.password,
                                       role: .storeStaff(merchant: "m2", store: "m2-main"), by: f.m1)
        }
        expectError(.notAuthorized) {
            try f.directory.createUser(username: "intruder", displayName: "X", password: StaffFixture.password,
                                       role: .operatorAdmin, by: f.m1)
        }
        expectError(.notAuthorized) {  // store staff lack the manage scope
            try f.directory.createUser(username: "intruder", displayName: "X", password: StaffFixture.password,
                                       role: .storeStaff(merchant: "m1", store: "m1-main"), by: f.clerk)
        }
        #expect(try f.directory.users(for: f.op).contains { $0.username == "intruder" } == false)
    }

    @Test func userListsAreScopedToTheTenant() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        #expect(try f.directory.users(for: f.op).map(\.username) == ["operator", "m1-admin", "m2-admin", "m1-clerk"])
        #expect(try f.directory.users(for: f.m1).map(\.username) == ["m1-admin", "m1-clerk"])
        #expect(try f.directory.users(for: f.m2).map(\.username) == ["m2-admin"])
        #expect(try f.directory.users(for: f.clerk).map(\.username) == ["m1-clerk"])
    }

    @Test func merchantAdminCannotDisableAnotherMerchantsUser() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        expectError(.notFound) { try f.directory.setDisabled(true, userID: f.m2.userID, by: f.m1) }
        expectError(.notFound) { try f.directory.setDisabled(true, userID: f.op.userID, by: f.m1) }  // the operator is not its to see
        expectError(.notAuthorized) { try f.directory.setDisabled(true, userID: f.m1.userID, by: f.m1) }
        #expect(try f.directory.users(for: f.op).allSatisfy { !$0.disabled })
    }
}
