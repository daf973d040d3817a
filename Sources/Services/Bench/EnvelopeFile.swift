import Foundation

/// A file of envelopes, each as a 4-byte big-endian length and the JCS bytes; written and read
/// sequentially so benchmarks never hold a million transactions in memory.
final class EnvelopeFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var offset = 0

    private init(handle: FileHandle) { self.handle = handle }

    /// Creates (truncates) a file for writing.
    static func create(_ path: String) throws -> EnvelopeFile {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: path) else { throw KeyFileError("cannot create \(path)") }
        return EnvelopeFile(handle: h)
    }

    /// Opens a file for reading.
    static func open(_ path: String) throws -> EnvelopeFile {
        guard let h = FileHandle(forReadingAtPath: path) else { throw KeyFileError("cannot read \(path)") }
        return EnvelopeFile(handle: h)
    }

    /// Buffers one envelope; `flush()` writes.
    func append(_ bytes: [UInt8]) {
        let n = UInt32(bytes.count)
        buffer += [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)]
        buffer += bytes
        if buffer.count > 1 << 20 { flush() }
    }

    func flush() {
        if !buffer.isEmpty { handle.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
    }

    /// The next envelope, or nil at the end of the file.
    func next() -> [UInt8]? {
        if buffer.count - offset < 4 { refill() }
        guard buffer.count - offset >= 4 else { return nil }
        let n = Int(buffer[offset]) << 24 | Int(buffer[offset + 1]) << 16 | Int(buffer[offset + 2]) << 8 | Int(buffer[offset + 3])
        if buffer.count - offset < 4 + n { refill() }
        guard buffer.count - offset >= 4 + n else { return nil }
        let out = Array(buffer[(offset + 4)..<(offset + 4 + n)])
        offset += 4 + n
        return out
    }

    private func refill() {
        buffer.removeFirst(offset)
        offset = 0
        let more = handle.readData(ofLength: 1 << 20)
        buffer += more
    }

    func close() {
        flush()
        try? handle.close()
    }
}
