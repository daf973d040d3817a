import HTML

/// The frame of every page: header with the site name, navigation, language switch; then the
/// content. Works on a phone first (one column) and widens on a desktop.
enum Layout {
    /// Who is signed in, for the header.
    struct Viewer {
        let name: String
        let role: String
        let csrf: String
    }

    /// - Parameters:
    ///   - scripts: classic scripts (deferred); `modules`: ES modules; `styles`: extra style sheets.
    static func page(_ t: Texts, title pageTitle: String, path: String, viewer: Viewer? = nil, content: [HTML],
                     scripts: [String] = [], modules: [String] = [], styles: [String] = []) -> HTML {
        html(["lang": t.lang.rawValue], [
            head([
                meta(["charset": "utf-8"]),
                meta(["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                title(pageTitle + " — " + t["site.name"]),
                link(["rel": "stylesheet", "href": Assets.cssPath]),
            ] + styles.map { link(["rel": "stylesheet", "href": $0]) } + scripts.map { script(src: $0) }
              + modules.map { script(src: $0, module: true) }),
            body([:], [
                header(["class": "top"], [
                    a("/", ["class": "brand"], [.text(t["site.name"])]),
                    nav([:], navigation(t, viewer: viewer) + [
                        a("/lang?to=\(t.lang.other.rawValue)&back=\(percentEncode(path))", ["class": "lang", "lang": t.lang.other.rawValue],
                          [.text(t["lang.switch"])]),
                    ]),
                ]),
                main(["id": "main"], content),
            ]),
        ])
    }

    static func navigation(_ t: Texts, viewer: Viewer?) -> [HTML] {
        guard let viewer else {
            return [a("/admin/", [:], [.text(t["nav.console"])]), a("/api/v1/openapi.json", [:], [.text(t["nav.api"])])]
        }
        return [
            span(["class": "who"], [.text(viewer.name)]),
            form(["method": "post", "action": "/admin/logout", "class": "inline"], [
                input(["type": "hidden", "name": "_csrf", "value": viewer.csrf]),
                button(["type": "submit", "class": "link"], [.text(t["nav.logout"])]),
            ]),
        ]
    }

    /// Percent-encodes a path for a query value (RFC 3986 unreserved characters and `/` kept).
    static func percentEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}

import Foundation
