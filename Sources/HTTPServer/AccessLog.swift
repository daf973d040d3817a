import Foundation

/// Writes one line per completed request:
/// `2026-12-04T17:44:24.123Z 3f9a1c-000042 127.0.0.1 GET /api/v1/tx/ab 200 1.42ms`.
/// The path is logged as received but WITHOUT the query string (queries may carry proofs or
/// tokens); headers and bodies are never logged.
public final class AccessLog: @unchecked Sendable {
    private let write: @Sendable (String) -> Void

    /// Creates a log that hands each line (without newline) to `write`.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// A log writing to standard error.
    public static func standardError() -> AccessLog {
        let lock = NSLock()
        return AccessLog { line in
            lock.withLock { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
    }

    func record(requestID: String, remoteAddress: String, method: String, path: String, status: Int, milliseconds: Double) {
        var p = path
        if let q = p.firstIndex(of: "?") { p = String(p[..<q]) }
        let line = "\(Self.timestamp()) \(requestID) \(Self.clean(remoteAddress)) \(Self.clean(method)) \(Self.clean(p)) \(status) \(String(format: "%.2f", milliseconds))ms"
        write(line)
    }

    /// Keeps a line a line: spaces and control characters become '_' (no log injection).
    static func clean(_ s: String) -> String {
        if s.isEmpty { return "-" }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value <= 0x20 || $0.value == 0x7F ? "_" : $0 }))
    }

    static func timestamp() -> String {
        var tv = timeval()
        gettimeofday(&tv, nil)
        var t = tv.tv_sec
        var tmv = tm()
        gmtime_r(&t, &tmv)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1,
                      Int(tmv.tm_mday), Int(tmv.tm_hour), Int(tmv.tm_min), Int(tmv.tm_sec), Int(tv.tv_usec / 1000))
    }
}
