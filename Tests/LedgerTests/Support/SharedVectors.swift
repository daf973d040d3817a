import Foundation
import Testing
@testable import Ledger

/// The protocol's shared test vectors (`shared/spec/vectors.json`, made by an independent
/// implementation). Read from the shared specification beside the repository when present,
/// else from the copy in `Tests/LedgerTests/Vectors/`; when both exist they must be identical.
enum SharedVectors {
    static let repoCopy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/vectors.json")
    static let sharedSpec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/spec/vectors.json")

    /// The raw bytes: the shared specification's file if it exists, else the repository copy.
    static func bytes() throws -> [UInt8] {
        if let shared = FileManager.default.contents(atPath: sharedSpec.path) { return [UInt8](shared) }
        let copy = try #require(FileManager.default.contents(atPath: repoCopy.path), "vectors.json not found at \(repoCopy.path)")
        return [UInt8](copy)
    }

    /// The vectors as a JSON object, parsed with our own strict parser.
    static func load() throws -> JSONObject {
        let value = try JCS.parse(try bytes(), maxBytes: 1 << 20)
        return try #require(value.objectValue)
    }
}

/// Typed access for test code: traps with a clear message when a vector is missing.
extension JSONValue {
    subscript(_ key: String) -> JSONValue {
        guard case .object(let o) = self, let v = o[key] else { preconditionFailure("vectors: missing \"\(key)\"") }
        return v
    }
    subscript(_ i: Int) -> JSONValue {
        guard case .array(let a) = self, a.indices.contains(i) else { preconditionFailure("vectors: missing [\(i)]") }
        return a[i]
    }
    var s: String { stringValue ?? { preconditionFailure("vectors: not a string") }() }
    var i: Int64 { intValue ?? { preconditionFailure("vectors: not an integer") }() }
    var list: [JSONValue] { arrayValue ?? { preconditionFailure("vectors: not an array") }() }
}
