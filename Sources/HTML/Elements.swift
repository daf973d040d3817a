/// Element constructors: `div(["class": "card"], [h2("…"), p("…")])`.
/// Attributes are given as `(name, value)` pairs in order; a nil value is a boolean attribute.
public typealias Attrs = KeyValuePairs<String, String?>

@inline(__always) func attrs(_ a: Attrs) -> [HTML.Attribute] { a.map { HTML.Attribute($0.key, $0.value) } }

/// Any element.
public func el(_ tag: String, _ a: Attrs = [:], _ children: [HTML] = []) -> HTML { .element(tag, attrs(a), children) }

public func html(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("html", a, c) }
public func head(_ c: [HTML]) -> HTML { el("head", [:], c) }
public func body(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("body", a, c) }
public func title(_ t: String) -> HTML { el("title", [:], [.text(t)]) }
public func meta(_ a: Attrs) -> HTML { el("meta", a) }
public func link(_ a: Attrs) -> HTML { el("link", a) }
public func script(src: String, module: Bool = false) -> HTML {
    module ? el("script", ["type": "module", "src": src]) : el("script", ["src": src, "defer": nil])
}
public func div(_ a: Attrs = [:], _ c: [HTML] = []) -> HTML { el("div", a, c) }
public func span(_ a: Attrs = [:], _ c: [HTML] = []) -> HTML { el("span", a, c) }
public func p(_ a: Attrs = [:], _ c: [HTML] = []) -> HTML { el("p", a, c) }
public func p(_ text: String) -> HTML { el("p", [:], [.text(text)]) }
public func h1(_ text: String) -> HTML { el("h1", [:], [.text(text)]) }
public func h2(_ text: String) -> HTML { el("h2", [:], [.text(text)]) }
public func h3(_ text: String) -> HTML { el("h3", [:], [.text(text)]) }
public func a(_ href: String, _ a: Attrs = [:], _ c: [HTML]) -> HTML {
    .element("a", [HTML.Attribute("href", href)] + attrs(a), c)
}
public func ul(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("ul", a, c) }
public func li(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("li", a, c) }
public func nav(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("nav", a, c) }
public func header(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("header", a, c) }
public func main(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("main", a, c) }
public func footer(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("footer", a, c) }
public func section(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("section", a, c) }
public func form(_ a: Attrs, _ c: [HTML]) -> HTML { el("form", a, c) }
public func label(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("label", a, c) }
public func input(_ a: Attrs) -> HTML { el("input", a) }
public func button(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("button", a, c) }
public func select(_ a: Attrs, _ c: [HTML]) -> HTML { el("select", a, c) }
public func option(_ value: String, _ text: String, selected: Bool = false) -> HTML {
    .element("option", [HTML.Attribute("value", value)] + (selected ? [HTML.Attribute("selected", nil)] : []), [.text(text)])
}
public func textarea(_ a: Attrs, _ text: String) -> HTML { el("textarea", a, [.text(text)]) }
public func table(_ a: Attrs = [:], _ c: [HTML]) -> HTML { el("table", a, c) }
public func tr(_ c: [HTML]) -> HTML { el("tr", [:], c) }
public func th(_ text: String) -> HTML { el("th", [:], [.text(text)]) }
public func td(_ c: [HTML]) -> HTML { el("td", [:], c) }
public func td(_ text: String) -> HTML { el("td", [:], [.text(text)]) }
public func strong(_ text: String) -> HTML { el("strong", [:], [.text(text)]) }
public func img(_ a: Attrs) -> HTML { el("img", a) }
