import Foundation
import Testing
@testable import HTTPServer

/// Hostile and malformed requests over raw sockets: each is refused (400, or 413/431 where
/// that is the right answer) and the connection closed, and the server still serves afterwards.
@Suite struct SmugglingTests {
    static let corpus: [(name: String, bytes: [UInt8], allowed: Set<Int>)] = {
        func r(_ s: String) -> [UInt8] { Array(s.utf8) }
        let bigHeader = "GET /ok HTTP/1.1\r\nHost: x\r\n" + (0..<200).map { "X-Filler-\($0): \(String(repeating: "a", count: 400))\r\n" }.joined() + "\r\n"
        return [
            ("CL+TE", r("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"), [400]),
            ("TE+CL", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n0\r\n\r\nG"), [400]),
            ("duplicate differing CL", r("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde"), [400]),
            ("CL list", r("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 5\r\n\r\nabcde"), [400]),
            ("TE chunked, identity", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"), [400]),
            ("TE identity", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n"), [400]),
            ("TE twice", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), [400]),
            ("leading-space TE (obs-fold)", r("POST /ok HTTP/1.1\r\nHost: x\r\n Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc"), [400]),
            ("obs-fold after first header", r("POST /ok HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc"), [400]),
            ("space before colon", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc"), [400]),
            ("invalid chunk size", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"), [400]),
            ("header without colon", r("GET /ok HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"), [400]),
            ("NUL in header name", r("GET /ok HTTP/1.1\r\nHost: x\r\nX-A\u{0}: b\r\n\r\n"), [400]),
            ("LF-only CR in value", r("GET /ok HTTP/1.1\nHost: x\nX-A: a\rb\n\n"), [400]),
            ("DEL in header value", r("GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\u{7F}b\r\n\r\n"), [400]),
            ("negative Content-Length", r("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"), [400]),
            ("chunk size overflow", r("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff1\r\nabc\r\n"), [400, 413]),
            ("CR in header value", r("GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"), [400]),
            ("bad header name", r("GET /ok HTTP/1.1\r\nHost: x\r\nX(A): b\r\n\r\n"), [400]),
            ("oversized header block", r(bigHeader), [400, 413, 431]),
            ("garbage request line", r("\u{1}\u{2}GARBAGE\r\n\r\n"), [400]),
            ("request line without version", r("GET /ok\r\nHost: x\r\n\r\n"), [400]),
            ("missing Host in HTTP/1.1", r("GET /ok HTTP/1.1\r\n\r\n"), [400]),
            ("two Hosts", r("GET /ok HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), [400]),
        ]
    }()

    static func router() -> Router {
        let r = Router()
        r.add("GET", "/ok", sync: { _ in .text("ok") })
        r.add("POST", "/ok", sync: { .text("ok \($0.body.count)") })
        return r
    }

    /// libmicrohttpd 0.9.75 ends a header value at an embedded NUL before we see it, for its own
    /// framing too, so the bytes after the NUL cannot reach a handler or change the framing.
    @Test func nulInHeaderValueIsCutBeforeTheHandler() throws {
        let r = Router()
        r.add("GET", "/h", sync: { .text($0.headers["X-A"] ?? "-") })
        r.add("POST", "/h", sync: { .text("\($0.body.count)") })
        let s = try RunningServer(r)
        let c = try s.connect()
        c.write("GET /h HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}Transfer-Encoding: chunked\r\n\r\n")
        #expect(text(try c.readResponse().body) == "a")
        // A NUL hiding a second length does not desynchronise framing either.
        let d = try s.connect()
        d.write("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 3\u{0}0\r\n\r\nabc")
        #expect(text(try d.readResponse().body) == "3")
    }

    @Test(arguments: 0..<corpus.count)
    func hostileRequestIsRefusedAndConnectionClosed(_ index: Int) throws {
        let (name, bytes, allowed) = Self.corpus[index]
        let s = try RunningServer(Self.router()) { $0.connectionTimeoutSeconds = 3 }
        let c = try s.connect(timeout: 6)
        c.write(bytes)
        let (reply, closed) = c.readToEnd()
        let statusLine = text(Array(reply.prefix { $0 != 13 }))
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        let by = text(reply).contains("bad request:") ? "kippu (" + String((text(reply).components(separatedBy: "bad request: ").last ?? "").prefix { $0 != "\"" }) + ")" : "libmicrohttpd"
        print("[corpus] \(name): \(statusLine.isEmpty ? "(no reply)" : statusLine + " by " + by) closed=\(closed)")
        #expect(closed, "\(name): connection left open")
        #expect(status.map { allowed.contains($0) } ?? true, "\(name): answered \(statusLine)")
        #expect(!text(reply).contains("ok"), "\(name): reached the handler")
        // The server still answers a normal request, and no request state leaked.
        #expect(text(try s.request("GET", "/ok").body) == "ok")
        #expect(eventually { s.server.inFlight == 0 }, "\(name): request state leaked")
    }
}
