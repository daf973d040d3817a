import Ledger

/// Field rules for staff users and tokens (documented in docs/accounts.md).
public enum StaffRules {
    /// `^[a-z0-9][a-z0-9_.-]{2,31}$`, checked on bytes (callers lower-case first).
    public static func isValidUsername(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...32).contains(bytes.count) else { return false }
        for (i, b) in bytes.enumerated() {
            let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A)
            guard alnum || (i > 0 && (b == 0x5F || b == 0x2E || b == 0x2D)) else { return false }
        }
        return true
    }

    static func checkUsername(_ name: String, into problems: inout FieldProblems) {
        if !isValidUsername(name) {
            problems.add("username", "bad_format",
                         "must be 3 to 32 characters: a-z, 0-9, '_', '.', '-', starting with a letter or digit")
        }
    }

    /// 10 to 128 Unicode scalars. The message never repeats the password.
    static func checkPassword(_ password: String, field: String, into problems: inout FieldProblems) {
        let count = password.unicodeScalars.count
        if count < 10 {
            problems.add(field, "too_short", "must be at least 10 characters")
        } else if count > 128 {
            problems.add(field, "too_long", "must be at most 128 characters")
        }
    }

    /// Merchant and store ids must be ledger identifiers (PROTOCOL §1).
    static func checkRole(_ role: StaffRole, into problems: inout FieldProblems) {
        if let merchant = role.merchant, !Identifier.isValid(merchant) {
            problems.add("merchant", "bad_format", "is not a valid merchant id")
        }
        if let store = role.store, !Identifier.isValid(store) {
            problems.add("store", "bad_format", "is not a valid store id")
        }
    }
}
