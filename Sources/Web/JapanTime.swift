import Foundation

/// Dates and times in Japan time (UTC+9 all year: no daylight saving time since 1951), for
/// pages, forms and exports. Days ↔ proleptic Gregorian dates by H. Hinnant's
/// "chrono-Compatible Low-Level Date Algorithms".
enum JapanTime {
    static let offset: Int64 = 9 * 3_600_000
    static let day: Int64 = 86_400_000

    /// `YYYY-MM-DD`.
    static func date(_ ms: Int64) -> String {
        let (y, m, d) = civil(days: floorDiv(ms + offset, day))
        return String(format: "%04lld-%02lld-%02lld", y, m, d)
    }

    /// `YYYY-MM-DD HH:MM`.
    static func dateTime(_ ms: Int64) -> String { String(timestamp(ms).prefix(16)) }

    /// `YYYY-MM-DD HH:MM:SS`.
    static func timestamp(_ ms: Int64) -> String {
        let seconds = floorMod(ms + offset, day) / 1000
        return date(ms) + String(format: " %02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// The first ms of the Japan-time day `YYYY-MM-DD`, or nil when it is not a real date in `years`.
    static func midnight(_ text: String, years: ClosedRange<Int64> = 1970...9999) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              years.contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let days = daysFromCivil(y, m, d)
        guard civil(days: days) == (y, m, d) else { return nil }  // 2026-02-30 does not exist
        return days * day - offset
    }

    /// Midnight (Japan time) at the start of the day holding `ms`.
    static func startOfDay(_ ms: Int64) -> Int64 { floorDiv(ms + offset, day) * day - offset }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

    private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(days z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
