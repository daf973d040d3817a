import HTTPServer
import Ledger

/// Liveness and metrics for operators (`/healthz`, `/metrics`).
enum OperationsRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        [
            Endpoint(method: "GET", path: "/healthz", operationID: "getHealth", summary: "Liveness: the ledger can be read",
                     tag: "operations", success: (200, "Alive", Schemas.ref("Health"), "application/json"), problems: [503],
                     handler: ProtocolRoutes.sync(c) { _ in
                         do {
                             let height = try c.reader.read { try $0.latestBlock()?.header.height ?? -1 }
                             return .json(["status": "ok", "height": .int(height)], cache: .privateNoStore)
                         } catch {
                             throw Problem(code: "unavailable", status: 503, detail: "the ledger cannot be read")
                         }
                     }),
            Endpoint(method: "GET", path: "/metrics", operationID: "getMetrics", summary: "Prometheus text metrics",
                     tag: "operations", success: (200, "Metrics", nil, "text/plain"),
                     handler: ProtocolRoutes.sync(c) { _ in try metrics(c) }),
        ]
    }

    static func metrics(_ c: APIContext) throws -> HTTPResponse {
        let (height, leaves) = try c.reader.read { store in (try store.latestBlock()?.header.height ?? -1, store.logSize) }
        let lines = [
            "# HELP kippu_ledger_height Height of the latest committed block.",
            "# TYPE kippu_ledger_height gauge",
            "kippu_ledger_height \(height)",
            "# HELP kippu_ledger_leaves Transactions in the log.",
            "# TYPE kippu_ledger_leaves gauge",
            "kippu_ledger_leaves \(leaves)",
            "# HELP kippu_sequencer_blocks_total Blocks committed by this process.",
            "# TYPE kippu_sequencer_blocks_total counter",
            "kippu_sequencer_blocks_total \(c.sequencer.blocksCommitted)",
            "# HELP kippu_sequencer_txs_total Transactions committed by this process.",
            "# TYPE kippu_sequencer_txs_total counter",
            "kippu_sequencer_txs_total \(c.sequencer.txsCommitted)",
        ]
        var r = HTTPResponse.bytes(Array((lines.joined(separator: "\n") + "\n").utf8), contentType: "text/plain; version=0.0.4")
        r.headers["Cache-Control"] = "no-store"
        return r
    }
}
