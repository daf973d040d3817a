import Foundation
import Testing
@testable import HTTPServer

@Suite struct ServerTests {
    static func router() -> Router {
        let r = Router()
        r.add("GET", "/hello/{name}", sync: { .text("hello \($0.parameters["name"]!)") })
        r.add("POST", "/echo", sync: { .bytes($0.body, contentType: "application/octet-stream") })
        r.add("POST", "/small", bodyLimit: 10, sync: { .text("small \($0.body.count)") })
        r.add("GET", "/whoami", sync: { .text("\($0.remoteAddress) \($0.requestID) \($0.query["q"] ?? "-")") })
        r.add("GET", "/later") { _, respond in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { respond(.text("later")) }
        }
        return r
    }

    @Test func servesRoutesOverARealSocket() throws {
        let s = try RunningServer(Self.router())
        let r = try s.request("GET", "/hello/w%C3%B6rld")
        #expect(r.status == 200)
        #expect(text(r.body) == "hello wörld")
        #expect(!(r.headers["X-Request-Id"] ?? "").isEmpty)
        let who = try s.request("GET", "/whoami?q=a+b")
        #expect(text(who.body).hasPrefix("127.0.0.1 "))
        #expect(text(who.body).hasSuffix(" a b"))
        #expect(text(who.body).contains(who.headers["X-Request-Id"] ?? "?"))
        #expect(try s.request("GET", "/missing").status == 404)
        let notAllowed = try s.request("DELETE", "/echo")
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers["Allow"] == "POST")
        let head = try s.request("HEAD", "/hello/x")
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == "7")
    }

    @Test func twoRequestsTravelOverOneKeepAliveConnection() throws {
        let s = try RunningServer(Self.router())
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/hello/a")
        let first = try c.readResponse()
        _ = c.sendRequest(method: "POST", path: "/echo", body: Array("xyz".utf8))
        let second = try c.readResponse()
        _ = c.sendRequest(method: "GET", path: "/later")
        let third = try c.readResponse()
        #expect(text(first.body) == "hello a")
        #expect(text(second.body) == "xyz")
        #expect(text(third.body) == "later")
        #expect(first.headers["Connection"]?.lowercased() != "close")
        #expect(first.headers["X-Request-Id"] != second.headers["X-Request-Id"])
    }

    @Test func bodyOverTheRouteOrDefaultLimitIs413AndCloses() throws {
        let s = try RunningServer(Self.router()) { $0.maxBodyBytes = 100 }
        #expect(text(try s.request("POST", "/small", body: Array(repeating: 65, count: 10)).body) == "small 10")
        #expect(try s.request("POST", "/small", body: Array(repeating: 65, count: 11)).status == 413)
        #expect(try s.request("POST", "/echo", body: Array(repeating: 65, count: 100)).body.count == 100)
        #expect(try s.request("POST", "/echo", body: Array(repeating: 65, count: 101)).status == 413)

        // Chunked upload with no Content-Length: rejected once the data passes the limit.
        let c = try s.connect()
        c.write("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        c.write("8\r\nAAAAAAAA\r\n8\r\nAAAAAAAA\r\n0\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 413)
        #expect(c.readToEnd().closed)

        // An endless over-limit upload is cut off rather than read forever.
        let endless = try s.connect()
        endless.write("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = Array("4000\r\n".utf8) + Array(repeating: UInt8(65), count: 0x4000) + Array("\r\n".utf8)
        var sent = 0
        while sent < 64 << 20, endless.write(chunk) { sent += chunk.count }
        #expect(sent < 64 << 20)
    }

    @Test func largeContentLengthIsRejectedBeforeTheBodyIsSent() throws {
        let s = try RunningServer(Self.router())
        let c = try s.connect()
        c.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 413)
        #expect(r.headers["Connection"]?.lowercased() == "close")
        #expect(c.readToEnd().closed)
    }

    @Test func aBodyALittleOverTheLimitIsReadAndAnswered413() throws {
        let s = try RunningServer(Self.router()) { $0.maxBodyBytes = 100 }
        let c = try s.connect()
        // 300 KB announced and sent in full: the client gets its 413, not a reset mid-upload.
        let body = Array(repeating: UInt8(65), count: 300_000)
        c.write(Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8))
        #expect(c.write(body))
        let r = try c.readResponse()
        #expect(r.status == 413)
        #expect(c.readToEnd().closed)
    }

    @Test func startFailsClearlyWhenThePortIsInUse() throws {
        let s = try RunningServer(Self.router())
        var config = HTTPServerConfig()
        config.port = s.port
        let second = HTTPServer(config: config, handler: Self.router())
        #expect(throws: HTTPServerError.self) { _ = try second.start() }
        do { _ = try second.start() } catch let e as HTTPServerError { #expect(e.message.contains("in use") || e.message.contains("\(s.port)")) }
        var bad = HTTPServerConfig()
        bad.host = "localhost:80"
        #expect(throws: HTTPServerError.self) { _ = try HTTPServer(config: bad, handler: Self.router()).start() }
    }

    @Test func accessLogOmitsQueryHeadersAndBody() throws {
        let lines = Lines()
        let s = try RunningServer(Self.router(), accessLog: AccessLog { lines.append($0) })
        let r = try s.request("GET", "/whoami?token=SECRET123", headers: [("Authorization", "Bearer HEADERSECRET")])
        #expect(r.status == 200)
        #expect(eventually { lines.all.count == 1 })
        let line = lines.all.first ?? ""
        #expect(line.contains(" GET /whoami 200 "))
        #expect(line.contains(r.headers["X-Request-Id"] ?? "?"))
        #expect(line.contains("127.0.0.1"))
        #expect(!line.contains("SECRET"))
        #expect(!line.contains("?"))
    }
}
