import HTML
import HTTPServer
import Services

/// The counter (`/admin/counter`): staff type the code a customer shows for a pay-at-the-counter
/// order, take the money, and confirm; the node then issues the tickets to the customer's wallet.
enum CounterPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/counter") { r, respond in respond(page(c, r, code: "", error: nil, done: nil)) }
        router.add("POST", "/admin/counter", bodyLimit: 8 * 1024) { r, respond in
            ProductPages.background(respond) { confirm(c, r) }
        }
    }

    static func page(_ c: WebContext, _ r: HTTPRequest, code: String, error: String?, done: Order?, status: Int = 200) -> HTTPResponse {
        guard let gate = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = gate.t
        var content: [HTML] = [h1(t["counter.title"]), p(t["counter.lead"])]
        if let done {
            content.append(div(["class": "success", "role": "status", "id": "counter-done"], [
                .text(t.format("counter.done", done.product, String(done.units), t.format("yen", String(done.amount)))),
            ]))
        }
        content.append(form(["method": "post", "action": "/admin/counter", "class": "stack"], [
            gate.csrfInput,
            label([:], [.text(t["counter.code"]),
                        input(["name": "code", "id": "code", "value": code, "required": nil, "autocomplete": "off",
                               "autocapitalize": "characters", "maxlength": "32"])]),
            error.map { p(["class": "field-error", "role": "alert"], [.text($0)]) } ?? .fragment([]),
            button(["type": "submit", "id": "confirm"], [.text(t["counter.confirm"])]),
        ]))
        return gate.page(t["counter.title"], path: "/admin/counter", content, status: status)
    }

    static func confirm(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let gate = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let form = FormBody(r)
        guard ConsoleSession.checkCSRF(form, token: gate.token) else {
            return page(c, r, code: "", error: gate.t["login.expired"], done: nil, status: 403)
        }
        let code = (form.text("code") ?? "").uppercased()
        guard !code.isEmpty else { return page(c, r, code: "", error: gate.t["counter.missing"], done: nil, status: 400) }
        do {
            let order = try c.orders.confirmCounterPayment(code: code, by: gate.identity)
            return page(c, r, code: "", error: nil, done: order)
        } catch let e as ServiceError where e.code == .notFound {
            return page(c, r, code: code, error: gate.t["counter.unknown"], done: nil, status: 404)
        } catch {
            return page(c, r, code: code, error: ConsoleForm.message(gate.t, error), done: nil, status: 409)
        }
    }
}
