import Foundation
import Testing
@testable import HTTPServer

/// Deferred answers (suspend/resume) and graceful shutdown over real sockets.
@Suite struct AsyncTests {
    static func router() -> Router {
        let r = Router()
        r.add("GET", "/deferred/{n}") { req, respond in
            let n = req.parameters["n"]!
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { respond(.text("deferred \(n)")) }
        }
        r.add("GET", "/slow") { _, respond in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { respond(.text("slow")) }
        }
        r.add("GET", "/never") { _, _ in }
        r.add("GET", "/twice") { _, respond in
            respond(.text("first"))
            respond(.text("second"))
        }
        r.add("GET", "/ok", sync: { _ in .text("ok") })
        return r
    }

    @Test func deferredAnswerFromAnotherThreadArrives() throws {
        let s = try RunningServer(Self.router())
        let r = try s.request("GET", "/deferred/1")
        #expect(r.status == 200)
        #expect(text(r.body) == "deferred 1")
        #expect(text(try s.request("GET", "/twice").body) == "first")
        #expect(eventually { s.server.inFlight == 0 })
    }

    @Test func fiftyConcurrentDeferredRequestsAreAllAnswered() throws {
        let s = try RunningServer(Self.router())
        let answers = Lines()
        let group = DispatchGroup()
        for i in 0..<50 {
            group.enter()
            Thread {
                defer { group.leave() }
                if let r = try? s.request("GET", "/deferred/\(i)") { answers.append(text(r.body)) }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 20) == .success)
        #expect(Set(answers.all) == Set((0..<50).map { "deferred \($0)" }))
        #expect(eventually { s.server.inFlight == 0 })
    }

    @Test func clientLeavingWhileSuspendedIsHarmless() throws {
        let calls = Lines()
        let r = Self.router()
        r.add("GET", "/slow-counted") { _, respond in
            calls.append("called")
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { respond(.text("slow")) }
        }
        let s = try RunningServer(r)
        for i in 0..<5 {
            let c = try s.connect()
            _ = c.sendRequest(method: "GET", path: "/slow-counted")
            #expect(eventually { calls.all.count == i + 1 })
            #expect(s.server.inFlight >= 1)
        }   // each connection is closed here, while its request is suspended
        #expect(eventually(5) { s.server.inFlight == 0 })
        #expect(text(try s.request("GET", "/ok").body) == "ok")
    }

    @Test func shutdownFinishesAnInFlightRequestThenRefusesConnections() throws {
        let s = try RunningServer(Self.router())
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/slow")
        #expect(eventually { s.server.inFlight == 1 })
        let started = Date()
        let done = DispatchSemaphore(value: 0)
        Thread { s.server.shutdown(graceTimeout: 5); done.signal() }.start()
        // While draining, a new request is turned away rather than started.
        #expect(eventually { (try? s.request("GET", "/ok").status) == 503 })
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(text(r.body) == "slow")
        #expect(done.wait(timeout: .now() + 8) == .success)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(throws: (any Error).self) { _ = try s.connect() }
        s.server.shutdown()   // idempotent
    }

    @Test func shutdownAnswersStragglers503AfterTheGraceTimeout() throws {
        let s = try RunningServer(Self.router())
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/never")
        #expect(eventually { s.server.inFlight == 1 })
        let started = Date()
        Thread { s.server.shutdown(graceTimeout: 0.3) }.start()
        let r = try c.readResponse()
        #expect(r.status == 503)
        #expect(Date().timeIntervalSince(started) < 3)
    }
}
