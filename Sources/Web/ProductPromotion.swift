import Crypto
import Foundation
import HTML
import HTTPServer
import Ledger
import Services

/// Instant promotion from a product page (`/admin/products/{id}/promote`): paste the public
/// keys of regulars, one per line, and give each of them tickets now.
enum ProductPromotion {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/products/{id}/promote") { r, respond in respond(formPage(c, r, text: "", count: "1", errors: [:])) }
        router.add("POST", "/admin/products/{id}/promote", bodyLimit: 256 * 1024) { r, respond in
            ProductPages.background(respond) { issue(c, r) }
        }
    }

    static func formPage(_ c: WebContext, _ r: HTTPRequest, text: String, count: String, errors: ConsoleForm.Errors,
                         lineErrors: [HTML] = [], banner: String? = nil, idem: String = ConsoleForm.newKey(), status: Int = 200) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = g.t
        let id = r.parameters["id"] ?? ""
        guard let v = try? c.catalogue.product(id), g.identity.covers(merchant: v.issuer) else { return g.notFound() }
        let content: [HTML] = [
            h1(t.format("promo.heading", v.name)),
            p(["class": "muted"], [.text(t["promo.formLead"])]),
            p([:], [.text(t["product.remaining"] + "：" + (v.remaining.map(String.init) ?? t["product.unlimited"]))]),
            ConsoleForm.banner(banner),
            lineErrors.isEmpty ? .fragment([]) : div(["class": "error", "id": "line-errors", "role": "alert"], [p(t["promo.badLines"]), ul([:], lineErrors)]),
            form(["method": "post", "action": "/admin/products/\(Layout.percentEncode(id))/promote", "class": "stack", "novalidate": nil], [
                g.csrfInput, ConsoleForm.idemInput(idem),
                label([:], [.text(t["promo.holders"]), ConsoleForm.errorNote("holders", errors),
                            textarea(["name": "holders", "id": "holders", "rows": "8", "spellcheck": "false", "class": "mono"], text),
                            span(["class": "muted hint"], [.text(t["promo.holdersHint"])])]),
                ConsoleForm.field(t["promo.count"], "count", value: count, errors: errors, type: "number",
                                  extra: [HTML.Attribute("min", "1"), HTML.Attribute("max", "100")]),
                button(["type": "submit", "id": "issue-free"], [.text(t["promo.issue"])]),
            ]),
            p([:], [a("/admin/products/\(Layout.percentEncode(id))", [:], [.text(t["promo.back"])])]),
        ]
        return g.page(t["promo.title"], path: r.path, content, status: status)
    }

    static func issue(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let t = g.t
            let id = r.parameters["id"] ?? ""
            let text = form["holders"] ?? ""
            let countText = form.text("count") ?? "1"
            let idem = form["_idem"] ?? ConsoleForm.newKey()
            // Each line: one base64url public key. Bad lines are reported by number; nothing is issued for them.
            var holders: [PublicKey] = []
            var bad: [HTML] = []
            for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty { continue }
                guard let key = try? PublicKey(base64url: line) else {
                    bad.append(li([:], [.text(t.format("promo.badLine", String(i + 1), String(line.prefix(60))))]))
                    continue
                }
                if holders.contains(key) {
                    bad.append(li([:], [.text(t.format("promo.dupLine", String(i + 1)))]))
                    continue
                }
                holders.append(key)
            }
            guard let count = ProductForm.number(countText), (1...100).contains(count) else {
                return formPage(c, r, text: text, count: countText, errors: ["count": t.format("problem.range", "1", "100")], idem: idem, status: 422)
            }
            if holders.isEmpty {
                return formPage(c, r, text: text, count: countText, errors: ["holders": t["promo.noHolders"]], lineErrors: bad, idem: idem, status: 422)
            }
            return ConsoleForm.once(c, g, form) {
                let outcomes: [PromotionService.Outcome]
                do {
                    outcomes = try PromotionService(admin: c.admin).issueFree(product: id, holders: holders, count: count, by: g.identity)
                } catch {
                    return formPage(c, r, text: text, count: countText, errors: [:], lineErrors: bad, banner: ConsoleForm.message(t, error),
                                    idem: idem, status: 422)
                }
                let issued = outcomes.filter { $0.txid != nil }
                let rows: [HTML] = outcomes.map { o in
                    tr([td([el("code", ["class": "small"], [.text(o.holder.base64url)])]),
                        td(o.txid != nil ? t["promo.issued"] : ConsoleForm.message(t, o.error ?? ServiceError(.unavailable, ""))),
                        td(o.tickets.map { [a("/admin/tickets?q=\(Layout.percentEncode($0))", ["class": "ticket-link"], [.text($0)]), el("br")] }.flatMap { $0 })])
                }
                let content: [HTML] = [
                    h1(t["promo.resultTitle"]),
                    p(["class": "success", "role": "status", "id": "promo-result"], [.text(t.format("promo.result", String(issued.count), String(outcomes.count)))]),
                    bad.isEmpty ? .fragment([]) : div(["class": "error", "id": "line-errors"], [p(t["promo.badLines"]), ul([:], bad)]),
                    div(["class": "scroll"], [table(["id": "promo-outcomes"], [tr([th(t["promo.holder"]), th(t["prod.status"]), th(t["promo.tickets"])])] + rows)]),
                    p([:], [a("/admin/products/\(Layout.percentEncode(id))", [:], [.text(t["promo.back"])])]),
                ]
                // 201: kept for the `_idem` key, so sending the form twice shows this page again.
                var response = g.page(t["promo.resultTitle"], path: r.path, content, status: 201)
                response.headers["Cache-Control"] = "no-store"
                return response
            }
        }
    }
}
