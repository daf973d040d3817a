/// RFC 8785 JSON Canonicalization Scheme (JCS) for the value subset of PROTOCOL §1:
/// strings, integers in ±(2^53−1), booleans, arrays and objects (no floats, no null).
///
/// `encode` produces the canonical bytes that are signed and hashed; `parse` reads any
/// well-formed RFC 8259 text of that subset; `parseCanonical` additionally demands that the
/// input already is the canonical form (byte for byte).
public enum JCS {
    /// Serializes `value` canonically (RFC 8785 §3.2): no whitespace, object members in the
    /// order `JSONObject` keeps them (UTF-16 code unit order, §3.2.3), strings escaped as
    /// ECMAScript `JSON.stringify` does (§3.2.2.2), integers in plain decimal (§3.2.2.3),
    /// output in UTF-8 (§3.2.4).
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(estimatedSize(value))
        write(value, into: &out)
        return out
    }

    /// Parses a JSON text (RFC 8259) restricted to the PROTOCOL §1 subset.
    ///
    /// Whitespace (space, tab, LF, CR) is allowed between tokens and object members may come in
    /// any order; they are stored in JCS order. Input longer than `maxBytes` fails with
    /// `.tooLarge` before any parsing. Everything else that is not acceptable — invalid UTF-8,
    /// `null`, floats, `-0`, leading zeros, integers beyond ±(2^53−1), duplicate keys (compared
    /// byte-exactly after unescaping), lone surrogate escapes, bad escapes, raw control
    /// characters in strings, trailing garbage, empty input, nesting deeper than `maxDepth` —
    /// fails with `.badEncoding`.
    public static func parse(
        _ bytes: [UInt8], maxBytes: Int = 16384, maxDepth: Int = 32
    ) throws(LedgerError) -> JSONValue {
        guard bytes.count <= maxBytes else {
            throw LedgerError(.tooLarge, "JSON text of \(bytes.count) bytes exceeds the limit of \(maxBytes)")
        }
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        return try parser.parseDocument()
    }

    /// Parses like `parse`, then requires the input to be exactly the canonical encoding of the
    /// value it denotes (`encode(value) == bytes`); otherwise fails with `.badEncoding`.
    public static func parseCanonical(
        _ bytes: [UInt8], maxBytes: Int = 16384, maxDepth: Int = 32
    ) throws(LedgerError) -> JSONValue {
        let value = try parse(bytes, maxBytes: maxBytes, maxDepth: maxDepth)
        guard encode(value) == bytes else {
            throw LedgerError(.badEncoding, "JSON text is not canonical (RFC 8785)")
        }
        return value
    }

    // MARK: - Serializer

    /// An upper bound of the output size for values without escapes, so one allocation
    /// usually suffices.
    private static func estimatedSize(_ value: JSONValue) -> Int {
        switch value {
        case .string(let s): return s.utf8.count + 2
        case .int: return 17
        case .bool: return 5
        case .array(let elements):
            var n = 2 + elements.count
            for e in elements { n += estimatedSize(e) }
            return n
        case .object(let object):
            var n = 2 + object.members.count * 2
            for m in object.members { n += m.key.utf8.count + 2 + estimatedSize(m.value) }
            return n
        }
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .string(let s):
            writeString(s, into: &out)
        case .int(let i):
            writeInteger(i, into: &out)
        case .bool(let b):
            // RFC 8785 §3.2.2.1: literals are serialized as `true` / `false`.
            if b {
                out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
            } else {
                out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
            }
        case .array(let elements):
            // RFC 8785 §3.2.1: no whitespace between tokens; array order is preserved.
            out.append(0x5B)
            var first = true
            for e in elements {
                if !first { out.append(0x2C) }
                first = false
                write(e, into: &out)
            }
            out.append(0x5D)
        case .object(let object):
            // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names;
            // JSONObject keeps them in exactly that order.
            out.append(0x7B)
            var first = true
            for m in object.members {
                if !first { out.append(0x2C) }
                first = false
                writeString(m.key, into: &out)
                out.append(0x3A)
                write(m.value, into: &out)
            }
            out.append(0x7D)
        }
    }

    /// RFC 8785 §3.2.2.3: numbers use ECMAScript Number serialization, which for integers
    /// within ±(2^53−1) is the plain decimal form without leading zeros, sign only if negative.
    private static func writeInteger(_ i: Int64, into out: inout [UInt8]) {
        if i < 0 { out.append(0x2D) }
        var magnitude = i.magnitude
        if magnitude == 0 {
            out.append(0x30)
            return
        }
        let start = out.count
        while magnitude > 0 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        }
        out[start...].reverse()
    }

    /// RFC 8785 §3.2.2.2: strings are serialized as ECMAScript `JSON.stringify` does —
    /// `"` and `\` get a backslash, U+0008/09/0A/0C/0D use `\b \t \n \f \r`, the other
    /// U+0000–U+001F use `\u00xx` with lowercase hex, and everything else (U+007F, U+2028,
    /// all non-ASCII) is emitted as raw UTF-8 (§3.2.4). No Unicode normalization is applied.
    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                if runStart < i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                }
                appendEscape(b, into: &out)
                i += 1
                runStart = i
            }
            if runStart < utf8.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
        }
        out.append(0x22)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the escape sequence of one byte that must be escaped (`"`, `\`, or < 0x20).
    private static func appendEscape(_ b: UInt8, into out: inout [UInt8]) {
        out.append(0x5C)
        switch b {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x08: out.append(0x62)  // \b
        case 0x09: out.append(0x74)  // \t
        case 0x0A: out.append(0x6E)  // \n
        case 0x0C: out.append(0x66)  // \f
        case 0x0D: out.append(0x72)  // \r
        default:
            // RFC 8785 §3.2.2.2: remaining control characters as \u00xx, lowercase hex.
            out.append(contentsOf: [0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0x0F)]])
        }
    }
}
