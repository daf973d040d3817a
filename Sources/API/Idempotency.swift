import Crypto
import HTTPServer
import Services

/// `Idempotency-Key` on POSTs that create something: a retry with the same key and the same
/// request gets the first answer again (with `Idempotent-Replayed: true`) and creates nothing;
/// the same key with a different request is `idempotency_conflict`. Keys are scoped to the
/// caller, so two callers never see each other's answers. 5xx answers are not kept.
enum Idempotency {
    static func run(_ c: APIContext, _ request: HTTPRequest, scope: String, _ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        guard let key = request.headers["Idempotency-Key"] else { return answer(body) }
        guard IdempotencyStore.isValidKey(key) else {
            throw ServiceError.invalid("Idempotency-Key", "bad_format", "must be 1–200 printable ASCII characters")
        }
        let fingerprint = SHA256.hash(Array("\(request.method) \(request.path)\n".utf8) + request.body)
        switch try c.app.idempotency.begin(scope: scope, key: key, fingerprint: fingerprint) {
        case .replay(let stored):
            var r = HTTPResponse.bytes(stored.body, contentType: stored.contentType, status: stored.status)
            r.headers["Idempotent-Replayed"] = "true"
            r.headers["Cache-Control"] = "no-store"
            return r
        case .proceed:
            let response = answer(body)
            if response.status >= 500 {
                try? c.app.idempotency.abandon(scope: scope, key: key)
            } else {
                _ = try? c.app.idempotency.finish(scope: scope, key: key, status: response.status,
                                                  contentType: response.headers["Content-Type"] ?? "application/json",
                                                  body: response.bodyBytes)
            }
            return response
        }
    }

    /// Runs `body`, turning a thrown error into its problem response (which is kept too).
    private static func answer(_ body: () throws -> HTTPResponse) -> HTTPResponse {
        do { return try body() } catch { return Problem.from(error).response }
    }
}
