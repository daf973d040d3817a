/// The CSV text format of exports (RFC 4180) and the Japan Standard Time stamps in it.
enum ExportCSV {
    /// One record: fields joined by commas, ended by CRLF (RFC 4180 §2.1–2.2). A field with a
    /// comma, a double quote, CR or LF is enclosed in double quotes and its quotes doubled (§2.6–2.7).
    static func record(_ fields: [String]) -> String {
        var out = ""
        for (i, f) in fields.enumerated() {
            if i > 0 { out += "," }
            out += quote(f)
        }
        return out + "\r\n"
    }

    /// Free text (names) for a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` in
    /// front so Excel shows it instead of running it as a formula (CSV injection). Not for ids or
    /// keys, whose characters are fixed by the protocol.
    static func safeText(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    static func quote(_ f: String) -> String {
        guard f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return f }
        return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// JST is UTC+9 all year (no daylight saving time since 1951).
    static let jstOffset: Int64 = 9 * 3_600_000

    /// `yyyy-MM-dd HH:mm:ss` in JST for ms since the epoch.
    static func jst(_ ms: Int64) -> String {
        let local = ms + jstOffset
        let days = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        let secs = (local - days * 86_400_000) / 1000
        let (y, m, d) = civil(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
    }

    /// `yyyy-MM-dd` in JST for ms since the epoch.
    static func jstDate(_ ms: Int64) -> String { String(jst(ms).prefix(10)) }

    /// The first ms of JST day `yyyy-MM-dd`, or nil when it is not a real date from 2000 to 2999.
    static func jstMidnight(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (2000...2999).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let days = daysFromCivil(y, m, d)
        guard civil(days) == (y, m, d) else { return nil }   // 2026-02-30 does not exist
        return days * 86_400_000 - jstOffset
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Days ↔ proleptic Gregorian dates (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    private static func civil(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
