/// Responses the server itself produces (limits, malformed requests, shutdown).
enum StandardResponses {
    static func payloadTooLarge() -> HTTPResponse {
        var r = HTTPResponse.text("request body too large\n", status: 413)
        r.headers["Connection"] = "close"
        return r
    }

    static func badRequest(_ why: String) -> HTTPResponse {
        var r = HTTPResponse.text("bad request: \(why)\n", status: 400)
        r.headers["Connection"] = "close"
        return r
    }

    static func unavailable() -> HTTPResponse {
        var r = HTTPResponse.text("server shutting down\n", status: 503)
        r.headers["Connection"] = "close"
        return r
    }
}
