/// Strings of the page frame and the landing page.
enum LayoutTexts {
    static let table: [String: (ja: String, en: String)] = [
        "site.name": ("Kippu 切符", "Kippu"),
        "nav.console": ("管理画面", "Console"),
        "nav.api": ("API", "API"),
        "nav.logout": ("ログアウト", "Sign out"),
        "lang.switch": ("English", "日本語"),
        "landing.lead": ("地域の電子チケット・クーポン。すべての発行・譲渡・利用は、だれでも検証できる署名付き台帳に記録されています。",
                         "Regional e-tickets and coupons. Every issue, transfer and use is on a signed ledger anyone can verify."),
        "landing.height": ("台帳の高さ", "Ledger height"),
        "landing.transactions": ("取引数", "Transactions"),
        "landing.merchants": ("加盟事業者", "Merchants"),
        "landing.forStaff": ("事業者・運営者の方", "Merchants and operators"),
        "landing.forStaffText": ("チケットやクーポンの登録、販売状況の確認、店舗QRの印刷は管理画面から。",
                                 "Register tickets and coupons, follow sales and print store QR codes in the console."),
        "landing.forConsumers": ("お客さま", "Customers"),
        "landing.forConsumersText": ("チケットやクーポンを受け取り、お店の QR コードを読み取って使います。アカウント登録は不要です。",
                                     "Get tickets and coupons, and use them by scanning the shop's QR code. No sign-up needed."),
        "landing.forDevelopers": ("開発者の方", "Developers"),
        "landing.forDevelopersText": ("API の仕様（OpenAPI）と台帳の検証用エンドポイント。", "The API (OpenAPI) and the ledger's verification endpoints."),
        "error.notFound": ("ページが見つかりません", "Page not found"),
        "error.notFoundText": ("URL をお確かめください。", "Please check the address."),
        "error.back": ("トップへ戻る", "Back to the start"),
    ]
}
