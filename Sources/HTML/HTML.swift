/// An HTML document fragment as a value. Text and attribute values are escaped when rendered;
/// the only way to emit markup verbatim is the loudly named `unsafeRaw`, for trusted constants.
///
/// Views are pure functions returning `HTML`; `render()` produces the bytes.
public indirect enum HTML: Sendable {
    /// An element: `<tag attrs…>children…</tag>` (void elements have no children or end tag).
    case element(String, [Attribute], [HTML])
    /// Text, escaped (`&`, `<`, `>`, `"`, `'`).
    case text(String)
    /// Several nodes in a row.
    case fragment([HTML])
    /// Markup written out as is. Only for constants written in this codebase, never for data.
    case unsafeRaw(String)

    /// One attribute; a `nil` value renders as a bare boolean attribute (`disabled`).
    public struct Attribute: Sendable {
        public let name: String
        public let value: String?
        public init(_ name: String, _ value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// Elements without end tag (HTML Living Standard §13.1.2).
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                            "source", "track", "wbr"]

    /// The rendered markup.
    public func render() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    /// A whole document: `<!DOCTYPE html>` then `self`.
    public func document() -> String { "<!DOCTYPE html>" + render() }

    private func write(into out: inout String) {
        switch self {
        case .text(let s): out += HTML.escape(s)
        case .unsafeRaw(let s): out += s
        case .fragment(let nodes): for n in nodes { n.write(into: &out) }
        case .element(let tag, let attrs, let children):
            out += "<" + tag
            for a in attrs {
                out += " " + a.name
                if let v = a.value { out += "=\"" + HTML.escape(v) + "\"" }
            }
            out += ">"
            if HTML.voidElements.contains(tag) { return }
            for c in children { c.write(into: &out) }
            out += "</" + tag + ">"
        }
    }

    /// Escapes text for element content and quoted attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension HTML: ExpressibleByStringLiteral {
    /// A string literal is escaped text.
    public init(stringLiteral value: String) { self = .text(value) }
}
