/// HTTP header fields: names compare case-insensitively, order and duplicates are kept.
public struct HTTPHeaders: Sendable, Sequence {
    /// One header field.
    public typealias Element = (name: String, value: String)

    private var storage: [(name: String, value: String)]

    /// Creates headers from name/value pairs, in order.
    public init(_ pairs: [(String, String)] = []) {
        storage = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name`; setting replaces every value (nil removes the field).
    public subscript(name: String) -> String? {
        get { storage.first { Self.same($0.name, name) }?.value }
        set {
            if let newValue {
                if let i = storage.firstIndex(where: { Self.same($0.name, name) }) {
                    storage[i].value = newValue
                    var j = storage.count - 1
                    while j > i {
                        if Self.same(storage[j].name, name) { storage.remove(at: j) }
                        j -= 1
                    }
                } else {
                    storage.append((name: name, value: newValue))
                }
            } else {
                storage.removeAll { Self.same($0.name, name) }
            }
        }
    }

    /// Appends a field, keeping existing ones with the same name.
    public mutating func add(_ name: String, _ value: String) {
        storage.append((name: name, value: value))
    }

    /// Every value for `name`, in order.
    public func values(_ name: String) -> [String] {
        storage.filter { Self.same($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: String) -> Bool {
        storage.contains { Self.same($0.name, name) }
    }

    /// All fields, in order.
    public var pairs: [(name: String, value: String)] { storage }

    /// Number of fields.
    public var count: Int { storage.count }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        storage.makeIterator()
    }

    /// ASCII case-insensitive comparison (header names are tokens, RFC 9110 §5.1).
    static func same(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where p != q {
            let lp = (p >= 65 && p <= 90) ? p | 0x20 : p
            let lq = (q >= 65 && q <= 90) ? q | 0x20 : q
            if lp != lq { return false }
        }
        return true
    }
}
