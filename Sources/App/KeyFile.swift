import Crypto
import Foundation

/// Key files (PROTOCOL §5): one line holding the base64url of the 32-byte Ed25519 seed,
/// file mode 0600.
public enum KeyFile {
    /// Errors reading or writing key files; messages never contain key material.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `key`'s seed to a new file at `path` with mode 0600; refuses to overwrite.
    public static func write(_ key: SigningKey, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "file exists (refusing to overwrite a key)" : String(cString: strerror(errno))
            throw Failure(description: "cannot create \(path): \(reason)")
        }
        defer { close(fd) }
        // open() honours the umask; make the mode exactly 0600.
        guard fchmod(fd, 0o600) == 0 else { throw Failure(description: "cannot set mode 0600 on \(path)") }
        let line = Array((Base64URL.encode(key.seed) + "\n").utf8)
        let written = line.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else { throw Failure(description: "cannot write \(path)") }
    }

    /// Reads a key file written by `write` (or by any tool following PROTOCOL §5).
    public static func read(from path: String) throws -> SigningKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read key file \(path)")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        guard let seed = try? Base64URL.decode(text), seed.count == 32, let key = try? SigningKey(seed: seed) else {
            throw Failure(description: "\(path) is not a key file (expected one line: base64url of a 32-byte seed)")
        }
        return key
    }
}
