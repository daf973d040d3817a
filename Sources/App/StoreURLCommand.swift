import Crypto
import Foundation
import Ledger
import Services
import Store

/// `kippu store-url --db FILE --store ID [--base URL] [--epoch E]`: prints the URL a store's printed
/// QR code carries (`BASE/s/ID?p=PROOF`, epoch 0; a rotating code's epoch is floor(ms / 30000)),
/// signed with the store key the node keeps.
enum StoreURLCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: ["--db", "--store", "--base", "--epoch"])
        guard let epoch = Int64(a["--epoch"] ?? "0"), epoch >= 0 else { throw Arguments.UsageError(description: "--epoch must be a number ≥ 0") }
        let db = try a.required("--db"), id = try a.required("--store")
        let base = (a["--base"] ?? "http://127.0.0.1:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let store = try LedgerStore.open(path: db, readOnly: true)
        guard let net = try store.network()?.net else { throw StoreError.inconsistent("the ledger has no genesis") }
        guard try store.store(id) != nil else { throw ServiceError(.ledger(.unknownStore), "no store \(id) on this ledger") }
        let vault = try KeyVault.open(directory: KeyVault.directory(forDatabase: db))
        guard let key = try vault.key("store/\(id)") else {
            throw ServiceError(.notAuthorized, "this node does not keep the key of store \(id)")
        }
        say("\(base)/s/\(id)?p=\(StoreProof.sign(net: net, store: id, epoch: epoch, key: key))")
        return 0
    }
}
