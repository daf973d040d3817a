import CMicroHTTPD
import Foundation

// libmicrohttpd callbacks: global functions (never closures in main.swift, which would be
// main-actor isolated and trap on MHD threads); the server arrives through `cls` unretained,
// the per-request `Exchange` through `*con_cls`, retained from the URI callback until completion.

/// URI callback: the first thing MHD tells us about a request; creates its `Exchange`.
func mhdURILog(_ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?, _ connection: OpaquePointer?) -> UnsafeMutableRawPointer? {
    let server = Unmanaged<HTTPServer>.fromOpaque(cls!).takeUnretainedValue()
    let ex = server.begin(target: uri.map { String(cString: $0) } ?? "/", connection: connection)
    return Unmanaged.passRetained(ex).toOpaque()
}

func mhdAccessHandler(_ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
                      _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?,
                      _ upload: UnsafePointer<CChar>?, _ uploadSize: UnsafeMutablePointer<Int>?,
                      _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> MHD_Result {
    guard let cls, let connection, let uploadSize, let ctx = conCls?.pointee else { return .NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
    let ex = Unmanaged<Exchange>.fromOpaque(ctx).takeUnretainedValue()
    return server.process(ex, connection: connection, method: method.map { String(cString: $0) } ?? "",
                          version: version.map { String(cString: $0) } ?? "", upload: upload, uploadSize: uploadSize)
}

func mhdRequestCompleted(_ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
                         _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ toe: MHD_RequestTerminationCode) {
    guard let cls, let ctx = conCls?.pointee else { return }
    conCls?.pointee = nil
    let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
    let ex = Unmanaged<Exchange>.fromOpaque(ctx).takeRetainedValue()
    server.complete(ex)
}

/// Content reader of an event stream: bytes if any, end of stream once closed, else suspend.
func mhdStreamRead(_ cls: UnsafeMutableRawPointer?, _ pos: UInt64, _ buf: UnsafeMutablePointer<CChar>?, _ max: Int) -> Int {
    guard let cls, let buf else { return -2 }
    let reader = Unmanaged<StreamReader>.fromOpaque(cls).takeUnretainedValue()
    return reader.stream.read(into: UnsafeMutableRawPointer(buf), max: max,
                              suspend: { MHD_suspend_connection(reader.connection) },
                              wake: { MHD_resume_connection(reader.connection) })
}

func mhdStreamFree(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    let reader = Unmanaged<StreamReader>.fromOpaque(cls).takeRetainedValue()
    reader.stream.clientGone()
}

/// Content reader of a byte stream: buffered bytes, end, error, or suspend until the producer
/// has made the next chunk.
func mhdByteStreamRead(_ cls: UnsafeMutableRawPointer?, _ pos: UInt64, _ buf: UnsafeMutablePointer<CChar>?, _ max: Int) -> Int {
    guard let cls, let buf else { return -2 }
    let reader = Unmanaged<ByteStreamReader>.fromOpaque(cls).takeUnretainedValue()
    return reader.stream.read(into: UnsafeMutableRawPointer(buf), max: max,
                              suspend: { MHD_suspend_connection(reader.connection) },
                              wake: { MHD_resume_connection(reader.connection) })
}

func mhdByteStreamFree(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    let reader = Unmanaged<ByteStreamReader>.fromOpaque(cls).takeRetainedValue()
    reader.stream.clientGone()
}
