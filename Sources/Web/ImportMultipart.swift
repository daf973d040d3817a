import Foundation
import HTTPServer

/// `multipart/form-data` bodies (RFC 7578), for the store import's file upload: each part's
/// name, file name if any, and bytes. Strict: a body that does not follow the boundary framing
/// gives nil rather than a guess.
struct ImportMultipart {
    /// One form field or file.
    struct Part {
        let filename: String?
        let data: [UInt8]

        /// The part as UTF-8 text (form fields).
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// Parts by field name (the first of each name wins).
    let parts: [String: Part]

    /// The most parts one form may send.
    static let maxParts = 32

    /// Parses `request`'s body when it is `multipart/form-data` with a boundary.
    init?(_ request: HTTPRequest) {
        guard let type = request.headers["Content-Type"], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.parameter("boundary", in: type), !boundary.isEmpty, boundary.utf8.count <= 70 else { return nil }
        let body = request.body
        let delimiter = Array("--\(boundary)".utf8)
        // The body is: delimiter CRLF part (CRLF delimiter CRLF part)* CRLF delimiter "--".
        guard var at = Self.find(delimiter, in: body, from: 0) else { return nil }
        var parts: [String: Part] = [:]
        let next = Array("\r\n--\(boundary)".utf8)
        // Up to maxParts parts, then one more pass to read the closing delimiter.
        for _ in 0...Self.maxParts {
            at += delimiter.count
            if body.count >= at + 2 && body[at] == 0x2D && body[at + 1] == 0x2D { self.parts = parts; return }   // "--": the end
            guard body.count >= at + 2, body[at] == 0x0D, body[at + 1] == 0x0A else { return nil }
            at += 2
            guard let headEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: at),
                  let end = Self.find(next, in: body, from: headEnd + 4) else { return nil }
            let head = String(decoding: body[at..<headEnd], as: UTF8.self)
            var name: String?, filename: String?
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: String(line))
                filename = Self.parameter("filename", in: String(line))
            }
            guard let name else { return nil }
            if parts[name] == nil { parts[name] = Part(filename: filename, data: Array(body[(headEnd + 4)..<end])) }
            at = end + 2   // at the delimiter again
        }
        return nil
    }

    subscript(_ name: String) -> Part? { parts[name] }

    /// A `; key=value` or `; key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.count >= 2 && v.hasPrefix("\"") && v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    /// The first index of `needle` in `hay` at or after `from`.
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
