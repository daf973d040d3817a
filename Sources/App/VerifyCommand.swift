import Foundation
import Services

/// `kippu verify --db FILE [--rebuild]`.
enum VerifyCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: ["--db"], switches: ["--rebuild"])
        let db = try a.required("--db")
        let report = try LedgerVerifier.verify(path: db, rebuild: a.has("--rebuild"))
        guard report.ok, let root = report.root else {
            KippuCommand.printErr("verify FAILED at \(report.problem?.description ?? "unknown")")
            return 1
        }
        if a.has("--rebuild") { print("derived tables rebuilt from the log") }
        print("ok: height \(report.height), log size \(report.size), root \(root.base64url)")
        print(String(format: "replayed %d transactions in %.2f s (%.0f tx/s)", report.size, report.seconds, report.rate))
        return 0
    }
}
