import Foundation
import Testing
@testable import HTTPServer

/// Counts what a producer made, from its own queue, read by the test thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    private var finished: Bool?
    func add(_ k: Int) { lock.withLock { n += k } }
    var value: Int { lock.withLock { n } }
    func finish(_ completed: Bool) { lock.withLock { if finished == nil { finished = completed } } }
    var finishedWith: Bool? { lock.withLock { finished } }
}

/// Decodes a chunked body incrementally, keeping only counts (RFC 9112 §7.1).
struct ChunkedCounter {
    var payload = 0
    var checksum: UInt64 = 0
    var done = false
    private var pending: [UInt8] = []
    private var remaining = 0   // payload bytes left in the current chunk, then its CRLF
    private var inData = false

    mutating func feed(_ bytes: [UInt8]) {
        pending += bytes
        var i = 0
        while i < pending.count && !done {
            if inData {
                let n = min(remaining, pending.count - i)
                for b in pending[i..<(i + n)] { checksum = checksum &+ UInt64(b) }
                payload += n; remaining -= n; i += n
                if remaining == 0 { inData = false; remaining = -2 }   // the CRLF after the data
                continue
            }
            if remaining < 0 {
                guard pending.count - i >= 2 else { break }
                i += 2; remaining = 0
                continue
            }
            guard let lf = pending[i...].firstIndex(of: 0x0A) else { break }
            let line = String(decoding: pending[i..<lf], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            i = lf + 1
            let size = Int(line.split(separator: ";").first ?? "", radix: 16) ?? 0
            if size == 0 { done = true } else { remaining = size; inData = true }
        }
        pending = Array(pending[i...])
    }
}

@Suite struct ByteStreamTests {
    @Test func inProcessClientCollectsAStream() {
        let r = Router()
        r.add("GET", "/csv", sync: { _ in
            let parts = ["a,b\r\n", "1,2\r\n", "", "3,4\r\n"].makeIterator()
            let box = IteratorBox(parts)
            return .stream(ByteStream { box.next().map { Array($0.utf8) } }, contentType: "text/csv")
        })
        let response = InProcessClient(r).get("/csv")
        #expect(response.status == 200)
        #expect(response.bodyText == "a,b\r\n1,2\r\n3,4\r\n")
        #expect(response.headers["Content-Type"] == "text/csv")
    }

    @Test func aFailingProducerTruncatesTheBodyOverASocket() throws {
        let r = Router()
        r.add("GET", "/fail", sync: { _ in
            let box = IteratorBox(["first\n"].makeIterator())
            return .stream(ByteStream {
                if let s = box.next() { return Array(s.utf8) }
                struct Broken: Error {}
                throw Broken()
            }, contentType: "text/plain")
        })
        let s = try RunningServer(r)
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/fail")
        let (bytes, closed) = c.readToEnd()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(closed)
        #expect(text.contains("200") && text.contains("first\n"))
        #expect(!text.hasSuffix("0\r\n\r\n"))   // no terminating chunk: the client knows it is cut
    }

    /// 50 MB through a real socket: the producer is pulled only as fast as the client reads, so
    /// the server holds a bounded amount, and the client receives every byte.
    @Test func fiftyMegabytesStreamLazilyThroughASocket() throws {
        let chunk = 64 * 1024, total = 50 * 1024 * 1024
        let produced = Counter()
        let pattern = (0..<chunk).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let r = Router()
        r.add("GET", "/big", sync: { _ in
            .stream(ByteStream(onFinish: { produced.finish($0) }) {
                if produced.value >= total { return nil }
                produced.add(chunk)
                return pattern
            }, contentType: "application/octet-stream")
        })
        let s = try RunningServer(r)
        let c = try s.connect(timeout: 10)
        _ = c.sendRequest(method: "GET", path: "/big")
        // Read about 1 MB, then stop reading for a while.
        var received = 0
        var head: [UInt8] = []
        var decoder = ChunkedCounter()
        while received < 1 << 20 {
            guard c.fill() > 0 else { Issue.record("connection ended early"); return }
            var bytes = c.takeAll()
            if head.isEmpty || RawHTTPConnection.find(head, Array("\r\n\r\n".utf8)) == nil {
                head += bytes
                guard let end = RawHTTPConnection.find(head, Array("\r\n\r\n".utf8)) else { continue }
                bytes = Array(head[(end + 4)...])
                #expect(String(decoding: head[..<end], as: UTF8.self).lowercased().contains("transfer-encoding: chunked"))
            }
            received += bytes.count
            decoder.feed(bytes)
        }
        usleep(300_000)
        // Loopback socket buffers hold a few MB; an eager server would have made all 50.
        #expect(produced.value < received + 24 * 1024 * 1024)
        #expect(produced.value < total)
        while !decoder.done {
            guard c.fill() > 0 else { break }
            decoder.feed(c.takeAll())
        }
        #expect(decoder.done)
        #expect(decoder.payload == total)
        let perChunk = pattern.reduce(UInt64(0)) { $0 &+ UInt64($1) }
        #expect(decoder.checksum == perChunk &* UInt64(total / chunk))
        #expect(eventually { produced.finishedWith == true })
    }

    @Test func aClientThatLeavesStopsTheProducer() throws {
        let produced = Counter()
        let r = Router()
        r.add("GET", "/endless", sync: { _ in
            .stream(ByteStream(onFinish: { produced.finish($0) }) {
                produced.add(1)
                return [UInt8](repeating: 0x61, count: 64 * 1024)
            }, contentType: "text/plain")
        })
        let s = try RunningServer(r)
        let c = try s.connect()
        _ = c.sendRequest(method: "GET", path: "/endless")
        _ = c.fill()
        c.closeNow()
        #expect(eventually { produced.finishedWith == false })
        let after = produced.value
        usleep(200_000)
        #expect(produced.value <= after + 1)
    }
}

/// Hands out an iterator's elements to a `@Sendable` producer.
final class IteratorBox<I: IteratorProtocol>: @unchecked Sendable {
    private var it: I
    private let lock = NSLock()
    init(_ it: I) { self.it = it }
    func next() -> I.Element? { lock.withLock { it.next() } }
}
