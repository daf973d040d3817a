#if canImport(Glibc)
import Glibc
#endif

/// The text encodings an export or an import may use: UTF-8 (with a byte-order mark on export,
/// so Excel opens it as UTF-8) or Shift_JIS as Windows writes it (CP932), through glibc's iconv.
enum ExportEncoding: String, CaseIterable, Sendable {
    case utf8
    case sjis

    /// The `charset` of the download's content type.
    var charset: String { self == .utf8 ? "utf-8" : "Shift_JIS" }

    /// The bytes every file of this encoding starts with (the UTF-8 BOM, EF BB BF).
    var preamble: [UInt8] { self == .utf8 ? [0xEF, 0xBB, 0xBF] : [] }

    /// glibc's name of Windows' Shift_JIS (NEC and IBM extensions, the ones Excel writes).
    static let sjisName = "CP932"
}

/// Converts text between UTF-8 and CP932 with one iconv handle (not thread-safe: one per stream).
final class ShiftJISConverter {
    private let handle: iconv_t
    private let toSJIS: Bool

    /// A converter UTF-8 → CP932 (`toSJIS`) or CP932 → UTF-8; nil if glibc lacks CP932.
    init?(toSJIS: Bool) {
        let h = toSJIS ? iconv_open(ExportEncoding.sjisName, "UTF-8") : iconv_open("UTF-8", ExportEncoding.sjisName)
        guard let h, Int(bitPattern: h) != -1 else { return nil }
        handle = h
        self.toSJIS = toSJIS
    }

    deinit { iconv_close(handle) }

    /// UTF-8 text as CP932; a character CP932 cannot hold becomes `?`.
    func encode(_ text: String) -> [UInt8] {
        precondition(toSJIS, "web: converter direction")
        var input = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var start = 0
        while start < input.count {
            let (consumed, bytes, stopped) = run(&input, from: start)
            out += bytes
            start += consumed
            if stopped {
                // Unmappable (EILSEQ): one '?' for the whole UTF-8 sequence.
                out.append(0x3F)
                start += Self.utf8Length(input[start])
            }
        }
        return out
    }

    /// CP932 bytes as text; nil when they are not valid CP932.
    func decode(_ bytes: [UInt8]) -> String? {
        precondition(!toSJIS, "web: converter direction")
        var input = bytes
        let (consumed, out, stopped) = run(&input, from: 0)
        guard !stopped, consumed == input.count else { return nil }
        return String(validating: out, as: UTF8.self)
    }

    /// Converts `input[from...]` until the end or the first invalid/unmappable sequence.
    /// Returns the bytes consumed, the bytes made, and whether it stopped early.
    private func run(_ input: inout [UInt8], from: Int) -> (Int, [UInt8], Bool) {
        _ = iconv(handle, nil, nil, nil, nil)   // reset the shift state
        var made: [UInt8] = []
        var consumed = 0
        var stopped = false
        let total = input.count - from
        var buffer = [UInt8](repeating: 0, count: max(64, total * 4))
        input.withUnsafeMutableBytes { inRaw in
            buffer.withUnsafeMutableBytes { outRaw in
                var inPtr: UnsafeMutablePointer<CChar>? = inRaw.baseAddress!.advanced(by: from).assumingMemoryBound(to: CChar.self)
                var inLeft = total
                var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                let rc = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                if rc == -1 && inLeft > 0 { stopped = true }
                consumed = total - inLeft
                made = Array(outRaw[0..<(outRaw.count - outLeft)])
            }
        }
        return (consumed, made, stopped)
    }

    /// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte).
    static func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}
