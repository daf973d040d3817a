import Foundation
import SQLiteDB

extension AccountService {
    /// Stores (replaces) an account's attributes. Nothing is stored without explicit consent.
    /// - Parameters:
    ///   - consent: must be true.
    ///   - sex: `"female"`, `"male"` or `"other"`.
    ///   - birthYear: 1900 … the current year in Japan.
    ///   - prefecture: JIS X 0401 code 1 … 47.
    /// - Throws: `invalid_request` with a problem per bad field (`consent`, `sex`, `birthYear`,
    ///   `prefecture`, or `attributes` when none is given); `not_found` for an unknown account.
    @discardableResult
    public func setAttributes(account: String, consent: Bool, sex: String?, birthYear: Int?, prefecture: Int?) throws -> AccountAttributes {
        let now = clock.now()
        var problems = FieldProblems()
        if !consent { problems.add("consent", "required", "attributes are stored only with your consent") }
        if let sex, !AccountAttributes.sexes.contains(sex) {
            problems.add("sex", "bad_value", "must be female, male or other")
        }
        let thisYear = Self.yearInJapan(now)
        if let birthYear, !(1900...thisYear).contains(birthYear) {
            problems.add("birthYear", "out_of_range", "must be between 1900 and \(thisYear)")
        }
        if let prefecture, !(1...47).contains(prefecture) {
            problems.add("prefecture", "out_of_range", "must be a prefecture code between 1 and 47")
        }
        if sex == nil && birthYear == nil && prefecture == nil {
            problems.add("attributes", "required", "give at least one of sex, birthYear, prefecture (or delete them)")
        }
        try problems.check()
        try db.write { c in
            guard try c.cached("SELECT 1 FROM accounts WHERE id = ?").queryOne(.text(account), row: { _ in true }) != nil else {
                throw ServiceError(.notFound, "no account \(account)")
            }
            try c.cached("""
                INSERT INTO account_attributes(account, sex, birth_year, prefecture, consented, updated)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(account) DO UPDATE SET sex = excluded.sex, birth_year = excluded.birth_year,
                    prefecture = excluded.prefecture, consented = excluded.consented, updated = excluded.updated
                """).run(.text(account), SQLValue(sex), birthYear.map { .int(Int64($0)) } ?? .null,
                         prefecture.map { .int(Int64($0)) } ?? .null, .int(now), .int(now))
        }
        return AccountAttributes(sex: sex, birthYear: birthYear, prefecture: prefecture, consented: now)
    }

    /// The account's attributes, or nil when it shares none.
    public func attributes(account: String) throws -> AccountAttributes? {
        try db.read { c in
            try c.cached("SELECT sex, birth_year, prefecture, consented FROM account_attributes WHERE account = ?")
                .queryOne(.text(account)) { r in
                    AccountAttributes(sex: r.string(0), birthYear: r.isNull(1) ? nil : r.int(1),
                                      prefecture: r.isNull(2) ? nil : r.int(2), consented: r.int64(3))
                }
        }
    }

    /// Deletes the account's attributes (the row is removed; the ledger is untouched).
    /// - Returns: whether there was anything to delete.
    @discardableResult
    public func deleteAttributes(account: String) throws -> Bool {
        try db.write { c in
            try c.cached("DELETE FROM account_attributes WHERE account = ?").run(.text(account))
            return c.changes > 0
        }
    }

    /// The Gregorian year at `time` in Japan (UTC+9, no daylight saving).
    static func yearInJapan(_ time: Int64) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        return calendar.component(.year, from: Date(timeIntervalSince1970: Double(time) / 1000))
    }
}
