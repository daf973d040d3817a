/// Strings of the management console.
enum ConsoleTexts {
    static let table: [String: (ja: String, en: String)] = [
        "login.title": ("管理画面にログイン", "Sign in to the console"),
        "login.username": ("ユーザー名", "User name"),
        "login.password": ("パスワード", "Password"),
        "login.submit": ("ログイン", "Sign in"),
        "login.failed": ("ユーザー名またはパスワードが違います。", "The user name or password is wrong."),
        "login.throttled": ("ログインの試行が多すぎます。{0} 秒後にもう一度お試しください。", "Too many sign-in attempts. Please try again in {0} s."),
        "login.expired": ("画面の有効期限が切れました。もう一度お試しください。", "This form expired. Please try again."),
        "home.title": ("ホーム", "Home"),
        "home.welcome": ("{0} さん、こんにちは。", "Hello, {0}."),
        "role.operator_admin": ("運営者", "Operator"),
        "role.merchant_admin": ("事業者管理者", "Merchant admin"),
        "role.store_staff": ("店舗スタッフ", "Store staff"),
        "home.products": ("商品", "Products"),
        "home.noProducts": ("まだ商品がありません。", "No products yet."),
        "product.issued": ("発行済み", "Issued"),
        "product.remaining": ("残り", "Remaining"),
        "product.unlimited": ("上限なし", "No limit"),
        "product.onSale": ("販売中", "On sale"),
        "product.notOnSale": ("販売停止中", "Not on sale"),
        "product.kind.ticket": ("チケット", "Ticket"),
        "product.kind.coupon": ("クーポン", "Coupon"),
        "product.price": ("価格", "Price"),
        "yen": ("{0}円", "¥{0}"),
        "merchant.all": ("すべての事業者", "All merchants"),
    ]
}
