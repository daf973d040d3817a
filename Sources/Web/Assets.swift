import HTTPServer

/// Static files of the web (style sheet, scripts), compiled in: no CDN, no web font.
enum Assets {
    /// Versioned path: a new version is a new URL, so the file may be cached for long.
    static let cssPath = "/static/app.v1.css"

    static let css = """
    :root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --accent: #b3261e; --bg: #faf8f5; --ok: #1e7d32; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif;
           color: var(--ink); background: var(--bg); font-size: 17px; line-height: 1.6; }
    header.top { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem;
                 padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
    header.top nav { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; }
    a { color: var(--accent); }
    a.brand { font-weight: 700; font-size: 1.2rem; color: var(--ink); text-decoration: none; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
    .card { background: #fff; border: 1px solid var(--line); border-radius: .6rem; padding: 1rem; }
    .figure { font-size: 2rem; font-weight: 700; }
    .muted { color: var(--muted); }
    form.stack { display: grid; gap: .8rem; max-width: 32rem; }
    form.inline { display: inline; }
    label { display: grid; gap: .2rem; font-weight: 600; }
    input, select, textarea { font: inherit; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: .4rem;
                              min-height: 2.8rem; background: #fff; }
    button { font: inherit; min-height: 2.8rem; padding: .5rem 1.2rem; border: 0; border-radius: .4rem;
             background: var(--accent); color: #fff; font-weight: 700; cursor: pointer; }
    button.link { background: none; color: var(--accent); padding: 0; min-height: 0; text-decoration: underline; font-weight: 400; }
    .error { color: var(--accent); font-weight: 600; }
    .field-error { color: var(--accent); font-size: .9rem; font-weight: 400; }
    .notice { background: #fff4e5; border: 1px solid #f0c36d; padding: .6rem .8rem; border-radius: .4rem; }
    .success { background: #e8f5e9; border: 1px solid #a5d6a7; padding: .6rem .8rem; border-radius: .4rem; }
    .status { font-weight: 700; padding: .6rem .8rem; border-radius: .4rem; background: #f1f1f4; }
    .status[data-state=verified] { background: #e8f5e9; color: var(--ok); }
    .status[data-state=failed] { background: #fdecea; color: var(--accent); }
    ul.steps { padding-left: 0; list-style: none; } ul.steps li { padding: .4rem 0; border-bottom: 1px solid var(--line); }
    ul.steps li.ok { color: var(--ok); } ul.steps li.bad { color: var(--accent); }
    table { width: 100%; border-collapse: collapse; background: #fff; }
    th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    @media print { header.top, .no-print { display: none; } body { background: #fff; } }
    """

    /// Every static file by name: (content type, text). Each area of the web adds its own
    /// files (style sheets, scripts — never inline: the CSP forbids it) as a table here.
    static let files: [String: (type: String, text: String)] = {
        var out: [String: (type: String, text: String)] = ["app.v1.css": ("text/css; charset=utf-8", css)]
        for table in [VerifyScript.files, WalletScript.files, StoreAssets.files, ProductAssets.files, OperatorAssets.files] { out.merge(table) { a, _ in a } }
        return out
    }()

    /// `GET /static/{file}`.
    static func serve(_ name: String) -> HTTPResponse? {
        files[name].map { file($0.text, type: $0.type) }
    }

    private static func file(_ text: String, type: String) -> HTTPResponse {
        var r = HTTPResponse.bytes(Array(text.utf8), contentType: type)
        r.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        r.headers["X-Content-Type-Options"] = "nosniff"
        return r
    }
}
