import Foundation
import Testing
@testable import HTTPServer

@Suite struct PolicyTests {
    @Test func corsPreflightAllowedAndDenied() {
        let cors = CORSPolicy(allowedOrigins: ["https://app.example.jp"])
        func preflight(_ origin: String, _ method: String = "POST") -> HTTPResponse? {
            cors.preflight(HTTPRequest(method: "OPTIONS", path: "/api/v1/orders", headers: HTTPHeaders([
                ("Origin", origin), ("Access-Control-Request-Method", method)])))
        }
        let ok = preflight("https://app.example.jp")
        #expect(ok?.status == 204)
        #expect(ok?.headers["Access-Control-Allow-Origin"] == "https://app.example.jp")
        #expect(ok?.headers["Access-Control-Allow-Methods"]?.contains("POST") == true)
        #expect(ok?.headers["Vary"] == "Origin")
        #expect(preflight("https://evil.example")?.status == 403)
        #expect(preflight("https://app.example.jp.evil.example")?.status == 403)
        #expect(preflight("https://app.example.jp", "TRACE")?.status == 403)
        #expect(cors.preflight(HTTPRequest(method: "OPTIONS", path: "/x")) == nil)
        #expect(CORSPolicy().preflight(HTTPRequest(method: "OPTIONS", path: "/x", headers: HTTPHeaders([
            ("Origin", "https://app.example.jp"), ("Access-Control-Request-Method", "GET")])))?.status == 403)
    }

    @Test func corsApplyAddsHeadersOnlyForAllowedOrigins() {
        let cors = CORSPolicy(allowedOrigins: ["https://app.example.jp"])
        let allowed = cors.apply(HTTPRequest(method: "GET", path: "/", headers: HTTPHeaders([("Origin", "https://app.example.jp")])), .text("x"))
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.jp")
        #expect(allowed.headers.values("Vary") == ["Origin"])
        let denied = cors.apply(HTTPRequest(method: "GET", path: "/", headers: HTTPHeaders([("Origin", "https://evil.example")])), .text("x"))
        #expect(denied.headers["Access-Control-Allow-Origin"] == nil)
        let none = cors.apply(HTTPRequest(method: "GET", path: "/"), .text("x"))
        #expect(none.headers["Access-Control-Allow-Origin"] == nil)
    }

    final class Clock: @unchecked Sendable {
        var ms: Int64 = 1_000_000
    }

    @Test func rateLimiterRefillsWithTheInjectedClock() {
        let clock = Clock()
        let limiter = RateLimiter(perMinute: 60, burst: 3, now: { clock.ms })
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == 1)          // one token per second
        #expect(limiter.take("b") == nil)        // keys are independent
        clock.ms += 999
        #expect(limiter.take("a") == 1)
        clock.ms += 1
        #expect(limiter.take("a") == nil)
        clock.ms += 60_000
        for _ in 0..<3 { #expect(limiter.take("a") == nil) }   // refills only up to the burst
        #expect(limiter.take("a") != nil)
        let slow = RateLimiter(perMinute: 2, burst: 1, now: { clock.ms })
        #expect(slow.take("k") == nil)
        #expect(slow.take("k") == 30)
    }

    @Test func rateLimiterMemoryIsBounded() {
        let clock = Clock()
        let limiter = RateLimiter(perMinute: 1, burst: 1, maxKeys: 100, now: { clock.ms })
        for i in 0..<1_000 { _ = limiter.take("ip-\(i)"); clock.ms += 1 }
        #expect(limiter.keyCount <= 100)
        #expect(limiter.take("ip-999") != nil)   // recent keys are kept
    }

    @Test func slowlorisIsCutAfterTheConnectionTimeout() throws {
        let r = Router()
        r.add("GET", "/ok", sync: { _ in .text("ok") })
        let s = try RunningServer(r) { $0.connectionTimeoutSeconds = 2 }
        let c = try s.connect(timeout: 2.6)
        let started = Date()
        c.write("GET /ok HTTP/1.1\r\nHost: x\r\n")
        var closedAfter: Double?
        for ch in "X-Slow: aaaaaaaa\r\n\r\n" {
            let n = c.fill()            // waits up to 2.6 s: slower than the timeout
            if n == 0 || (n < 0 && errno == ECONNRESET) { closedAfter = Date().timeIntervalSince(started); break }
            if !c.write(String(ch)) { closedAfter = Date().timeIntervalSince(started); break }
        }
        #expect(closedAfter != nil)
        #expect((closedAfter ?? 99) < 2 + 1.5)
        #expect(!text(c.buffered).contains("ok"))
        #expect(text(try s.request("GET", "/ok").body) == "ok")
    }

    @Test func loadGeneratorMeasuresAKeepAliveRun() throws {
        let r = Router()
        r.add("GET", "/ping", sync: { _ in .text("pong") })
        r.add("POST", "/echo", sync: { .bytes($0.body, contentType: "application/octet-stream") })
        let s = try RunningServer(r)
        let requests = (0..<400).map { i in
            i % 4 == 0 ? LoadGenerator.Request(method: "POST", path: "/echo", body: Array("body \(i)".utf8))
                       : LoadGenerator.Request(path: "/ping")
        } + [LoadGenerator.Request(path: "/missing")]
        let result = try LoadGenerator.run(host: "127.0.0.1", port: s.port, connections: 4, requests: requests)
        #expect(result.count == 401)
        #expect(result.statuses[200] == 400)
        #expect(result.statuses[404] == 1)
        #expect(result.latenciesMillis == result.latenciesMillis.sorted())
        #expect(result.percentile(50) <= result.percentile(99))
        #expect(result.perSecond > 0)
        print("[load] \(result.count) requests, \(Int(result.perSecond))/s, p50 \(result.percentile(50)) ms, p99 \(result.percentile(99)) ms")
        #expect(throws: (any Error).self) { _ = try LoadGenerator.run(host: "127.0.0.1", port: 1, connections: 1, requests: requests) }
    }
}
