import Ledger

/// Reads a JSON object field by field for a draft, collecting a `FieldProblem` for every bad,
/// missing or unknown field instead of stopping at the first, so a form can mark them all.
///
/// Limits match the ledger's (PROTOCOL §1–2): identifiers `^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`,
/// integers within ±(2^53−1), text without control characters other than tab and newline.
public struct DraftReader {
    private let object: JSONObject
    /// The path of this object inside the request (`""` at the top, `validity.` inside).
    private let prefix: String
    private var known: Set<String> = []
    /// Problems found so far (nested readers append theirs through `absorb`).
    public private(set) var problems: [ServiceError.FieldProblem] = []

    /// A reader of `object`; `prefix` names its place inside the request (`validity.`).
    public init(_ object: JSONObject, prefix: String = "") { self.object = object; self.prefix = prefix }

    /// The full name of a field for a problem report.
    public func path(_ key: String) -> String { prefix + key }

    /// Records a problem with `key`.
    public mutating func problem(_ key: String, _ code: String, _ message: String) {
        problems.append(ServiceError.FieldProblem(field: path(key), code: code, message: message))
    }

    /// Takes over a nested reader's problems.
    public mutating func absorb(_ nested: DraftReader) { problems += nested.problems }

    /// The raw value (marks the key as known); reports `required` if missing and required.
    public mutating func raw(_ key: String, required: Bool) -> JSONValue? {
        known.insert(key)
        guard let v = object[key] else {
            if required { problem(key, "required", "is required") }
            return nil
        }
        return v
    }

    public mutating func id(_ key: String, required: Bool = true) -> String? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .string(let s) = v else { problem(key, "bad_type", "must be a string"); return nil }
        guard Identifier.isValid(s) else {
            problem(key, "bad_format", "must be 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit")
            return nil
        }
        return s
    }

    public mutating func text(_ key: String, max: Int, required: Bool = true, allowEmpty: Bool = false) -> String? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .string(let s) = v else { problem(key, "bad_type", "must be a string"); return nil }
        return checkText(s, key: key, max: max, allowEmpty: allowEmpty) ? s : nil
    }

    mutating func checkText(_ s: String, key: String, max: Int, allowEmpty: Bool) -> Bool {
        let scalars = s.unicodeScalars
        if scalars.isEmpty && !allowEmpty { problem(key, "required", "must not be empty"); return false }
        if scalars.count > max { problem(key, "too_long", "must be at most \(max) characters"); return false }
        if scalars.contains(where: { ($0.value < 0x20 && $0.value != 0x09 && $0.value != 0x0A) || $0.value == 0x7F }) {
            problem(key, "bad_format", "must not contain control characters"); return false
        }
        return true
    }

    public mutating func int(_ key: String, min: Int64 = 0, max: Int64 = JSONValue.maxSafeInteger, required: Bool = true) -> Int64? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .int(let i) = v else { problem(key, "bad_type", "must be an integer"); return nil }
        guard i >= min && i <= max else { problem(key, "out_of_range", "must be from \(min) to \(max)"); return nil }
        return i
    }

    public mutating func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .bool(let b) = v else { problem(key, "bad_type", "must be true or false"); return nil }
        return b
    }

    public mutating func object(_ key: String, required: Bool = true) -> JSONObject? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .object(let o) = v else { problem(key, "bad_type", "must be an object"); return nil }
        return o
    }

    public mutating func array(_ key: String, maxCount: Int, required: Bool = true) -> [JSONValue]? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .array(let a) = v else { problem(key, "bad_type", "must be an array"); return nil }
        guard a.count <= maxCount else { problem(key, "too_long", "must have at most \(maxCount) entries"); return nil }
        return a
    }

    /// A list of distinct identifiers.
    public mutating func ids(_ key: String, maxCount: Int, required: Bool = true, allowEmpty: Bool = true) -> [String]? {
        guard let a = array(key, maxCount: maxCount, required: required) else { return nil }
        if a.isEmpty && !allowEmpty { problem(key, "required", "must not be empty"); return nil }
        var out: [String] = []
        var ok = true
        for (i, v) in a.enumerated() {
            guard case .string(let s) = v, Identifier.isValid(s) else {
                problem("\(key)[\(i)]", "bad_format", "must be an identifier"); ok = false; continue
            }
            if out.contains(s) { problem("\(key)[\(i)]", "duplicate", "repeats \"\(s)\""); ok = false; continue }
            out.append(s)
        }
        return ok ? out : nil
    }

    /// Attributes: an object of string, integer or boolean values (at most 64).
    /// Missing means no attributes; present but bad means a problem (and nil).
    public mutating func attrs(_ key: String) -> JSONObject? {
        guard object[key] != nil else { known.insert(key); return JSONObject() }
        guard let o = object(key) else { return nil }
        guard o.members.count <= 64 else { problem(key, "too_long", "must have at most 64 attributes"); return nil }
        var ok = true
        for m in o.members {
            let field = "\(key).\(m.key)"
            if m.key.unicodeScalars.isEmpty || m.key.unicodeScalars.count > 64 {
                problem(field, "bad_format", "attribute names are 1–64 characters"); ok = false; continue
            }
            switch m.value {
            case .string(let s): if !checkText(s, key: field, max: 200, allowEmpty: true) { ok = false }
            case .int, .bool: break
            default: problem(field, "bad_type", "must be a string, an integer or a boolean"); ok = false
            }
        }
        return ok ? o : nil
    }

    /// Reports every member nobody asked for.
    public mutating func finish() {
        for m in object.members where !known.contains(m.key) {
            problems.append(ServiceError.FieldProblem(field: path(m.key), code: "unknown_field", message: "is not a known field"))
        }
    }

    /// Throws `invalid_request` carrying every problem, if there are any.
    public static func check(_ problems: [ServiceError.FieldProblem], what: String) throws {
        guard !problems.isEmpty else { return }
        let list = problems.map(\.field).joined(separator: ", ")
        throw ServiceError(.invalidRequest, "the \(what) has \(problems.count) invalid field(s): \(list)", fields: problems)
    }

    /// Reports unknown members, then throws `invalid_request` with every problem, if any.
    public mutating func done(_ what: String = "request") throws {
        finish()
        try Self.check(problems, what: what)
    }
}
