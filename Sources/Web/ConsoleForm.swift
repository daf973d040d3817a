import Crypto
import Foundation
import HTML
import HTTPServer
import Services

/// Helpers shared by the console's forms: fields with their error next to them, values of
/// repeated fields, Japan-time dates, error messages in the reader's language, and the one-time
/// `_idem` key that makes a double-submitted form act once.
enum ConsoleForm {
    /// Field name → message, in the reader's language.
    typealias Errors = [String: String]

    /// A labelled input with its error (if any) right below the label text.
    static func field(_ labelText: String, _ name: String, value: String, errors: Errors, type: String = "text",
                      hint: String? = nil, extra: [HTML.Attribute] = []) -> HTML {
        var attrs = [HTML.Attribute("name", name), HTML.Attribute("id", name), HTML.Attribute("type", type),
                     HTML.Attribute("value", value)]
        if errors[name] != nil { attrs += [HTML.Attribute("aria-invalid", "true"), HTML.Attribute("aria-describedby", name + "-error")] }
        return label([:], [.text(labelText), errorNote(name, errors), .element("input", attrs + extra, []),
                           hint.map { span(["class": "muted hint"], [.text($0)]) } ?? .fragment([])])
    }

    /// The error of `name`, or nothing.
    static func errorNote(_ name: String, _ errors: Errors) -> HTML {
        guard let e = errors[name] else { return .fragment([]) }
        return span(["class": "field-error", "id": name + "-error", "role": "alert"], [.text(e)])
    }

    /// A radio button (id `name-value`) with its text, checked when `current` is `value`.
    static func radio(_ name: String, _ value: String, _ current: String, _ text: String) -> HTML {
        label(["class": "choice"], [.element("input", [HTML.Attribute("type", "radio"), HTML.Attribute("name", name),
                                                      HTML.Attribute("value", value), HTML.Attribute("id", "\(name)-\(value)")]
                                             + (current == value ? [HTML.Attribute("checked", nil)] : []), []), .text(text)])
    }

    /// A banner listing an error that belongs to no one field.
    static func banner(_ text: String?) -> HTML {
        guard let text else { return .fragment([]) }
        return p(["class": "error", "role": "alert"], [.text(text)])
    }

    /// Every value of a repeated field (checkboxes), in order.
    static func all(_ r: HTTPRequest, _ name: String) -> [String] {
        String(decoding: r.body, as: UTF8.self).split(separator: "&").compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard FormBody.decode(String(kv[0])) == name else { return nil }
            return kv.count > 1 ? FormBody.decode(String(kv[1])) : ""
        }
    }

    /// A new one-time key for a form's hidden `_idem` field.
    static func newKey() -> String { Base64URL.encode(SystemRandom().bytes(count: 18)) }

    /// The hidden `_idem` input.
    static func idemInput(_ key: String) -> HTML { input(["type": "hidden", "name": "_idem", "value": key]) }

    /// Runs a form's action once per `_idem` key. The action answers a redirect (303) or a result
    /// page (201) on success, kept and replayed for a second submission of the same form; or
    /// another page (a form with errors: the key is released so the corrected form can be sent
    /// again). A second submission that
    /// arrives while the first still runs waits for it.
    static func once(_ c: WebContext, _ gate: ConsoleGate, _ form: FormBody, _ action: () -> HTTPResponse) -> HTTPResponse {
        guard let key = form["_idem"], IdempotencyStore.isValidKey(key) else { return action() }
        let scope = "web:\(gate.identity.userID)"
        var fields = form.values.filter { $0.key != "_csrf" }.map { "\($0.key)=\($0.value)" }.sorted()
        fields.insert(gate.request.path, at: 0)
        let fingerprint = SHA256.hash(Array(fields.joined(separator: "\n").utf8))
        for _ in 0..<150 {
            do {
                switch try c.idempotency.begin(scope: scope, key: key, fingerprint: fingerprint) {
                case .replay(let stored): return replay(stored)
                case .proceed:
                    let response = action()
                    if response.status == 303 || response.status == 201 {
                        var body = response.bodyBytes
                        if response.status == 303 { body = Array((response.headers["Location"] ?? "/admin/").utf8) }
                        _ = try? c.idempotency.finish(scope: scope, key: key, status: response.status,
                                                      contentType: response.headers["Content-Type"] ?? "", body: body)
                    } else {
                        try? c.idempotency.abandon(scope: scope, key: key)
                    }
                    return response
                }
            } catch let e as ServiceError where e.code == .idempotencyConflict {
                // Same key, different content: the person changed the form after an error was
                // shown; or the first submission is still running: wait for it.
                if e.message.contains("still in progress") { Thread.sleep(forTimeInterval: 0.1); continue }
                return action()
            } catch {
                return action()
            }
        }
        return gate.page(gate.t["form.busy"], path: gate.request.path, [h1(gate.t["form.busy"])], status: 503)
    }

    private static func replay(_ stored: StoredResponse) -> HTTPResponse {
        if stored.status == 303 { return WebResponse.redirect(String(decoding: stored.body, as: UTF8.self)) }
        var r = HTTPResponse.bytes(stored.body, contentType: stored.contentType, status: stored.status)
        WebResponse.secure(&r)
        r.headers["Cache-Control"] = "no-store"
        return r
    }

    // MARK: Japan time (see `JapanTime`)

    static let jstOffset = JapanTime.offset
    static let day = JapanTime.day
    /// `YYYY-MM-DD` in Japan time.
    static func date(_ ms: Int64) -> String { JapanTime.date(ms) }
    /// `YYYY-MM-DD HH:MM` in Japan time.
    static func dateTime(_ ms: Int64) -> String { JapanTime.dateTime(ms) }
    /// Midnight (00:00 Japan time) of `YYYY-MM-DD`, ms; nil when it is not a real date.
    static func parseDate(_ s: String) -> Int64? { JapanTime.midnight(s) }
    /// Midnight (Japan time) at the start of the day holding `ms`.
    static func startOfDay(_ ms: Int64) -> Int64 { JapanTime.startOfDay(ms) }

    // MARK: messages

    /// A field problem in the reader's language.
    static func message(_ t: Texts, _ problem: ServiceError.FieldProblem) -> String {
        let key = "problem.\(problem.code)"
        return Texts.all[key] != nil ? t[key] : t["problem.other"]
    }

    /// An error without a field, in the reader's language (the code names it for support).
    static func message(_ t: Texts, _ error: Error) -> String {
        guard let e = error as? ServiceError else { return t["error.unexpected"] }
        let key = "code.\(e.code.rawValue)"
        return (Texts.all[key] != nil ? t[key] : t["error.unexpected"]) + "（\(e.code.rawValue)）"
    }
}
