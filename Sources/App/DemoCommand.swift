import Foundation
import Services

/// `kippu demo --db FILE`: a new ledger seeded with the demo region.
enum DemoCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: ["--db"])
        let db = try a.required("--db")
        let seeded = try DemoSeeder.seed(dbPath: db)
        let s = seeded.region.summary
        print("ledger:  \(db)")
        print("network: \(seeded.network.net) (\(seeded.network.name))")
        print("seeded:  \(s.merchants) merchants, \(s.stores) stores, \(s.products) products, \(s.ticketsIssued) tickets to \(s.consumers) people, \(s.transfers) transfers, \(s.uses) uses in \(seeded.blocks) blocks")
        print("demo logins:")
        for login in seeded.region.logins {
            print("  \(login.account)\t\(login.displayName)")
        }
        return 0
    }
}
