import HTML
import HTTPServer
import Services

/// The page of one store import: the per-row report of a file with problems (nothing
/// registered yet), the progress of a running import (polled by `operator-progress.v1.js`), and
/// the outcome.
enum ImportReportPage {
    /// Rows of a report shown at most (the counts cover all).
    static let shownProblems = 1_000

    static func render(_ t: Texts, _ job: ImportJob, _ identity: StaffIdentity, token: String) -> HTTPResponse {
        let prog = job.progress
        let check = job.check
        var content: [HTML] = [
            h1(t["import.jobTitle"]),
            p(["class": "muted"], [.text(t.format("import.jobFile", job.fileName, t["import.encoding.\(check.encoding.rawValue)"],
                                                   String(check.lines)))]),
        ]
        switch prog.state {
        case .review:
            content.append(p(["class": "notice", "role": "alert", "id": "nothing-imported"],
                             [.text(t.format("import.review", String(check.problems.count), String(check.rows.count)))]))
            if check.problems.contains(where: { $0.line == 0 }) {
                content.append(p(t["import.fixFile"]))
            } else if !check.rows.isEmpty {
                content.append(form(["method": "post", "action": "/admin/stores/import/\(job.id)/start", "class": "stack"], [
                    input(["type": "hidden", "name": "_csrf", "value": ConsoleSession.csrf(for: token)]),
                    button(["type": "submit", "id": "import-valid"], [.text(t.format("import.importValid", String(check.rows.count)))]),
                ]))
            }
        case .running:
            content.append(div(["class": "card", "id": "progress", "data-poll": "/admin/stores/import/\(job.id).json"], [
                el("progress", ["max": String(max(1, prog.total)), "value": String(prog.done)], []),
                p([:], [.text(t["import.progress"] + " "),
                        span(["data-field": "done", "id": "done"], [.text(String(prog.done))]), .text(" / "),
                        span(["data-field": "total", "id": "total"], [.text(String(prog.total))]), .text(" · " + t["import.failed"] + " "),
                        span(["data-field": "failed", "id": "failed"], [.text(String(prog.failed))])]),
            ]))
        case .done:
            content.append(p(["class": prog.failed == 0 ? "success" : "notice", "role": "status", "id": "import-done"],
                             [.text(t.format("import.finished", String(prog.imported), String(prog.failed)))]))
        }
        if !check.problems.isEmpty {
            content.append(h2(t.format("import.problemsTitle", String(check.problems.count))))
            content.append(table(["id": "problems"], [tr([th(t["import.line"]), th(t["import.field"]), th(t["import.message"])])]
                + check.problems.prefix(shownProblems).map { pr in
                    tr([td(pr.line == 0 ? "—" : String(pr.line)), td(pr.field == "-" ? "—" : t["import.col.\(pr.field)"]),
                        td(t.format("import.problem.\(pr.code)", pr.detail))])
                }))
        }
        if !prog.failures.isEmpty {
            content.append(h2(t["import.failuresTitle"]))
            content.append(table(["id": "failures"], [tr([th(t["import.line"]), th(t["import.col.store"]), th(t["import.message"])])]
                + prog.failures.prefix(shownProblems).map { f in
                    tr([td(String(f.line)), td(f.store), td(OperatorTexts.problem(t, f.code))])
                }))
        }
        if prog.state == .done && !prog.stores.isEmpty {
            content.append(h2(t["import.createdTitle"]))
            content.append(ul(["id": "created-stores"], prog.stores.prefix(shownProblems).map { li([:], [el("code", [:], [.text($0)])]) }))
        }
        content.append(p([:], [a("/admin/stores/import", [:], [.text(t["import.another"])])]))
        return OperatorAccess.page(t, title: t["import.jobTitle"], path: "/admin/stores/import/\(job.id)", identity: identity,
                                   token: token, content: content,
                                   scripts: prog.state == .running ? ["/static/operator-progress.v1.js"] : [])
    }
}
