import CMicroHTTPD
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking IPv4 TCP client speaking just enough HTTP/1.1 for the load generator and tests.
final class RawHTTPConnection {
    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port`; reads time out after `timeout` seconds.
    init(host: String, port: UInt16, timeout: Double = 10) throws {
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &sin.sin_addr) == 1 else { throw Failure(description: "bad host \(host)") }
        let fd = socket(AF_INET, kippu_sock_stream(), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        self.fd = fd
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let rc = withUnsafePointer(to: &sin) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 {
            let e = errno
            close(fd)
            throw Failure(description: "connect \(host):\(port): errno \(e)")
        }
    }

    deinit { closeNow() }

    /// Closes the socket now (once; the descriptor number may be reused at once by others).
    func closeNow() {
        if fd >= 0 { close(fd); fd = -1 }
    }

    /// The local port of this connection (tells connections apart in tests).
    var localPort: UInt16 {
        var sin = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &sin) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return UInt16(bigEndian: sin.sin_port)
    }

    /// Writes all bytes; false if the peer is gone.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    @discardableResult
    func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    /// Reads more bytes into the buffer; 0 at EOF, -1 on error or timeout.
    func fill() -> Int {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { buffer.append(contentsOf: chunk[..<n]) }
        return n
    }

    /// Reads until the peer closes (or timeout); returns everything received. `closed` is false on timeout.
    func readToEnd() -> (bytes: [UInt8], closed: Bool) {
        while true {
            let n = fill()
            if n == 0 { return (takeAll(), true) }
            if n < 0 { return (takeAll(), errno == ECONNRESET) }
        }
    }

    func takeAll() -> [UInt8] {
        defer { buffer = [] }
        return buffer
    }

    /// Bytes received so far and not consumed.
    var buffered: [UInt8] { buffer }

    /// Sends a request with Content-Length framing.
    func sendRequest(method: String, path: String, headers: [(String, String)] = [], body: [UInt8] = []) -> Bool {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        for (n, v) in headers { head += "\(n): \(v)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return write(Array(head.utf8) + body)
    }

    /// Reads one response (Content-Length, chunked, or until close).
    func readResponse(head: Bool = false) throws -> Response {
        var end: Int?
        while end == nil {
            end = Self.find(buffer, [13, 10, 13, 10])
            if end == nil && fill() <= 0 { throw Failure(description: "connection closed before a response head") }
        }
        let headBytes = Array(buffer[..<end!])
        buffer.removeFirst(end! + 4)
        let lines = String(decoding: headBytes, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let c = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<c]), line[line.index(after: c)...].trimmingCharacters(in: .whitespaces))
        }
        if head || status == 204 || status == 304 || (100..<200).contains(status) {
            return Response(status: status, headers: headers, body: [])
        }
        if let cl = headers["Content-Length"], let n = Int(cl) {
            while buffer.count < n { if fill() <= 0 { throw Failure(description: "short body") } }
            let body = Array(buffer[..<n])
            buffer.removeFirst(n)
            return Response(status: status, headers: headers, body: body)
        }
        if headers["Transfer-Encoding"]?.lowercased() == "chunked" {
            var body: [UInt8] = []
            while true {
                var lineEnd = Self.find(buffer, [13, 10])
                while lineEnd == nil { if fill() <= 0 { throw Failure(description: "short chunk") }; lineEnd = Self.find(buffer, [13, 10]) }
                let sizeText = String(decoding: buffer[..<lineEnd!], as: UTF8.self).split(separator: ";")[0]
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw Failure(description: "bad chunk") }
                buffer.removeFirst(lineEnd! + 2)
                while buffer.count < size + 2 { if fill() <= 0 { throw Failure(description: "short chunk") } }
                body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { return Response(status: status, headers: headers, body: body) }
            }
        }
        let rest = readToEnd().bytes
        return Response(status: status, headers: headers, body: rest)
    }

    static func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}
