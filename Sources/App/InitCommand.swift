import Foundation
import Services

/// `kippu init --db FILE [--node-key FILE] [--genesis FILE] [--net ID] [--name NAME]`.
enum InitCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: ["--db", "--node-key", "--genesis", "--net", "--name"])
        let db = try a.required("--db")
        var genesis: [UInt8]?
        if let path = a["--genesis"] {
            guard let data = FileManager.default.contents(atPath: path) else { throw KeyFileError("cannot read \(path)") }
            genesis = [UInt8](data)
        }
        let created = try LedgerSetup.initialize(dbPath: db, nodeKeyPath: a["--node-key"], genesis: genesis,
                                                 net: a["--net"] ?? "kippu", name: a["--name"] ?? "Kippu")
        print("ledger:   \(db)")
        print("network:  \(created.network.net) (\(created.network.name))")
        print("node key: \(created.nodeKey.publicKey.base64url) (\(created.nodeKeyPath))")
        if let op = created.operatorKey {
            print("operator: \(op.publicKey.base64url) (sealed in \(created.vault.directory)/vault.json)")
        } else {
            print("operators: \(created.network.operators.map(\.base64url).joined(separator: ", "))")
        }
        return 0
    }
}
