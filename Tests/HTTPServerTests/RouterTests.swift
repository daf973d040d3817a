import Testing
@testable import HTTPServer

@Suite struct RouterTests {
    func makeRouter() -> Router {
        let r = Router()
        r.add("GET", "/api/v1/tx/{txid}", sync: { .text("tx \($0.parameters["txid"]!)") })
        r.add("GET", "/api/v1/tx/latest", sync: { _ in .text("latest") })
        r.add("POST", "/api/v1/tx/{txid}", sync: { .text("post \($0.parameters["txid"]!)") })
        r.add("GET", "/wallet/{rest...}", sync: { .text("wallet [\($0.parameters["rest"]!)]") })
        r.add("GET", "/", sync: { _ in .text("root") })
        r.add("GET", "/boom", sync: { _ in throw CancellationError() })
        return r
    }

    @Test func parametersArePercentDecodedSegments() {
        let c = InProcessClient(makeRouter())
        #expect(c.get("/api/v1/tx/ab%20c").bodyText == "tx ab c")
        #expect(c.get("/api/v1/tx/a%2Fb").bodyText == "tx a/b")
        #expect(c.get("/api/v1/tx/a/b").status == 404)
    }

    @Test func literalSegmentsWinOverParameters() {
        let c = InProcessClient(makeRouter())
        #expect(c.get("/api/v1/tx/latest").bodyText == "latest")
        #expect(c.get("/api/v1/tx/other").bodyText == "tx other")
    }

    @Test func restParameterTakesTheRemainder() {
        let c = InProcessClient(makeRouter())
        #expect(c.get("/wallet/a/b/c.js").bodyText == "wallet [a/b/c.js]")
        #expect(c.get("/wallet/").bodyText == "wallet []")
        #expect(c.get("/").bodyText == "root")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() {
        let c = InProcessClient(makeRouter())
        #expect(c.get("/nope").status == 404)
        let r = c.request("DELETE", "/api/v1/tx/abc")
        #expect(r.status == 405)
        #expect(r.headers["allow"] == "GET, POST, HEAD")
    }

    @Test func headUsesGetRouteWithoutBody() {
        let c = InProcessClient(makeRouter())
        let r = c.request("HEAD", "/api/v1/tx/abc")
        #expect(r.status == 200)
        #expect(r.bodyBytes.isEmpty)
        #expect(r.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func throwingSyncHandlerUsesErrorResponse() {
        let r = makeRouter()
        let c = InProcessClient(r)
        #expect(c.get("/boom").status == 500)
        r.errorResponse = { _, _ in .text("teapot", status: 418) }
        #expect(c.get("/boom").status == 418)
    }

    @Test func routesAreListedInRegistrationOrder() {
        let routes = makeRouter().routes
        #expect(routes.count == 6)
        #expect(routes[0].method == "GET" && routes[0].pattern == "/api/v1/tx/{txid}")
        #expect(routes[2].method == "POST")
    }

    @Test func queryIsDecodedAndPlusIsSpace() {
        let req = HTTPRequest(method: "GET", target: "/s/st%201?p=a+b%2Bc&x=1&x=2&flag")
        #expect(req.path == "/s/st 1")
        #expect(req.rawPath == "/s/st%201")
        #expect(req.query["p"] == "a b+c")
        #expect(req.query["x"] == "1")
        #expect(req.queryItems.count == 4)
        #expect(req.query["flag"] == "")
    }
}

@Suite struct HeadersTests {
    @Test func namesAreCaseInsensitiveAndOrderIsKept() {
        var h = HTTPHeaders([("Set-Cookie", "a"), ("X", "1"), ("set-cookie", "b")])
        #expect(h["SET-COOKIE"] == "a")
        #expect(h.values("Set-Cookie") == ["a", "b"])
        h["set-Cookie"] = "c"
        #expect(h.values("Set-Cookie") == ["c"])
        #expect(h.pairs.map(\.name) == ["Set-Cookie", "X"])
        h.add("x", "2")
        #expect(h.values("X") == ["1", "2"])
        h["x"] = nil
        #expect(h["X"] == nil)
        #expect(Array(h).count == 1)
    }
}

@Suite struct InProcessClientTests {
    @Test func assignsRequestIDAndEnforcesBodyLimits() {
        let r = Router()
        r.add("POST", "/small", bodyLimit: 4, sync: { .text("got \($0.body.count)") })
        r.add("POST", "/default", sync: { .text("got \($0.body.count)") })
        let c = InProcessClient(r, defaultBodyLimit: 8)
        let ok = c.post("/small", body: [1, 2, 3, 4])
        #expect(ok.bodyText == "got 4")
        #expect(!(ok.headers["X-Request-Id"] ?? "").isEmpty)
        #expect(c.post("/small", body: [1, 2, 3, 4, 5]).status == 413)
        #expect(c.post("/default", body: Array(repeating: 0, count: 8)).status == 200)
        #expect(c.post("/default", body: Array(repeating: 0, count: 9)).status == 413)
    }

    @Test func waitsForADeferredAnswer() {
        let r = Router()
        r.add("GET", "/later") { _, respond in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { respond(.text("done")) }
        }
        r.add("GET", "/never") { _, _ in }
        let c = InProcessClient(r)
        #expect(c.get("/later").bodyText == "done")
        #expect(c.send(HTTPRequest(method: "GET", target: "/never"), timeout: 0.1).status == 504)
    }
}
import Dispatch
