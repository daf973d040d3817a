import Crypto
import HTML
import HTTPServer
import Services

/// `/admin/stores/import` (operator only): upload a CSV of stores, see a report per row, and
/// register the valid rows in the background with progress.
enum ImportStorePages {
    /// Upload limit: thousands of stores fit easily (a row is under 200 bytes).
    static let bodyLimit = 8 * 1024 * 1024

    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/stores/import") { r, respond in respond(showForm(c, r)) }
        router.add("POST", "/admin/stores/import", bodyLimit: bodyLimit) { r, respond in respond(upload(c, r)) }
        router.add("GET", "/admin/stores/import/{job}") { r, respond in respond(job(c, r)) }
        router.add("POST", "/admin/stores/import/{job}/start", bodyLimit: 8 * 1024) { r, respond in respond(start(c, r)) }
    }

    static func showForm(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        return formPage(c, Texts(Lang.of(r)), identity, token: token, choice: .auto, error: nil)
    }

    static func formPage(_ c: WebContext, _ t: Texts, _ identity: StaffIdentity, token: String, choice: ImportStoreCSV.Choice,
                         error: String?, status: Int = 200) -> HTTPResponse {
        let recent = ImportJobs.shared.jobs(owner: identity.userID)
        let content: [HTML] = [
            h1(t["import.title"]),
            p(t["import.lead"]),
            error.map { p(["class": "error", "role": "alert", "id": "import-error"], [.text($0)]) } ?? .fragment([]),
            form(["method": "post", "action": "/admin/stores/import", "enctype": "multipart/form-data", "class": "stack", "id": "import-form"], [
                input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]),
                input(["type": "hidden", "name": "_idem", "value": OperatorAccess.newIdempotencyKey()]),
                label([:], [.text(t["import.file"]), input(["type": "file", "name": "file", "id": "file", "accept": ".csv,text/csv", "required": nil])]),
                label([:], [.text(t["import.encoding"]),
                            select(["name": "encoding", "id": "encoding"], ImportStoreCSV.Choice.allCases.map {
                                option($0.rawValue, t["import.encoding.\($0.rawValue)"], selected: $0 == choice)
                            })]),
                el("label", ["class": "check"], [input(["type": "checkbox", "name": "validOnly", "id": "validOnly", "value": "1"]),
                                                 .text(t["import.validOnly"])]),
                button(["type": "submit", "id": "import-submit"], [.text(t["import.submit"])]),
            ]),
            h2(t["import.formatTitle"]),
            p(t["import.formatText"]),
            el("pre", ["class": "sample"], [.text("store,merchant,name,industry,city\r\nkita-shop-01,ramen-01,喜多方ラーメン 駅前店,ramen,喜多方市\r\n")]),
            recent.isEmpty ? .fragment([]) : h2(t["import.recent"]),
            recent.isEmpty ? .fragment([]) : ul([:], recent.map { j in
                let p = j.progress
                return li([:], [a("/admin/stores/import/\(j.id)", [:], [.text("\(j.fileName) — \(ExportCSV.jst(j.created))")]),
                                .text(" · " + t["import.state.\(p.state.rawValue)"])])
            }),
        ]
        return OperatorAccess.page(t, title: t["import.title"], path: "/admin/stores/import", identity: identity, token: token,
                                   content: content, status: status)
    }

    static func upload(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        let t = Texts(Lang.of(r))
        guard let multipart = ImportMultipart(r) else {
            return formPage(c, t, identity, token: token, choice: .auto, error: t["import.badUpload"], status: 400)
        }
        let choice = ImportStoreCSV.Choice(rawValue: multipart["encoding"]?.text ?? "") ?? .auto
        guard ConsoleSession.constantTimeEqual(multipart["_csrf"]?.text ?? "", ConsoleSession.csrf(for: token)) else {
            return formPage(c, t, identity, token: token, choice: choice, error: t["op.csrfExpired"], status: 403)
        }
        guard let file = multipart["file"], !file.data.isEmpty else {
            return formPage(c, t, identity, token: token, choice: choice, error: t["import.noFile"], status: 400)
        }
        let validOnly = multipart["validOnly"]?.text == "1"
        let scope = "web:\(identity.userID)", key = multipart["_idem"]?.text ?? ""
        let fingerprint = SHA256.hash(file.data + Array("\n\(choice.rawValue)\n\(validOnly)".utf8))
        do {
            switch try c.idempotency.begin(scope: scope, key: key, fingerprint: fingerprint) {
            case .replay(let stored): return WebResponse.redirect(String(decoding: stored.body, as: UTF8.self))
            case .proceed: break
            }
        } catch let e as ServiceError {
            let message = e.code == .idempotencyConflict ? t["op.inProgress"] : t["op.badForm"]
            return formPage(c, t, identity, token: token, choice: choice, error: message, status: 409)
        } catch {
            return formPage(c, t, identity, token: token, choice: choice, error: t["op.unavailable"], status: 503)
        }
        let checked: ImportStoreCSV.Result
        do { checked = try ImportStoreCSV.check(file.data, choice: choice, reader: c.reader) } catch {
            try? c.idempotency.abandon(scope: scope, key: key)
            return formPage(c, t, identity, token: token, choice: choice, error: t["op.unavailable"], status: 503)
        }
        let job = ImportJob(owner: identity.userID, fileName: file.filename ?? "stores.csv", check: checked, created: c.clock.now())
        ImportJobs.shared.add(job)
        // Nothing is registered from a file with problems unless the operator asked for the valid rows.
        let fileWide = checked.problems.contains { $0.line == 0 }
        if !fileWide && (checked.problems.isEmpty || validOnly) { job.start(admin: c.admin, by: identity) }
        let location = "/admin/stores/import/\(job.id)"
        _ = try? c.idempotency.finish(scope: scope, key: key, status: 303, contentType: "text/plain", body: Array(location.utf8))
        return WebResponse.redirect(location)
    }

    static func start(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        let id = r.parameters["job"] ?? ""
        guard let job = ImportJobs.shared.job(id, owner: identity.userID) else { return WebSite.notFound(r) }
        // A second click (or a replayed post) finds the job already started and just shows it.
        if ConsoleSession.checkCSRF(FormBody(r), token: token), !job.check.problems.contains(where: { $0.line == 0 }) {
            job.start(admin: c.admin, by: identity)
        }
        return WebResponse.redirect("/admin/stores/import/\(job.id)")
    }

    static func job(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        var id = r.parameters["job"] ?? ""
        let wantsJSON = id.hasSuffix(".json")
        if wantsJSON { id.removeLast(5) }
        guard let job = ImportJobs.shared.job(id, owner: identity.userID) else {
            return wantsJSON ? .text("{\"error\":\"not_found\"}", status: 404) : WebSite.notFound(r)
        }
        if wantsJSON {
            var response = HTTPResponse.bytes(Array(job.json.utf8), contentType: "application/json")
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        return ImportReportPage.render(Texts(Lang.of(r)), job, identity, token: token)
    }
}
