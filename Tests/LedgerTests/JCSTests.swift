import Testing
@testable import Ledger

// Tests of RFC 8785 (JCS) canonical JSON for the PROTOCOL §1 subset: JCS.encode, JCS.parse,
// JCS.parseCanonical.

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// The error code `body` throws, or nil if it returns.
private func errorCode(_ body: () throws(LedgerError) -> JSONValue) -> ErrorCode? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.code
    }
}

/// Key lists compared byte-exactly (Swift `==` on String would use canonical equivalence).
private func utf8Keys(_ value: JSONValue) -> [[UInt8]] {
    value.objectValue?.keys.map { Array($0.utf8) } ?? []
}

private func nested(_ depth: Int, open: String, close: String, inner: String = "") -> [UInt8] {
    bytes(String(repeating: open, count: depth) + inner + String(repeating: close, count: depth))
}

// MARK: - RFC 8785 examples

@Test func rfc8785PropertySortingExample() throws {
    // RFC 8785 §3.2.3, the property sorting example (its values are already strings).
    let input = #"""
    {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }
    """#
    let value = try JCS.parse(bytes(input))
    let expectedKeys = ["\r", "1", "\u{80}", "\u{F6}", "\u{20AC}", "\u{1F600}", "\u{FB33}"]
    #expect(utf8Keys(value) == expectedKeys.map { Array($0.utf8) })
    let canonical = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\","
        + "\"\u{F6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20AC}\":\"Euro Sign\","
        + "\"\u{1F600}\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    #expect(JCS.encode(value) == bytes(canonical))
    #expect(try JCS.parseCanonical(bytes(canonical)) == value)
}

@Test func rfc8785StringEscapingExample() throws {
    // RFC 8785 §3.2.2.2 / §3.2.2 example string.
    let input = #""\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/""#
    let canonical = #""€$\u000f\nA'B\"\\\\\"/""#
    let value = try JCS.parse(bytes(input))
    #expect(value == .string("\u{20AC}$\u{0F}\nA'B\"\\\\\"/"))
    #expect(JCS.encode(value) == bytes(canonical))
}

@Test func rfc8785MainExampleWithinSubset() throws {
    // RFC 8785 §3.2.2 sample object, with its floats replaced by integers and null dropped.
    let input = #"""
    {
      "numbers": [333333333, 1000000000000000, 4, 2, 0],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [true, false]
    }
    """#
    let canonical = #"{"literals":[true,false],"numbers":[333333333,1000000000000000,4,2,0],"#
        + #""string":"€$\u000f\nA'B\"\\\\\"/"}"#
    #expect(JCS.encode(try JCS.parse(bytes(input))) == bytes(canonical))
}

@Test func rfc8785Utf8GenerationExample() throws {
    // RFC 8785 §3.2.4: no Unicode normalization; output is UTF-8.
    let value = try JCS.parse(bytes(#"{"Unnormalized Unicode":"A\u030a"}"#))
    let expected: [UInt8] = [
        0x7B, 0x22, 0x55, 0x6E, 0x6E, 0x6F, 0x72, 0x6D, 0x61, 0x6C, 0x69, 0x7A, 0x65, 0x64, 0x20, 0x55,
        0x6E, 0x69, 0x63, 0x6F, 0x64, 0x65, 0x22, 0x3A, 0x22, 0x41, 0xCC, 0x8A, 0x22, 0x7D,
    ]
    #expect(JCS.encode(value) == expected)
}

@Test func literalsTrueAndFalse() throws {
    #expect(try JCS.parse(bytes("true")) == .bool(true))
    #expect(try JCS.parse(bytes("false")) == .bool(false))
    #expect(JCS.encode(.bool(true)) == bytes("true"))
    #expect(JCS.encode(.bool(false)) == bytes("false"))
    #expect(JCS.encode([true, false]) == bytes("[true,false]"))
}

// MARK: - Serializer

@Test func encodesEveryControlCharacterAsJavaScriptDoes() {
    let named: [UInt8: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
    let hex = Array("0123456789abcdef")
    for c in UInt8(0)..<0x20 {
        let escape = named[c] ?? "\\u00\(hex[Int(c >> 4)])\(hex[Int(c & 0xF)])"
        let value = JSONValue.string(String(UnicodeScalar(c)))
        #expect(JCS.encode(value) == bytes("\"\(escape)\""), "control 0x\(String(c, radix: 16))")
    }
    #expect(JCS.encode("\"\\") == bytes(#""\"\\""#))
    // RFC 8785 §3.2.2.2: U+007F, U+2028, U+2029 and '/' are not escaped.
    #expect(JCS.encode("\u{7F}\u{2028}\u{2029}/") == bytes("\"\u{7F}\u{2028}\u{2029}/\""))
}

@Test func encodesIntegersAndStructures() {
    #expect(JCS.encode(0) == bytes("0"))
    #expect(JCS.encode(-1) == bytes("-1"))
    #expect(JCS.encode(.int(JSONValue.maxSafeInteger)) == bytes("9007199254740991"))
    #expect(JCS.encode(.int(-JSONValue.maxSafeInteger)) == bytes("-9007199254740991"))
    #expect(JCS.encode(.int(.min)) == bytes("-9223372036854775808"))
    #expect(JCS.encode([]) == bytes("[]"))
    #expect(JCS.encode(.object(JSONObject())) == bytes("{}"))
    #expect(JCS.encode(["b": [1, "x"], "a": ["c": false]]) == bytes(#"{"a":{"c":false},"b":[1,"x"]}"#))
}

// MARK: - Round trips

@Test func roundTrips() throws {
    let allControls = String(String.UnicodeScalarView((0..<0x20).compactMap { Unicode.Scalar(UInt32($0)) }))
    let values: [JSONValue] = [
        "", "日本語のテキスト、カタカナ、ｶﾀｶﾅ", "絵文字 😀🎉👨‍👩‍👧", .string(allControls), "\u{7F}", "\u{2028}\u{2029}",
        "e\u{301}", "\u{E9}", "\u{10FFFF}\u{FFFF}\u{E000}", "\u{0}",
        0, 1, -1, .int(JSONValue.maxSafeInteger), .int(-JSONValue.maxSafeInteger), true, false,
        [], [[[]]], .object(JSONObject()),
        ["切符": "きっぷ", "😀": [1, 2, 3], allControls: true, "\u{2028}": ["\u{7F}": -5]],
        ["e\u{301}": 1, "\u{E9}": 2, "\u{FB33}": 3, "\u{1F600}": 4],
        [["a": [true, ["b": "c"]]], "x", 7],
    ]
    for v in values {
        let encoded = JCS.encode(v)
        #expect(try JCS.parse(encoded) == v)
        #expect(try JCS.parseCanonical(encoded) == v)
    }
}

// MARK: - Rejections

/// One malformed input and why it is malformed.
struct Malformed: Sendable, CustomTestStringConvertible {
    let label: String
    let input: [UInt8]
    init(_ label: String, _ text: String) { self.label = label; input = Array(text.utf8) }
    init(_ label: String, raw: [UInt8]) { self.label = label; input = raw }
    var testDescription: String { label }
}

private let q: UInt8 = 0x22  // '"'

let malformedCorpus: [Malformed] = [
    .init("trailing comma in object", #"{"a":1,}"#),
    .init("trailing comma in array", "[1,]"),
    .init("leading comma in array", "[,1]"),
    .init("empty object member", "{,}"),
    .init("single-quoted key", "{'a':1}"),
    .init("unquoted key", "{a:1}"),
    .init("non-string key", "{1:2}"),
    .init("missing colon", #"{"a" 1}"#),
    .init("missing value", #"{"a":}"#),
    .init("missing comma between members", #"{"a":1 "b":2}"#),
    .init("missing comma between elements", "[1 2]"),
    .init("leading zero", "01"),
    .init("negative leading zero", "-01"),
    .init("fraction", "1.5"),
    .init("zero fraction 1.0", "1.0"),
    .init("fraction in array", "[0.0]"),
    .init("exponent", "1e3"),
    .init("exponent 1e2", "1e2"),
    .init("uppercase exponent", "1E3"),
    .init("bare fraction", ".5"),
    .init("dangling dot", "1."),
    .init("dangling exponent", "1e"),
    .init("lone minus", "-"),
    .init("double minus", "--1"),
    .init("plus sign", "+1"),
    .init("hex number", "0x10"),
    .init("minus zero", "-0"),
    .init("minus zero in array", "[-0]"),
    .init("2^53", "9007199254740992"),
    .init("-2^53", "-9007199254740992"),
    .init("huge integer", "123456789012345678901234567890"),
    .init("invalid escape \\x", #""\x""#),
    .init("uppercase \\U escape", #""\U0041""#),
    .init("short \\u escape", #""\u12""#),
    .init("non-hex \\u escape", #""\u12G4""#),
    .init("bare \\u", #""\u""#),
    .init("backslash at end", #""\"#),
    .init("lone high surrogate", #""\ud800""#),
    .init("mis-ordered surrogates", #""\udc00\ud800""#),
    .init("lone low surrogate", #""\udfff""#),
    .init("high surrogate then BMP escape", #""\ud800\u0041""#),
    .init("high surrogate then raw char", #""\ud83dx""#),
    .init("high surrogate then high surrogate", #""\ud83d\ud83d""#),
    .init("raw 0xFF in string", raw: [q, 0xFF, q]),
    .init("raw 0xFF alone", raw: [0xFF]),
    .init("overlong 0xC0 0xAF", raw: [q, 0xC0, 0xAF, q]),
    .init("overlong 3-byte 0xE0 0x80 0xAF", raw: [q, 0xE0, 0x80, 0xAF, q]),
    .init("overlong 4-byte 0xF0 0x80 0x80 0xAF", raw: [q, 0xF0, 0x80, 0x80, 0xAF, q]),
    .init("CESU surrogate 0xED 0xA0 0x80", raw: [q, 0xED, 0xA0, 0x80, q]),
    .init("above U+10FFFF (0xF4 0x90)", raw: [q, 0xF4, 0x90, 0x80, 0x80, q]),
    .init("lead byte 0xF5", raw: [q, 0xF5, 0x80, 0x80, 0x80, q]),
    .init("truncated 3-byte sequence", raw: [q, 0xE3, 0x81, q]),
    .init("lone continuation byte", raw: [q, 0x80, q]),
    .init("sequence cut by end of input", raw: [q, 0xE3]),
    .init("NaN", "NaN"),
    .init("Infinity", "Infinity"),
    .init("-Infinity", "-Infinity"),
    .init("null", "null"),
    .init("null member", #"{"a":null}"#),
    .init("null element", "[null]"),
    .init("truncated true", "tru"),
    .init("capitalised True", "True"),
    .init("truncated false", "[fals]"),
    .init("BOM before object", raw: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D]),
    .init("duplicate key", #"{"a":1,"a":2}"#),
    .init("duplicate key after unescape", #"{"a":1,"\u0061":2}"#),
    .init("duplicate emoji key via surrogate escape", #"{"😀":1,"\ud83d\ude00":2}"#),
    .init("duplicate key in nested object", #"[{"k":{"x":1,"y":2,"x":3}}]"#),
    .init("33 nested arrays", String(repeating: "[", count: 33) + String(repeating: "]", count: 33)),
    .init("33 nested objects", String(repeating: #"{"a":"#, count: 32) + "{}" + String(repeating: "}", count: 32)),
    .init("trailing }", "{}}"),
    .init("trailing garbage", "[1] x"),
    .init("two objects", #"{"a":1}{"b":2}"#),
    .init("garbage after string", #""a"b"#),
    .init("comment", "[1]//c"),
    .init("empty input", ""),
    .init("only whitespace", " \n\t\r "),
    .init("form feed as whitespace", "\u{0C}[1]"),
    .init("vertical tab as whitespace", "[1,\u{0B}2]"),
    .init("no-break space as whitespace", "[1,\u{A0}2]"),
    .init("raw NUL in string", "\"a\u{0}b\""),
    .init("raw control 0x01 in string", "\"\u{01}\""),
    .init("raw tab in string", "\"a\tb\""),
    .init("raw newline in string", "\"a\nb\""),
    .init("raw 0x1F in string", "\"\u{1F}\""),
    .init("unterminated string", #""abc"#),
    .init("unterminated array", "[1"),
    .init("unterminated object", #"{"a":1"#),
    .init("unclosed key", #"{"a"#),
]

@Test(arguments: malformedCorpus)
func rejectsMalformed(_ c: Malformed) {
    #expect(errorCode { () throws(LedgerError) in try JCS.parse(c.input) } == .badEncoding)
}

@Test func corpusIsLargeEnough() {
    #expect(malformedCorpus.count >= 40)
}

// MARK: - Acceptance edge cases

@Test func acceptsSafeIntegerBounds() throws {
    #expect(try JCS.parse(bytes("9007199254740991")) == .int(9_007_199_254_740_991))
    #expect(try JCS.parse(bytes("-9007199254740991")) == .int(-9_007_199_254_740_991))
    #expect(try JCS.parse(bytes("[0,-1,10]")) == [0, -1, 10])
}

@Test func acceptsMaximumDepth() throws {
    let arrays = try JCS.parse(nested(32, open: "[", close: "]"))
    #expect(JCS.encode(arrays) == nested(32, open: "[", close: "]"))
    let objects = String(repeating: #"{"a":"#, count: 31) + "{}" + String(repeating: "}", count: 31)
    #expect(JCS.encode(try JCS.parse(bytes(objects))) == bytes(objects))
    #expect(errorCode { () throws(LedgerError) in try JCS.parse(bytes("[[1]]"), maxDepth: 1) } == .badEncoding)
    #expect(try JCS.parse(bytes("[1]"), maxDepth: 1) == [1])
}

@Test func canonicallyEquivalentKeysAreDistinct() throws {
    let value = try JCS.parse(bytes(#"{"\u00e9":1,"e\u0301":2}"#))
    let object = try #require(value.objectValue)
    #expect(object.members.count == 2)
    #expect(object["\u{E9}"] == .int(1))
    #expect(object["e\u{301}"] == .int(2))
    // "e" (U+0065) sorts before "é" (U+00E9) by UTF-16 code units.
    #expect(utf8Keys(value) == [Array("e\u{301}".utf8), Array("\u{E9}".utf8)])
}

@Test func sizeLimitIsCheckedBeforeParsing() throws {
    let exact = bytes("\"" + String(repeating: "a", count: 16382) + "\"")
    #expect(exact.count == 16384)
    #expect(try JCS.parse(exact) == .string(String(repeating: "a", count: 16382)))
    let over = bytes("\"" + String(repeating: "a", count: 16383) + "\"")
    #expect(errorCode { () throws(LedgerError) in try JCS.parse(over) } == .tooLarge)
    let overGarbage = [UInt8](repeating: 0xFF, count: 16385)
    #expect(errorCode { () throws(LedgerError) in try JCS.parse(overGarbage) } == .tooLarge)
    #expect(errorCode { () throws(LedgerError) in try JCS.parseCanonical(over) } == .tooLarge)
    #expect(errorCode { () throws(LedgerError) in try JCS.parse(bytes("[1,2]"), maxBytes: 4) } == .tooLarge)
}

@Test func acceptsWhitespaceEscapesAndScalars() throws {
    let spaced = try JCS.parse(bytes(" {\r\n\t\"b\" : [ 1 , 2 ] ,\n \"a\" :true } \n"))
    #expect(JCS.encode(spaced) == bytes(#"{"a":true,"b":[1,2]}"#))
    #expect(try JCS.parse(bytes(#""\"\\\/\b\f\n\r\t""#)) == "\"\\/\u{8}\u{C}\n\r\t")
    #expect(try JCS.parse(bytes(#""\u00E9\u00e9\u0000""#)) == "\u{E9}\u{E9}\u{0}")
    #expect(try JCS.parse(bytes(#""\uD83D\uDE00""#)) == "\u{1F600}")
    #expect(try JCS.parse(bytes(#""\udbff\udfff""#)) == "\u{10FFFF}")
    #expect(try JCS.parse(bytes("\"\u{10FFFF}\u{800}\u{7FF}\u{FFFD}\"")) == "\u{10FFFF}\u{800}\u{7FF}\u{FFFD}")
    #expect(try JCS.parse(bytes(#""x""#)) == "x")
    #expect(try JCS.parse(bytes("0")) == 0)
    #expect(try JCS.parse(bytes("{}")) == .object(JSONObject()))
}

// MARK: - parseCanonical

@Test func parseCanonicalRejectsNonCanonicalForms() {
    let rejected = [
        #"{"b":1,"a":2}"#, #"{ "a":1}"#, #""\u0041""#, #""\u001F""#, #""\/""#, "[1, 2]", "{}\n",
        #""\u00e9""#, #""\u007f""#, #"{"a":1,"b":{"d":1,"c":2}}"#,
    ]
    for text in rejected {
        #expect(errorCode { () throws(LedgerError) in try JCS.parseCanonical(bytes(text)) } == .badEncoding, "\(text)")
    }
}

@Test func parseCanonicalAcceptsJCSForm() throws {
    #expect(try JCS.parseCanonical(bytes(#"{"a":2,"b":1}"#)) == ["a": 2, "b": 1])
    #expect(try JCS.parseCanonical(bytes(#""\u001f""#)) == "\u{1F}")
    #expect(try JCS.parseCanonical(bytes(#""A""#)) == "A")
    #expect(try JCS.parseCanonical(bytes(#"{"a":[1,true,"x\n"],"b":{"c":-7}}"#)) == ["a": [1, true, "x\n"], "b": ["c": -7]])
}

// MARK: - Fuzz

/// Parses `input`; anything accepted must re-encode to a canonical text that parses back
/// (both ways) to an equal value; anything rejected must be `.badEncoding`. Returns a
/// description of the violation, or nil.
private func checkFuzzInput(_ input: [UInt8]) -> String? {
    let value: JSONValue
    do {
        value = try JCS.parse(input)
    } catch {
        return error.code == .badEncoding ? nil : "unexpected \(error) for \(input)"
    }
    let encoded = JCS.encode(value)
    do {
        guard try JCS.parse(encoded) == value, try JCS.parseCanonical(encoded) == value,
            JCS.encode(try JCS.parse(encoded)) == encoded
        else { return "round trip changed value for \(input)" }
    } catch {
        return "re-parse failed (\(error)) for \(input)"
    }
    return nil
}

@Test func fuzzRandomBytesAndMutations() {
    var rng = SplitMix64(seed: 0x4B49_5050_5521)
    let alphabet = Array(#"{}[]",:\/u0123456789abcdefABCDEFntrlsE.-+ "#.utf8) + [0x09, 0x0A, 0x0D, 0x00, 0x1F, 0x7F]
    let highBytes: [UInt8] = [0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE3, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F]
    let seeds: [[UInt8]] = [
        #"{"a":1,"b":[true,false,"x"],"c":{"d":-9007199254740991}}"#, #"["\u00e9","e\u0301","\ud83d\ude00"]"#,
        #"{"切符":"きっぷ","n":0,"s":"\"\\\/\b\f\n\r\t\u001f"}"#, "[[[[[[1]]]]]]", #"{"":{"":[{},[]]}}"#,
        #" { "z" : [ 1 , 2 , 3 ] , "y" : "😀\u2028" } "#,
    ].map { Array($0.utf8) }
    let tokens: [[UInt8]] = [#""\ud800""#, "null", "1.5", ",", "]", "}", "{", "[", #""\u00e9""#, "😀", "-0", "01",
        #""a":"#, "\\u", "9007199254740992"].map { Array($0.utf8) }
    var failures: [String] = []
    var accepted = 0
    func randomByte(_ rng: inout SplitMix64) -> UInt8 {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<6: return alphabet.randomElement(using: &rng) ?? 0
        case 6..<8: return highBytes.randomElement(using: &rng) ?? 0
        default: return UInt8.random(in: 0...255, using: &rng)
        }
    }
    for _ in 0..<20_000 {
        let length = Int.random(in: 0..<40, using: &rng)
        let input = (0..<length).map { _ in randomByte(&rng) }
        if let f = checkFuzzInput(input) { failures.append(f) }
        if (try? JCS.parse(input)) != nil { accepted += 1 }
    }
    for _ in 0..<20_000 {
        var input = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let i = input.isEmpty ? 0 : Int.random(in: 0..<input.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !input.isEmpty: input[i] = randomByte(&rng)
            case 1: input.insert(randomByte(&rng), at: i)
            case 2 where !input.isEmpty: input.remove(at: i)
            case 3: input.removeSubrange(i..<input.count)
            case 4: input.insert(contentsOf: tokens[Int.random(in: 0..<tokens.count, using: &rng)], at: i)
            default:
                let j = Int.random(in: i...input.count, using: &rng)
                let copy = Array(input[i..<j])
                input.insert(contentsOf: copy, at: j)
            }
        }
        if let f = checkFuzzInput(input) { failures.append(f) }
        if (try? JCS.parse(input)) != nil { accepted += 1 }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
    #expect(accepted > 100, "the fuzz corpus should also exercise the success path")
}
