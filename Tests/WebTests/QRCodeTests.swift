import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Web

@Suite struct QRCodeTests {
    /// ISO/IEC 18004 table 7, level M, byte mode: version 1 holds 14 bytes, version 6 holds 106.
    @Test func smallestVersionThatFitsDecidesTheMatrixSize() throws {
        let short = try QRCode("kippu")
        #expect(short.version == 1)
        #expect(short.size == 21)
        #expect(short.modules.count == 21 * 21)
        let longer = try QRCode(String(repeating: "a", count: 100))
        #expect(longer.version == 6)
        #expect(longer.size == 41)
    }

    @Test func finderPatternsSitInThreeCorners() throws {
        let code = try QRCode("http://127.0.0.1:8080/s/ramen-01?p=abc")
        let n = code.size
        for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            // Dark 7×7 ring, light ring, dark 3×3 centre.
            #expect(code.isDark(ox, oy) && code.isDark(ox + 6, oy + 6))
            #expect(!code.isDark(ox + 1, oy + 1) && !code.isDark(ox + 5, oy + 5))
            #expect(code.isDark(ox + 3, oy + 3) && code.isDark(ox + 2, oy + 4))
        }
        #expect(!code.isDark(-1, 0) && !code.isDark(n, n))
    }

    @Test func svgIsWellFormedWithQuietZoneAndOnePathCoveringEveryDarkModule() throws {
        let code = try QRCode("http://kippu.example/s/ramen-01?p=" + String(repeating: "x", count: 86))
        let svg = code.svg()
        let found = SVGSummary(svg)
        #expect(found.wellFormed)
        #expect(found.root == "svg")
        let side = code.size + 2 * QRCode.quietZone
        #expect(found.attributes["viewBox"] == "0 0 \(side) \(side)")
        #expect(found.attributes["shape-rendering"] == "crispEdges")
        #expect(found.paths.count == 1)
        // Each run is "M x y h w v1 h-w z": the area drawn must equal the dark modules, all
        // inside the quiet zone.
        var area = 0
        let pattern = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/
        for m in found.paths[0].matches(of: pattern) {
            let x = Int(m.1)!, y = Int(m.2)!, w = Int(m.3)!
            #expect(Int(m.4)! == w)
            #expect(x >= QRCode.quietZone && y >= QRCode.quietZone && x + w <= side - QRCode.quietZone && y < side - QRCode.quietZone)
            for dx in 0..<w { #expect(code.isDark(x - QRCode.quietZone + dx, y - QRCode.quietZone)) }
            area += w
        }
        #expect(area == code.modules.filter { $0 }.count)
        // Nothing but numbers and the fixed markup: the content never appears in the SVG.
        #expect(!svg.contains("kippu.example"))
    }

    @Test func rejectsEmptyAndOverLongContent() throws {
        #expect(throws: QRCode.Failure.tooLong(bytes: 0)) { try QRCode("") }
        #expect(throws: QRCode.Failure.tooLong(bytes: QRCode.maxBytes + 1)) {
            try QRCode(String(repeating: "a", count: QRCode.maxBytes + 1))
        }
        // Multi-byte characters count as their UTF-8 bytes.
        #expect(throws: QRCode.Failure.self) { try QRCode(String(repeating: "切", count: 800)) }
        let largest = try QRCode(String(repeating: "a", count: QRCode.maxBytes))
        #expect(largest.version == 40 && largest.size == 177)
    }

    @Test func contentWithNULBytesIsEncodedWhole() throws {
        // A C string would stop at the NUL; the length-taking encoder does not.
        let withNUL = try QRCode("a\u{0}" + String(repeating: "b", count: 20))
        #expect(withNUL.version == 2)
    }
}

/// What XMLParser saw in an SVG document.
final class SVGSummary: NSObject, XMLParserDelegate {
    private(set) var root: String?
    private(set) var attributes: [String: String] = [:]
    private(set) var paths: [String] = []
    private(set) var wellFormed = false

    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        wellFormed = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        if root == nil { root = name; self.attributes = attributes }
        if name == "path" { paths.append(attributes["d"] ?? "") }
    }
}
