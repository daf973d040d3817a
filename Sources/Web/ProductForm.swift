import Crypto
import Foundation
import HTML
import HTTPServer
import Ledger
import Services

/// The one short form that registers a paid ticket or a discount coupon (`/admin/products/new`),
/// as the form's typed values, so a form with errors comes back exactly as it was sent.
struct ProductForm {
    var product = ""
    var issuer = ""
    var kind = "coupon"
    var name = ""
    var description = ""
    var price = ""
    var faceValue = ""
    var minPurchase = ""
    /// `dates`, `days` or `none`.
    var validityMode = "dates"
    var validFrom = ""
    var validUntil = ""
    var days = ""
    var cap = ""
    /// `own`, `stores` or `industries`.
    var usable = "own"
    var stores: [String] = []
    var industries: [String] = []
    var transferable = true
    var idem = ConsoleForm.newKey()

    init() {}

    /// The values a person sent.
    init(_ r: HTTPRequest) {
        let f = FormBody(r)
        func v(_ k: String) -> String { (f[k] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        product = v("product"); issuer = v("issuer"); kind = v("kind"); name = v("name")
        description = (f["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        price = v("price"); faceValue = v("faceValue"); minPurchase = v("minPurchase")
        validityMode = v("validityMode"); validFrom = v("validFrom"); validUntil = v("validUntil"); days = v("days")
        cap = v("cap"); usable = v("usable")
        stores = ConsoleForm.all(r, "store"); industries = ConsoleForm.all(r, "industry")
        transferable = f["transferable"] == "yes"
        idem = f["_idem"] ?? ConsoleForm.newKey()
    }

    /// A "new version" of `view`: the same terms, a new id, ready to change.
    init(copying view: ProductView, usableRule: ProductTerms.Redeem?) {
        kind = view.kind.rawValue; name = view.name; description = view.description
        price = String(view.price); faceValue = view.faceValue.map(String.init) ?? ""; minPurchase = view.minPurchase.map(String.init) ?? ""
        if let d = view.validity.days {
            validityMode = "days"; days = String(d)
        } else if view.validity.from != nil || view.validity.until != nil {
            validityMode = "dates"
            validFrom = view.validity.from.map(ConsoleForm.date) ?? ""
            validUntil = view.validity.until.map { ConsoleForm.date($0 - 1) } ?? ""
        } else {
            validityMode = "none"
        }
        cap = view.cap.map(String.init) ?? ""
        switch usableRule {
        case .stores(let s)?: usable = "stores"; stores = s
        case .industries(let i)?: usable = "industries"; industries = i
        default: usable = "own"
        }
        transferable = view.transfer.allowed && view.transfer.max != 0
        issuer = view.issuer
    }

    // MARK: reading

    /// A whole number typed with ASCII or full-width digits and optional separators.
    static func number(_ s: String) -> Int64? {
        var ascii = ""
        for ch in s.unicodeScalars {
            switch ch.value {
            case 0x30...0x39: ascii.unicodeScalars.append(ch)
            case 0xFF10...0xFF19: ascii.unicodeScalars.append(UnicodeScalar(ch.value - 0xFF10 + 0x30)!)
            case 0x2C, 0xFF0C, 0x5F: continue  // , ， _
            default: return nil
            }
        }
        return ascii.isEmpty || ascii.count > 15 ? nil : Int64(ascii)
    }

    /// The draft this form describes, or every problem by form field name.
    func draft(_ t: Texts, gate: ConsoleGate, now: Int64) -> (ProductDraft?, ConsoleForm.Errors) {
        var errors: ConsoleForm.Errors = [:]
        var o: [(String, JSONValue)] = []
        let merchant = gate.merchant ?? issuer
        o.append(("product", .string(product.isEmpty ? Self.newID(merchant: merchant.isEmpty ? "p" : merchant) : product)))
        if gate.merchant == nil {
            if issuer.isEmpty { errors["issuer"] = t["problem.required"] } else { o.append(("issuer", .string(issuer))) }
        }
        guard let k = ProductTerms.Kind(rawValue: kind) else { return (nil, ["kind": t["problem.required"]]) }
        o.append(("kind", .string(k.rawValue)))
        o.append(("name", .string(name)))
        o.append(("description", .string(description)))
        func amount(_ field: String, _ text: String, required: Bool) -> Int64? {
            if text.isEmpty {
                if required { errors[field] = t["problem.required"] }
                return nil
            }
            guard let n = Self.number(text) else { errors[field] = t["problem.number"]; return nil }
            return n
        }
        let priceValue = amount("price", price, required: k == .ticket) ?? 0
        o.append(("price", .int(priceValue)))
        if k == .coupon {
            if let f = amount("faceValue", faceValue, required: true) {
                if f < 1 { errors["faceValue"] = t["problem.positive"] } else { o.append(("faceValue", .int(f))) }
            }
            if let m = amount("minPurchase", minPurchase, required: false) { o.append(("minPurchase", .int(m))) }
        }
        switch validityMode {
        case "dates":
            var v: [(String, JSONValue)] = []
            var fromMs: Int64?
            if !validFrom.isEmpty {
                if let ms = ConsoleForm.parseDate(validFrom) { fromMs = ms; v.append(("from", .int(ms))) } else { errors["validFrom"] = t["problem.date"] }
            }
            if validUntil.isEmpty {
                errors["validUntil"] = t["problem.required"]
            } else if let ms = ConsoleForm.parseDate(validUntil) {
                let end = ms + ConsoleForm.day  // the whole last day, until midnight
                if end <= now { errors["validUntil"] = t["problem.past"] }
                else if let fromMs, fromMs >= end { errors["validUntil"] = t["problem.beforeFrom"] }
                else { v.append(("until", .int(end))) }
            } else {
                errors["validUntil"] = t["problem.date"]
            }
            o.append(("validity", .object(JSONObject(v)!)))
        case "days":
            if let d = amount("days", days, required: true) {
                if !(1...36_500).contains(d) { errors["days"] = t.format("problem.range", "1", "36500") } else { o.append(("validity", ["days": .int(d)])) }
            }
        default:
            o.append(("validity", .object(JSONObject())))
        }
        switch usable {
        case "stores":
            if stores.isEmpty { errors["usable"] = t["problem.pickStore"] } else { o.append(("redeem", ["stores": .array(stores.map { .string($0) })])) }
        case "industries":
            if industries.isEmpty { errors["usable"] = t["problem.pickIndustry"] } else { o.append(("redeem", ["industries": .array(industries.map { .string($0) })])) }
        default: break
        }
        o.append(("transfer", ["allowed": .bool(transferable)]))
        if let c = amount("cap", cap, required: false) { o.append(("cap", .int(c))) }

        var draft: ProductDraft?
        do {
            draft = try ProductDraft.parse(JSONObject(o)!)
        } catch let e as ServiceError {
            for p in e.fields where errors[Self.formField(p.field)] == nil { errors[Self.formField(p.field)] = ConsoleForm.message(t, p) }
        } catch {
            errors["_form"] = ConsoleForm.message(t, error)
        }
        return (errors.isEmpty ? draft : nil, errors)
    }

    /// The form field a draft's field path belongs to.
    static func formField(_ path: String) -> String {
        switch path {
        case "validity.from": return "validFrom"
        case "validity.until", "validity": return "validUntil"
        case "validity.days": return "days"
        case "transfer", "transfer.allowed", "transfer.max": return "transferable"
        default:
            if path.hasPrefix("redeem") { return "usable" }
            return path
        }
    }

    /// `<merchant>-<6 random letters and digits>`: short, readable, and unlikely to collide.
    static func newID(merchant: String) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        let suffix = String(SystemRandom().bytes(count: 6).map { alphabet[Int($0) % alphabet.count] })
        return String(merchant.prefix(56)) + "-" + suffix
    }

    // MARK: rendering

    /// The form, with `errors` next to their fields.
    func render(_ t: Texts, gate: ConsoleGate, stores ownStores: [(id: String, name: String)], industries known: [String],
                errors: ConsoleForm.Errors, banner: String?) -> [HTML] {
        let radio = ConsoleForm.radio
        func check(_ name: String, _ value: String, _ on: Bool, _ text: String) -> HTML {
            label(["class": "choice"], [.element("input", [HTML.Attribute("type", "checkbox"), HTML.Attribute("name", name),
                                                          HTML.Attribute("value", value)] + (on ? [HTML.Attribute("checked", nil)] : []), []),
                                        .text(text)])
        }
        let F = ConsoleForm.self
        return [
            F.banner(banner ?? (errors.isEmpty ? nil : t["form.fix"])),
            form(["method": "post", "action": "/admin/products", "class": "stack", "id": "product-form", "novalidate": nil], [
                gate.csrfInput, F.idemInput(idem),
                gate.merchant == nil ? F.field(t["prod.issuer"], "issuer", value: issuer, errors: errors, hint: t["prod.issuerHint"]) : .fragment([]),
                el("fieldset", [:], [el("legend", [:], [.text(t["prod.kind"])]), F.errorNote("kind", errors),
                                     radio("kind", "coupon", kind, t["prod.kindCoupon"]), radio("kind", "ticket", kind, t["prod.kindTicket"])]),
                F.field(t["prod.name"], "name", value: name, errors: errors, extra: [HTML.Attribute("maxlength", "200")]),
                label([:], [.text(t["prod.description"]), F.errorNote("description", errors),
                            textarea(["name": "description", "id": "description", "rows": "3", "maxlength": "4000"], description)]),
                F.field(t["prod.price"], "price", value: price, errors: errors, hint: t["prod.priceHint"], extra: [HTML.Attribute("inputmode", "numeric")]),
                F.field(t["prod.faceValue"], "faceValue", value: faceValue, errors: errors, hint: t["prod.faceValueHint"],
                        extra: [HTML.Attribute("inputmode", "numeric")]),
                F.field(t["prod.minPurchase"], "minPurchase", value: minPurchase, errors: errors, hint: t["prod.minPurchaseHint"],
                        extra: [HTML.Attribute("inputmode", "numeric")]),
                el("fieldset", [:], [
                    el("legend", [:], [.text(t["prod.validity"])]),
                    radio("validityMode", "dates", validityMode, t["prod.validityDates"]),
                    div(["class": "row"], [F.field(t["prod.validFrom"], "validFrom", value: validFrom, errors: errors, type: "date"),
                                           F.field(t["prod.validUntil"], "validUntil", value: validUntil, errors: errors, type: "date")]),
                    radio("validityMode", "days", validityMode, t["prod.validityDays"]),
                    F.field(t["prod.days"], "days", value: days, errors: errors, extra: [HTML.Attribute("inputmode", "numeric")]),
                    radio("validityMode", "none", validityMode, t["prod.validityNone"]),
                    span(["class": "muted hint"], [.text(t["prod.validityHint"])]),
                ]),
                F.field(t["prod.cap"], "cap", value: cap, errors: errors, hint: t["prod.capHint"], extra: [HTML.Attribute("inputmode", "numeric")]),
                el("fieldset", [:], [
                    el("legend", [:], [.text(t["prod.usable"])]), F.errorNote("usable", errors),
                    radio("usable", "own", usable, t["prod.usableOwn"]),
                    radio("usable", "stores", usable, t["prod.usableStores"]),
                    div(["class": "choices"], ownStores.map { check("store", $0.id, stores.contains($0.id), $0.name) }),
                    radio("usable", "industries", usable, t["prod.usableIndustries"]),
                    div(["class": "choices"], known.map { check("industry", $0, industries.contains($0), ProductPages.industryName(t, $0)) }),
                ]),
                check("transferable", "yes", transferable, t["prod.transferable"]),
                el("details", [:], [el("summary", [:], [.text(t["prod.advanced"])]),
                                    F.field(t["prod.id"], "product", value: product, errors: errors, hint: t["prod.idHint"])]),
                p(["class": "notice"], [.text(t["prod.lockedWarning"])]),
                button(["type": "submit", "id": "create"], [.text(t["prod.create"])]),
            ]),
        ]
    }
}
