/// A strict byte-level parser of RFC 8259 JSON text restricted to the PROTOCOL §1 subset,
/// used by `JCS.parse`. Every read is bounds-checked; every failure is a
/// `LedgerError(.badEncoding, …)` naming the byte offset.
struct JSONParser {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var pos = 0
    private var depth = 0
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    /// Creates a parser over `bytes` that allows at most `maxDepth` nested arrays/objects.
    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses one JSON text: a value surrounded by optional whitespace, nothing else.
    mutating func parseDocument() throws(LedgerError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        guard pos == bytes.count else { throw fail("trailing data after the JSON value") }
        return value
    }

    // MARK: - Helpers

    private func fail(_ what: String) -> LedgerError {
        LedgerError(.badEncoding, "invalid JSON at byte \(pos): \(what)")
    }

    /// The byte at `pos`, or nil at the end of input.
    @inline(__always) private func peek() -> UInt8? {
        pos < bytes.count ? bytes[pos] : nil
    }

    /// The byte at `index`, or nil if it is out of bounds.
    @inline(__always) private func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    /// RFC 8259 §2: insignificant whitespace is space, tab, LF and CR — nothing else.
    private mutating func skipWhitespace() {
        while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { pos += 1 }
    }

    private mutating func expect(_ literal: StaticString, _ name: String) throws(LedgerError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for k in 0..<count where byte(at: pos + k) != start[k] {
            throw fail("invalid literal (expected \(name))")
        }
        pos += count
    }

    // MARK: - Values

    private mutating func parseValue() throws(LedgerError) -> JSONValue {
        skipWhitespace()
        guard let b = peek() else { throw fail("unexpected end of input") }
        switch b {
        case 0x7B: return try parseObject()
        case 0x5B: return try parseArray()
        case 0x22: return .string(try parseString())
        case 0x74:
            try expect("true", "true")
            return .bool(true)
        case 0x66:
            try expect("false", "false")
            return .bool(false)
        case 0x6E: throw fail("null is not allowed (PROTOCOL §1: omit the field)")
        case 0x2D, 0x30...0x39: return .int(try parseInteger())
        case 0xEF where byte(at: pos + 1) == 0xBB && byte(at: pos + 2) == 0xBF:
            throw fail("byte order mark is not allowed")
        default: throw fail("unexpected byte 0x\(String(b, radix: 16))")
        }
    }

    private mutating func enterContainer() throws(LedgerError) {
        depth += 1
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        pos += 1
    }

