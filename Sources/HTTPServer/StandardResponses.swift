/// Responses the server itself produces (limits, malformed requests, shutdown), as RFC 9457
/// problem details with a stable `code` member, like every other error of the API.
enum StandardResponses {
    static func payloadTooLarge() -> HTTPResponse {
        problem(413, code: "too_large", title: "Content Too Large", detail: "request body too large")
    }

    static func badRequest(_ why: String) -> HTTPResponse {
        problem(400, code: "bad_request", title: "Bad Request", detail: "bad request: \(why)")
    }

    static func unavailable() -> HTTPResponse {
        var r = problem(503, code: "unavailable", title: "Service Unavailable", detail: "server shutting down")
        r.headers["Retry-After"] = "5"
        return r
    }

    /// A problem answer that also closes the connection (the request stream is not trusted).
    static func problem(_ status: Int, code: String, title: String, detail: String) -> HTTPResponse {
        let body = "{\"code\":\(json(code)),\"detail\":\(json(detail)),\"status\":\(status),\"title\":\(json(title)),\"type\":\"about:blank\"}"
        var r = HTTPResponse.bytes(Array(body.utf8), contentType: "application/problem+json", status: status)
        r.headers["Connection"] = "close"
        return r
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped.
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
