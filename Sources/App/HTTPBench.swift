import API
import Foundation
import HTTPServer
import Ledger
import Services

/// `kippu bench http`: committed `ticket.use` submissions over keep-alive HTTP against a
/// trivial endpoint of the same server, in one run.
enum HTTPBench {
    static func run(uses count: Int, connections: Int, directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: directory) }
        say(Hardware.describe())
        let dbPath = directory + "/bench.sqlite"
        let t0 = Date()
        let ledger = try HTTPBenchLedger.prepare(dbPath: dbPath, tickets: count)
        say(String(format: "prepared %d tickets and pre-signed %d uses in %.1f s", count, ledger.uses.count, Date().timeIntervalSince(t0)))

        let reader = LedgerReadPool(path: dbPath, capacity: 8)
        let hub = EventHub()
        let clock = SystemClock()
        let app = try AppServices.open(dbPath: dbPath, net: ledger.net, vault: ledger.vault, sequencer: ledger.sequencer,
                                       reader: reader, clock: clock)
        let api = KippuAPI(context: APIContext(reader: reader, sequencer: ledger.sequencer, clock: clock, hub: hub, app: app,
                                               limits: .standard(now: { clock.now() })))
        let server = HTTPServer(config: HTTPServerConfig(), handler: api)
        let port = try server.start()
        defer {
            server.shutdown(graceTimeout: 5)
            hub.closeAll()
            ledger.sequencer.shutdown()
            reader.close()
        }
        say("server: 127.0.0.1:\(port), \(HTTPServerConfig().threads) threads; load: \(connections) keep-alive connections from this process")

        // Baseline: a trivial endpoint of the same server, as many requests as uses.
        let baseline = try LoadGenerator.run(host: "127.0.0.1", port: port, connections: connections,
                                             requests: Array(repeating: LoadGenerator.Request(path: "/healthz"), count: count))
        guard baseline.statuses[200] == count else { throw BenchFailure("baseline answers: \(baseline.statuses)") }

        let requests = ledger.uses.map {
            LoadGenerator.Request(method: "POST", path: "/api/v1/tx", body: $0.envelopeJCS, headers: [("Content-Type", "application/json")])
        }
        let uses = try LoadGenerator.run(host: "127.0.0.1", port: port, connections: connections, requests: requests)
        guard uses.statuses[201] == count else { throw BenchFailure("use answers: \(uses.statuses)") }
        let committed = try reader.read { store in store.logSize }
        say("committed leaves: \(committed), blocks: \(ledger.sequencer.blocksCommitted)")
        say(String(format: "uses/s = %.0f", uses.perSecond))
        say(String(format: "p50 ms = %.2f", uses.percentile(50)))
        say(String(format: "p99 ms = %.2f", uses.percentile(99)))
        say(String(format: "baseline req/s = %.0f", baseline.perSecond))
        say(String(format: "baseline p99 ms = %.2f", baseline.percentile(99)))
        say(String(format: "peak RSS MB = %.0f", Hardware.peakRSSMegabytes()))
        say(String(format: "ratio use/baseline = %.3f", uses.perSecond / baseline.perSecond))
    }
}

/// A benchmark run that did not do what it measures.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
