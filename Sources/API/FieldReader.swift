import Ledger
import Services

/// Reads the members of an application request object, collecting one problem per bad field
/// (so a form can show them all at once) and rejecting members it was not asked about.
struct FieldReader {
    private let object: JSONObject
    private var seen: Set<String> = []
    private(set) var problems: [ServiceError.FieldProblem] = []

    init(_ object: JSONObject) { self.object = object }

    private mutating func value(_ key: String) -> JSONValue? {
        seen.insert(key)
        return object[key]
    }

    private mutating func problem(_ field: String, _ code: String, _ message: String) {
        problems.append(.init(field: field, code: code, message: message))
    }

    /// A string of `minLength…maxLength` Unicode scalars; nil (with a problem) when absent or bad.
    mutating func string(_ key: String, required: Bool = true, minLength: Int = 1, maxLength: Int = 200) -> String? {
        guard let v = value(key) else {
            if required { problem(key, "required", "is required") }
            return nil
        }
        guard case .string(let s) = v else { problem(key, "wrong_type", "must be a string"); return nil }
        let n = s.unicodeScalars.count
        guard n >= minLength, n <= maxLength else {
            problem(key, "bad_length", "must be \(minLength)–\(maxLength) characters"); return nil
        }
        return s
    }

    /// An integer within `range`.
    mutating func int(_ key: String, required: Bool = true, in range: ClosedRange<Int64>) -> Int64? {
        guard let v = value(key) else {
            if required { problem(key, "required", "is required") }
            return nil
        }
        guard case .int(let i) = v else { problem(key, "wrong_type", "must be an integer"); return nil }
        guard range.contains(i) else { problem(key, "out_of_range", "must be between \(range.lowerBound) and \(range.upperBound)"); return nil }
        return i
    }

    /// A boolean.
    mutating func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let v = value(key) else {
            if required { problem(key, "required", "is required") }
            return nil
        }
        guard case .bool(let b) = v else { problem(key, "wrong_type", "must be true or false"); return nil }
        return b
    }

    /// An array of strings, each `1…maxLength` scalars, at most `maxCount` of them.
    mutating func strings(_ key: String, required: Bool = true, maxCount: Int = 100, maxLength: Int = 64) -> [String]? {
        guard let v = value(key) else {
            if required { problem(key, "required", "is required") }
            return nil
        }
        guard case .array(let items) = v, items.count <= maxCount else {
            problem(key, "wrong_type", "must be an array of at most \(maxCount) strings"); return nil
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item, !s.isEmpty, s.unicodeScalars.count <= maxLength else {
                problem("\(key)[\(i)]", "wrong_type", "must be a string of 1–\(maxLength) characters"); return nil
            }
            out.append(s)
        }
        return out
    }

    /// Any JSON object member, unchecked (for nested drafts read by a service).
    mutating func object(_ key: String, required: Bool = false) -> JSONObject? {
        guard let v = value(key) else {
            if required { problem(key, "required", "is required") }
            return nil
        }
        guard case .object(let o) = v else { problem(key, "wrong_type", "must be an object"); return nil }
        return o
    }

    /// Throws `invalid_request` with every problem found, including unknown members.
    mutating func finish() throws {
        for key in object.keys where !seen.contains(key) {
            problem(key, "unknown_field", "is not a field of this request")
        }
        guard problems.isEmpty else {
            throw ServiceError(.invalidRequest, "the request has \(problems.count) invalid field(s)", fields: problems)
        }
    }
}
