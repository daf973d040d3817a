/// A small command-line option parser: `--name value` options and `--flag` switches.
struct Arguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// A usage problem, reported with exit status 2.
    struct UsageError: Error, CustomStringConvertible { let description: String }

    /// Parses `args` against the options that take a value and the switches allowed.
    init(_ args: [String], options: Set<String>, switches: Set<String> = []) throws {
        var i = 0
        while i < args.count {
            let a = args[i]
            if options.contains(a) {
                guard i + 1 < args.count else { throw UsageError(description: "\(a) needs a value") }
                values[a] = args[i + 1]
                i += 2
            } else if switches.contains(a) {
                flags.insert(a)
                i += 1
            } else {
                throw UsageError(description: "unknown argument \"\(a)\"")
            }
        }
    }

    /// The value of an option, if given.
    subscript(_ option: String) -> String? { values[option] }

    /// The value of a required option.
    func required(_ option: String) throws -> String {
        guard let v = values[option] else { throw UsageError(description: "\(option) is required") }
        return v
    }

    /// True when the switch was given.
    func has(_ flag: String) -> Bool { flags.contains(flag) }
}
