import Crypto
import Foundation
import Ledger
import Services
import Store

/// The staff accounts of the demo region (an operator and two merchants), so a person can sign
/// in at once. Demo only: the password is printed and documented; `serve --demo` binds to
/// 127.0.0.1 unless told otherwise.
enum DemoLogins {
    /// The password of every demo login.
    static let password = "kitakata-demo"
    /// `meta` key listing the demo logins (`name role merchant` per line).
    static let metaKey = "demo.logins"

    /// Creates the staff users of `logins` and remembers them in the database.
    static func create(_ logins: [DemoLogin], dbPath: String) throws {
        let staff = try StaffDirectory(path: dbPath, clock: SystemClock(), random: SystemRandom())
        var lines: [String] = []
        for login in logins {
            let role: StaffRole = login.merchant.map { .merchantAdmin(merchant: $0) } ?? .operatorAdmin
            _ = try staff.bootstrapUser(username: login.account, displayName: login.displayName, password: password, role: role)
            lines.append("\(login.account)\t\(login.displayName)")
        }
        let store = try LedgerStore.open(path: dbPath)
        try store.setMeta(metaKey, lines.joined(separator: "\n"))
    }

    /// The remembered demo logins (name, display name), empty for a non-demo database.
    static func list(dbPath: String) -> [(String, String)] {
        guard let store = try? LedgerStore.open(path: dbPath, readOnly: true),
              let text = try? store.meta(metaKey) else { return [] }
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }
}
