import Foundation
import HTML
import HTTPServer
import Ledger
import Services
import Store

/// The console's home (`/admin/`): today's and the last 7 days' sales and uses, tickets the
/// merchant still owes (a liability) and those expiring within 7 days, and a bar chart of the
/// last 7 days drawn as SVG on the server. The operator sees every merchant's totals.
enum ConsoleDashboard {
    struct Day { var start: Int64; var sales: Int64 = 0; var yen: Int64 = 0; var uses: Int64 = 0 }

    struct Figures {
        var days: [Day]
        var outstanding: Int64 = 0, outstandingValue: Int64 = 0, expiring: Int64 = 0, expiringValue: Int64 = 0
        var products: [ProductView] = []
    }

    static func figures(_ c: WebContext, merchant: String?) throws -> Figures {
        let now = c.clock.now()
        let today = ConsoleForm.startOfDay(now)
        let since = today - 6 * ConsoleForm.day
        var f = Figures(days: (0..<7).map { Day(start: since + Int64($0) * ConsoleForm.day) })
        try c.reader.read { s in
            for e in try s.activity(issuer: merchant, since: since) {
                let i = Int((e.time - since) / ConsoleForm.day)
                guard (0..<7).contains(i) else { continue }
                switch e.kind {
                case .issue: f.days[i].sales += e.units; f.days[i].yen += e.yen
                case .use: f.days[i].uses += 1
                }
            }
            for o in try s.outstanding(issuer: merchant, now: now, soon: now + 7 * ConsoleForm.day) {
                guard let p = try s.product(o.product) else { continue }
                let unit = p.terms.kind == .coupon ? (p.terms.faceValue ?? p.terms.price) : p.terms.price
                f.outstanding += o.count; f.outstandingValue += o.count * unit
                f.expiring += o.expiringSoon; f.expiringValue += o.expiringSoon * unit
            }
        }
        f.products = (try? c.catalogue.products(CatalogueQuery(limit: 20, merchant: merchant)).products) ?? []
        return f
    }

    static func page(_ c: WebContext, _ r: HTTPRequest) -> HTTPResponse {
        guard let g = ConsoleGate(c, r) else { return ConsolePages.signIn }
        let t = g.t
        let merchant = g.merchant
        let f: Figures
        do { f = try figures(c, merchant: merchant) } catch {
            return g.page(t["home.title"], path: "/admin/", [h1(t["home.title"]), ConsoleForm.banner(ConsoleForm.message(t, error))], status: 500)
        }
        let today = f.days[6]
        let week = f.days.reduce(Day(start: 0)) { Day(start: 0, sales: $0.sales + $1.sales, yen: $0.yen + $1.yen, uses: $0.uses + $1.uses) }
        func card(_ id: String, _ label: String, _ figure: String, _ sub: String) -> HTML {
            div(["class": "card", "id": id], [div(["class": "muted"], [.text(label)]), div(["class": "figure"], [.text(figure)]),
                                              div(["class": "muted small"], [.text(sub)])])
        }
        let rows: [HTML] = f.products.map { v in
            tr([td([a("/admin/products/\(Layout.percentEncode(v.id))", [:], [.text(v.name)])]),
                td(t[v.isPackage ? "prod.package" : "product.kind.\(v.kind.rawValue)"]), td(ProductPages.yen(t, v.price)),
                td(String(v.issued)), td(v.remaining.map(String.init) ?? t["product.unlimited"]), td(ProductPages.saleText(t, v.sale))])
        }
        let content: [HTML] = [
            h1(t["home.title"]),
            p(["class": "muted"], [.text(t.format("home.welcome", g.identity.username) + "（" + t["role.\(g.identity.role.name)"]
                                         + (merchant.map { " · " + $0 } ?? " · " + t["merchant.all"]) + "）")]),
            div(["class": "cards"], [
                card("today-sales", t["dash.todaySales"], t.format("dash.units", String(today.sales)), ProductPages.yen(t, today.yen)),
                card("today-uses", t["dash.todayUses"], t.format("dash.units", String(today.uses)), ""),
                card("week-sales", t["dash.weekSales"], t.format("dash.units", String(week.sales)), ProductPages.yen(t, week.yen)),
                card("week-uses", t["dash.weekUses"], t.format("dash.units", String(week.uses)), ""),
                card("outstanding", t["dash.outstanding"], t.format("dash.units", String(f.outstanding)),
                     t.format("dash.value", ProductPages.yen(t, f.outstandingValue))),
                card("expiring", t["dash.expiring"], t.format("dash.units", String(f.expiring)), t.format("dash.value", ProductPages.yen(t, f.expiringValue))),
            ]),
            section(["class": "card chart-card"], [h2(t["dash.chart"]), chart(t, f.days)]),
            h2(t["home.products"] + (merchant == nil ? "（" + t["merchant.all"] + "）" : "")),
            f.products.isEmpty ? p(t["home.noProducts"]) : div(["class": "scroll"], [
                table(["id": "products"], [tr([th(t["home.products"]), th(""), th(t["product.price"]), th(t["product.issued"]),
                                               th(t["product.remaining"]), th("")])] + rows)]),
            p([:], [a("/admin/products", [:], [.text(t["dash.allProducts"])])]),
        ]
        return g.page(t["home.title"], path: "/admin/", content)
    }

    /// Two bars a day (sales in units, uses), scaled to the week's largest, with the numbers
    /// written on them so the chart reads without colour.
    static func chart(_ t: Texts, _ days: [Day]) -> HTML {
        let width = 700, height = 240, top = 24, bottom = 40, left = 10
        let plot = height - top - bottom
        let peak = max(1, days.map { max($0.sales, $0.uses) }.max() ?? 1)
        let slot = (width - left * 2) / days.count
        let bar = slot / 3
        var nodes: [HTML] = [el("title", [:], [.text(t["dash.chart"])])]
        for (i, d) in days.enumerated() {
            let x = left + i * slot + slot / 6
            for (j, (value, cls)) in [(d.sales, "bar-sales"), (d.uses, "bar-uses")].enumerated() {
                let h = Int(Int64(plot) * value / peak)
                let bx = x + j * bar
                nodes.append(el("rect", ["class": cls, "x": String(bx), "y": String(top + plot - h), "width": String(bar - 4),
                                         "height": String(max(h, value > 0 ? 1 : 0))], [el("title", [:], [.text("\(value)")])]))
                nodes.append(el("text", ["class": "bar-label", "x": String(bx + (bar - 4) / 2), "y": String(top + plot - h - 4),
                                         "text-anchor": "middle"], [.text(String(value))]))
            }
            nodes.append(el("text", ["class": "axis-label", "x": String(x + bar), "y": String(height - bottom + 18), "text-anchor": "middle"],
                            [.text(String(ConsoleForm.date(d.start).dropFirst(5)))]))
        }
        nodes.append(el("line", ["class": "axis", "x1": String(left), "x2": String(width - left), "y1": String(top + plot), "y2": String(top + plot)]))
        return div(["class": "chart"], [
            el("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(width) \(height)", "role": "img", "id": "week-chart",
                       "aria-label": t["dash.chart"]], nodes),
            p(["class": "legend small"], [span(["class": "key key-sales"], []), .text(t["dash.legendSales"] + "　"),
                                          span(["class": "key key-uses"], []), .text(t["dash.legendUses"])]),
        ])
    }
}
