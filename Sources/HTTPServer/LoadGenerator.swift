import Foundation

/// A raw-socket HTTP/1.1 keep-alive load client (for `kippu bench http`): requests are spread
/// round-robin over persistent connections, each sending its share one after another.
public struct LoadGenerator {
    /// One request to send.
    public struct Request: Sendable {
        /// "GET", "POST", …
        public var method: String
        /// Request target, e.g. "/api/v1/healthz?x=1".
        public var path: String
        /// Body, sent with Content-Length.
        public var body: [UInt8]
        /// Extra header fields (Host and Content-Length are added).
        public var headers: [(String, String)]

        /// Creates a request.
        public init(method: String = "GET", path: String, body: [UInt8] = [], headers: [(String, String)] = []) {
            self.method = method
            self.path = path
            self.body = body
            self.headers = headers
        }
    }

    /// What a run measured.
    public struct Result: Sendable {
        /// Responses received.
        public var count: Int
        /// Wall-clock duration of the run.
        public var seconds: Double
        /// Responses per status code (0 = transport error).
        public var statuses: [Int: Int]
        /// Per-request latencies, sorted ascending.
        public var latenciesMillis: [Double]

        /// The p-th percentile latency in ms, p in 0...100 (nearest rank).
        public func percentile(_ p: Double) -> Double {
            guard !latenciesMillis.isEmpty else { return 0 }
            let rank = Int((min(100, max(0, p)) / 100 * Double(latenciesMillis.count)).rounded(.up))
            return latenciesMillis[max(0, min(latenciesMillis.count - 1, rank - 1))]
        }

        /// Responses per second.
        public var perSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }
    }

    /// Runs `requests` over `connections` keep-alive connections; reconnects when the server closes one.
    /// - Throws: when the first connection cannot be opened.
    public static func run(host: String, port: UInt16, connections: Int, requests: [Request]) throws -> Result {
        let n = max(1, min(connections, max(1, requests.count)))
        _ = try RawHTTPConnection(host: host, port: port)   // fail fast with a clear error
        var shares = [[Request]](repeating: [], count: n)
        for (i, r) in requests.enumerated() { shares[i % n].append(r) }

        let lock = NSLock()
        nonisolated(unsafe) var statuses: [Int: Int] = [:]
        nonisolated(unsafe) var latencies: [Double] = []
        let group = DispatchGroup()
        let start = DispatchTime.now()
        for share in shares {
            group.enter()
            let t = Thread {
                var localStatuses: [Int: Int] = [:]
                var localLatencies: [Double] = []
                localLatencies.reserveCapacity(share.count)
                var conn: RawHTTPConnection?
                for r in share {
                    let t0 = DispatchTime.now()
                    var status = 0
                    for _ in 0..<2 {   // one retry on a fresh connection
                        if conn == nil { conn = try? RawHTTPConnection(host: host, port: port) }
                        guard let c = conn else { break }
                        if c.sendRequest(method: r.method, path: r.path, headers: r.headers, body: r.body),
                           let resp = try? c.readResponse(head: r.method == "HEAD") {
                            status = resp.status
                            if resp.headers["Connection"]?.lowercased() == "close" { conn = nil }
                            break
                        }
                        conn = nil
                    }
                    localStatuses[status, default: 0] += 1
                    localLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
                }
                lock.withLock {
                    for (k, v) in localStatuses { statuses[k, default: 0] += v }
                    latencies += localLatencies
                }
                group.leave()
            }
            t.start()
        }
        group.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return lock.withLock {
            Result(count: latencies.count, seconds: seconds, statuses: statuses, latenciesMillis: latencies.sorted())
        }
    }
}
