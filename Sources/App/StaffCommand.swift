import Crypto
import Foundation
import Ledger
import Services
import Store

/// `kippu staff add --db FILE --username NAME --role ROLE [--merchant M] [--store S] [--display-name N]`:
/// creates a staff user on the node's database (the first operator of a new ledger, or a user
/// for someone locked out) and prints a generated password once.
enum StaffCommand {
    static func run(_ args: [String]) throws -> Int32 {
        guard args.first == "add" else { throw Arguments.UsageError(description: "staff needs a subcommand: add") }
        let a = try Arguments(Array(args.dropFirst()), options: ["--db", "--username", "--role", "--merchant", "--store", "--display-name"])
        let db = try a.required("--db")
        let username = try a.required("--username")
        let role: StaffRole
        switch try a.required("--role") {
        case "operator_admin": role = .operatorAdmin
        case "merchant_admin": role = .merchantAdmin(merchant: try a.required("--merchant"))
        case "store_staff": role = .storeStaff(merchant: try a.required("--merchant"), store: try a.required("--store"))
        default: throw Arguments.UsageError(description: "--role must be operator_admin, merchant_admin or store_staff")
        }
        let store = try LedgerStore.open(path: db, readOnly: true)
        if let m = role.merchant, try store.merchant(m) == nil { throw ServiceError(.ledger(.unknownMerchant), "no merchant \(m) on this ledger") }
        if case .storeStaff(let m, let s) = role, try store.store(s)?.merchant != m {
            throw ServiceError(.ledger(.unknownStore), "merchant \(m) has no store \(s)")
        }
        // 16 random bytes in base64url: 22 characters, easy to paste, 128 bits.
        let password = Base64URL.encode(SystemRandom().bytes(count: 16))
        let staff = try StaffDirectory(path: db, clock: SystemClock(), random: SystemRandom())
        let user = try staff.bootstrapUser(username: username, displayName: a["--display-name"] ?? username, password: password, role: role)
        say("created \(user.username) (\(user.role.name)); password, shown only now: \(password)")
        return 0
    }
}
