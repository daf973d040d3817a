import Testing
@testable import Ledger
@Test func smoke() { #expect(SHA256.hash([]).count == 32) }
