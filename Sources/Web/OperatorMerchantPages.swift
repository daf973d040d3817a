import HTML
import HTTPServer
import Ledger
import Services

/// `/admin/merchants` (operator only): merchants with search and paging, and a form that
/// registers one merchant (`AdminService.createMerchant`: key into the vault, sales grant).
enum OperatorMerchantPages {
    static let pageSize = 50

    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/merchants") { r, respond in respond(list(c, r)) }
        router.add("POST", "/admin/merchants", bodyLimit: 16 * 1024) { r, respond in respond(create(c, r)) }
    }

    /// What the create form sent, as typed.
    struct Input {
        var merchant = ""
        var name = ""
        var industries = ""
    }

    static func list(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        let t = Texts(Lang.of(r))
        var notice: String?
        if let created = r.query["created"] { notice = t.format("merchants.created", created) }
        return page(c, r, t, identity, token: token, typed: Input(), errors: [:], notice: notice)
    }

    static func page(_ c: WebContext, _ r: HTTPRequest, _ t: Texts, _ identity: StaffIdentity, token: String, typed: Input,
                     errors: [String: String], notice: String?, status: Int = 200) -> HTTPResponse {
        let q = (r.query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let after = r.query["after"].flatMap { $0.isEmpty ? nil : $0 }
        let found = try? c.reader.read { store -> ([MerchantRecord], [String: Int]) in
            let ms = q.isEmpty ? try store.merchants(after: after, limit: pageSize + 1)
                               : try store.merchants(matching: q, after: after, limit: pageSize + 1)
            return (ms, try store.storeCounts(merchants: ms.prefix(pageSize).map(\.id)))
        }
        let merchants = Array((found?.0 ?? []).prefix(pageSize))
        let more = (found?.0.count ?? 0) > pageSize
        func fieldError(_ name: String) -> HTML {
            errors[name].map { span(["class": "field-error", "id": "\(name)-error"], [.text($0)]) } ?? .fragment([])
        }
        let rows: [HTML] = merchants.map { m in
            tr([td([el("code", [:], [.text(m.id)])]), td(m.name), td(m.industries.joined(separator: ", ")),
                td(String(found?.1[m.id] ?? 0))])
        }
        var content: [HTML] = [h1(t["merchants.title"])]
        if let notice { content.append(p(["class": "success", "role": "status", "id": "notice"], [.text(notice)])) }
        if let e = errors["_form"] { content.append(p(["class": "error", "role": "alert"], [.text(e)])) }
        content += [
            form(["method": "get", "action": "/admin/merchants", "class": "search"], [
                label([:], [.text(t["merchants.search"]), input(["type": "search", "name": "q", "id": "q", "value": q])]),
                button(["type": "submit"], [.text(t["merchants.searchSubmit"])]),
            ]),
            merchants.isEmpty ? p(["id": "merchants-empty"], [.text(t["merchants.none"])]) :
                table(["id": "merchants"], [tr([th(t["merchants.id"]), th(t["merchants.name"]), th(t["merchants.industries"]),
                                                th(t["merchants.stores"])])] + rows),
            more ? p([:], [a("/admin/merchants?q=\(Layout.percentEncode(q))&after=\(Layout.percentEncode(merchants.last?.id ?? ""))",
                             ["id": "next-page"], [.text(t["merchants.next"])])]) : .fragment([]),
            h2(t["merchants.create"]),
            form(["method": "post", "action": "/admin/merchants", "class": "stack", "id": "merchant-form"], [
                input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]),
                input(["type": "hidden", "name": "_idem", "value": OperatorAccess.newIdempotencyKey()]),
                label([:], [.text(t["merchants.id"]), span(["class": "muted"], [.text(t["op.idHint"])]),
                            input(["name": "merchant", "id": "merchant", "value": typed.merchant, "required": nil, "maxlength": "64"]),
                            fieldError("merchant")]),
                label([:], [.text(t["merchants.name"]),
                            input(["name": "name", "id": "name", "value": typed.name, "required": nil, "maxlength": "200"]), fieldError("name")]),
                label([:], [.text(t["merchants.industries"]), span(["class": "muted"], [.text(t["merchants.industriesHint"])]),
                            input(["name": "industries", "id": "industries", "value": typed.industries]), fieldError("industries")]),
                button(["type": "submit", "id": "merchant-submit"], [.text(t["merchants.createSubmit"])]),
            ]),
        ]
        return OperatorAccess.page(t, title: t["merchants.title"], path: "/admin/merchants", identity: identity, token: token,
                                   content: content, status: status)
    }

    static func create(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        let t = Texts(Lang.of(r))
        let body = FormBody(r)
        let typed = Input(merchant: body.text("merchant") ?? "", name: body.text("name") ?? "", industries: body.text("industries") ?? "")
        guard ConsoleSession.checkCSRF(body, token: token) else {
            return page(c, r, t, identity, token: token, typed: typed, errors: ["_form": t["op.csrfExpired"]], notice: nil, status: 403)
        }
        let industries = typed.industries.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == " " }).map(String.init)
        // Check the fields here too, to answer in the person's language; the service checks again.
        var errors: [String: String] = [:]
        if !Identifier.isValid(typed.merchant) || typed.merchant == operatorPrincipal { errors["merchant"] = t["op.badId"] }
        if typed.name.isEmpty { errors["name"] = t["op.required"] }
        else if typed.name.unicodeScalars.count > 200 { errors["name"] = t.format("op.tooLong", "200") }
        if industries.count > 32 || !industries.allSatisfy(Identifier.isValid) { errors["industries"] = t["merchants.badIndustries"] }
        guard errors.isEmpty else { return page(c, r, t, identity, token: token, typed: typed, errors: errors, notice: nil, status: 400) }

        let scope = "web:\(identity.userID)", key = body["_idem"] ?? ""
        let location = "/admin/merchants?created=\(Layout.percentEncode(typed.merchant))&q=\(Layout.percentEncode(typed.merchant))"
        do {
            switch try c.idempotency.begin(scope: scope, key: key,
                                           fingerprint: OperatorAccess.fingerprint(["merchant", typed.merchant, typed.name, typed.industries])) {
            case .replay(let stored): return WebResponse.redirect(String(decoding: stored.body, as: UTF8.self))
            case .proceed: break
            }
        } catch let e as ServiceError {
            let message = e.code == .idempotencyConflict ? t["op.inProgress"] : t["op.badForm"]
            return page(c, r, t, identity, token: token, typed: typed, errors: ["_form": message], notice: nil, status: 409)
        } catch {
            return page(c, r, t, identity, token: token, typed: typed, errors: ["_form": t["op.unavailable"]], notice: nil, status: 503)
        }
        do {
            _ = try c.admin.createMerchant(MerchantDraft(merchant: typed.merchant, name: typed.name, industries: industries), by: identity)
            _ = try? c.idempotency.finish(scope: scope, key: key, status: 303, contentType: "text/plain", body: Array(location.utf8))
            return WebResponse.redirect(location)
        } catch let e as ServiceError {
            try? c.idempotency.abandon(scope: scope, key: key)
            var errors: [String: String] = [:]
            if e.code == .conflict { errors["merchant"] = t["merchants.exists"] }
            for f in e.fields where errors[f.field] == nil { errors[f.field] = OperatorTexts.problem(t, f.code) }
            if errors.isEmpty { errors["_form"] = e.code == .notAuthorized ? t["merchants.noOperatorKey"] : t["op.failed"] + " (\(e.code.rawValue))" }
            return page(c, r, t, identity, token: token, typed: typed, errors: errors, notice: nil, status: 400)
        } catch {
            try? c.idempotency.abandon(scope: scope, key: key)
            return page(c, r, t, identity, token: token, typed: typed, errors: ["_form": t["op.unavailable"]], notice: nil, status: 503)
        }
    }
}
