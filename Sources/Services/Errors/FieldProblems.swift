/// Collects the field problems of one request, so a form can show them all at once.
struct FieldProblems {
    private(set) var problems: [ServiceError.FieldProblem] = []

    /// Records a problem with `field`.
    mutating func add(_ field: String, _ code: String, _ message: String) {
        problems.append(ServiceError.FieldProblem(field: field, code: code, message: message))
    }

    /// Records `required`/`too_long`/`bad_format` problems for a free-text field: it must hold
    /// `1...max` Unicode scalars, not only whitespace, and no control characters.
    mutating func checkText(_ field: String, _ value: String, max: Int) {
        let count = value.unicodeScalars.count
        if value.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            add(field, "required", "must not be empty")
        } else if count > max {
            add(field, "too_long", "must be at most \(max) characters")
        } else if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            add(field, "bad_format", "must not contain control characters")
        }
    }

    /// Throws `invalid_request` carrying every recorded problem; does nothing when there is none.
    func check() throws {
        guard !problems.isEmpty else { return }
        let names = problems.map(\.field).joined(separator: ", ")
        throw ServiceError(.invalidRequest, "invalid \(names)", fields: problems)
    }
}
