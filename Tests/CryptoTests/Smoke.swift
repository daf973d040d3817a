import Testing
@testable import Crypto
@Test func smoke() { #expect(SHA256.hash([]).count == 32) }
