import Foundation

/// A fresh temporary directory per test, removed when the value is released.
public final class TempDir {
    public let path: String
    public init() {
        path = NSTemporaryDirectory() + "kippu-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    public func file(_ name: String) -> String { path + "/" + name }
}
