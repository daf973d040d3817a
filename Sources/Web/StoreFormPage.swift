import Crypto
import Foundation
import HTML
import HTTPServer
import Ledger
import Services

/// `GET/POST /admin/stores/new`: add a store (id, name, industry, city; the operator also names
/// the merchant) through `AdminService.createStore`. Errors appear next to their fields in the
/// chosen language with what was typed kept; a one-time `_idem` key makes a double-submitted
/// form register one store.
enum StoreFormPage {
    static let path = "/admin/stores/new"

    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", path) { r, respond in respond(show(c, r)) }
        router.add("POST", path, bodyLimit: 16 * 1024) { r, respond in respond(submit(c, r)) }
    }

    /// What the form holds.
    struct Values {
        var store = "", name = "", industry = "", city = "", merchant = ""
    }

    static func show(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        guard StoreAccess.canCreate(identity) else { return forbidden(t, identity, token) }
        var values = Values()
        let industries = merchantIndustries(c, identity.role.merchant)
        values.industry = industries.first ?? ""
        return page(t, identity, token, values: values, industries: industries, errors: [:], general: nil, idem: newKey())
    }

    static func submit(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        guard StoreAccess.canCreate(identity) else { return forbidden(t, identity, token) }
        let form = FormBody(r)
        var v = Values()
        v.store = form.text("store") ?? ""
        v.name = form.text("name") ?? ""
        v.industry = form.text("industry") ?? ""
        v.city = form.text("city") ?? ""
        v.merchant = identity.role == .operatorAdmin ? (form.text("merchant") ?? "") : (identity.role.merchant ?? "")
        let industries = merchantIndustries(c, identity.role.merchant)
        let idem = form["_idem"].flatMap { IdempotencyStore.isValidKey($0) ? $0 : nil } ?? newKey()
        func again(_ errors: [String: String], _ general: String?, status: Int) -> HTTPResponse {
            page(t, identity, token, values: v, industries: industries, errors: errors, general: general, idem: newKey(), status: status)
        }
        guard ConsoleSession.checkCSRF(form, token: token) else { return again([:], t["storeNew.expired"], status: 403) }

        // Validate everything at once with the service's own rules.
        var json = JSONObject()
        if !v.store.isEmpty { json.set("store", .string(v.store)) }
        if !v.name.isEmpty { json.set("name", .string(v.name)) }
        if !v.industry.isEmpty { json.set("industry", .string(v.industry)) }
        if !v.merchant.isEmpty { json.set("merchant", .string(v.merchant)) }
        if !v.city.isEmpty { json.set("attrs", .object(["city": .string(v.city)])) }
        var problems: [ServiceError.FieldProblem] = []
        var draft: StoreDraft?
        do { draft = try StoreDraft.parse(json) } catch let e as ServiceError { problems = e.fields } catch { problems = [] }
        if identity.role == .operatorAdmin && v.merchant.isEmpty {
            problems.append(.init(field: "merchant", code: "required", message: "is required"))
        }
        guard let draft, problems.isEmpty else { return again(messages(t, problems), t["storeNew.fixErrors"], status: 422) }

        // One registration per form: the second submit of the same form gets the first one's result.
        let scope = "web:\(identity.userID)"
        let fingerprint = SHA256.hash(Array("\(path)\n\(v.store)\n\(v.name)\n\(v.industry)\n\(v.city)\n\(v.merchant)".utf8))
        var decision: IdempotencyDecision?
        for attempt in 0..<15 {
            do {
                decision = try c.idempotency.begin(scope: scope, key: idem, fingerprint: fingerprint)
                break
            } catch let e as ServiceError where e.code == .idempotencyConflict {
                // The first submit is still registering: wait for its result.
                if attempt < 14 { Thread.sleep(forTimeInterval: 0.2) }
            } catch {
                return again([:], t["storeNew.unavailable"], status: 503)
            }
        }
        switch decision {
        case .replay(let stored)?: return WebResponse.redirect(String(decoding: stored.body, as: UTF8.self))
        case nil: return again([:], t["storeNew.busy"], status: 409)
        case .proceed?: break
        }
        do {
            let created = try c.admin.createStore(draft, by: identity)
            let location = "/admin/stores/\(created.store)/poster?created=1"
            _ = try? c.idempotency.finish(scope: scope, key: idem, status: 303, contentType: "text/plain", body: Array(location.utf8))
            return WebResponse.redirect(location)
        } catch let e as ServiceError {
            try? c.idempotency.abandon(scope: scope, key: idem)
            switch e.code {
            case .invalidRequest: return again(messages(t, e.fields), t["storeNew.fixErrors"], status: 422)
            case .conflict: return again(["store": t["field.taken"]], t["storeNew.fixErrors"], status: 409)
            case .ledger(.unknownMerchant): return again(["merchant": t["field.unknownMerchant"]], t["storeNew.fixErrors"], status: 422)
            case .notAuthorized: return again([:], t["storeNew.notAllowed"], status: 403)
            default: return again([:], t["storeNew.unavailable"], status: 503)
            }
        } catch {
            try? c.idempotency.abandon(scope: scope, key: idem)
            return again([:], t["storeNew.unavailable"], status: 503)
        }
    }

    /// Field problems → messages by form field name, in the chosen language.
    static func messages(_ t: Texts, _ problems: [ServiceError.FieldProblem]) -> [String: String] {
        var out: [String: String] = [:]
        for p in problems {
            let field = p.field.hasPrefix("attrs.") ? "city" : p.field
            guard out[field] == nil else { continue }
            switch p.code {
            case "required": out[field] = t["field.required"]
            case "too_long": out[field] = t["field.tooLong"]
            case "bad_format": out[field] = ["store", "merchant", "industry"].contains(field) ? t["field.badId"] : t["field.badText"]
            default: out[field] = t["field.invalid"]
            }
        }
        return out
    }

    static func page(_ t: Texts, _ identity: StaffIdentity, _ token: String, values v: Values, industries: [String],
                     errors: [String: String], general: String?, idem: String, status: Int = 200) -> HTTPResponse {
        func field(_ name: String, _ labelText: String, _ value: String, hint: String? = nil, required: Bool = true,
                   max: Int, extra: [HTML.Attribute] = []) -> HTML {
            var attrs = [HTML.Attribute("name", name), HTML.Attribute("id", name), HTML.Attribute("value", value),
                         HTML.Attribute("maxlength", String(max))]
            if required { attrs.append(HTML.Attribute("required", nil)) }
            if errors[name] != nil {
                attrs.append(HTML.Attribute("aria-invalid", "true"))
                attrs.append(HTML.Attribute("aria-describedby", name + "-error"))
            }
            return label([:], [
                .text(labelText),
                .element("input", attrs + extra, []),
                hint.map { span(["class": "hint"], [.text($0)]) } ?? .fragment([]),
                errors[name].map { span(["class": "field-error", "id": name + "-error"], [.text($0)]) } ?? .fragment([]),
            ])
        }
        var fields: [HTML] = [
            input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]),
            input(["type": "hidden", "name": "_idem", "value": idem]),
        ]
        if identity.role == .operatorAdmin {
            fields.append(field("merchant", t["storeNew.merchant"], v.merchant, max: 64,
                                extra: [HTML.Attribute("autocapitalize", "none"), HTML.Attribute("spellcheck", "false")]))
        }
        fields += [
            field("store", t["storeNew.store"], v.store, hint: t["storeNew.storeHint"], max: 64,
                  extra: [HTML.Attribute("autocapitalize", "none"), HTML.Attribute("spellcheck", "false"), HTML.Attribute("autocomplete", "off")]),
            field("name", t["storeNew.name"], v.name, max: 200),
            field("industry", t["storeNew.industry"], v.industry, max: 64,
                  extra: [HTML.Attribute("list", "industries"), HTML.Attribute("autocapitalize", "none")]),
            el("datalist", ["id": "industries"], industries.map { option($0, $0) }),
            field("city", t["storeNew.city"], v.city, required: false, max: 200),
            button(["type": "submit", "id": "create-store"], [.text(t["storeNew.submit"])]),
        ]
        let content: [HTML] = [
            link(["rel": "stylesheet", "href": StoreAssets.cssPath]),
            h1(t["storeNew.title"]),
            p(["class": "muted"], [.text(t["storeNew.lead"])]),
            general.map { p(["class": "error", "role": "alert", "id": "form-error"], [.text($0)]) } ?? .fragment([]),
            form(["method": "post", "action": path, "class": "stack", "novalidate": nil], fields),
            p([:], [a("/admin/stores", [:], [.text(t["stores.title"])])]),
        ]
        return WebResponse.page(Layout.page(t, title: t["storeNew.title"], path: path,
                                            viewer: ConsolePages.viewer(t, identity, token: token), content: content), status: status)
    }

    static func forbidden(_ t: Texts, _ identity: StaffIdentity, _ token: String) -> HTTPResponse {
        WebResponse.page(Layout.page(t, title: t["storeNew.title"], path: path, viewer: ConsolePages.viewer(t, identity, token: token),
                                     content: [h1(t["storeNew.title"]), p(["class": "error", "role": "alert"], [.text(t["storeNew.notAllowed"])]),
                                               p([:], [a("/admin/stores", [:], [.text(t["stores.title"])])])]), status: 403)
    }

    /// The merchant's industry codes (suggested in the form), empty for the operator.
    static func merchantIndustries(_ c: WebContext, _ merchant: String?) -> [String] {
        guard let merchant, let record = try? c.reader.read({ try $0.merchant(merchant) }) else { return [] }
        return record.industries
    }

    static func newKey() -> String { Base64URL.encode(SystemRandom().bytes(count: 18)) }
}
