/// The data tables of the demo region. Every business here is invented; any likeness to a real
/// brewery or shop of Kitakata is unintended.
enum DemoNames {
    static let regionName = "喜多方 SAKE フェスタ"
    static let operatorName = "喜多方 SAKE フェスタ 運営事務局"
    static let city = "kitakata"

    /// Industry codes (identifier pattern, PROTOCOL §1).
    enum Industry {
        static let sake = "sake"
        static let event = "event"
        static let bar = "bar"
        static let izakaya = "izakaya"
        static let karaoke = "karaoke"
        static let ramen = "ramen"
        static let confectionery = "confectionery"
    }

    /// The twelve breweries, `brewery-01` … `brewery-12`. The first organises the festival.
    static let breweries: [String] = [
        "蔵ノ町酒造", "雪室酒造", "白鷺川酒造店", "寒梅堂酒造", "月見蔵酒造", "藤ノ井酒造",
        "清流館酒造", "稲穂酒造", "星見酒造", "杉玉酒造", "山吹酒造", "冬椿酒造",
    ]
    /// The brewery that sells its own paid tasting ticket (index into `breweries`).
    static let tastingBrewery = 2

    /// One shop of the table.
    struct Shop {
        let industry: String
        let name: String
        /// Store attribute `small` (a small shop in the Fukui sense: not a chain, small floor).
        let small: Bool
        /// Shows a rotating QR code on a screen instead of a printed one.
        let screen: Bool
        let faceValue: Int64
        let minPurchase: Int64?
        /// `transfer.max` of the shop's coupon; nil for freely transferable.
        let transferMax: Int64?
    }

    /// The 31 partner shops, numbered within their industry (`bar-01`, `ramen-03`, …).
    static let shops: [Shop] = [
        // Bars: the second drink after the festival.
        Shop(industry: Industry.bar, name: "Bar 灯り", small: true, screen: false, faceValue: 300, minPurchase: 1_000, transferMax: 1),
        Shop(industry: Industry.bar, name: "ショットバー 樽", small: true, screen: true, faceValue: 500, minPurchase: 2_000, transferMax: 1),
        Shop(industry: Industry.bar, name: "バー 月影", small: true, screen: false, faceValue: 300, minPurchase: 1_500, transferMax: nil),
        Shop(industry: Industry.bar, name: "ワインバー 蔵ノ間", small: true, screen: false, faceValue: 500, minPurchase: 3_000, transferMax: 1),
        Shop(industry: Industry.bar, name: "バー ほたる", small: true, screen: false, faceValue: 200, minPurchase: 1_000, transferMax: nil),
        Shop(industry: Industry.bar, name: "スナック 小町", small: true, screen: false, faceValue: 300, minPurchase: 2_000, transferMax: 1),
        Shop(industry: Industry.bar, name: "ジャズバー 煉瓦", small: true, screen: true, faceValue: 400, minPurchase: 2_000, transferMax: nil),
        // Izakaya.
        Shop(industry: Industry.izakaya, name: "居酒屋 まる吉", small: true, screen: false, faceValue: 300, minPurchase: 2_000, transferMax: 1),
        Shop(industry: Industry.izakaya, name: "炉端 いろり庵", small: true, screen: false, faceValue: 500, minPurchase: 3_000, transferMax: nil),
        Shop(industry: Industry.izakaya, name: "酒房 ひょうたん", small: true, screen: false, faceValue: 300, minPurchase: 2_000, transferMax: 1),
        Shop(industry: Industry.izakaya, name: "郷土料理 こづゆ亭", small: true, screen: false, faceValue: 400, minPurchase: 3_000, transferMax: nil),
        Shop(industry: Industry.izakaya, name: "やきとり 鳥政", small: true, screen: false, faceValue: 200, minPurchase: 1_500, transferMax: 1),
        Shop(industry: Industry.izakaya, name: "海鮮居酒屋 喜多丸", small: false, screen: true, faceValue: 500, minPurchase: 3_000, transferMax: nil),
        Shop(industry: Industry.izakaya, name: "酒処 ともしび", small: true, screen: false, faceValue: 300, minPurchase: 2_000, transferMax: 1),
        Shop(industry: Industry.izakaya, name: "おでん 梅の家", small: true, screen: false, faceValue: 200, minPurchase: 1_000, transferMax: nil),
        // Karaoke: the larger businesses, with screens at the counter.
        Shop(industry: Industry.karaoke, name: "カラオケ ドレミ館", small: false, screen: true, faceValue: 500, minPurchase: 1_000, transferMax: 1),
        Shop(industry: Industry.karaoke, name: "カラオケスタジオ 歌蔵", small: true, screen: true, faceValue: 300, minPurchase: 1_000, transferMax: nil),
        Shop(industry: Industry.karaoke, name: "カラオケ パレード喜多方", small: false, screen: true, faceValue: 400, minPurchase: 1_500, transferMax: 1),
        // Ramen: 朝ラーメン the next morning.
        Shop(industry: Industry.ramen, name: "中華そば 喜多一", small: true, screen: false, faceValue: 200, minPurchase: nil, transferMax: nil),
        Shop(industry: Industry.ramen, name: "手打ち中華 すず屋", small: true, screen: false, faceValue: 100, minPurchase: nil, transferMax: 1),
        Shop(industry: Industry.ramen, name: "食堂 かね七", small: true, screen: false, faceValue: 200, minPurchase: nil, transferMax: nil),
        Shop(industry: Industry.ramen, name: "麺処 ひなた", small: true, screen: true, faceValue: 150, minPurchase: nil, transferMax: 1),
        Shop(industry: Industry.ramen, name: "らぁめん 小路", small: true, screen: false, faceValue: 100, minPurchase: nil, transferMax: nil),
        Shop(industry: Industry.ramen, name: "中華そば 蔵ノ坂", small: true, screen: false, faceValue: 200, minPurchase: nil, transferMax: 1),
        Shop(industry: Industry.ramen, name: "朝ラーメン 朝霧亭", small: true, screen: false, faceValue: 150, minPurchase: nil, transferMax: nil),
        Shop(industry: Industry.ramen, name: "食堂 はなみずき", small: true, screen: false, faceValue: 100, minPurchase: nil, transferMax: 1),
        Shop(industry: Industry.ramen, name: "ラーメン 醤油蔵", small: false, screen: true, faceValue: 200, minPurchase: nil, transferMax: nil),
        // Confectioners: rice crackers and peanuts, bought as souvenirs.
        Shop(industry: Industry.confectionery, name: "手焼きせんべい 米蔵堂", small: true, screen: false, faceValue: 200, minPurchase: 1_000, transferMax: nil),
        Shop(industry: Industry.confectionery, name: "あられ処 ぱりっと屋", small: true, screen: false, faceValue: 100, minPurchase: 500, transferMax: nil),
        Shop(industry: Industry.confectionery, name: "豆菓子 まめ福", small: true, screen: false, faceValue: 100, minPurchase: 500, transferMax: 1),
        Shop(industry: Industry.confectionery, name: "落花生本舗 ぴいなつ屋", small: false, screen: true, faceValue: 300, minPurchase: 1_500, transferMax: nil),
    ]

