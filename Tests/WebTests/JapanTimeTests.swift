import Testing
@testable import Web

/// Japan-time dates for pages and CSV: UTC+9, real calendar dates only.
@Suite struct JapanTimeTests {
    @Test func formatsKnownInstantsInJapanTime() {
        // 2026-03-14 00:00:00 UTC = 09:00 in Japan; one ms before JST midnight is still the 13th.
        #expect(JapanTime.timestamp(1_773_446_400_000) == "2026-03-14 09:00:00")
        #expect(JapanTime.date(1_773_413_999_999) == "2026-03-13")
        #expect(JapanTime.dateTime(1_773_414_000_000) == "2026-03-14 00:00")
        #expect(JapanTime.timestamp(0) == "1970-01-01 09:00:00")
    }

    @Test func midnightRoundTripsAndRefusesDatesThatDoNotExist() {
        let m = JapanTime.midnight("2024-02-29")
        #expect(m.map(JapanTime.timestamp) == "2024-02-29 00:00:00")
        #expect(m.map(JapanTime.startOfDay) == m)
        #expect(JapanTime.midnight("2026-02-29") == nil)
        #expect(JapanTime.midnight("2026-13-01") == nil)
        #expect(JapanTime.midnight("2026-1-01") == nil)
        #expect(JapanTime.midnight("１９９９-01-01") == nil)
        #expect(JapanTime.midnight("1999-01-01", years: 2000...2999) == nil)
    }
}
