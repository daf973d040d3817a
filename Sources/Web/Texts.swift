/// Interface strings in Japanese and English, looked up by key. Each area of the web keeps its
/// own table (`LayoutTexts`, …); `all` joins them. A key missing from every table is a bug in
/// this codebase: it stops a debug build (the test builds, whose browser tests render the pages
/// in both languages); a release build shows the key rather than stop serving everyone.
public struct Texts: Sendable {
    public let lang: Lang

    /// Every table, in one dictionary: key → (Japanese, English).
    static let all: [String: (ja: String, en: String)] = {
        var out: [String: (ja: String, en: String)] = [:]
        for table in [LayoutTexts.table, ConsoleTexts.table, VerifyTexts.table, WalletTexts.table, StoreTexts.table, ProductTexts.table, OperatorTexts.table, StaffTexts.table] {
            out.merge(table) { a, _ in a }
        }
        return out
    }()

    public init(_ lang: Lang) { self.lang = lang }

    /// The string for `key` in this language.
    public subscript(_ key: String) -> String {
        guard let entry = Texts.all[key] else {
            assertionFailure("web: no text for key \(key)")
            return key
        }
        return lang == .ja ? entry.ja : entry.en
    }

    /// The string for `key` with `{0}`, `{1}`, … replaced by `args`.
    public func format(_ key: String, _ args: String...) -> String {
        var s = self[key]
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }
}

import Foundation
