/// Strict reading of path and query parameters.
enum Query {
    /// A non-negative decimal integer without sign, leading zeros or spaces, below 2^53.
    static func decimal(_ text: String?, name: String) throws -> Int64 {
        guard let text, !text.isEmpty else { throw Problem.invalid("\(name) is required", field: name) }
        guard text.utf8.count <= 16, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              text == "0" || text.first != "0", let value = Int64(text), value <= 9_007_199_254_740_991 else {
            throw Problem.invalid("\(name) must be a decimal integer (0 … 2^53−1) without leading zeros", field: name)
        }
        return value
    }

    /// A page size in `1…max` (default `fallback` when absent).
    static func limit(_ text: String?, fallback: Int = 50, max: Int = 100) throws -> Int {
        guard let text else { return fallback }
        let value = try decimal(text, name: "limit")
        guard value >= 1, value <= Int64(max) else { throw Problem.invalid("limit must be 1…\(max)", field: "limit") }
        return Int(value)
    }
}
