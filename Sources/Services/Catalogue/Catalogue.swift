import Crypto
import Ledger
import Store

/// The product catalogue as wallets and consoles show it, read from ledger snapshots.
///
/// Thread-safe: every call reads one snapshot through the read pool.
public final class Catalogue: Sendable {
    private let context: ServiceContext
    /// The most stores one product view lists (the count is always exact).
    public let storesPerProduct: Int

    /// A catalogue over `context`'s ledger.
    /// - Parameter storesPerProduct: how many usable stores each view lists (at least 1).
    public init(context: ServiceContext, storesPerProduct: Int = 50) {
        self.context = context
        self.storesPerProduct = max(1, storesPerProduct)
    }

    /// One page of products in id order.
    /// - Throws: `invalid_request` for a limit outside 1…100.
    public func products(_ query: CatalogueQuery) throws -> CataloguePage {
        guard (1...CatalogueQuery.maxLimit).contains(query.limit) else {
            throw ServiceError.invalid("limit", "out_of_range", "must be from 1 to \(CatalogueQuery.maxLimit)")
        }
        let salesKey = try LedgerWriter(context: context).key(KeyCustody.sales)?.publicKey
        let now = context.clock.now()
        return try context.read { store in
            var reader = CatalogueReader(store: store, salesKey: salesKey, now: now, storesPerProduct: storesPerProduct)
            let records = try store.products(after: query.after, limit: query.limit + 1, issuer: query.merchant,
                                             kind: query.kind?.rawValue, campaign: query.campaign)
            let page = Array(records.prefix(query.limit))
            let views = try page.map { try reader.view($0) }
            return CataloguePage(products: views, next: records.count > query.limit ? page.last?.id : nil)
        }
    }

    /// One product.
    /// - Throws: `unknown_product`.
    public func product(_ id: String) throws -> ProductView {
        let salesKey = try LedgerWriter(context: context).key(KeyCustody.sales)?.publicKey
        let now = context.clock.now()
        return try context.read { store in
            var reader = CatalogueReader(store: store, salesKey: salesKey, now: now, storesPerProduct: storesPerProduct)
            guard let record = try store.product(id) else { throw ServiceError(.ledger(.unknownProduct), "no product \"\(id)\"") }
            return try reader.view(record)
        }
    }
}

/// Builds views inside one snapshot, remembering what several products share (merchant names,
/// the full store list for attribute rules).
struct CatalogueReader {
    let store: LedgerStore
    let salesKey: PublicKey?
    let now: Int64
    let storesPerProduct: Int
    private var everyStore: [StoreRecord]?
    private var names: [String: String] = [:]

    init(store: LedgerStore, salesKey: PublicKey?, now: Int64, storesPerProduct: Int) {
        self.store = store; self.salesKey = salesKey; self.now = now; self.storesPerProduct = storesPerProduct
    }

    /// The components of a package (in order), or empty.
    func components(of record: ProductRecord) throws -> [ProductRecord] {
        try (record.terms.components ?? []).map { c in
            guard let p = try store.product(c.product) else {
                throw StoreError.inconsistent("package \(record.id) names a missing component \(c.product)")
            }
            return p
        }
    }

    /// The sale status of a product now.
    func saleStatus(_ record: ProductRecord) throws -> SaleStatus {
        let grant = try salesKey.flatMap { try store.grant(granter: record.terms.issuer, delegate: $0) }
        return SaleStatus.of(record, components: try components(of: record), grant: grant, at: now)
    }

    mutating func view(_ record: ProductRecord) throws -> ProductView {
        let t = record.terms
        let parts = try components(of: record)
        var componentViews: [PackageComponentView]?
        if let entries = t.components {
            componentViews = []
            for (entry, part) in zip(entries, parts) {
                let owner = part.terms.issuer
                componentViews?.append(PackageComponentView(
                    product: try summary(part), qty: entry.qty, merchant: owner,
                    endorsed: owner == t.issuer || record.endorsedBy.contains(owner)))
            }
        }
        let grant = try salesKey.flatMap { try store.grant(granter: t.issuer, delegate: $0) }
        return ProductView(
            id: record.id, issuer: t.issuer, issuerName: try name(of: t.issuer), kind: t.kind, name: t.name,
            description: t.description, price: t.price, faceValue: t.faceValue, minPurchase: t.minPurchase,
            validity: t.validity, transfer: t.transfer, campaign: t.campaign, cap: record.cap, issued: record.issued,
            remaining: record.cap.map { max(0, $0 - record.issued) },
            usable: t.isPackage ? nil : try usable(t), components: componentViews,
            sale: SaleStatus.of(record, components: parts, grant: grant, at: now), registeredBy: record.registeredBy)
    }

    mutating func summary(_ record: ProductRecord) throws -> ProductSummary {
        let t = record.terms
        return ProductSummary(id: record.id, name: t.name, kind: t.kind, issuer: t.issuer, issuerName: try name(of: t.issuer),
                              price: t.price, faceValue: t.faceValue, usable: try usable(t))
    }

    /// The redeem rule resolved to stores (PROTOCOL §2; same matching as `Redemption.allows`).
    mutating func usable(_ t: ProductTerms) throws -> UsableStores {
        let matched: [StoreRecord]
        switch t.redeem {
        case nil: matched = try store.stores(ofMerchant: t.issuer)
        case .stores(let ids)?: matched = try ids.compactMap { try store.store($0) }
        case .industries(let codes)?: matched = try store.stores(inIndustries: codes)
        case .attrs?:
            if everyStore == nil { everyStore = try store.allStores() }
            matched = (everyStore ?? []).filter { Redemption.allows(t.redeem, issuer: t.issuer, at: $0) }
        }
        return UsableStores(rule: UsableStores.Rule(t.redeem), count: matched.count,
                            stores: matched.prefix(storesPerProduct).map(StoreSummary.init))
    }

    mutating func name(of principal: String) throws -> String {
        if let n = names[principal] { return n }
        let n: String
        if principal == operatorPrincipal {
            n = try store.network()?.name ?? principal
        } else {
            n = try store.merchant(principal)?.name ?? principal
        }
        names[principal] = n
        return n
    }
}
