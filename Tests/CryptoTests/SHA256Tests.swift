import Testing
@testable import Crypto

/// FIPS 180-4 / NIST example digests.
@Test func sha256KnownAnswers() {
    #expect(toHex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(toHex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(toHex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

@Test func sha256OfPartsEqualsSha256OfConcatenation() {
    let a: [UInt8] = [0], b = Array("hello".utf8), c = [UInt8](repeating: 7, count: 100)
    #expect(SHA256.hash(a, b, c) == SHA256.hash(a + b + c))
}

@Test func systemRandomGivesDistinctBytes() {
    let r = SystemRandom()
    #expect(r.bytes(count: 32) != r.bytes(count: 32))
    #expect(r.bytes(count: 5).count == 5)
}

@Test func seededRandomIsReproducible() {
    #expect(SeededRandom(seed: "x").bytes(count: 40) == SeededRandom(seed: "x").bytes(count: 40))
    #expect(SeededRandom(seed: "x").bytes(count: 40) != SeededRandom(seed: "y").bytes(count: 40))
}

@Test func secretBoxRoundTripsAndDetectsTampering() throws {
    let key = SystemRandom().bytes(count: 32)
    let sealed = try SecretBox.seal(Array("秘密の鍵".utf8), key: key)
    #expect(try SecretBox.open(sealed, key: key) == Array("秘密の鍵".utf8))
    var tampered = sealed; tampered[tampered.count - 1] ^= 1
    #expect(throws: CryptoError.openFailed) { try SecretBox.open(tampered, key: key) }
    #expect(throws: CryptoError.openFailed) { try SecretBox.open(sealed, key: SystemRandom().bytes(count: 32)) }
    #expect(throws: CryptoError.openFailed) { try SecretBox.open(Array(sealed.prefix(10)), key: key) }
}
