import Crypto
import Testing
@testable import Services

/// Consented personal attributes of consumer accounts.
@Suite struct AccountAttributeTests {
    static func newAccount(_ service: AccountService, seed: String = "wallet") throws -> String {
        let key = try SigningKey(seed: SHA256.hash(Array(seed.utf8)))
        let c = try service.challenge()
        let signature = key.sign(AccountService.signingInput(net: TestDatabase.net, challenge: c.challenge, key: key.publicKey))
        return try service.signIn(key: key.publicKey.base64url, challenge: c.challenge, signature: Base64URL.encode(signature)).account
    }

    @Test func attributesNeedConsentAndValidValues() throws {
        let db = try TestDatabase()  // 2026
        let service = try db.accounts()
        let account = try Self.newAccount(service)
        let noConsent = expectError(.invalidRequest) {
            try service.setAttributes(account: account, consent: false, sex: "female", birthYear: 1990, prefecture: 7)
        }
        #expect(noConsent?.fields.map(\.field) == ["consent"])
        let bad = expectError(.invalidRequest) {
            try service.setAttributes(account: account, consent: true, sex: "Female", birthYear: 2027, prefecture: 48)
        }
        #expect(bad?.fields.map(\.field) == ["sex", "birthYear", "prefecture"])
        let low = expectError(.invalidRequest) {
            try service.setAttributes(account: account, consent: true, sex: nil, birthYear: 1899, prefecture: 0)
        }
        #expect(low?.fields.map(\.code) == ["out_of_range", "out_of_range"])
        expectError(.invalidRequest) { try service.setAttributes(account: account, consent: true, sex: nil, birthYear: nil, prefecture: nil) }
        #expect(try service.attributes(account: account) == nil)
        expectError(.notFound) { try service.setAttributes(account: "aNoSuchAccount", consent: true, sex: "other", birthYear: nil, prefecture: nil) }
    }

    @Test func attributesAreStoredReplacedAndDeleted() throws {
        let db = try TestDatabase()
        let service = try db.accounts()
        let account = try Self.newAccount(service)
        let other = try Self.newAccount(service, seed: "other")
        try service.setAttributes(account: account, consent: true, sex: "other", birthYear: 2026, prefecture: 1)
        try service.setAttributes(account: other, consent: true, sex: nil, birthYear: 1900, prefecture: 47)
        db.clock.advance(1000)
        try service.setAttributes(account: account, consent: true, sex: nil, birthYear: nil, prefecture: 7)
        #expect(try service.attributes(account: account) ==
                AccountAttributes(sex: nil, birthYear: nil, prefecture: 7, consented: TestDatabase.start + 1000))
        #expect(try service.deleteAttributes(account: account))
        #expect(try service.attributes(account: account) == nil)
        #expect(try service.deleteAttributes(account: account) == false)
        #expect(try service.attributes(account: other)?.prefecture == 47)
    }

    @Test func operatorSeesCountsOnly() throws {
        let db = try TestDatabase()
        let f = try StaffFixture(db)
        let service = try db.accounts()
        let a = try Self.newAccount(service, seed: "a")
        _ = try Self.newAccount(service, seed: "b")
        try service.setAttributes(account: a, consent: true, sex: "male", birthYear: nil, prefecture: nil)
        #expect(try service.statistics(for: f.op) == AccountStatistics(accounts: 2, withAttributes: 1))
        expectError(.notAuthorized) { try service.statistics(for: f.m1) }
        try service.deleteAttributes(account: a)
        #expect(try service.statistics(for: f.op) == AccountStatistics(accounts: 2, withAttributes: 0))
    }
}
