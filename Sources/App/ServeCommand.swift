import API
import Foundation
import HTTPServer
import Ledger
import Services

/// `kippu serve --db FILE [--node-key FILE] [--host H] [--port P] [--demo] [--cors ORIGIN,...]`:
/// the API (and later the web and wallet) on one node, until SIGTERM or SIGINT.
enum ServeCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: ["--db", "--node-key", "--host", "--port", "--cors", "--threads", "--logins-per-minute"], switches: ["--demo", "--https"])
        let db = try a.required("--db")
        var config = HTTPServerConfig()
        config.host = a["--host"] ?? "127.0.0.1"
        if let p = a["--port"] {
            guard let port = UInt16(p) else { throw Arguments.UsageError(description: "--port must be 0…65535") }
            config.port = port
        } else {
            config.port = 8080
        }
        if let t = a["--threads"] {
            guard let n = Int(t), (1...64).contains(n) else { throw Arguments.UsageError(description: "--threads must be 1…64") }
            config.threads = n
        }
        let logins = try a["--logins-per-minute"].map { v in
            guard let n = Int(v), (1...100_000).contains(n) else { throw Arguments.UsageError(description: "--logins-per-minute must be 1…100000") }
            return n
        } ?? 20
        let origins = Set((a["--cors"] ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })

        if a.has("--demo") && !FileManager.default.fileExists(atPath: db) {
            say("seeding the demo region into \(db) …")
            let seeded = try DemoSeeder.seed(dbPath: db)
            try DemoLogins.create(seeded.region.logins, dbPath: db)
        }
        let node = try Node.open(dbPath: db, nodeKeyPath: a["--node-key"], cors: CORSPolicy(allowedOrigins: origins),
                                 secureCookies: a.has("--https"), loginsPerMinute: logins)
        let r = node.resumedOrders
        if !r.isEmpty {
            say("paid orders left without tickets by the last run: \(r.found) found on the ledger, \(r.reissued) issued now, "
                + "\(r.refunded) refused by the ledger and refunded, \(r.pending) still waiting for the ledger")
        }
        let server = HTTPServer(config: config, handler: node.api, accessLog: AccessLog.standardError())
        let port: UInt16
        do { port = try server.start() } catch {
            node.close()
            throw error
        }
        let host = config.host.contains(":") ? "[\(config.host)]" : config.host
        say("kippu serving \(node.network.name) (\(node.network.net)) at http://\(host):\(port)/")
        say("  API: http://\(host):\(port)/api/v1/openapi.json")
        let demoLogins = a.has("--demo") ? DemoLogins.list(dbPath: db) : []
        if !demoLogins.isEmpty {
            say("  demo logins (password \"\(DemoLogins.password)\"):")
            for (name, display) in demoLogins { say("    \(name)\t\(display)") }
        }
        let signal = ShutdownSignal.wait()
        say("received signal \(signal): finishing requests in flight …")
        server.shutdown(graceTimeout: 10)
        node.close()
        say("stopped cleanly")
        return 0
    }
}

/// Prints a line to standard output at once (stdout is a pipe under scripts and tests).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
