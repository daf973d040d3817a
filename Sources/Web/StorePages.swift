import HTML
import HTTPServer
import Ledger
import Services

/// The console's store pages: the list (`/admin/stores`), and the routes of the store form,
/// posters, rotating QR and staff screen (`StoreFormPage`, `PosterPages`, `StaffScreenPages`).
enum StorePages {
    /// Stores per page of the list.
    static let pageSize = 50

    static func register(_ router: Router, _ c: WebContext) {
        router.add("GET", "/admin/stores") { r, respond in respond(list(c, r)) }
        StoreFormPage.register(router, c)
        PosterPages.register(router, c)
        StaffScreenPages.register(router, c)
    }

    /// `GET /admin/stores?q=&merchant=&after=`: a merchant's stores, or for the operator every
    /// store, searchable and paged by id (thousands of stores stay fast); store staff see their own.
    static func list(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let (identity, token) = ConsoleSession.current(c, r) else { return ConsolePages.signIn }
        let t = Texts(Lang.of(r))
        let search = r.query["q"].map { String($0.trimmingCharacters(in: .whitespaces).prefix(100)) }.flatMap { $0.isEmpty ? nil : $0 }
        let after = r.query["after"].flatMap { Identifier.isValid($0) ? $0 : nil }
        let merchant: String?
        switch identity.role {
        case .operatorAdmin: merchant = r.query["merchant"].flatMap { Identifier.isValid($0) ? $0 : nil }
        case .merchantAdmin(let m), .storeStaff(let m, _): merchant = m
        }
        let (stores, total): ([StoreRecord], Int)
        if let own = identity.role.store {
            let s = (try? c.reader.read { try $0.store(own) }) ?? nil
            stores = s.map { [$0] } ?? []
            total = stores.count
        } else {
            (stores, total) = (try? c.reader.read { s in
                (try s.stores(after: after, limit: pageSize + 1, merchant: merchant, search: search),
                 try s.storeCount(merchant: merchant, search: search))
            }) ?? ([], 0)
        }
        let page = Array(stores.prefix(pageSize))
        let isOperator = identity.role == .operatorAdmin

        var toolbar: [HTML] = []
        if StoreAccess.canCreate(identity) { toolbar.append(a("/admin/stores/new", ["class": "button", "id": "add-store"], [.text(t["stores.add"])])) }
        if identity.role.store == nil {
            var postersHref = "/admin/posters"
            if let merchant { postersHref += "?merchant=" + merchant }
            toolbar.append(a(postersHref, ["id": "all-posters"], [.text(t["stores.allPosters"])]))
            var fields: [HTML] = [
                label([:], [.text(t["stores.search"]),
                            input(["type": "search", "name": "q", "id": "q", "value": search ?? "", "maxlength": "100"])]),
            ]
            if isOperator {
                fields.append(label([:], [.text(t["stores.merchantFilter"]),
                                          input(["name": "merchant", "id": "merchant", "value": merchant ?? "", "maxlength": "64"])]))
            }
            fields.append(button(["type": "submit"], [.text(t["stores.searchButton"])]))
            toolbar.append(form(["method": "get", "action": "/admin/stores", "role": "search"], fields))
        }

        let rows: [HTML] = page.map { s in
            let base = "/admin/stores/" + s.id
            return tr([td([span(["class": "mono"], [.text(s.id)])]), td(s.name), td(s.merchant), td(s.industry),
                       td(s.attrs["city"].flatMap { if case .string(let v) = $0 { return v } else { return nil } } ?? ""),
                       el("td", ["class": "actions"], [
                           a(base + "/poster", [:], [.text(t["stores.poster"])]),
                           a(base + "/rotating", [:], [.text(t["stores.rotating"])]),
                           a(base + "/screen", [:], [.text(t["stores.screen"])]),
                       ])])
        }
        var content: [HTML] = [
            link(["rel": "stylesheet", "href": StoreAssets.cssPath]),
            h1(t["stores.title"]),
            div(["class": "toolbar"], toolbar),
            p(["class": "muted", "id": "store-count"], [.text(t.format("stores.count", String(total)))]),
        ]
        if page.isEmpty {
            content.append(p(t["stores.none"]))
        } else {
            content.append(div(["class": "table-wrap"], [table(["id": "stores", "class": "stores-table"], [
                tr([th(t["stores.col.id"]), th(t["stores.col.name"]), th(t["stores.col.merchant"]), th(t["stores.col.industry"]),
                    th(t["stores.col.city"]), th(t["stores.col.actions"])]),
            ] + rows)]))
        }
        var nav: [HTML] = []
        if after != nil { nav.append(a(listHref(search: search, merchant: isOperator ? merchant : nil, after: nil), [:], [.text(t["stores.first"])])) }
        if stores.count > pageSize, let last = page.last {
            nav.append(a(listHref(search: search, merchant: isOperator ? merchant : nil, after: last.id), ["id": "next-page", "rel": "next"],
                         [.text(t.format("stores.next", String(pageSize)))]))
        }
        if !nav.isEmpty { content.append(p(["class": "toolbar"], nav)) }
        return WebResponse.page(Layout.page(t, title: t["stores.title"], path: "/admin/stores",
                                            viewer: ConsolePages.viewer(t, identity, token: token), content: content))
    }

    static func listHref(search: String?, merchant: String?, after: String?) -> String {
        var parts: [String] = []
        if let search { parts.append("q=" + Layout.percentEncode(search)) }
        if let merchant { parts.append("merchant=" + merchant) }
        if let after { parts.append("after=" + after) }
        return "/admin/stores" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }

    /// The page for a store that does not exist or that this person may not open (one answer
    /// for both, so other merchants' store ids are not revealed).
    static func notFound(_ r: HTTPRequest) -> HTTPResponse { WebSite.notFound(r) }
}

import Foundation
