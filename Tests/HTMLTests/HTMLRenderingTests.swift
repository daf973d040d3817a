import Testing
@testable import HTML

/// HTML values escape text and attribute values; only `unsafeRaw` passes markup through.
@Suite struct HTMLRenderingTests {
    @Test func textAndAttributesAreEscaped() {
        let node = div(["class": "x\" onmouseover=\"alert(1)"], [.text("<script>alert('x') & co</script>")])
        #expect(node.render() == "<div class=\"x&quot; onmouseover=&quot;alert(1)\">&lt;script&gt;alert(&#39;x&#39;) &amp; co&lt;/script&gt;</div>")
    }

    @Test func voidElementsHaveNoEndTagAndBooleanAttributesNoValue() {
        #expect(input(["name": "a", "required": nil]).render() == "<input name=\"a\" required>")
        #expect(el("br").render() == "<br>")
    }

    @Test func unsafeRawIsTheOnlyVerbatimPathAndDocumentsStartWithTheDoctype() {
        let page = html(["lang": "ja"], [body([:], [.unsafeRaw("<b>ok</b>"), "切符 <x>"])])
        #expect(page.document() == "<!DOCTYPE html><html lang=\"ja\"><body><b>ok</b>切符 &lt;x&gt;</body></html>")
    }
}
