import Foundation
import Ledger
import Services
import Store

/// One valid row of a store import: the store to register and the line it came from.
struct ImportRow: Sendable {
    let line: Int
    let draft: StoreDraft
}

/// Something wrong with one row (or, at line 0, with the whole file). `code` picks the message
/// (`import.problem.<code>` in the page's language); `detail` fills its `{0}`.
struct ImportProblem: Sendable, Equatable {
    let line: Int
    let field: String
    let code: String
    var detail: String = ""
}

/// Reads and checks a CSV of stores: `store,merchant,name,industry,city` per line (RFC 4180
/// fields; a header line starting with `store` or `店舗ID` is skipped; blank lines too).
///
/// Lines are split on LF before decoding, which is safe in UTF-8 and in Shift_JIS alike (0x0A
/// is never part of a multi-byte character there), so a badly encoded line is reported by its
/// number and the others are still checked. A quoted field cannot span lines. Every problem of
/// every row is reported; nothing is registered here.
enum ImportStoreCSV {
    /// The columns, in order.
    static let columns = ["store", "merchant", "name", "industry", "city"]
    /// The most rows one file may hold.
    static let maxRows = 20_000

    /// How the file's bytes are to be read.
    enum Choice: String, CaseIterable, Sendable {
        case auto, utf8, sjis
    }

    /// The rows that can be registered, the problems, and the encoding used.
    struct Result: Sendable {
        var rows: [ImportRow] = []
        var problems: [ImportProblem] = []
        var encoding: ExportEncoding = .utf8
        /// Data lines read (without header and blank lines).
        var lines = 0
    }

    /// Parses `bytes` and checks each row against itself, the rest of the file and the ledger.
    static func check(_ bytes: [UInt8], choice: Choice, reader: LedgerReadPool) throws -> Result {
        var result = Result()
        var data = bytes[...]
        let hasBOM = data.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { data = data.dropFirst(3) }
        switch choice {
        case .utf8: result.encoding = .utf8
        case .sjis: result.encoding = .sjis
        case .auto:
            // A BOM or valid UTF-8 means UTF-8; otherwise valid CP932 means Shift_JIS.
            if hasBOM || String(validating: Array(data), as: UTF8.self) != nil { result.encoding = .utf8 }
            else if ShiftJISConverter(toSJIS: false)?.decode(Array(data)) != nil { result.encoding = .sjis }
        }
        let converter = result.encoding == .sjis ? ShiftJISConverter(toSJIS: false) : nil
        var parsed: [(line: Int, fields: [String])] = []
        var sawHeader = false
        for (i, raw) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            var bytes = Array(raw)
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let text = converter.map { $0.decode(bytes) } ?? String(validating: bytes, as: UTF8.self)
            guard let text else {
                result.problems.append(ImportProblem(line: line, field: "-", code: "encoding"))
                result.lines += 1
                continue
            }
            guard let fields = fields(text) else {
                result.problems.append(ImportProblem(line: line, field: "-", code: "quote"))
                result.lines += 1
                continue
            }
            if !sawHeader && parsed.isEmpty && result.problems.isEmpty {
                sawHeader = true
                let first = fields[0].lowercased()
                if first == "store" || first == "store_id" || first == "店舗id" { continue }
            }
            result.lines += 1
            if result.lines > maxRows {
                return Result(problems: [ImportProblem(line: 0, field: "-", code: "tooMany", detail: String(maxRows))], encoding: result.encoding)
            }
            parsed.append((line, fields))
        }
        if result.lines == 0 { result.problems.append(ImportProblem(line: 0, field: "-", code: "empty")) }
        try reader.read { store in
            var seen: [String: Int] = [:]
            var merchants: [String: Bool] = [:]
            for (line, f) in parsed {
                var problems: [ImportProblem] = []
                guard f.count == columns.count else {
                    result.problems.append(ImportProblem(line: line, field: "-", code: "columns", detail: String(f.count)))
                    continue
                }
                let (id, merchant, name, industry, city) = (f[0], f[1], f[2], f[3], f[4])
                if !Identifier.isValid(id) {
                    problems.append(ImportProblem(line: line, field: "store", code: "badId"))
                } else if let first = seen[id] {
                    problems.append(ImportProblem(line: line, field: "store", code: "duplicateInFile", detail: String(first)))
                } else {
                    seen[id] = line
                    if try store.store(id) != nil { problems.append(ImportProblem(line: line, field: "store", code: "duplicateOnLedger")) }
                }
                if !Identifier.isValid(merchant) {
                    problems.append(ImportProblem(line: line, field: "merchant", code: "badId"))
                } else {
                    let known = try merchants[merchant] ?? (store.merchant(merchant) != nil)
                    merchants[merchant] = known
                    if !known { problems.append(ImportProblem(line: line, field: "merchant", code: "unknownMerchant", detail: merchant)) }
                }
                if let code = textProblem(name, max: 200, required: true) {
                    problems.append(ImportProblem(line: line, field: "name", code: code, detail: "200"))
                }
                if !Identifier.isValid(industry) { problems.append(ImportProblem(line: line, field: "industry", code: "badId")) }
                if let code = textProblem(city, max: 100, required: false) {
                    problems.append(ImportProblem(line: line, field: "city", code: code, detail: "100"))
                }
                if problems.isEmpty {
                    var attrs = JSONObject()
                    if !city.isEmpty { attrs = JSONObject([("city", .string(city))]) ?? attrs }
                    result.rows.append(ImportRow(line: line, draft: StoreDraft(store: id, merchant: merchant, name: name,
                                                                               industry: industry, attrs: attrs)))
                } else {
                    result.problems += problems
                }
            }
        }
        return result
    }

    /// `required`, `tooLong` or `badText` for a bad name or city; nil when fine.
    static func textProblem(_ s: String, max: Int, required: Bool) -> String? {
        if s.isEmpty { return required ? "required" : nil }
        if s.unicodeScalars.count > max { return "tooLong" }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "badText" }
        return nil
    }

    /// The fields of one CSV record (RFC 4180 §2: commas, double-quoted fields with `""` for a
    /// quote); spaces around an unquoted field are dropped. nil for a quote left open or stray text
    /// after a closing quote.
    static func fields(_ line: String) -> [String]? {
        var out: [String] = []
        var field = ""
        var quoted = false, inQuotes = false, afterQuote = false
        var chars = Array(line)[...]
        while let ch = chars.popFirst() {
            if inQuotes {
                if ch == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false; afterQuote = true }
                } else {
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case ",":
                out.append(quoted ? field : field.trimmingCharacters(in: .whitespaces))
                field = ""; quoted = false; afterQuote = false
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty && !quoted:
                field = ""; quoted = true; inQuotes = true
            default:
                if afterQuote { if ch == " " || ch == "\t" { continue }; return nil }
                field.append(ch)
            }
        }
        if inQuotes { return nil }
        out.append(quoted ? field : field.trimmingCharacters(in: .whitespaces))
        return out
    }
}
