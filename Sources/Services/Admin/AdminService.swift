import Crypto
import Foundation
import Ledger
import Store

/// Management of merchants, stores, products and supplies: every change is a ledger
/// transaction signed with a key the node keeps in custody (`KeyVault`) and submitted through
/// the sequencer.
///
/// Thread-safe. Authority: the operator registers merchants; a merchant admin (or the operator)
/// manages that merchant's stores and products; acting on another merchant's ledger objects
/// is `not_authorized`.
public final class AdminService: Sendable {
    /// Tuning.
    public struct Config: Sendable {
        /// How long the `delegate.grant` to the node's sales key lasts, ms (default 10 years).
        public var salesGrantMillis: Int64
        /// Creates a configuration.
        public init(salesGrantMillis: Int64 = 3_650 * TicketWindow.day) { self.salesGrantMillis = salesGrantMillis }
    }

    /// What `createMerchant` registered.
    public struct CreatedMerchant: Sendable, Equatable {
        /// The merchant's id.
        public let merchant: String
        /// The merchant's new public key (its seed stays in the vault as `merchant/<id>`).
        public let key: PublicKey
        /// The `merchant.register` txid.
        public let registerTx: String
        /// The `delegate.grant` to the node's sales key.
        public let salesGrantTx: String
    }

    /// What `createStore` registered.
    public struct CreatedStore: Sendable, Equatable {
        /// The store's id.
        public let store: String
        /// The merchant's id.
        public let merchant: String
        /// The store's QR key (its seed stays in the vault as `store/<id>`).
        public let key: PublicKey
        /// The `store.register` txid.
        public let registerTx: String
    }

    let context: ServiceContext
    private let config: Config
    private var writer: LedgerWriter { LedgerWriter(context: context) }

    /// Management over `context`.
    public init(context: ServiceContext, config: Config = Config()) {
        self.context = context
        self.config = config
    }

    /// Registers a merchant (operator only): generates its key into the vault, signs
    /// `merchant.register` with the node's operator key, then has the merchant grant `["*"]` to the
    /// node's `sales` key (created if missing) so its products can be sold online.
    /// - Throws: `not_authorized` (not the operator, or this node holds no operator key),
    ///   `conflict` (the id exists), the ledger's code, or `unavailable`.
    public func createMerchant(_ draft: MerchantDraft, by staff: StaffIdentity) throws -> CreatedMerchant {
        try staff.requireOperator()
        try staff.require(.manage)
        let w = writer
        guard let op = try w.key(KeyCustody.operator) else {
            throw ServiceError(.notAuthorized, "this node holds no operator key: register merchants on the node that keeps the operator key")
        }
        // One creation of custodial keys at a time: a key in the vault must match the ledger.
        return try KeyCustody.lock.withLock {
            if try context.read({ try $0.merchant(draft.merchant) }) != nil {
                throw ServiceError(.conflict, "merchant \"\(draft.merchant)\" already exists")
            }
            let key = SigningKey.generate(using: context.random)
            try w.put(KeyCustody.merchant(draft.merchant), key)
            let registerTx = try w.submit(.merchantRegister(MerchantRegister(
                merchant: draft.merchant, name: draft.name, key: key.publicKey, industries: draft.industries, attrs: draft.attrs)), with: op)
            let sales = try w.salesKey()
            let grantTx = try w.submit(.delegateGrant(DelegateGrant(
                delegate: sales.publicKey, products: ["*"], until: context.clock.now() + config.salesGrantMillis)), with: key)
            return CreatedMerchant(merchant: draft.merchant, key: key.publicKey, registerTx: registerTx, salesGrantTx: grantTx)
        }
    }

    /// Registers a store of `draft.merchant` (default: the staff member's merchant), with a new
    /// QR key kept as `store/<id>`, signed with the merchant's custodial key.
    /// - Throws: `not_authorized` (not that merchant's admin or the operator, or the merchant
    ///   holds its own key), `unknown_merchant`, `conflict`, `invalid_request`.
    public func createStore(_ draft: StoreDraft, by staff: StaffIdentity) throws -> CreatedStore {
        guard let merchant = draft.merchant ?? staff.role.merchant else {
            throw ServiceError.invalid("merchant", "required", "the operator must name the store's merchant")
        }
        try staff.require(.manage, merchant: merchant)
        let w = writer
        return try KeyCustody.lock.withLock {
            let (exists, merchantKnown) = try context.read { s in (try s.store(draft.store) != nil, try s.merchant(merchant) != nil) }
            guard merchantKnown else { throw ServiceError(.ledger(.unknownMerchant), "no merchant \"\(merchant)\"") }
            if exists { throw ServiceError(.conflict, "store \"\(draft.store)\" already exists") }
            let signer = try signingKey(for: merchant, staff: staff)
            let key = SigningKey.generate(using: context.random)
            try w.put(KeyCustody.store(draft.store), key)
            let tx = try w.submit(.storeRegister(StoreRegister(store: draft.store, merchant: merchant, name: draft.name,
                                                               industry: draft.industry, key: key.publicKey, attrs: draft.attrs)), with: signer)
            return CreatedStore(store: draft.store, merchant: merchant, key: key.publicKey, registerTx: tx)
        }
    }

