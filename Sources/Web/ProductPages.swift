import Dispatch
import Foundation
import HTML
import HTTPServer
import Ledger
import Services

/// The merchant console's products: list, one short form to register, the product page with
/// cap, stop selling, publish and "new version" (`/admin/products…`). Registers the other
/// product-side pages too (packages, endorsements, promotion, ticket search).
enum ProductPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/products") { r, respond in respond(list(c, r)) }
        router.add("GET", "/admin/products/new") { r, respond in respond(newForm(c, r)) }
        router.add("POST", "/admin/products", bodyLimit: 64 * 1024) { r, respond in background(respond) { create(c, r) } }
        router.add("GET", "/admin/products/{id}") { r, respond in respond(show(c, r)) }
        router.add("POST", "/admin/products/{id}/cap", bodyLimit: 8 * 1024) { r, respond in background(respond) { setCap(c, r) } }
        router.add("POST", "/admin/products/{id}/stop", bodyLimit: 8 * 1024) { r, respond in background(respond) { stop(c, r) } }
        router.add("POST", "/admin/products/{id}/publish", bodyLimit: 8 * 1024) { r, respond in background(respond) { publish(c, r) } }
        PackagePages.register(router, c)
        ProductPromotion.register(router, c)
        TicketPages.register(router, c)
    }

    /// Runs a write (which waits for a ledger block) off the server's threads.
    static func background(_ respond: @escaping @Sendable (HTTPResponse) -> Void, _ work: @escaping @Sendable () -> HTTPResponse) {
        DispatchQueue.global().async { respond(work()) }
    }

    /// A store industry's display name (the code itself when we have no name for it).
    static func industryName(_ t: Texts, _ code: String) -> String {
        let key = "industry.\(code)"
        return Texts.all[key] != nil ? t[key] : code
    }

    static func yen(_ t: Texts, _ v: Int64) -> String { t.format("yen", v.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) }

    /// Why a product is (not) on sale, in words.
    static func saleText(_ t: Texts, _ sale: SaleStatus) -> String {
        sale.onSale ? t["product.onSale"] : t["product.notOnSale"] + "（" + sale.reasons.map { t["sale.\($0.rawValue)"] }.joined(separator: "・") + "）"
    }

    // MARK: list

    static func list(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = g.t
        let after = r.query["after"].flatMap { $0.isEmpty ? nil : $0 }
        let page: CataloguePage
        do { page = try c.catalogue.products(CatalogueQuery(after: after, limit: 50, merchant: g.merchant)) } catch {
            return g.page(t["prod.list"], path: r.path, [h1(t["prod.list"]), ConsoleForm.banner(ConsoleForm.message(t, error))], status: 500)
        }
        let rows: [HTML] = page.products.map { v in
            tr([td([a("/admin/products/\(Layout.percentEncode(v.id))", [:], [.text(v.name)]), el("br"), span(["class": "muted small"], [.text(v.id)])]),
                td(t[v.isPackage ? "prod.package" : "product.kind.\(v.kind.rawValue)"]),
                td(yen(t, v.price)), td(String(v.issued)),
                td(v.remaining.map(String.init) ?? t["product.unlimited"]),
                td([span(["class": v.sale.onSale ? "badge ok" : "badge off"], [.text(saleText(t, v.sale))])])])
        }
        let content: [HTML] = [
            h1(t["prod.list"] + (g.merchant == nil ? "（" + t["merchant.all"] + "）" : "")),
            g.canManage ? p(["class": "actions"], [a("/admin/products/new", ["class": "button", "id": "new-product"], [.text(t["prod.new"])]),
                                                   a("/admin/packages/new", ["class": "button secondary"], [.text(t["cnav.newPackage"])])]) : .fragment([]),
            page.products.isEmpty ? p(t["home.noProducts"]) : div(["class": "scroll"], [table(["id": "product-list"], [
                tr([th(t["prod.name"]), th(t["prod.kind"]), th(t["product.price"]), th(t["product.issued"]), th(t["product.remaining"]), th(t["prod.status"])]),
            ] + rows)]),
            page.next.map { p([:], [a("/admin/products?after=\(Layout.percentEncode($0))", [:], [.text(t["list.next"])])]) } ?? .fragment([]),
        ]
        return g.page(t["prod.list"], path: r.path, content)
    }

    // MARK: new

    static func newForm(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        var values = ProductForm()
        var note: HTML = .fragment([])
        if let from = r.query["from"], let view = try? c.catalogue.product(from), g.identity.covers(merchant: view.issuer), !view.isPackage {
            let rule = try? c.reader.read { try $0.product(from)?.terms.redeem }
            values = ProductForm(copying: view, usableRule: rule ?? nil)
            note = p(["class": "notice", "id": "version-note"], [.text(g.t.format("prod.versionOf", view.name, view.id))])
        }
        return formPage(c, g, values, errors: [:], banner: nil, note: note)
    }

    static func formPage(_ c: WebContext, _ g: ConsoleGate, _ values: ProductForm, errors: ConsoleForm.Errors, banner: String?,
                         note: HTML = .fragment([]), status: Int = 200) -> HTTPResponse {
        let t = g.t
        let merchant = g.merchant ?? (values.issuer.isEmpty ? nil : values.issuer)
        let facts = try? c.reader.read { s -> ([(id: String, name: String)], [String]) in
            (try merchant.map { try s.stores(ofMerchant: $0).map { (id: $0.id, name: $0.name) } } ?? [], try s.storeIndustries())
        }
        let content: [HTML] = [h1(t["prod.new"]), note, p(["class": "muted"], [.text(t["prod.newLead"])])]
            + values.render(t, gate: g, stores: facts?.0 ?? [], industries: facts?.1 ?? [], errors: errors, banner: banner)
        return g.page(t["prod.new"], path: "/admin/products/new", content, status: status)
    }

    static func create(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let values = ProductForm(r)
            return ConsoleForm.once(c, g, form) {
                let (draft, errors) = values.draft(g.t, gate: g, now: c.clock.now())
                guard let draft else { return formPage(c, g, values, errors: errors, banner: errors["_form"], status: 422) }
                do {
                    try c.admin.createProduct(draft, by: g.identity)
                } catch let e as ServiceError {
                    var errors: ConsoleForm.Errors = [:]
                    for p in e.fields { errors[ProductForm.formField(p.field)] = ConsoleForm.message(g.t, p) }
                    switch e.code.rawValue {
                    case "conflict": errors["product"] = g.t["problem.idTaken"]
                    case "unknown_store": errors["usable"] = g.t["problem.unknownStore"]
                    case "unknown_merchant": errors["issuer"] = g.t["problem.unknownMerchant"]
                    default: break
                    }
                    return formPage(c, g, values, errors: errors, banner: errors.isEmpty ? ConsoleForm.message(g.t, e) : nil, status: 422)
                } catch {
                    return formPage(c, g, values, errors: [:], banner: ConsoleForm.message(g.t, error), status: 500)
                }
                // Registered: let the node's online shop sell it (the merchant's delegation covers it).
                _ = try? PromotionService(admin: c.admin).publish(product: draft.product, by: g.identity)
                return WebResponse.redirect("/admin/products/\(Layout.percentEncode(draft.product))?done=created")
            }
        }
    }

    // MARK: one product

    static func show(_ c: WebContext, _ r: HTTPRequest, errors: ConsoleForm.Errors = [:], banner: String? = nil, status: Int = 200) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = g.t
        let id = r.parameters["id"] ?? ""
        guard let v = try? c.catalogue.product(id), g.identity.covers(merchant: v.issuer) else { return g.notFound() }
        let done = r.query["done"].flatMap { ["created", "cap", "stopped", "published"].contains($0) ? $0 : nil }
        var facts: [HTML] = [
            tr([th(t["prod.id"]), td([el("code", [:], [.text(v.id)])])]),
            tr([th(t["prod.kind"]), td(t[v.isPackage ? "prod.package" : "product.kind.\(v.kind.rawValue)"])]),
            tr([th(t["product.price"]), td(yen(t, v.price))]),
        ]
        if let f = v.faceValue { facts.append(tr([th(t["prod.faceValue"]), td(yen(t, f))])) }
        if let m = v.minPurchase { facts.append(tr([th(t["prod.minPurchase"]), td(yen(t, m))])) }
        facts += [
            tr([th(t["prod.validity"]), td(validityText(t, v.validity))]),
            tr([th(t["prod.usable"]), td(usableText(t, v))]),
            tr([th(t["prod.transfer"]), td(v.transfer.allowed && v.transfer.max != 0 ? t["prod.transferYes"] : t["prod.transferNo"])]),
            tr([th(t["product.issued"]), td([span(["id": "issued"], [.text(String(v.issued))])])]),
            tr([th(t["prod.cap"]), td([span(["id": "current-cap"], [.text(v.cap.map(String.init) ?? t["product.unlimited"])])])]),
            tr([th(t["product.remaining"]), td([span(["id": "remaining"], [.text(v.remaining.map(String.init) ?? t["product.unlimited"])])])]),
            tr([th(t["prod.status"]), td([span(["id": "sale-status", "class": v.sale.onSale ? "badge ok" : "badge off"], [.text(saleText(t, v.sale))])])]),
            tr([th(t["prod.registeredTx"]), td([el("code", ["class": "small"], [.text(v.registeredBy)])])]),
        ]
        if !v.description.isEmpty { facts.insert(tr([th(t["prod.description"]), td(v.description)]), at: 2) }
        let idem = ConsoleForm.newKey()
        var content: [HTML] = [
            h1(v.name),
            done.map { p(["class": "success", "role": "status", "id": "done"], [.text(t["done.\($0)"])]) } ?? .fragment([]),
            ConsoleForm.banner(banner),
            div(["class": "scroll"], [table(["class": "facts"], facts)]),
        ]
        if v.isPackage { content += PackagePages.packageSection(c, g, v) }
        if g.canManage {
            content += [
                section(["class": "card", "id": "cap-section"], [
                    h2(t["prod.raiseCap"]),
                    form(["method": "post", "action": "/admin/products/\(Layout.percentEncode(v.id))/cap", "class": "stack"], [
                        g.csrfInput, ConsoleForm.idemInput(idem),
                        ConsoleForm.field(t["prod.newCap"], "cap", value: errors["cap"] != nil ? (FormBody(r)["cap"] ?? "") : String((v.cap ?? v.issued) + 100),
                                          errors: errors, hint: t.format("prod.capNow", String(v.issued)), extra: [HTML.Attribute("inputmode", "numeric")]),
                        button(["type": "submit", "id": "set-cap"], [.text(t["prod.setCap"])]),
                    ]),
                ]),
                section(["class": "card"], [
                    h2(t["promo.title"]), p(t["promo.lead"]),
                    p([:], [a("/admin/products/\(Layout.percentEncode(v.id))/promote", ["class": "button", "id": "promote"], [.text(t["promo.open"])])]),
                    form(["method": "post", "action": "/admin/products/\(Layout.percentEncode(v.id))/publish", "class": "inline"], [
                        g.csrfInput, ConsoleForm.idemInput(ConsoleForm.newKey()),
                        button(["type": "submit", "class": "secondary", "id": "publish"], [.text(t["promo.publish"])]),
                    ]),
                    v.sale.onSale ? p([:], [.text(t["promo.claimLink"] + " "), el("code", ["id": "claim-link"], [.text("/wallet/?product=" + Layout.percentEncode(v.id))])])
                        : .fragment([]),
                ]),
                section(["class": "card", "id": "stop-section"], [
                    h2(t["prod.stop"]), p(t["prod.stopLead"]),
                    form(["method": "post", "action": "/admin/products/\(Layout.percentEncode(v.id))/stop", "class": "stack"], [
                        g.csrfInput, ConsoleForm.idemInput(ConsoleForm.newKey()), ConsoleForm.errorNote("confirm", errors),
                        label(["class": "choice"], [input(["type": "checkbox", "name": "confirm", "value": "yes", "id": "confirm-stop"]),
                                                    .text(t["prod.stopConfirm"])]),
                        button(["type": "submit", "class": "danger", "id": "stop"], [.text(t["prod.stop"])]),
                    ]),
                ]),
            ]
        }
        content.append(section(["class": "card", "id": "locked"], [
            h2(t["prod.lockedTitle"]), p(t["prod.lockedText"]),
            v.isPackage || !g.canManage ? .fragment([])
                : p([:], [a("/admin/products/new?from=\(Layout.percentEncode(v.id))", ["class": "button secondary", "id": "new-version"],
                            [.text(t["prod.newVersion"])])]),
        ]))
        return g.page(v.name, path: r.path, content, status: status)
    }

    static func validityText(_ t: Texts, _ v: ProductTerms.Validity) -> String {
        var parts: [String] = []
        if let from = v.from { parts.append(t.format("prod.fromDate", ConsoleForm.dateTime(from))) }
        if let until = v.until { parts.append(t.format("prod.untilDate", ConsoleForm.dateTime(until))) }
        if let days = v.days { parts.append(t.format("prod.daysAfter", String(days))) }
        return parts.isEmpty ? t["prod.validityNone"] : parts.joined(separator: " · ")
    }

    static func usableText(_ t: Texts, _ v: ProductView) -> String {
        guard let u = v.usable else { return t["prod.usablePackage"] }
        let names = u.stores.prefix(10).map(\.name).joined(separator: "、") + (u.truncated ? t.format("prod.andMore", String(u.count)) : "")
        switch u.rule {
        case .issuerStores: return t["prod.usableOwn"] + "：" + names
        case .industries(let i): return t["prod.usableIndustries"] + "：" + i.map { industryName(t, $0) }.joined(separator: "、")
        default: return names
        }
    }

    // MARK: changes

    static func setCap(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let id = r.parameters["id"] ?? ""
            return ConsoleForm.once(c, g, form) {
                guard let cap = ProductForm.number(form.text("cap") ?? "") else { return show(c, r, errors: ["cap": g.t["problem.number"]], status: 422) }
                do {
                    try c.admin.setCap(product: id, cap: cap, by: g.identity)
                } catch let e as ServiceError where e.code == .conflict {
                    return show(c, r, errors: ["cap": g.t["problem.belowIssued"]], status: 422)
                } catch {
                    return show(c, r, banner: ConsoleForm.message(g.t, error), status: 422)
                }
                return WebResponse.redirect("/admin/products/\(Layout.percentEncode(id))?done=cap")
            }
        }
    }

    static func stop(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let id = r.parameters["id"] ?? ""
            guard form["confirm"] == "yes" else { return show(c, r, errors: ["confirm": g.t["problem.confirm"]], status: 422) }
            return ConsoleForm.once(c, g, form) {
                do { try c.admin.stopSelling(product: id, by: g.identity) } catch {
                    return show(c, r, banner: ConsoleForm.message(g.t, error), status: 422)
                }
                return WebResponse.redirect("/admin/products/\(Layout.percentEncode(id))?done=stopped")
            }
        }
    }

    static func publish(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            let id = r.parameters["id"] ?? ""
            return ConsoleForm.once(c, g, form) {
                do {
                    try PromotionService(admin: c.admin).publish(product: id, by: g.identity)
                    // Sold out or stopped: open 100 more, so "publish" always means claimable.
                    if let v = try? c.catalogue.product(id), let cap = v.cap, v.issued >= cap {
                        try c.admin.setCap(product: id, cap: v.issued + 100, by: g.identity)
                    }
                } catch {
                    return show(c, r, banner: ConsoleForm.message(g.t, error), status: 422)
                }
                return WebResponse.redirect("/admin/products/\(Layout.percentEncode(id))?done=published")
            }
        }
    }
}
