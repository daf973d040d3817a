import Foundation
import Testing
@testable import HTTPServer

@Suite struct EventStreamTests {
    @Test func framesEventsAndComments() {
        let s = EventStream()
        s.send(event: "used", id: "7", data: "line1\nline2")
        s.comment("hb")
        s.send(data: "x")
        #expect(text(s.takeBuffered()) == "event: used\nid: 7\ndata: line1\ndata: line2\n\n: hb\n\ndata: x\n\n")
    }

    @Test func overflowClosesAndOnCloseFiresOnce() {
        let s = EventStream(bufferLimit: 2)
        let fired = Lines()
        s.onClose = { fired.append("closed") }
        s.send(data: "1"); s.send(data: "2")
        #expect(!s.isClosed)
        s.send(data: "3")
        #expect(s.isClosed)
        s.close()
        #expect(fired.all == ["closed"])
    }

    @Test func hubBroadcastsAndForgetsClosedStreams() {
        let hub = EventHub(heartbeatSeconds: 0)
        let a = hub.subscribe("store-1"), b = hub.subscribe("store-1"), c = hub.subscribe("store-2")
        hub.publish("store-1", event: "use", data: "t1")
        #expect(text(a.takeBuffered()) == "event: use\ndata: t1\n\n")
        #expect(text(b.takeBuffered()) == "event: use\ndata: t1\n\n")
        #expect(c.takeBuffered().isEmpty)
        a.close()
        #expect(hub.subscriberCount("store-1") == 1)
        hub.closeAll()
        #expect(b.isClosed && c.isClosed)
        #expect(hub.subscriberCount("store-1") == 0)
    }

    @Test func eventsArriveInOrderOverASocketAndOnCloseFiresWhenTheClientLeaves() throws {
        let hub = EventHub(heartbeatSeconds: 0.1)
        let closed = Lines()
        let r = Router()
        r.add("GET", "/events/{topic}") { req, respond in
            let stream = hub.subscribe(req.parameters["topic"]!)
            stream.onClose = { closed.append("gone") }
            respond(.events(stream))
        }
        let s = try RunningServer(r)
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/events/store-1")
        #expect(eventually { hub.subscriberCount("store-1") == 1 })
        for i in 1...5 { hub.publish("store-1", event: "use", id: "\(i)", data: "ticket \(i)") }
        let want = (1...5).map { "event: use\nid: \($0)\ndata: ticket \($0)\n\n" }
        var got = ""
        let deadline = Date(timeIntervalSinceNow: 5)
        while Date() < deadline, !want.allSatisfy({ got.contains($0) }) {
            _ = c.fill()
            got = text(c.buffered)
        }
        #expect(got.hasPrefix("HTTP/1.1 200"))
        #expect(got.lowercased().contains("content-type: text/event-stream"))
        #expect(got.lowercased().contains("x-request-id: "))
        let positions = want.compactMap { got.range(of: $0)?.lowerBound }
        #expect(positions.count == 5)
        #expect(positions == positions.sorted())
        #expect(closed.all.isEmpty)
        c.closeNow()   // the client goes away; heartbeats make the server notice
        #expect(eventually(5) { closed.all == ["gone"] })
        #expect(eventually(5) { hub.subscriberCount("store-1") == 0 && s.server.inFlight == 0 })
    }

    @Test func shutdownClosesOpenEventStreams() throws {
        let hub = EventHub(heartbeatSeconds: 0)
        let r = Router()
        r.add("GET", "/events", sync: { _ in .events(hub.subscribe("t")) })
        let s = try RunningServer(r)
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/events")
        #expect(eventually { hub.subscriberCount("t") == 1 })
        hub.publish("t", data: "last words")
        let started = Date()
        s.server.shutdown(graceTimeout: 0.2)
        #expect(Date().timeIntervalSince(started) < 4)
        let (rest, ended) = c.readToEnd()
        #expect(ended)
        #expect(text(rest).contains("data: last words"))
        #expect(hub.subscriberCount("t") == 0)
    }
}