    private mutating func parseArray() throws(LedgerError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == 0x5D {
            pos += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case 0x2C: pos += 1
            case 0x5D:
                pos += 1
                depth -= 1
                return .array(elements)
            case nil: throw fail("unterminated array")
            default: throw fail("expected ',' or ']' in array")
            }
        }
    }

    private mutating func parseObject() throws(LedgerError) -> JSONValue {
        try enterContainer()
        var pairs: [(String, JSONValue)] = []
        skipWhitespace()
        if peek() == 0x7D {
            pos += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            skipWhitespace()
            guard peek() == 0x22 else { throw fail("expected a string key in object") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == 0x3A else { throw fail("expected ':' after object key") }
            pos += 1
            let value = try parseValue()
            pairs.append((key, value))
            skipWhitespace()
            switch peek() {
            case 0x2C: pos += 1
            case 0x7D:
                pos += 1
                depth -= 1
                // RFC 8785 §3.2.3: members are sorted by UTF-16 code units; JSONObject does the
                // sorting and rejects keys that are byte-for-byte identical (PROTOCOL §1:
                // duplicate keys are rejected). Canonically equivalent keys stay distinct.
                guard let object = JSONObject(pairs) else { throw fail("duplicate key in object") }
                return .object(object)
            case nil: throw fail("unterminated object")
            default: throw fail("expected ',' or '}' in object")
            }
        }
    }

    /// RFC 8259 §6 restricted by PROTOCOL §1 (I-JSON safe range, RFC 8785 §3.2.2.3): an
    /// optional minus and decimal digits without leading zeros; no fraction, no exponent,
    /// no `-0`, magnitude at most 2^53−1.
    private mutating func parseInteger() throws(LedgerError) -> Int64 {
        var negative = false
        if peek() == 0x2D {
            negative = true
            pos += 1
        }
        guard let first = peek(), first >= 0x30 && first <= 0x39 else { throw fail("expected a digit") }
        var magnitude: UInt64 = 0
        if first == 0x30 {
            pos += 1
            if let next = peek(), next >= 0x30 && next <= 0x39 { throw fail("leading zero in number") }
            if negative { throw fail("-0 is not allowed") }
        } else {
            while let d = peek(), d >= 0x30 && d <= 0x39 {
                magnitude = magnitude * 10 + UInt64(d - 0x30)
                guard magnitude <= UInt64(JSONValue.maxSafeInteger) else {
                    throw fail("integer magnitude above 2^53-1")
                }
                pos += 1
            }
        }
        if let next = peek(), next == 0x2E || next == 0x65 || next == 0x45 {
            throw fail("fractions and exponents are not allowed (integers only)")
        }
        let value = Int64(magnitude)
        return negative ? -value : value
    }

    // MARK: - Strings

    /// RFC 8259 §7 strings. Unescaped bytes must be valid UTF-8 (RFC 3629, Unicode Table 3-7)
    /// and not control characters; escapes are `\" \\ \/ \b \f \n \r \t \uXXXX`, and a `\u`
    /// high surrogate must be followed by a `\u` low surrogate.
    private mutating func parseString() throws(LedgerError) -> String {
        pos += 1  // opening quote
        let start = pos
        var runStart = pos
        var escaped = false
        while true {
            guard let b = peek() else { throw fail("unterminated string") }
            if b == 0x22 {
                let end = pos
                pos += 1
                if !escaped { return String(decoding: bytes[start..<end], as: UTF8.self) }
                scratch.append(contentsOf: bytes[runStart..<end])
                return String(decoding: scratch, as: UTF8.self)
            } else if b == 0x5C {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: bytes[runStart..<pos])
                try parseEscape()
                runStart = pos
            } else if b < 0x20 {
                throw fail("unescaped control character in string")
            } else if b < 0x80 {
                pos += 1
            } else {
                try skipUTF8Sequence(lead: b)
            }
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `pos` and moves past it. Rejects overlong
    /// forms, UTF-8-encoded surrogates (CESU-8) and code points above U+10FFFF.
    private mutating func skipUTF8Sequence(lead: UInt8) throws(LedgerError) {
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw fail("invalid UTF-8 lead byte 0x\(String(lead, radix: 16))")
        }
        guard let second = byte(at: pos + 1), second >= low && second <= high else {
            throw fail("invalid UTF-8 sequence")
        }
        for k in 2..<length {
            guard let c = byte(at: pos + k), c >= 0x80 && c <= 0xBF else { throw fail("invalid UTF-8 sequence") }
        }
        pos += length
    }

    /// Decodes the escape at `pos` (which is a backslash) into `scratch`.
    private mutating func parseEscape() throws(LedgerError) {
        guard let e = byte(at: pos + 1) else { throw fail("unterminated escape") }
        let simple: UInt8
        switch e {
        case 0x22: simple = 0x22
        case 0x5C: simple = 0x5C
        case 0x2F: simple = 0x2F
        case 0x62: simple = 0x08
        case 0x66: simple = 0x0C
        case 0x6E: simple = 0x0A
        case 0x72: simple = 0x0D
        case 0x74: simple = 0x09
        case 0x75:
            try parseUnicodeEscape()
            return
        default: throw fail("invalid escape sequence")
        }
        scratch.append(simple)
        pos += 2
    }

    /// `\uXXXX`, possibly a surrogate pair `\uD8xx\uDCxx`, appended to `scratch` as UTF-8.
    private mutating func parseUnicodeEscape() throws(LedgerError) {
        let unit = try hex4(at: pos + 2)
        var scalar = unit
        var consumed = 6
        if unit >= 0xDC00 && unit <= 0xDFFF {
            throw fail("lone low surrogate escape")
        } else if unit >= 0xD800 && unit <= 0xDBFF {
            guard byte(at: pos + 6) == 0x5C, byte(at: pos + 7) == 0x75 else {
                throw fail("high surrogate escape not followed by a low surrogate escape")
            }
            let next = try hex4(at: pos + 8)
            guard next >= 0xDC00 && next <= 0xDFFF else {
                throw fail("high surrogate escape not followed by a low surrogate escape")
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00)
            consumed = 12
        }
        appendUTF8(scalar)
        pos += consumed
    }

    /// Four hex digits (either case) starting at `index`.
    private func hex4(at index: Int) throws(LedgerError) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let h = byte(at: index + k) else { throw fail("truncated \\u escape") }
            let d: UInt8
            switch h {
            case 0x30...0x39: d = h - 0x30
            case 0x61...0x66: d = h - 0x61 + 10
            case 0x41...0x46: d = h - 0x41 + 10
            default: throw fail("invalid hex digit in \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Appends a Unicode scalar value (never a surrogate, at most U+10FFFF) as UTF-8.
    private mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (v >> 6)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (v >> 12)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (v >> 18)))
            scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
