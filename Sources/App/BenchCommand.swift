import Foundation
import Services

/// `kippu bench ledger [--txs N] [--dir DIR]`, `kippu bench http [--uses N] [--connections C] [--dir DIR]` and `kippu bench load` (used by the crash test).
enum BenchCommand {
    static func run(_ args: [String]) throws -> Int32 {
        guard let what = args.first else { throw Arguments.UsageError(description: "bench needs a target: ledger, http or load") }
        switch what {
        case "ledger":
            let a = try Arguments(Array(args.dropFirst()), options: ["--txs", "--dir"])
            let txs = try a["--txs"].map { v in
                guard let n = Int(v), n >= 100 else { throw Arguments.UsageError(description: "--txs must be a number ≥ 100") }
                return n
            } ?? 300_000
            let dir = a["--dir"] ?? NSTemporaryDirectory() + "kippu-bench-\(getpid())"
            try LedgerBench.run(transactions: txs, directory: dir) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            return 0
        case "http":
            let a = try Arguments(Array(args.dropFirst()), options: ["--uses", "--connections", "--dir"])
            let uses = try a["--uses"].map { v in
                guard let n = Int(v), n >= 100 else { throw Arguments.UsageError(description: "--uses must be a number ≥ 100") }
                return n
            } ?? 20_000
            let connections = try a["--connections"].map { v in
                guard let n = Int(v), (1...1000).contains(n) else { throw Arguments.UsageError(description: "--connections must be 1…1000") }
                return n
            } ?? 128
            try HTTPBench.run(uses: uses, connections: connections,
                              directory: a["--dir"] ?? NSTemporaryDirectory() + "kippu-bench-http-\(getpid())")
            return 0
        case "load":
            let a = try Arguments(Array(args.dropFirst()), options: ["--db", "--acks", "--seconds"])
            let seconds = Double(a["--seconds"] ?? "30") ?? 30
            try LoadGenerator.run(dbPath: try a.required("--db"), acksPath: try a.required("--acks"), seconds: seconds)
            return 0
        default:
            throw Arguments.UsageError(description: "unknown bench target \"\(what)\"")
        }
    }
}