    /// Shops (by merchant id) whose coupon is in the 入場券+クーポンセット.
    static let festaSetShops = ["bar-01", "bar-02", "izakaya-01", "izakaya-02", "karaoke-01", "ramen-01", "ramen-02", "confectionery-01"]
    /// Shops whose coupon is in the coupon-only set for people already inside.
    static let couponSetShops = ["bar-03", "izakaya-03", "izakaya-04", "karaoke-02", "ramen-03", "ramen-04", "ramen-05", "confectionery-02"]

    /// What a coupon of each industry offers, for its name and description.
    static func couponText(industry: String, shop: String, faceValue: Int64, minPurchase: Int64?) -> (name: String, description: String) {
        let condition = minPurchase.map { "（\(yen($0))以上のご利用で）" } ?? ""
        let lead: String
        switch industry {
        case Industry.bar: lead = "フェスタの余韻にもう一杯。お会計から\(yen(faceValue))引き\(condition)。"
        case Industry.izakaya: lead = "地酒に合う郷土の肴をどうぞ。お会計から\(yen(faceValue))引き\(condition)。"
        case Industry.karaoke: lead = "二次会はカラオケで。室料から\(yen(faceValue))引き\(condition)。"
        case Industry.ramen: lead = "翌朝は喜多方名物の朝ラーメン。お会計から\(yen(faceValue))引き。"
        default: lead = "お土産にどうぞ。お買い上げから\(yen(faceValue))引き\(condition)。"
        }
        return ("\(shop) \(yen(faceValue))引きクーポン", lead + validityNote)
    }

    static let validityNote = "有効期間：フェスタ開始（16:00）から。デモのため翌日23:59までの期限を31日延長しています。"

    static let entryName = "喜多方 SAKE フェスタ 入場券"
    static let entryDescription = "12蔵の地酒を利き酒できるフェスタ（16:00〜20:30）への入場券。会場受付のQRコードを読み取ってご入場ください。"
    static let festaSetName = "入場券+クーポンセット"
    static let festaSetDescription = "入場券に、会場周辺のバー・居酒屋・カラオケ・ラーメン店・菓子店で使えるクーポン8枚が付いたセット。"
    static let couponSetName = "まちなかクーポンセット（ご来場の方へ）"
    static let couponSetDescription = "すでにご入場の方向け。会場のQRコードから受け取れる、周辺8店舗で使えるクーポンのセットです。"
    static let venueName = "喜多方 SAKE フェスタ 会場受付"

    static func breweryStoreName(_ brewery: String) -> String { "\(brewery) 蔵元直売所" }
    static func tastingName(_ brewery: String) -> String { "\(brewery) 蔵元限定 利き酒チケット" }
    static func tastingDescription(_ brewery: String) -> String {
        "\(brewery)の限定酒3種を利き酒できます。フェスタ会場のブース、または翌日の蔵元直売所でご利用ください。"
    }

    /// `3,000円`.
    static func yen(_ amount: Int64) -> String {
        var digits = String(amount)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + "円"
    }
}