    /// Registers a product from a draft: the issuer is `draft.issuer` or the staff member's
    /// merchant; the operator may register campaign products with issuer `operator`. An initial
    /// `cap` is set with `supply.set` right after.
    /// - Returns: the `product.register` txid.
    /// - Throws: `not_authorized`, `invalid_request`, the ledger's code (`unknown_product` for a
    ///   missing component, `unknown_store`, `conflict`, …).
    @discardableResult
    public func createProduct(_ draft: ProductDraft, by staff: StaffIdentity) throws -> String {
        guard let issuer = draft.issuer ?? staff.role.merchant else {
            throw ServiceError.invalid("issuer", "required", "the operator must name the issuer (a merchant id or \"operator\")")
        }
        try requireManage(issuer, staff)
        let signer = try signingKey(for: issuer, staff: staff)
        let w = writer
        let txid = try w.submit(.productRegister(draft.terms(issuer: issuer)), with: signer)
        if let cap = draft.cap { try w.submit(.supplySet(SupplySet(product: draft.product, cap: cap)), with: signer) }
        return txid
    }

    /// Sets the issue cap of a product (raise or lower; never below what is issued).
    /// - Returns: the `supply.set` txid.
    /// - Throws: `unknown_product`, `not_authorized`, `conflict` (below issued).
    @discardableResult
    public func setCap(product: String, cap: Int64, by staff: StaffIdentity) throws -> String {
        guard cap >= 0 && cap <= JSONValue.maxSafeInteger else { throw ServiceError.invalid("cap", "out_of_range", "must be 0 or more") }
        let record = try self.product(product)
        try requireManage(record.terms.issuer, staff)
        return try writer.submit(.supplySet(SupplySet(product: product, cap: cap)), with: try signingKey(for: record.terms.issuer, staff: staff))
    }

    /// Stops selling a product now: sets its cap to what is already issued.
    /// - Returns: the cap that was set.
    @discardableResult
    public func stopSelling(product: String, by staff: StaffIdentity) throws -> Int64 {
        var record = try self.product(product)
        try requireManage(record.terms.issuer, staff)
        let signer = try signingKey(for: record.terms.issuer, staff: staff)
        // An issue may land between the read and the block: the ledger then refuses the lower
        // cap (`conflict`), and we read the new count and try again.
        for _ in 0..<5 {
            do {
                try writer.submit(.supplySet(SupplySet(product: product, cap: record.issued)), with: signer)
                return record.issued
            } catch let e as ServiceError where e.code == .conflict {
                record = try self.product(product)
            }
        }
        throw ServiceError(.conflict, "tickets of \"\(product)\" keep being issued; try again")
    }

    // MARK: helpers shared with EndorsementService

    func product(_ id: String) throws -> ProductRecord {
        guard let p = try context.read({ try $0.product(id) }) else {
            throw ServiceError(.ledger(.unknownProduct), "no product \"\(id)\"")
        }
        return p
    }

    /// Manage rights over `issuer`'s objects (the operator's own products need the operator).
    func requireManage(_ issuer: String, _ staff: StaffIdentity) throws {
        if issuer == operatorPrincipal { try staff.requireOperator() }
        try staff.require(.manage, merchant: issuer)
    }

    /// The custodial key that signs for `principal`: `operator`, or `merchant/<id>`.
    func signingKey(for principal: String, staff: StaffIdentity) throws -> SigningKey {
        if principal == operatorPrincipal {
            guard let k = try writer.key(KeyCustody.operator) else {
                throw ServiceError(.notAuthorized, "this node holds no operator key")
            }
            return k
        }
        guard let k = try writer.key(KeyCustody.merchant(principal)) else {
            throw ServiceError(.notAuthorized, "the node does not hold merchant \"\(principal)\"'s key: the merchant signs with its own key")
        }
        return k
    }
}
