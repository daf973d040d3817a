/// What `IdempotencyStore.begin` tells a request carrying an `Idempotency-Key`.
public enum IdempotencyDecision: Sendable, Equatable {
    /// The key is new (or was abandoned): run the request, then `finish` or `abandon` it.
    case proceed
    /// The same request ran before: send this response again without running anything.
    case replay(StoredResponse)
}

/// A final response kept for replay.
public struct StoredResponse: Sendable, Equatable {
    /// The HTTP status.
    public let status: Int
    /// The `Content-Type` header.
    public let contentType: String
    /// The body bytes.
    public let body: [UInt8]

    /// Creates a response record.
    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}
