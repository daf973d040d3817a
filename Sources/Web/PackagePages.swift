import Foundation
import HTML
import HTTPServer
import Ledger
import Services

/// Packages with partner merchants (`/admin/packages/new`) and the partners' side of it: the
/// endorsement requests they approve or decline (`/admin/endorsements`).
enum PackagePages {
    /// Partner product rows on the form.
    static let partnerRows = 4

    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/packages/new") { r, respond in respond(newForm(c, r)) }
        router.add("POST", "/admin/packages", bodyLimit: 64 * 1024) { r, respond in ProductPages.background(respond) { create(c, r) } }
        router.add("POST", "/admin/packages/{id}/request", bodyLimit: 8 * 1024) { r, respond in
            ProductPages.background(respond) { askAgain(c, r) }
        }
        router.add("GET", "/admin/endorsements") { r, respond in respond(requests(c, r)) }
        router.add("POST", "/admin/endorsements/{id}/{decision}", bodyLimit: 8 * 1024) { r, respond in
            ProductPages.background(respond) { decide(c, r) }
        }
    }

    /// What each merchant of a package gets of its price: split by the components' prices
    /// (a free coupon weighs its discount); the rounding remainder goes to the package's merchant.
    static func shares(_ v: ProductView) -> [(merchant: String, name: String, yen: Int64)] {
        guard let comps = v.components else { return [] }
        func weight(_ c: PackageComponentView) -> Int64 { (c.product.price > 0 ? c.product.price : (c.product.faceValue ?? 0)) * c.qty }
        var total = comps.reduce(0) { $0 + weight($1) }
        let byUnits = total == 0
        if byUnits { total = comps.reduce(0) { $0 + $1.qty } }
        var order: [String] = []
        var names: [String: String] = [:]
        var w: [String: Int64] = [:]
        for c in comps {
            if w[c.merchant] == nil { order.append(c.merchant); names[c.merchant] = c.product.issuerName }
            w[c.merchant, default: 0] += byUnits ? c.qty : weight(c)
        }
        var out = order.map { m in (merchant: m, name: names[m] ?? m, yen: total == 0 ? 0 : v.price * (w[m] ?? 0) / total) }
        let rest = v.price - out.reduce(0) { $0 + $1.yen }
        if let i = out.firstIndex(where: { $0.merchant == v.issuer }) { out[i].yen += rest } else if !out.isEmpty { out[0].yen += rest }
        return out
    }

    /// The package part of a product page: contents, shares and each partner's answer.
    static func packageSection(_ c: WebContext, _ g: ConsoleGate, _ v: ProductView) -> [HTML] {
        let t = g.t
        let asked = (try? c.endorsements.requests(forPackage: v.id, by: g.identity)) ?? []
        func status(_ merchant: String) -> (String, String) {
            if merchant == v.issuer { return (t["pkg.own"], "ok") }
            if v.components?.first(where: { $0.merchant == merchant })?.endorsed == true { return (t["pkg.approved"], "ok") }
            switch asked.first(where: { $0.partner == merchant })?.status {
            case .declined?: return (t["pkg.declined"], "off")
            case .pending?: return (t["pkg.pending"], "wait")
            default: return (t["pkg.notAsked"], "off")
            }
        }
        let comps: [HTML] = (v.components ?? []).map { comp in
            tr([td([.text(comp.product.name), el("br"), span(["class": "muted small"], [.text(comp.product.id)])]),
                td(comp.product.issuerName), td(String(comp.qty)), td(ProductPages.yen(t, comp.product.price))])
        }
        let shareRows: [HTML] = shares(v).map { s in
            let (text, cls) = status(s.merchant)
            return tr([td(s.name + "（" + s.merchant + "）"), td(ProductPages.yen(t, s.yen)),
                       td([span(["class": "badge \(cls)", "data-partner": s.merchant], [.text(text)])])])
        }
        let declined = asked.contains { $0.status == .declined } || shares(v).contains { status($0.merchant).0 == t["pkg.notAsked"] }
        return [
            section(["class": "card", "id": "package"], [
                h2(t["pkg.contents"]),
                div(["class": "scroll"], [table([:], [tr([th(t["prod.name"]), th(t["pkg.merchant"]), th(t["pkg.qty"]), th(t["product.price"])])] + comps)]),
                h2(t["pkg.shares"]),
                p(["class": "muted"], [.text(t["pkg.sharesLead"])]),
                div(["class": "scroll"], [table(["id": "shares"], [tr([th(t["pkg.merchant"]), th(t["pkg.share"]), th(t["pkg.endorsement"])])] + shareRows)]),
                declined && g.canManage ? form(["method": "post", "action": "/admin/packages/\(Layout.percentEncode(v.id))/request", "class": "inline"], [
                    g.csrfInput, ConsoleForm.idemInput(ConsoleForm.newKey()),
                    button(["type": "submit", "class": "secondary"], [.text(t["pkg.askAgain"])]),
                ]) : .fragment([]),
            ]),
        ]
    }

    // MARK: new package

    struct Values {
        var name = "", description = "", kind = "ticket", price = "", validUntil = "", cap = ""
        var own: [String: String] = [:]
        var partners: [(id: String, qty: String)] = Array(repeating: (id: "", qty: "1"), count: PackagePages.partnerRows)
        var idem = ConsoleForm.newKey()
    }

    static func newForm(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        var values = Values()
        if let pick = r.query["partner"] { values.partners[0].id = pick }
        return formPage(c, g, values, errors: [:], banner: nil)
    }

    static func formPage(_ c: WebContext, _ g: ConsoleGate, _ v: Values, errors: ConsoleForm.Errors, banner: String?, status: Int = 200) -> HTTPResponse {
        let t = g.t
        guard let merchant = g.merchant, g.canManage else {
            return g.page(t["pkg.new"], path: "/admin/packages/new", [h1(t["pkg.new"]), p(t["pkg.merchantOnly"])], status: 403)
        }
        let (own, others) = (try? c.reader.read { s -> ([ProductRecord], [ProductRecord]) in
            let mine = try s.products(after: nil, limit: 200, issuer: merchant).filter { !$0.terms.isPackage }
            let all = try s.products(after: nil, limit: 500).filter { !$0.terms.isPackage && $0.terms.issuer != merchant }
            return (mine, all)
        }) ?? ([], [])
        let F = ConsoleForm.self
        let ownRows: [HTML] = own.map { p in
            tr([td([.text(p.terms.name), el("br"), span(["class": "muted small"], [.text(p.id)])]), td(ProductPages.yen(t, p.terms.price)),
                td([input(["type": "number", "min": "0", "max": "100", "name": "qty.\(p.id)", "value": v.own[p.id] ?? "0", "class": "qty",
                           "aria-label": t["pkg.qty"]])])])
        }
        let partnerRows: [HTML] = v.partners.enumerated().map { i, row in
            div(["class": "row"], [
                F.field(t.format("pkg.partnerProduct", String(i + 1)), "partner\(i + 1)", value: row.id, errors: errors,
                        extra: [HTML.Attribute("list", "partner-products"), HTML.Attribute("autocomplete", "off")]),
                F.field(t["pkg.qty"], "partnerQty\(i + 1)", value: row.qty, errors: errors, type: "number",
                        extra: [HTML.Attribute("min", "1"), HTML.Attribute("max", "100")]),
            ])
        }
        let content: [HTML] = [
            h1(t["pkg.new"]), p(["class": "muted"], [.text(t["pkg.lead"])]),
            F.banner(banner ?? (errors.isEmpty ? nil : t["form.fix"])),
            form(["method": "post", "action": "/admin/packages", "class": "stack wide", "id": "package-form", "novalidate": nil], [
                g.csrfInput, F.idemInput(v.idem),
                F.field(t["prod.name"], "name", value: v.name, errors: errors, extra: [HTML.Attribute("maxlength", "200")]),
                label([:], [.text(t["prod.description"]), F.errorNote("description", errors),
                            textarea(["name": "description", "id": "description", "rows": "3"], v.description)]),
                label([:], [.text(t["prod.kind"]), select(["name": "kind", "id": "kind"], [
                    option("ticket", t["prod.kindTicket"], selected: v.kind == "ticket"), option("coupon", t["prod.kindCoupon"], selected: v.kind == "coupon")])]),
                F.field(t["pkg.price"], "price", value: v.price, errors: errors, extra: [HTML.Attribute("inputmode", "numeric")]),
                F.field(t["prod.validUntil"], "validUntil", value: v.validUntil, errors: errors, type: "date", hint: t["pkg.untilHint"]),
                F.field(t["prod.cap"], "cap", value: v.cap, errors: errors, hint: t["prod.capHint"], extra: [HTML.Attribute("inputmode", "numeric")]),
                h2(t["pkg.ownProducts"]), F.errorNote("components", errors),
                own.isEmpty ? p(t["home.noProducts"]) : div(["class": "scroll"], [table(["id": "own-products"], [tr([th(t["prod.name"]), th(t["product.price"]), th(t["pkg.qty"])])] + ownRows)]),
                h2(t["pkg.partnerProducts"]), p(["class": "muted"], [.text(t["pkg.partnerLead"])]),
                el("datalist", ["id": "partner-products"], others.map { option($0.id, $0.terms.name + "（" + $0.terms.issuer + "）") }),
                .fragment(partnerRows),
                p(["class": "notice"], [.text(t["pkg.endorseNote"])]),
                button(["type": "submit", "id": "create-package"], [.text(t["pkg.create"])]),
            ]),
        ]
        return g.page(t["pkg.new"], path: "/admin/packages/new", content, status: status)
    }

    static func create(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            guard let merchant = g.merchant else { return formPage(c, g, Values(), errors: [:], banner: nil) }
            let t = g.t
            var v = Values()
            v.name = form.text("name") ?? ""; v.description = form.text("description") ?? ""; v.kind = form["kind"] == "coupon" ? "coupon" : "ticket"
            v.price = form.text("price") ?? ""; v.validUntil = form.text("validUntil") ?? ""; v.cap = form.text("cap") ?? ""
            v.idem = form["_idem"] ?? v.idem
            for (k, value) in form.values where k.hasPrefix("qty.") { v.own[String(k.dropFirst(4))] = value }
            for i in 0..<partnerRows { v.partners[i] = (form.text("partner\(i + 1)") ?? "", form.text("partnerQty\(i + 1)") ?? "1") }
            return ConsoleForm.once(c, g, form) {
                var errors: ConsoleForm.Errors = [:]
                var components: [JSONValue] = []
                for (id, q) in v.own.sorted(by: { $0.key < $1.key }) {
                    guard let n = ProductForm.number(q.isEmpty ? "0" : q), n <= 100 else { errors["components"] = t["problem.qty"]; continue }
                    if n > 0 { components.append(["product": .string(id), "qty": .int(n)]) }
                }
                for (i, row) in v.partners.enumerated() where !row.id.isEmpty {
                    guard let n = ProductForm.number(row.qty), (1...100).contains(n) else { errors["partnerQty\(i + 1)"] = t["problem.qty"]; continue }
                    let known = try? c.reader.read { try $0.product(row.id) }
                    guard let p = known ?? nil, !p.terms.isPackage else { errors["partner\(i + 1)"] = t["problem.unknownProduct"]; continue }
                    components.append(["product": .string(row.id), "qty": .int(n)])
                }
                if components.isEmpty && errors.isEmpty { errors["components"] = t["problem.noComponents"] }
                var o: [(String, JSONValue)] = [("product", .string(ProductForm.newID(merchant: merchant))), ("kind", .string(v.kind)),
                                                ("name", .string(v.name)), ("description", .string(v.description))]
                if v.price.isEmpty { errors["price"] = t["problem.required"] } else if let n = ProductForm.number(v.price) { o.append(("price", .int(n))) } else { errors["price"] = t["problem.number"] }
                if !v.validUntil.isEmpty {
                    if let ms = ConsoleForm.parseDate(v.validUntil), ms + ConsoleForm.day > c.clock.now() { o.append(("validity", ["until": .int(ms + ConsoleForm.day)])) }
                    else { errors["validUntil"] = t[ConsoleForm.parseDate(v.validUntil) == nil ? "problem.date" : "problem.past"] }
                }
                if !v.cap.isEmpty { if let n = ProductForm.number(v.cap) { o.append(("cap", .int(n))) } else { errors["cap"] = t["problem.number"] } }
                o.append(("components", .array(components)))
                var draft: ProductDraft?
                do { draft = try ProductDraft.parse(JSONObject(o)!) } catch let e as ServiceError {
                    for p in e.fields where errors[p.field.hasPrefix("components") ? "components" : p.field] == nil {
                        errors[p.field.hasPrefix("components") ? "components" : p.field] = ConsoleForm.message(t, p)
                    }
                } catch {}
                guard errors.isEmpty, let draft else { return formPage(c, g, v, errors: errors, banner: nil, status: 422) }
                do { try c.admin.createProduct(draft, by: g.identity) } catch {
                    return formPage(c, g, v, errors: [:], banner: ConsoleForm.message(t, error), status: 422)
                }
                _ = try? c.endorsements.requestEndorsements(package: draft.product, by: g.identity)  // conflict: no partner to ask
                _ = try? PromotionService(admin: c.admin).publish(product: draft.product, by: g.identity)
                return WebResponse.redirect("/admin/products/\(Layout.percentEncode(draft.product))?done=created")
            }
        }
    }

    static func askAgain(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let id = r.parameters["id"] ?? ""
            return ConsoleForm.once(c, g, form) {
                do { _ = try c.endorsements.requestEndorsements(package: id, by: g.identity) } catch {
                    return ProductPages.show(c, r, banner: ConsoleForm.message(g.t, error), status: 422)
                }
                return WebResponse.redirect("/admin/products/\(Layout.percentEncode(id))")
            }
        }
    }

    // MARK: the partner's side

    static func requests(_ c: WebContext, _ r: HTTPRequest, banner: String? = nil, status: Int = 200) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = g.t
        let partner = g.merchant ?? r.query["merchant"].flatMap { $0.isEmpty ? nil : $0 }
        var content: [HTML] = [h1(t["end.title"]), p(["class": "muted"], [.text(t["end.lead"])]), ConsoleForm.banner(banner)]
        if g.merchant == nil {
            content.append(form(["method": "get", "action": "/admin/endorsements", "class": "stack"], [
                ConsoleForm.field(t["end.merchant"], "merchant", value: partner ?? "", errors: [:]),
                button(["type": "submit"], [.text(t["end.show"])]),
            ]))
        }
        guard let partner else { return g.page(t["end.title"], path: r.path, content) }
        let list = (try? c.endorsements.requests(toPartner: partner, by: g.identity)) ?? []
        if list.isEmpty { content.append(p(["id": "no-requests"], [.text(t["end.none"])])) }
        for req in list.prefix(100) {
            let v = try? c.catalogue.product(req.package)
            let share = v.flatMap { shares($0).first { $0.merchant == partner } }
            let mine = v?.components?.filter { $0.merchant == partner } ?? []
            var body: [HTML] = [
                h2(v?.name ?? req.package),
                p(["class": "muted"], [.text(t.format("end.from", v?.issuerName ?? req.requester, req.requester, ConsoleForm.dateTime(req.created)))]),
                ul([:], mine.map { li([:], [.text("\($0.product.name) × \($0.qty)")]) }),
                p([:], [.text(t["pkg.share"] + "：" + (share.map { ProductPages.yen(t, $0.yen) } ?? "—") + " / " + t["pkg.price"] + "："
                              + (v.map { ProductPages.yen(t, $0.price) } ?? "—"))]),
                p([:], [span(["class": "badge \(req.status == .approved ? "ok" : req.status == .pending ? "wait" : "off")", "id": "status-\(req.id)"],
                             [.text(t["pkg.\(req.status == .approved ? "approved" : req.status == .pending ? "pending" : "declined")"])])]),
            ]
            if req.status == .pending && g.canManage {
                body.append(div(["class": "actions"], [
                    form(["method": "post", "action": "/admin/endorsements/\(Layout.percentEncode(req.id))/approve", "class": "inline"], [
                        g.csrfInput, ConsoleForm.idemInput(ConsoleForm.newKey()),
                        button(["type": "submit", "class": "approve", "data-package": req.package], [.text(t["end.approve"])]),
                    ]),
                    form(["method": "post", "action": "/admin/endorsements/\(Layout.percentEncode(req.id))/decline", "class": "inline"], [
                        g.csrfInput, ConsoleForm.idemInput(ConsoleForm.newKey()),
                        button(["type": "submit", "class": "secondary decline", "data-package": req.package], [.text(t["end.decline"])]),
                    ]),
                ]))
            }
            content.append(section(["class": "card request", "data-package": req.package], body))
        }
        return g.page(t["end.title"], path: r.path, content, status: status)
    }

    static func decide(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let id = r.parameters["id"] ?? ""
            let decision = r.parameters["decision"] ?? ""
            guard decision == "approve" || decision == "decline" else { return g.notFound() }
            return ConsoleForm.once(c, g, form) {
                do {
                    if decision == "approve" { _ = try c.endorsements.approve(id, by: g.identity) } else { _ = try c.endorsements.decline(id, by: g.identity) }
                } catch {
                    return requests(c, r, banner: ConsoleForm.message(g.t, error), status: 422)
                }
                return WebResponse.redirect("/admin/endorsements?done=\(decision)")
            }
        }
    }
}
