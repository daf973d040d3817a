import HTTPServer

/// The address people reach this site at, for URLs printed in QR codes: `http://` + the
/// request's `Host` header.
///
/// The header comes from the client, so it is checked strictly (RFC 3986 §3.2.2–3.2.3 reduced
/// to what a deployment uses): a DNS name or IPv4 address of letters, digits, `-` and `.`, or an
/// IPv6 literal in brackets, then an optional `:port` of 1–5 digits; at most 253 characters.
/// Anything else yields nil and the page says the address is unknown instead of printing a
/// code that leads elsewhere.
public enum PublicURL {
    /// `http://<host[:port]>` (`https://` when the site is served over HTTPS) for `request`, or nil
    /// when the `Host` header is missing or malformed.
    public static func base(_ request: HTTPRequest, https: Bool = false) -> String? {
        guard let host = request.headers["Host"], isValidHost(host) else { return nil }
        return (https ? "https://" : "http://") + host.lowercased()
    }

    /// Whether `host` is `name[:port]` or `[ipv6][:port]` as described above.
    public static func isValidHost(_ host: String) -> Bool {
        let bytes = Array(host.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var name: ArraySlice<UInt8>
        var port: ArraySlice<UInt8>? = nil
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 1 else { return false }
            let inner = bytes[1..<close]
            guard inner.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return false }
            let rest = bytes[(close + 1)...]
            if !rest.isEmpty {
                guard rest.first == UInt8(ascii: ":") else { return false }
                port = rest.dropFirst()
            }
            return port.map(isPort) ?? true
        }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            name = bytes[..<colon]
            port = bytes[(colon + 1)...]
        } else {
            name = bytes[...]
        }
        guard !name.isEmpty, name.first != UInt8(ascii: "."), name.first != UInt8(ascii: "-"),
              name.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else { return false }
        return port.map(isPort) ?? true
    }

    private static func isPort(_ p: ArraySlice<UInt8>) -> Bool {
        (1...5).contains(p.count) && p.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
            || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }
}
