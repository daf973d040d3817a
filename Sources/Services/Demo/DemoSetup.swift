import Crypto
import Ledger

/// A merchant of the demo with its one store (breweries' festival venue aside).
struct DemoMerchant {
    let merchantID: String
    let name: String
    let industry: String
    let key: SigningKey
    let store: DemoStoreRef
    /// The shop's table row; nil for a brewery.
    let shop: DemoNames.Shop?

    var merchantKeyName: String { "merchant/\(merchantID)" }
    /// The shop's coupon product id.
    var couponID: String { "\(merchantID)-coupon" }
}

/// Where and how the tickets of a plain (non-package) product are used.
struct DemoProductInfo {
    enum Use { case entry, tasting, coupon(industry: String) }
    let use: Use
    /// Stores the product's rule allows, in the order the timeline prefers them.
    let stores: [DemoStoreRef]
    /// Transfers a ticket of it may make over its life: nil unlimited, 0 none.
    let maxTransfers: Int64?
}

/// The registrations before anything is sold: merchants and stores (by the operator), products,
/// caps, package endorsements and the sales delegation. Ends well before the first sale.
struct DemoSetup {
    static let entryID = "festa-entry"
    static let festaSetID = "festa-set"
    static let couponSetID = "festa-coupons"

    let breweries: [DemoMerchant]
    let shops: [DemoMerchant]
    let venue: DemoStoreRef
    /// The online shop's key, delegated by the organising brewery.
    let sales: SigningKey
    let keys: [DemoKey]
    /// Plain products by id.
    let products: [String: DemoProductInfo]
    /// Component product ids of each package, one entry per ticket of one package, in ticket order.
    let packages: [String: [String]]
    let tastingID: String
    let storeCount: Int
    let productCount: Int
    /// The first moment after the setup: nothing is sold before it.
    let ready: Int64

    var organiser: DemoMerchant { breweries[0] }
    var tastingBrewery: DemoMerchant { breweries[DemoNames.tastingBrewery] }

    static func plan(into script: inout DemoScript, operatorKey: SigningKey, calendar: DemoCalendar, dice: DemoDice) -> DemoSetup {
        var builder = Builder(script: script, operatorKey: operatorKey, dice: dice, clock: calendar.start)
        let setup = builder.run(calendar: calendar)
        script = builder.script
        return setup
    }

    /// Carries the script, the clock and the keys while the registrations are written.
    private struct Builder {
        var script: DemoScript
        let operatorKey: SigningKey
        let dice: DemoDice
        var clock: Int64
        var keys: [DemoKey] = []
        var productCount = 0

        /// Adds a payload a few seconds after the previous one (an operator at work).
        mutating func add(_ payload: Payload, by signer: SigningKey) {
            script.add(.payload(payload), at: clock, by: signer)
            clock += dice.int(6_000...40_000)
        }

        mutating func makeKey(_ name: String, _ role: DemoRole) -> SigningKey {
            let key = dice.key()
            keys.append(DemoKey(name: name, role: role, key: key))
            return key
        }

        /// Registers a merchant and its store (both signed by the operator).
        mutating func merchant(id: String, name: String, industry: String, storeName: String, small: Bool, screen: Bool,
                               shop: DemoNames.Shop?) -> DemoMerchant {
            let key = makeKey("merchant/\(id)", .merchant)
            let storeKey = makeKey("store/\(id)", .store)
            add(.merchantRegister(MerchantRegister(merchant: id, name: name, key: key.publicKey, industries: [industry],
                                                   attrs: ["city": .string(DemoNames.city)])), by: operatorKey)
            let store = DemoStoreRef(id: id, key: storeKey, rotating: screen)
            add(.storeRegister(StoreRegister(store: id, merchant: id, name: storeName, industry: industry, key: storeKey.publicKey,
                                             attrs: ["city": .string(DemoNames.city), "small": .bool(small)])), by: operatorKey)
            return DemoMerchant(merchantID: id, name: name, industry: industry, key: key, store: store, shop: shop)
        }

        mutating func product(_ terms: ProductTerms, by signer: SigningKey) {
            add(.productRegister(terms), by: signer)
            productCount += 1
        }

