import Crypto
import Foundation
import HTML
import HTTPServer
import Ledger
import Services
import Store

/// `/admin/staff`: the console's sign-ins. A merchant admin sees its merchant's people and adds a
/// sign-in for a counter clerk of one of its stores (store staff: that store's staff screen,
/// rotating QR and counter payments only) or for another admin; the operator sees everyone and
/// names the merchant. The password is generated and shown once. Disabling a person ends their
/// sessions at once; enabling lets them sign in again.
enum StaffPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/staff") { r, respond in
            guard let g = ConsoleGate(c, r) else { return respond(ConsolePages.signIn) }
            respond(list(c, g, typed: Input(), errors: [:]))
        }
        // Hashing the password (Argon2id) takes a moment: off the server's threads.
        router.add("POST", "/admin/staff", bodyLimit: 16 * 1024) { r, respond in ProductPages.background(respond) { create(c, r) } }
        router.add("POST", "/admin/staff/{id}/{change}", bodyLimit: 8 * 1024) { r, respond in respond(setDisabled(c, r)) }
    }

    /// What the add form sent, as typed.
    struct Input {
        var username = ""
        var displayName = ""
        var role = "store_staff"
        var store = ""
        var merchant = ""

        init() {}

        init(_ form: FormBody) {
            username = (form.text("username") ?? "").lowercased()
            displayName = form.text("displayName") ?? ""
            role = form.text("role") == "merchant_admin" ? "merchant_admin" : "store_staff"
            store = form.text("store") ?? ""
            merchant = form.text("merchant") ?? ""
        }
    }

    static func list(_ c: WebContext, _ g: ConsoleGate, typed: Input, errors: ConsoleForm.Errors, banner: String? = nil,
                     status: Int = 200) -> HTTPResponse {
        guard g.canManage else { return g.notFound() }
        let t = g.t
        let users = (try? c.staff.users(for: g.identity)) ?? []
        let ownStores = g.merchant.flatMap { m in try? c.reader.read { try $0.stores(ofMerchant: m) } } ?? []
        let notice = g.request.query["done"].flatMap { ["created", "disabled", "enabled"].contains($0) ? t["staff.done.\($0)"] : nil }
        let rows: [HTML] = users.map { u in
            let place = u.role.store.map { " — " + $0 } ?? (g.merchant == nil ? u.role.merchant.map { " — " + $0 } ?? "" : "")
            let change = u.disabled ? "enable" : "disable"
            return el("tr", ["data-user": u.username], [
                td([el("code", [:], [.text(u.username)])]), td(u.displayName), td(t["role.\(u.role.name)"] + place),
                td([span(["class": u.disabled ? "badge off" : "badge ok", "data-state": u.disabled ? "disabled" : "active"],
                         [.text(t[u.disabled ? "staff.disabled" : "staff.active"])])]),
                td(u.id == g.identity.userID ? [span(["class": "muted"], [.text(t["staff.you"])])] : [
                    form(["method": "post", "action": "/admin/staff/\(u.id)/\(change)", "class": "inline"], [
                        g.csrfInput,
                        button(["type": "submit", "class": "secondary \(change)"], [.text(t["staff.\(change)"])]),
                    ]),
                ]),
            ])
        }
        let F = ConsoleForm.self
        let storeField: HTML = g.merchant == nil
            ? F.field(t["staff.store"], "store", value: typed.store, errors: errors, hint: t["staff.storeHintOperator"])
            : label([:], [.text(t["staff.store"]), F.errorNote("store", errors),
                          select(["name": "store", "id": "store"], ownStores.map { s in
                              option(s.id, "\(s.name)（\(s.id)）", selected: s.id == typed.store)
                          }),
                          span(["class": "muted hint"], [.text(t["staff.storeHint"])])])
        var content: [HTML] = [
            h1(t["staff.title"]),
            p(["class": "muted"], [.text(t["staff.lead"])]),
            notice.map { p(["class": "success", "role": "status", "id": "notice"], [.text($0)]) } ?? .fragment([]),
            F.banner(banner),
            div(["class": "scroll"], [table(["id": "staff"], [tr([th(t["staff.username"]), th(t["staff.displayName"]), th(t["staff.role"]),
                                                                  th(t["staff.state"]), th("")])] + rows)]),
            h2(t["staff.add"]),
        ]
        content.append(form(["method": "post", "action": "/admin/staff", "class": "stack", "id": "staff-form", "novalidate": nil], [
            g.csrfInput, F.idemInput(F.newKey()),
            F.field(t["staff.username"], "username", value: typed.username, errors: errors, hint: t["staff.usernameHint"],
                    extra: [HTML.Attribute("autocomplete", "off"), HTML.Attribute("maxlength", "32")]),
            F.field(t["staff.displayName"], "displayName", value: typed.displayName, errors: errors,
                    extra: [HTML.Attribute("maxlength", "100")]),
            g.merchant == nil ? F.field(t["staff.merchant"], "merchant", value: typed.merchant, errors: errors) : .fragment([]),
            el("fieldset", [:], [el("legend", [:], [.text(t["staff.role"])]),
                                 F.radio("role", "store_staff", typed.role, t["staff.role.store_staff"]),
                                 F.radio("role", "merchant_admin", typed.role, t["staff.role.merchant_admin"])]),
            storeField,
            button(["type": "submit", "id": "add-staff"], [.text(t["staff.addSubmit"])]),
        ]))
        return g.page(t["staff.title"], path: "/admin/staff", content, status: status)
    }

    static func create(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, form in
            guard g.canManage else { return g.notFound() }
            let t = g.t
            let typed = Input(form)
            // Checked here to answer next to each field in the person's language; the directory checks again.
            var errors: ConsoleForm.Errors = [:]
            if !StaffRules.isValidUsername(typed.username) { errors["username"] = t["staff.badUsername"] }
            if typed.displayName.isEmpty { errors["displayName"] = t["problem.required"] }
            else if typed.displayName.unicodeScalars.count > 100 { errors["displayName"] = t["problem.too_long"] }
            let merchant = g.merchant ?? typed.merchant
            if g.merchant == nil && !Identifier.isValid(merchant) { errors["merchant"] = t["problem.unknownMerchant"] }
            let role: StaffRole = typed.role == "merchant_admin" ? .merchantAdmin(merchant: merchant)
                                                                 : .storeStaff(merchant: merchant, store: typed.store)
            if errors["merchant"] == nil, let problem = placeProblem(c, role) { errors[problem.field] = t[problem.text] }
            guard errors.isEmpty else {
                return list(c, g, typed: typed, errors: errors, banner: errors["_form"] ?? t["form.fix"], status: 422)
            }
            return ConsoleForm.once(c, g, form) {
                // 16 random bytes in base64url: 22 characters to read out or paste, 128 bits.
                let password = Base64URL.encode(SystemRandom().bytes(count: 16))
                let user: StaffUser
                do {
                    user = try c.staff.createUser(username: typed.username, displayName: typed.displayName, password: password,
                                                  role: role, by: g.identity)
                } catch let e as ServiceError where e.code == .conflict {
                    return list(c, g, typed: typed, errors: ["username": t["staff.taken"]], banner: t["form.fix"], status: 409)
                } catch {
                    return list(c, g, typed: typed, errors: [:], banner: ConsoleForm.message(t, error), status: 422)
                }
                return created(g, user, password: password)
            }
        }
    }

    /// The one page that shows the new password (201: a second send of the same form shows it again).
    static func created(_ g: ConsoleGate, _ user: StaffUser, password: String) -> HTTPResponse {
        let t = g.t
        let content: [HTML] = [
            h1(t["staff.createdTitle"]),
            p(["class": "success", "role": "status", "id": "staff-created"], [.text(t.format("staff.created", user.displayName))]),
            table(["id": "new-login"], [
                tr([th(t["staff.username"]), td([el("code", ["id": "new-username"], [.text(user.username)])])]),
                tr([th(t["staff.password"]), td([el("code", ["id": "new-password", "class": "big"], [.text(password)])])]),
                tr([th(t["staff.role"]), td(t["role.\(user.role.name)"] + (user.role.store.map { " — " + $0 } ?? ""))]),
            ]),
            p(["class": "notice"], [.text(t["staff.passwordOnce"])]),
            p([:], [a("/admin/staff", [:], [.text(t["staff.back"])])]),
        ]
        var response = g.page(t["staff.createdTitle"], path: "/admin/staff", content, status: 201)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    static func setDisabled(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        ConsoleGate.post(c, r) { g, _ in
            guard g.canManage else { return g.notFound() }
            let change = r.parameters["change"] ?? ""
            guard ["disable", "enable"].contains(change), let id = Int64(r.parameters["id"] ?? "") else { return g.notFound() }
            do {
                _ = try c.staff.setDisabled(change == "disable", userID: id, by: g.identity)
            } catch let e as ServiceError where e.code == .notFound {
                return g.notFound()
            } catch {
                return list(c, g, typed: Input(), errors: [:], banner: ConsoleForm.message(g.t, error), status: 422)
            }
            return WebResponse.redirect("/admin/staff?done=\(change)d")
        }
    }

    /// A merchant or store the role names must exist, and the store must be the merchant's.
    static func placeProblem(_ c: WebContext, _ role: StaffRole) -> (field: String, text: String)? {
        guard let merchant = role.merchant else { return nil }
        let found = try? c.reader.read { store -> (Bool, StoreRecord?) in
            (try store.merchant(merchant) != nil, try role.store.flatMap { try store.store($0) })
        }
        guard let (merchantExists, store) = found else { return ("_form", "code.unavailable") }
        if !merchantExists { return ("merchant", "problem.unknownMerchant") }
        if role.store != nil && store?.merchant != merchant { return ("store", "staff.pickStore") }
        return nil
    }
}
