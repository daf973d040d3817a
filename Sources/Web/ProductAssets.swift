/// Style rules of the console's product side (dashboard cards and chart, forms, badges).
enum ProductAssets {
    static let css = """
    nav.console-nav { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: 0 0 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
    nav.console-nav a { text-decoration: none; font-weight: 600; }
    .small { font-size: .85rem; }
    .hint { font-weight: 400; font-size: .9rem; }
    .scroll { overflow-x: auto; }
    .actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .5rem 0 1rem; }
    a.button { display: inline-block; padding: .6rem 1.2rem; border-radius: .4rem; background: var(--accent); color: #fff;
               font-weight: 700; text-decoration: none; }
    a.button.secondary, button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
    button.danger { background: #7f1d1d; }
    fieldset { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; display: grid; gap: .5rem; }
    legend { font-weight: 700; padding: 0 .3rem; }
    label.choice { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
    label.choice input { min-height: 1.4rem; width: 1.4rem; height: 1.4rem; }
    .choices { display: flex; flex-wrap: wrap; gap: .2rem 1rem; padding-left: 1.9rem; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .6rem; }
    form.wide { max-width: 48rem; }
    input.qty { width: 6rem; }
    input[aria-invalid="true"] { border-color: var(--accent); border-width: 2px; }
    textarea.mono { font-family: ui-monospace, monospace; font-size: .9rem; }
    table.facts th { width: 12rem; color: var(--muted); font-weight: 600; }
    .badge { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; font-size: .9rem; border: 1px solid var(--line); }
    .badge.ok { background: #e8f5e9; border-color: #a5d6a7; color: var(--ok); }
    .badge.off { background: #fdecea; border-color: #f5b7b1; color: var(--accent); }
    .badge.wait { background: #fff4e5; border-color: #f0c36d; color: #7a4b00; }
    .card { margin-bottom: 1rem; }
    .chart svg { width: 100%; height: auto; max-height: 16rem; }
    .bar-sales, .key-sales { fill: #b3261e; background: #b3261e; }
    .bar-uses, .key-uses { fill: #1e6fb3; background: #1e6fb3; }
    .bar-label, .axis-label { font-size: 13px; fill: #1d1d1f; }
    .axis { stroke: #5f6368; stroke-width: 1; }
    .key { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle; margin-right: .3rem; }
    ol.chain { padding-left: 1.4rem; }
    ol.chain li { margin-bottom: .8rem; background: #fff; border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .7rem; }
    ol.chain code { word-break: break-all; }
    """

    /// Files served under `/static/`.
    static let files: [String: (type: String, text: String)] = ["product.v1.css": ("text/css; charset=utf-8", css)]
}