        mutating func run(calendar: DemoCalendar) -> DemoSetup {
            let gateOpen = calendar.at(day: 0, 15)
            let eventStart = calendar.at(day: 0, 16)
            // Festival windows run to 23:59 of the next day; the demo keeps them open 31 more days,
            // so someone trying it later still finds valid tickets (ends 33 JST days after day 0).
            let until = calendar.at(day: 33, 0)

            // Merchants and stores.
            var breweries: [DemoMerchant] = []
            for (i, name) in DemoNames.breweries.enumerated() {
                breweries.append(merchant(id: Self.number("brewery", i + 1), name: name, industry: DemoNames.Industry.sake,
                                          storeName: DemoNames.breweryStoreName(name), small: i % 3 != 0, screen: false, shop: nil))
            }
            let organiser = breweries[0]
            let venueKey = makeKey("store/festa-venue", .store)
            let venue = DemoStoreRef(id: "festa-venue", key: venueKey, rotating: true)
            add(.storeRegister(StoreRegister(store: venue.id, merchant: organiser.merchantID, name: DemoNames.venueName,
                                             industry: DemoNames.Industry.event, key: venueKey.publicKey,
                                             attrs: ["city": .string(DemoNames.city), "small": false])), by: operatorKey)
            var shops: [DemoMerchant] = []
            var numbers: [String: Int] = [:]
            for shop in DemoNames.shops {
                let n = (numbers[shop.industry] ?? 0) + 1
                numbers[shop.industry] = n
                shops.append(merchant(id: Self.number(shop.industry, n), name: shop.name, industry: shop.industry,
                                      storeName: shop.name, small: shop.small, screen: shop.screen, shop: shop))
            }

            // Products: the entry ticket, the brewery's tasting ticket, every shop's coupon.
            var products: [String: DemoProductInfo] = [:]
            product(ProductTerms(product: DemoSetup.entryID, issuer: organiser.merchantID, kind: .ticket, name: DemoNames.entryName,
                                 description: DemoNames.entryDescription, price: 3_000,
                                 validity: .init(from: gateOpen, until: until), redeem: .stores([venue.id]),
                                 transfer: .init(allowed: true, max: 1)), by: organiser.key)
            products[DemoSetup.entryID] = DemoProductInfo(use: .entry, stores: [venue], maxTransfers: 1)
            let brewer = breweries[DemoNames.tastingBrewery]
            let tastingID = "\(brewer.merchantID)-tasting"
            product(ProductTerms(product: tastingID, issuer: brewer.merchantID, kind: .ticket, name: DemoNames.tastingName(brewer.name),
                                 description: DemoNames.tastingDescription(brewer.name), price: 1_000,
                                 validity: .init(from: eventStart, until: until), redeem: .stores([venue.id, brewer.store.id]),
                                 transfer: .init(allowed: false)), by: brewer.key)
            products[tastingID] = DemoProductInfo(use: .tasting, stores: [venue, brewer.store], maxTransfers: 0)
            for merchant in shops {
                guard let shop = merchant.shop else { continue }
                let text = DemoNames.couponText(industry: shop.industry, shop: shop.name, faceValue: shop.faceValue, minPurchase: shop.minPurchase)
                product(ProductTerms(product: merchant.couponID, issuer: merchant.merchantID, kind: .coupon, name: text.name,
                                     description: text.description, price: 0, faceValue: shop.faceValue, minPurchase: shop.minPurchase,
                                     validity: .init(from: eventStart, until: until),
                                     transfer: .init(allowed: true, max: shop.transferMax)), by: merchant.key)
                products[merchant.couponID] = DemoProductInfo(use: .coupon(industry: shop.industry), stores: [merchant.store],
                                                              maxTransfers: shop.transferMax)
            }

            // Packages of the organiser, each endorsed by all its partners before the first sale.
            let festaPartners = DemoNames.festaSetShops.map { id in shops.first { $0.merchantID == id }! }
            let couponPartners = DemoNames.couponSetShops.map { id in shops.first { $0.merchantID == id }! }
            let festaUnits = [DemoSetup.entryID] + festaPartners.map(\.couponID)
            let couponUnits = couponPartners.map(\.couponID)
            product(ProductTerms(product: DemoSetup.festaSetID, issuer: organiser.merchantID, kind: .ticket, name: DemoNames.festaSetName,
                                 description: DemoNames.festaSetDescription, price: 3_000, validity: .init(until: until),
                                 transfer: .init(allowed: true), components: festaUnits.map { .init(product: $0, qty: 1) }),
                    by: organiser.key)
            product(ProductTerms(product: DemoSetup.couponSetID, issuer: organiser.merchantID, kind: .coupon, name: DemoNames.couponSetName,
                                 description: DemoNames.couponSetDescription, price: 0, validity: .init(until: until),
                                 transfer: .init(allowed: true), components: couponUnits.map { .init(product: $0, qty: 1) }),
                    by: organiser.key)
            add(.supplySet(SupplySet(product: DemoSetup.festaSetID, cap: 500)), by: organiser.key)
            add(.supplySet(SupplySet(product: tastingID, cap: 60)), by: brewer.key)
            for partner in festaPartners { add(.productEndorse(ProductEndorse(product: DemoSetup.festaSetID)), by: partner.key) }
            for partner in couponPartners { add(.productEndorse(ProductEndorse(product: DemoSetup.couponSetID)), by: partner.key) }

            // The online shop sells the organiser's tickets under a delegation.
            let sales = makeKey("sales", .delegate)
            add(.delegateGrant(DelegateGrant(delegate: sales.publicKey,
                                             products: [DemoSetup.entryID, DemoSetup.festaSetID, DemoSetup.couponSetID], until: until)),
                by: organiser.key)

            return DemoSetup(breweries: breweries, shops: shops, venue: venue, sales: sales, keys: keys, products: products,
                             packages: [DemoSetup.festaSetID: festaUnits, DemoSetup.couponSetID: couponUnits],
                             tastingID: tastingID, storeCount: breweries.count + 1 + shops.count, productCount: productCount,
                             ready: clock + 5 * DemoCalendar.minute)
        }

        /// `bar-01`.
        static func number(_ prefix: String, _ n: Int) -> String { n < 10 ? "\(prefix)-0\(n)" : "\(prefix)-\(n)" }
    }
}
