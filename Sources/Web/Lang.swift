import HTTPServer

/// The interface language: Japanese first, English second.
public enum Lang: String, Sendable, CaseIterable {
    case ja, en

    /// The cookie that remembers a person's choice.
    static let cookie = "kippu_lang"

    /// The language for `request`: `?lang=` if given, else the remembered choice, else the
    /// first of `Accept-Language` we speak, else Japanese.
    static func of(_ request: HTTPRequest) -> Lang {
        if let q = request.query["lang"], let l = Lang(rawValue: q) { return l }
        if let c = Cookies.parse(request)[cookie], let l = Lang(rawValue: c) { return l }
        for part in (request.headers["Accept-Language"] ?? "").split(separator: ",") {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if tag.hasPrefix("ja") { return .ja }
            if tag.hasPrefix("en") { return .en }
        }
        return .ja
    }

    /// The other language (for the switch).
    var other: Lang { self == .ja ? .en : .ja }
}

import Foundation
