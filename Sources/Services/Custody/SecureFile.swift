import Foundation

/// Files readable by the owner only (mode 0600), written durably.
public enum SecureFile {
    /// Creates a new file; refuses to overwrite.
    public static func create(_ path: String, contents: [UInt8]) throws {
        try write(path, contents: contents, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
    }

    /// Replaces a file atomically: temporary file, fsync, rename.
    public static func replace(_ path: String, contents: [UInt8]) throws {
        let temp = path + ".tmp-\(getpid())"
        try? FileManager.default.removeItem(atPath: temp)
        try write(temp, contents: contents, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
        guard rename(temp, path) == 0 else {
            throw KeyFileError("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func write(_ path: String, contents: [UInt8], flags: Int32) throws {
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "file exists (refusing to overwrite a key)" : String(cString: strerror(errno))
            throw KeyFileError("cannot create \(path): \(reason)")
        }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw KeyFileError("cannot set mode 0600 on \(path)") }
        let written = contents.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(fd) == 0 else { throw KeyFileError("cannot write \(path)") }
    }

    /// The whole file.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw KeyFileError("cannot read \(path)") }
        return [UInt8](data)
    }

    /// The file's first line, without its newline.
    public static func readLine(_ path: String) throws -> String {
        var text = String(decoding: try read(path), as: UTF8.self)
        if let nl = text.firstIndex(of: "\n") { text = String(text[..<nl]) }
        return text
    }
}
