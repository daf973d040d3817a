import Crypto

/// Rules for the network, merchants, stores, products, supplies and delegations.
extension Context {
    mutating func genesis(_ p: Genesis) throws -> [Effect] {
        guard p.operators.contains(signer) else { throw LedgerError(.notAuthorized, "genesis must be signed by one of its operators") }
        if network != nil { throw LedgerError(.conflict, "the network already has its genesis") }
        let info = NetworkInfo(net: tx.tx.net, name: p.name, operators: p.operators, nodes: p.nodes)
        network = info
        return [.setNetwork(info)]
    }

    func merchantRegister(_ p: MerchantRegister) throws -> [Effect] {
        guard signerIsOperator else { throw LedgerError(.notAuthorized, "only an operator registers merchants") }
        if p.merchant == operatorPrincipal { throw LedgerError(.conflict, "\"operator\" is a reserved id") }
        if try state.merchant(p.merchant) != nil { throw LedgerError(.conflict, "merchant \"\(p.merchant)\" already exists") }
        try requireFreeMerchantKey(p.key, for: p.merchant)
        return [.putMerchant(MerchantRecord(id: p.merchant, name: p.name, key: p.key, industries: p.industries, attrs: p.attrs))]
    }

    func merchantRekey(_ p: MerchantRekey) throws -> [Effect] {
        var m = try requireMerchant(p.merchant)
        guard signerIsOperator || m.key == signer else {
            throw LedgerError(.notAuthorized, "only an operator or the merchant's current key may rekey it")
        }
        if m.key == p.key { throw LedgerError(.conflict, "the new key is the current key") }
        try requireFreeMerchantKey(p.key, for: p.merchant)
        m.key = p.key
        return [.putMerchant(m)]
    }

    func storeRegister(_ p: StoreRegister) throws -> [Effect] {
        let m = try requireMerchant(p.merchant)
        guard signerIsOperator || m.key == signer else {
            throw LedgerError(.notAuthorized, "only an operator or the store's merchant registers a store")
        }
        if try state.store(p.store) != nil { throw LedgerError(.conflict, "store \"\(p.store)\" already exists") }
        return [.putStore(StoreRecord(id: p.store, merchant: p.merchant, name: p.name, industry: p.industry, key: p.key, attrs: p.attrs))]
    }

    func productRegister(_ p: ProductTerms) throws -> [Effect] {
        // Unknown references first.
        if p.issuer != operatorPrincipal { _ = try requireMerchant(p.issuer) }
        if case .stores(let ids)? = p.redeem { for id in ids { _ = try requireStore(id) } }
        var components: [ProductRecord] = []
        for c in p.components ?? [] { components.append(try requireProduct(c.product)) }
        // Authority.
        guard try signerActs(for: p.issuer) else {
            throw LedgerError(.notAuthorized, "a product is registered by its issuer's key")
        }
        // State.
        if try state.product(p.product) != nil { throw LedgerError(.conflict, "product \"\(p.product)\" already exists") }
        if components.contains(where: { $0.terms.isPackage }) {
            throw LedgerError(.conflict, "a package cannot contain another package")
        }
        return [.putProduct(ProductRecord(terms: p, registeredBy: txid))]
    }

    func productEndorse(_ p: ProductEndorse) throws -> [Effect] {
        var package = try requireProduct(p.product)
        guard let components = package.terms.components else {
            throw LedgerError(.conflict, "product \"\(p.product)\" is not a package")
        }
        var owners: [Principal] = []
        for c in components { owners.append(try requireProduct(c.product).terms.issuer) }
        guard let principal = try signerPrincipal(), owners.contains(principal), principal != package.terms.issuer else {
            throw LedgerError(.notAuthorized, "only a partner merchant of one of the package's components endorses it")
        }
        if package.endorsedBy.contains(principal) { throw LedgerError(.conflict, "\"\(principal)\" already endorsed this package") }
        package.endorsedBy.append(principal)
        return [.putProduct(package)]
    }

    func supplySet(_ p: SupplySet) throws -> [Effect] {
        var product = try requireProduct(p.product)
        guard try signerActs(for: product.terms.issuer) else {
            throw LedgerError(.notAuthorized, "only the product's issuer sets its supply")
        }
        if p.cap < product.issued {
            throw LedgerError(.conflict, "the cap cannot go below the \(product.issued) already issued")
        }
        product.cap = p.cap
        return [.putProduct(product)]
    }

    func delegateGrant(_ p: DelegateGrant) throws -> [Effect] {
        var products: [ProductRecord] = []
        if !p.coversAll { for id in p.products { products.append(try requireProduct(id)) } }
        guard let granter = try signerPrincipal() else {
            throw LedgerError(.notAuthorized, "only a merchant or an operator grants delegations")
        }
        if let foreign = products.first(where: { $0.terms.issuer != granter }) {
            throw LedgerError(.notAuthorized, "product \"\(foreign.id)\" is not the granter's")
        }
        return [.putGrant(GrantRecord(granter: granter, delegate: p.delegate, products: p.products, until: p.until))]
    }

    func delegateRevoke(_ p: DelegateRevoke) throws -> [Effect] {
        guard let granter = try signerPrincipal() else {
            throw LedgerError(.notAuthorized, "only a merchant or an operator revokes delegations")
        }
        guard try state.grant(granter: granter, delegate: p.delegate) != nil else {
            throw LedgerError(.notFound, "no grant from \"\(granter)\" to this delegate")
        }
        return [.removeGrant(granter: granter, delegate: p.delegate)]
    }
}
