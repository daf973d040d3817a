import Foundation
import HTML
import HTTPServer
import Services

/// `/admin/export`: the ticket-event CSV (the paper's usage CSV) for a date range in JST, UTF-8
/// with BOM or Shift_JIS, streamed. Merchant admins get their own tickets, the operator all.
enum ExportPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/export") { r, respond in respond(showForm(c, r)) }
        router.add("POST", "/admin/export.csv", bodyLimit: 8 * 1024) { r, respond in respond(download(c, r)) }
    }

    /// Downloads running at once; more wait for a free slot (each reads the whole range).
    static let slots = ExportSlots(limit: 2)

    /// What the form sent, as typed.
    struct Input {
        var from: String
        var to: String
        var format: String
    }

    static func showForm(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        if identity.role.store != nil { return OperatorAccess.forbidden(t, identity, token: token, path: r.rawPath) }
        let today = ExportCSV.jstDate(c.clock.now())
        let typed = Input(from: String(today.prefix(8)) + "01", to: today, format: ExportEncoding.utf8.rawValue)
        return page(t, identity, token: token, typed: typed, errors: [:])
    }

    static func page(_ t: Texts, _ identity: StaffIdentity, token: String, typed: Input, errors: [String: String],
                     status: Int = 200) -> HTTPResponse {
        func fieldError(_ name: String) -> HTML {
            errors[name].map { span(["class": "field-error", "id": "\(name)-error"], [.text($0)]) } ?? .fragment([])
        }
        let scope = identity.role.merchant.map { t.format("export.scopeMerchant", $0) } ?? t["export.scopeAll"]
        let content: [HTML] = [
            h1(t["export.title"]),
            p(t["export.lead"]),
            p(["class": "muted", "id": "export-scope"], [.text(scope)]),
            form(["method": "post", "action": "/admin/export.csv", "class": "stack", "id": "export-form"], [
                input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]),
                label([:], [.text(t["export.from"]), input(["type": "date", "name": "from", "id": "from", "value": typed.from, "required": nil]),
                            fieldError("from")]),
                label([:], [.text(t["export.to"]), input(["type": "date", "name": "to", "id": "to", "value": typed.to, "required": nil]),
                            fieldError("to")]),
                label([:], [.text(t["export.format"]),
                            select(["name": "format", "id": "format"], [
                                option("utf8", t["export.format.utf8"], selected: typed.format != "sjis"),
                                option("sjis", t["export.format.sjis"], selected: typed.format == "sjis"),
                            ]), fieldError("format")]),
                p(["class": "muted"], [.text(t["export.sjisNote"])]),
                button(["type": "submit", "id": "export-submit"], [.text(t["export.submit"])]),
            ]),
            h2(t["export.columnsTitle"]),
            p(["class": "muted"], [.text(header(t).joined(separator: ", "))]),
            p(["class": "muted"], [.text(t["export.columnsNote"])]),
        ]
        return OperatorAccess.page(t, title: t["export.title"], path: "/admin/export", identity: identity, token: token,
                                   content: content, status: status)
    }

    /// The header record, in the page's language.
    static func header(_ t: Texts) -> [String] {
        ["datetime", "product", "productName", "ticket", "store", "storeName", "validFrom", "validUntil",
         "from", "to", "event", "sex", "birthYear", "prefecture"].map { t["export.col.\($0)"] }
    }

    static func download(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        // Store staff work the counter; exports are for merchant admins and the operator.
        if identity.role.store != nil { return OperatorAccess.forbidden(t, identity, token: token, path: "/admin/export") }
        let body = FormBody(r)
        let typed = Input(from: body.text("from") ?? "", to: body.text("to") ?? "", format: body.text("format") ?? "utf8")
        guard ConsoleSession.checkCSRF(body, token: token) else {
            return page(t, identity, token: token, typed: typed, errors: ["from": t["op.csrfExpired"]], status: 403)
        }
        var errors: [String: String] = [:]
        let from = ExportCSV.jstMidnight(typed.from)
        let to = ExportCSV.jstMidnight(typed.to)
        if from == nil { errors["from"] = t["export.badDate"] }
        if to == nil { errors["to"] = t["export.badDate"] }
        if let from, let to, to < from { errors["to"] = t["export.toBeforeFrom"] }
        let encoding = ExportEncoding(rawValue: typed.format)
        if encoding == nil { errors["format"] = t["export.badFormat"] }
        guard errors.isEmpty, let from, let to, let encoding else {
            return page(t, identity, token: token, typed: typed, errors: errors, status: 400)
        }
        guard slots.take() else {
            return page(t, identity, token: token, typed: typed, errors: ["from": t["export.busy"]], status: 429)
        }
        let cursor = ExportCursor(reader: c.reader, merchant: identity.role.merchant, from: from, until: to + 86_400_000,
                                  encoding: encoding, header: header(t))
        let stream = ByteStream(onFinish: { _ in slots.give() }) { try cursor.nextChunk() }
        var response = HTTPResponse.stream(stream, contentType: "text/csv; charset=\(encoding.charset)")
        let name = "kippu-events-\(typed.from)-\(typed.to)\(encoding == .sjis ? "-sjis" : "").csv"
        response.headers["Content-Disposition"] = "attachment; filename=\"\(name)\""
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
    }
}

/// A counting semaphore that never waits: `take` fails when every slot is in use.
final class ExportSlots: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var used = 0

    init(limit: Int) { self.limit = limit }

    func take() -> Bool { lock.withLock { if used >= limit { return false }; used += 1; return true } }
    func give() { lock.withLock { used = max(0, used - 1) } }
}
