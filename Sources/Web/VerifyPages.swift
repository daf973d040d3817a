import HTML
import HTTPServer

/// The public verify page (`/verify/`, `/verify/{ticket}`): anyone, without an account, sees a
/// ticket's chain checked in their own browser (see `VerifyScript`).
enum VerifyPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/verify/") { r, respond in respond(search(r)) }
        router.add("GET", "/verify") { _, respond in respond(WebResponse.redirect("/verify/")) }
        router.add("GET", "/verify/{ticket}") { r, respond in respond(ticket(r)) }
    }

    static func isTicketID(_ s: String) -> Bool {
        s.utf8.count == 22 && s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95
        }
    }

    static func search(_ r: HTTPRequest) -> HTTPResponse {
        let t = Texts(Lang.of(r))
        let typed = r.query["ticket"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if !typed.isEmpty, isTicketID(typed) { return WebResponse.redirect("/verify/" + typed) }
        let content: [HTML] = [
            h1(t["verify.title"]), p(t["verify.lead"]),
            form(["method": "get", "action": "/verify/", "class": "stack"], [
                label([:], [.text(t["verify.ticket"]),
                            input(["name": "ticket", "id": "ticket", "value": typed, "required": nil, "autocomplete": "off",
                                   "inputmode": "latin", "maxlength": "22"])]),
                typed.isEmpty ? .fragment([]) : p(["class": "field-error", "role": "alert"], [.text(t["verify.badId"])]),
                button(["type": "submit", "id": "go"], [.text(t["verify.submit"])]),
            ]),
        ]
        return WebResponse.page(Layout.page(t, title: t["verify.title"], path: "/verify/", content: content),
                                status: typed.isEmpty ? 200 : 400)
    }

    static func ticket(_ r: HTTPRequest) -> HTTPResponse {
        let id = r.parameters["ticket"] ?? ""
        guard isTicketID(id) else { return WebSite.notFound(r) }
        let t = Texts(Lang.of(r))
        var data: [(String, String?)] = [("id", "verify"), ("class", "card"), ("data-ticket", id)]
        for key in ["verified", "failed", "badCheckpoint", "notFound", "error", "height"] {
            data.append(("data-" + dashed(key), t["verify.\(key)"]))
        }
        for type in ["issue", "transfer", "use", "cancel"] { data.append(("data-type-" + type, t["verify.type.\(type)"])) }
        for state in ["active", "used", "cancelled", "expired"] { data.append(("data-state-" + state, t["verify.state.\(state)"])) }
        let content: [HTML] = [
            h1(t["verify.title"]),
            .element("section", data.map { HTML.Attribute($0.0, $0.1) }, [
                p(["id": "status", "class": "status", "data-state": "checking", "role": "status"], [.text(t["verify.checking"])]),
                el("noscript", [:], [p(t["verify.noScript"])]),
                table([:], [
                    tr([th(t["verify.ticket"]), td([el("code", [:], [.text(id)])])]),
                    tr([th(t["verify.state"]), td([span(["id": "state"])])]),
                    tr([th(t["verify.product"]), td([span(["id": "product"])])]),
                    tr([th(t["verify.checkpoint"]), td([span(["id": "checkpoint"])])]),
                ]),
                h2(t["verify.history"]),
                ul(["id": "steps", "class": "steps"], []),
            ]),
        ]
        return WebResponse.page(Layout.page(t, title: t["verify.title"], path: "/verify/\(id)", content: content,
                                            scripts: [], modules: ["/static/verify.v1.js"]))
    }

    /// `badCheckpoint` → `bad-checkpoint` (data attributes are lower case; the dataset maps them back).
    static func dashed(_ key: String) -> String {
        var out = ""
        for ch in key { if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) } }
        return out
    }
}

import Foundation
