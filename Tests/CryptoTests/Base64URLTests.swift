import Testing
@testable import Crypto

/// RFC 4648 §10 test vectors, in the URL-safe alphabet without padding.
@Test func rfc4648VectorsRoundTrip() throws {
    let cases: [(String, String)] = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
                                     ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
    for (plain, encoded) in cases {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }
}

@Test func urlSafeAlphabetIsUsed() throws {
    #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    #expect(try Base64URL.decode("-_8") == [0xfb, 0xff])
}

@Test(arguments: ["Zg==", "Zg=", "Zm9v YmFy", "Zm9v\n", "+/8", "Zh", "Zm9", "Z", "Zm9vY", "é", "Zm9v!"])
func nonCanonicalOrForeignTextIsRejected(_ text: String) {
    // "Zh" and "Zm9" have non-zero trailing bits: they would decode to the same bytes as "Zg" and "Zm8".
    #expect(throws: CryptoError.badBase64) { try Base64URL.decode(text) }
}

@Test func everyByteStringRoundTrips() throws {
    let random = SeededRandom(seed: "b64")
    for n in 0..<200 {
        let bytes = random.bytes(count: n)
        #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
    }
}
