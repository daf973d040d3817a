import HTTPServer

/// `application/x-www-form-urlencoded` bodies (HTML forms): names to values, first value wins.
struct FormBody {
    let values: [String: String]

    init(_ request: HTTPRequest) {
        var out: [String: String] = [:]
        let text = String(decoding: request.body, as: UTF8.self)
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormBody.decode(String(kv[0]))
            let value = kv.count > 1 ? FormBody.decode(String(kv[1])) : ""
            if out[name] == nil { out[name] = value }
        }
        values = out
    }

    subscript(_ name: String) -> String? { values[name] }

    /// A trimmed value, nil when missing or blank.
    func text(_ name: String) -> String? {
        guard let v = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// Percent-decoding with `+` as space (WHATWG URL, application/x-www-form-urlencoded).
    static func decode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8).makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "+") { bytes.append(0x20); continue }
            if b == UInt8(ascii: "%"), let h = it.next(), let l = it.next(), let v = UInt8(String(bytes: [h, l], encoding: .ascii) ?? "", radix: 16) {
                bytes.append(v)
                continue
            }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Foundation
