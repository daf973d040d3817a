/// Framing and syntax checks made on the parsed header block before a request reaches a handler.
///
/// libmicrohttpd 0.9.75 accepts some ambiguous framings itself, so we refuse them here
/// (RFC 9112 §6.1, §6.3 — request smuggling):
/// - Content-Length together with Transfer-Encoding;
/// - Transfer-Encoding other than exactly one "chunked" (case-insensitive), e.g. "chunked, identity";
/// - Content-Length that is not all digits, or several differing values;
/// - no Host in HTTP/1.1, or more than one Host (RFC 9112 §3.2);
/// - a field name that is not a token, or a value holding a control character other than HTAB (NUL, CR, LF, DEL).
enum RequestValidation {
    enum Outcome: Equatable {
        case ok(contentLength: Int?)
        case bad(String)
    }

    static func check(_ fields: [(name: [UInt8], value: [UInt8])], version: String = "HTTP/1.1") -> Outcome {
        var contentLength: Int?
        var sawTE = false
        var hosts = 0
        for (name, value) in fields {
            if name.isEmpty || !name.allSatisfy(isTokenChar) { return .bad("invalid header name") }
            if value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) { return .bad("invalid header value") }
            switch lower(name) {
            case "content-length":
                let v = trim(value)
                guard !v.isEmpty, v.count <= 18, v.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      let n = Int(String(decoding: v, as: UTF8.self)) else { return .bad("invalid Content-Length") }
                if let c = contentLength, c != n { return .bad("conflicting Content-Length") }
                contentLength = n
            case "transfer-encoding":
                if sawTE { return .bad("repeated Transfer-Encoding") }
                sawTE = true
                if lower(trim(value)) != "chunked" { return .bad("unsupported Transfer-Encoding") }
            case "host":
                hosts += 1
                if hosts > 1 { return .bad("repeated Host") }
            default:
                break
            }
        }
        if sawTE && contentLength != nil { return .bad("Content-Length with Transfer-Encoding") }
        if hosts == 0 && version == "HTTP/1.1" { return .bad("missing Host") }
        return .ok(contentLength: contentLength)
    }

    /// tchar, RFC 9110 §5.6.2.
    static func isTokenChar(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    private static func lower(_ b: [UInt8]) -> String {
        String(decoding: b.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func trim(_ b: [UInt8]) -> [UInt8] {
        var s = b[...]
        while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
        return Array(s)
    }
}
