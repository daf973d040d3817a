import Foundation
import HTML
import HTTPServer
import Ledger
import Services

/// `/admin/network` (operator only): ledger height, the latest checkpoint, the node key and the
/// network's nodes, and "verify now" (a full replay of the ledger) with progress and result.
enum OperatorNetworkPage {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/network") { r, respond in respond(page(c, r)) }
        router.add("POST", "/admin/network/verify", bodyLimit: 8 * 1024) { r, respond in respond(verify(c, r)) }
        router.add("GET", "/admin/network/verify.json") { r, respond in
            guard case .allowed = OperatorAccess.requireOperator(c, r) else {
                return respond(.text("{\"error\":\"forbidden\"}", status: 403))
            }
            var response = HTTPResponse.bytes(Array(OperatorVerifyJob.shared.json.utf8), contentType: "application/json")
            response.headers["Cache-Control"] = "no-store"
            respond(response)
        }
    }

    static func page(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        let t = Texts(Lang.of(r))
        let facts = try? c.reader.read { store in (try store.network(), try store.latestBlock()) }
        let network = facts?.0 ?? nil
        let block = facts?.1 ?? nil
        func row(_ key: String, _ value: String, id: String) -> HTML {
            tr([th(t[key]), td([el("code", ["id": id, "class": "wrap"], [.text(value)])])])
        }
        var content: [HTML] = [h1(t["network.title"])]
        if let block {
            let h = block.header
            content.append(table(["id": "checkpoint"], [
                row("network.name", network.map { "\($0.name) (\($0.net))" } ?? "—", id: "net"),
                row("network.height", String(h.height), id: "height"),
                row("network.size", String(h.size), id: "size"),
                row("network.root", h.root.base64url, id: "root"),
                row("network.time", ExportCSV.jst(h.time) + " JST", id: "time"),
                row("network.signer", h.signer.base64url, id: "signer"),
                row("network.nodes", network.map { $0.nodes.map(\.base64url).joined(separator: " ") } ?? "—", id: "nodes"),
            ]))
            content.append(p(["class": "muted"], [.text(t["network.signerNote"])]))
        } else {
            content.append(p(["class": "error"], [.text(t["network.noBlocks"])]))
        }
        content.append(h2(t["network.verifyTitle"]))
        content.append(p(t["network.verifyLead"]))
        let status = OperatorVerifyJob.shared.status
        switch status.state {
        case .idle:
            break
        case .running:
            content.append(div(["class": "card", "id": "verify-progress", "data-poll": "/admin/network/verify.json"], [
                el("progress", ["max": String(max(1, status.total)), "value": String(status.checked), "data-value": "checked", "data-max": "total"], []),
                p([:], [.text(t["network.verifyRunning"] + " "),
                        span(["data-field": "checked"], [.text(String(status.checked))]), .text(" / "),
                        span(["data-field": "total"], [.text(String(status.total))]), .text(" " + t["network.leaves"])]),
            ]))
        case .ok:
            content.append(p(["class": "success", "role": "status", "id": "verify-result"], [.text(t.format("network.verifyOK",
                String(status.height), String(status.checked), String(format: "%.2f", status.seconds), status.root))]))
        case .failed:
            content.append(p(["class": "error", "role": "alert", "id": "verify-result"], [.text(t.format("network.verifyFailed", status.problem))]))
        }
        if status.state != .idle {
            content.append(p(["class": "muted"], [.text(t.format("network.verifyStarted", ExportCSV.jst(status.started), status.startedBy))]))
        }
        if status.state != .running {
            content.append(form(["method": "post", "action": "/admin/network/verify"], [
                input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]),
                button(["type": "submit", "id": "verify-now"], [.text(t["network.verifyNow"])]),
            ]))
        }
        return OperatorAccess.page(t, title: t["network.title"], path: "/admin/network", identity: identity, token: token,
                                   content: content, scripts: status.state == .running ? ["/static/operator-progress.v1.js"] : [])
    }

    static func verify(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        let identity: StaffIdentity, token: String
        switch OperatorAccess.requireOperator(c, r) {
        case .denied(let response): return response
        case .allowed(let i, let tk): (identity, token) = (i, tk)
        }
        // Starting a check twice is harmless (a running one is kept), so no idempotency key is needed.
        if ConsoleSession.checkCSRF(FormBody(r), token: token) {
            let total = (try? c.reader.read { $0.logSize }) ?? 0
            OperatorVerifyJob.shared.start(path: c.reader.path, total: total, now: c.clock.now(), by: identity.username)
        }
        return WebResponse.redirect("/admin/network")
    }
}
