import CQRencode
import Foundation

/// A QR code (ISO/IEC 18004) made by libqrencode, drawn as SVG.
///
/// Byte mode with error correction level M (15 % of the symbol may be damaged — a poster behind
/// glass, a little dirt), the smallest version that fits. The SVG is built from numbers only:
/// no text of the encoded content appears in it, so it can be placed in a page verbatim.
public struct QRCode: Sendable, Equatable {
    /// Why a code could not be made.
    public enum Failure: Error, Equatable {
        /// The content is empty or longer than the largest symbol holds at level M.
        case tooLong(bytes: Int)
        /// libqrencode failed (out of memory).
        case encoder(Int32)
    }

    /// The largest content in bytes: version 40, level M, byte mode (ISO/IEC 18004 table 7).
    public static let maxBytes = 2_331
    /// Light modules around the symbol (ISO/IEC 18004 §6.3.8: at least 4).
    public static let quietZone = 4

    /// The symbol version, 1…40.
    public let version: Int
    /// Modules per side, without the quiet zone (17 + 4 × version).
    public let size: Int
    /// Row-major, `size × size`: true for a dark module.
    public let modules: [Bool]

    /// Encodes `text` as UTF-8 bytes.
    /// - Throws: `Failure.tooLong` for empty content or more than `maxBytes` bytes.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maxBytes else { throw Failure.tooLong(bytes: bytes.count) }
        errno = 0
        // QRcode_encodeData takes a length, so content is never cut at a NUL byte.
        let made = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M)
        }
        guard let code = made else {
            if errno == ERANGE { throw Failure.tooLong(bytes: bytes.count) }
            throw Failure.encoder(errno)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        version = Int(code.pointee.version)
        size = width
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` is dark (outside the symbol: light).
    public func isDark(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// An `<svg>` element: a white square with the quiet zone, then one `<path>` of the dark
    /// modules (horizontal runs merged), one user unit per module, `crispEdges` so that
    /// neighbouring modules leave no hairlines. It scales to its box (CSS sets the size).
    /// Only numbers go into it; the element around it gives the accessible name.
    public func svg() -> String {
        let side = size + 2 * Self.quietZone
        var d = ""
        d.reserveCapacity(size * size)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x, y) else { x += 1; continue }
                var run = 1
                while isDark(x + run, y) { run += 1 }
                d += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 \(side) \(side)\" "
            + "shape-rendering=\"crispEdges\" aria-hidden=\"true\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(d)\"/></svg>"
    }
}
