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

    /// `yyyy-MM-dd HH:mm:ss` in JST for ms since the epoch.
    static func jst(_ ms: Int64) -> String { JapanTime.timestamp(ms) }

    /// `yyyy-MM-dd` in JST for ms since the epoch.
    static func jstDate(_ ms: Int64) -> String { JapanTime.date(ms) }

    /// The first ms of JST day `yyyy-MM-dd`, or nil when it is not a real date from 2000 to 2999.
    static func jstMidnight(_ text: String) -> Int64? { JapanTime.midnight(text, years: 2000...2999) }
}
