import Foundation
import HTML
import HTTPServer
import Ledger
import Services
import Store

/// Ticket search (`/admin/tickets?q=<ticket id>`): a ticket's whole chain — issued, transferred,
/// used or cancelled — with ledger heights, times (Japan time) and txids. Only the staff
/// member's own merchant's tickets (the operator: all).
enum TicketPages {
    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/tickets") { r, respond in respond(search(c, r)) }
    }

    static func short(_ key: String) -> String { key.count > 14 ? String(key.prefix(8)) + "…" + String(key.suffix(4)) : key }

    static func search(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = g.t
        let q = (r.query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var content: [HTML] = [
            h1(t["tix.title"]),
            form(["method": "get", "action": "/admin/tickets", "class": "stack"], [
                ConsoleForm.field(t["tix.id"], "q", value: q, errors: [:], extra: [HTML.Attribute("autocomplete", "off"), HTML.Attribute("spellcheck", "false")]),
                button(["type": "submit", "id": "search"], [.text(t["tix.search"])]),
            ]),
        ]
        guard !q.isEmpty else { return g.page(t["tix.title"], path: r.path, content) }
        let found = try? c.reader.read { s -> (TicketRecord, [TicketChainEntry], String)? in
            guard q.utf8.count <= 100, let ticket = try s.ticket(q) else { return nil }
            return (ticket, try s.chain(ofTicket: q), try s.product(ticket.product)?.terms.name ?? ticket.product)
        }
        guard let (ticket, chain, productName) = found ?? nil, g.identity.covers(merchant: ticket.issuer) else {
            content.append(p(["class": "error", "role": "alert", "id": "not-found"], [.text(t["tix.notFound"])]))
            return g.page(t["tix.title"], path: r.path, content, status: 404)
        }
        let now = c.clock.now()
        content += [
            div(["class": "scroll"], [table(["class": "facts", "id": "ticket"], [
                tr([th(t["tix.id"]), td([el("code", [:], [.text(ticket.id)])])]),
                tr([th(t["prod.name"]), td([a("/admin/products/\(Layout.percentEncode(ticket.product))", [:], [.text(productName)])])]),
                tr([th(t["tix.state"]), td([span(["id": "ticket-state"], [.text(t["tix.state.\(ticket.displayState(at: now))"])])])]),
                tr([th(t["tix.holder"]), td([el("code", ["class": "small"], [.text(ticket.holder.base64url)])])]),
                tr([th(t["prod.validity"]), td(ConsoleForm.dateTime(ticket.validFrom) + " 〜 " + (ticket.validUntil.map(ConsoleForm.dateTime) ?? "—"))]),
                tr([th(t["tix.transfers"]), td(String(ticket.transfers) + " / " + (ticket.maxTransfers.map(String.init) ?? "∞"))]),
            ])]),
            h2(t["tix.chain"]),
            el("ol", ["class": "chain", "id": "chain"], chain.map { step(t, $0) }),
        ]
        return g.page(t["tix.title"], path: r.path, content)
    }

    static func step(_ t: Texts, _ e: TicketChainEntry) -> HTML {
        var what = t["tix.event.unknown"]
        var detail = ""
        var kind = "unknown"
        switch e.tx?.tx.payload {
        case .ticketIssue(let p)?:
            kind = "issue"; what = t["tix.event.issue"]; detail = t.format("tix.to", short(p.to.base64url))
        case .ticketTransfer(let p)?:
            kind = "transfer"; what = t["tix.event.transfer"]
            detail = t.format("tix.fromTo", short(e.tx?.tx.signer.base64url ?? ""), short(p.to.base64url))
        case .ticketUse(let p)?:
            kind = "use"; what = t["tix.event.use"]; detail = t.format("tix.at", p.store)
        case .ticketCancel(let p)?:
            kind = "cancel"; what = t["tix.event.cancel"]; detail = p.reason
        default: break
        }
        return li(["class": "step \(kind)", "data-event": kind], [
            strong(what), .text(" "), span(["class": "muted"], [.text(ConsoleForm.dateTime(e.time) + " JST")]), el("br"),
            .text(detail), el("br"),
            span(["class": "small"], [.text(t.format("tix.height", String(e.height)) + " · txid "),
                                      a("/api/v1/tx/\(Layout.percentEncode(e.txid))", [:], [el("code", [:], [.text(e.txid)])])]),
        ])
    }
}
