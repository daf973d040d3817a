/// Percent-decoding for request targets (RFC 3986 §2.1). Invalid escapes are kept as written;
/// invalid UTF-8 becomes U+FFFD.
enum PercentDecoding {
    static func decode(_ s: Substring, plusIsSpace: Bool) -> String {
        let utf8 = Array(s.utf8)
        guard utf8.contains(where: { $0 == 0x25 || (plusIsSpace && $0 == 0x2B) }) else { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let c = utf8[i]
            if c == 0x25, i + 2 < utf8.count, let h = hex(utf8[i + 1]), let l = hex(utf8[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(plusIsSpace && c == 0x2B ? 0x20 : c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String, plusIsSpace: Bool) -> String {
        decode(Substring(s), plusIsSpace: plusIsSpace)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// Splits a query string ("a=1&b=x+y") into decoded name/value pairs, in order.
    static func queryItems(_ query: Substring) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = part.firstIndex(of: "=") {
                items.append((name: decode(part[..<eq], plusIsSpace: true),
                              value: decode(part[part.index(after: eq)...], plusIsSpace: true)))
            } else {
                items.append((name: decode(part, plusIsSpace: true), value: ""))
            }
        }
        return items
    }
}
