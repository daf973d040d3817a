import Crypto

/// Rules for issuing, transferring, using and cancelling tickets.
extension Context {
    func ticketIssue(_ p: TicketIssue) throws -> [Effect] {
        var product = try requireProduct(p.product)
        var components: [(terms: ProductTerms, qty: Int64)] = []
        for c in product.terms.components ?? [] { components.append((try requireProduct(c.product).terms, c.qty)) }
        // Authority: the issuer's key, or a delegate with a live grant from the issuer.
        let issuer = product.terms.issuer
        if try !signerActs(for: issuer) {
            guard let grant = try state.grant(granter: issuer, delegate: signer) else {
                throw LedgerError(.notAuthorized, "only the issuer or its delegate issues tickets of \"\(product.id)\"")
            }
            guard grant.covers(product.id, at: blockTime) else {
                throw LedgerError(.notAuthorized, grant.until <= blockTime ? "the delegation has expired" : "the delegation does not cover this product")
            }
        }
        // State: endorsements, cap, window.
        for (terms, _) in components where terms.issuer != issuer && !product.endorsedBy.contains(terms.issuer) {
            throw LedgerError(.notEndorsed, "\"\(terms.issuer)\" has not endorsed package \"\(product.id)\"")
        }
        if let cap = product.cap, product.issued + p.count > cap {
            throw LedgerError(.capExceeded, "only \(max(0, cap - product.issued)) of \"\(product.id)\" are left")
        }
        let own = TicketWindow(product.terms, issuedAt: blockTime)
        var shapes: [(terms: ProductTerms, window: TicketWindow, maxTransfers: Int64?)] = []
        if components.isEmpty {
            shapes.append((product.terms, own, TicketWindow.maxTransfers(product.terms.transfer)))
        } else {
            for (terms, qty) in components {
                let window = TicketWindow(terms, issuedAt: blockTime).intersected(with: own)
                let maxTransfers = TicketWindow.combine(TicketWindow.maxTransfers(terms.transfer),
                                                        TicketWindow.maxTransfers(product.terms.transfer))
                for _ in 0..<qty { shapes.append((terms, window, maxTransfers)) }
            }
        }
        if shapes.contains(where: { $0.window.isOver(at: blockTime) }) {
            throw LedgerError(.expired, "the product's validity has already ended")
        }
        // Ticket number i counts packages first, then components in order, then qty (PROTOCOL §2).
        var tickets: [TicketRecord] = []
        tickets.reserveCapacity(Int(p.count) * shapes.count)
        let package = components.isEmpty ? nil : txid
        for _ in 0..<p.count {
            for shape in shapes {
                tickets.append(TicketRecord(
                    id: TicketID.derive(txid: txid, index: tickets.count), product: shape.terms.product,
                    issuer: shape.terms.issuer, holder: p.to, state: .active, validFrom: shape.window.from,
                    validUntil: shape.window.until, package: package, transfers: 0,
                    maxTransfers: shape.maxTransfers, issuedBy: txid))
            }
        }
        product.issued += p.count
        return [.putProduct(product), .issueTickets(tickets, product: product.id, units: p.count, account: p.account)]
    }

    func ticketTransfer(_ p: TicketTransfer) throws -> [Effect] {
        var ticket = try requireTicket(p.ticket)
        guard ticket.holder == signer else { throw LedgerError(.notHolder, "only the current holder moves a ticket") }
        try requireLive(ticket)
        if TicketWindow(from: ticket.validFrom, until: ticket.validUntil).isOver(at: blockTime) {
            throw LedgerError(.expired, "the ticket has expired")
        }
        if let max = ticket.maxTransfers, ticket.transfers >= max {
            throw LedgerError(.transferNotAllowed, max == 0 ? "this ticket cannot be transferred" : "this ticket cannot be transferred again")
        }
        ticket.holder = p.to
        ticket.transfers += 1
        return [.updateTicket(ticket)]
    }

    func ticketUse(_ p: TicketUse) throws -> [Effect] {
        var ticket = try requireTicket(p.ticket)
        let store = try requireStore(p.store)
        guard ticket.holder == signer else { throw LedgerError(.notHolder, "only the current holder uses a ticket") }
        try requireLive(ticket)
        if blockTime < ticket.validFrom { throw LedgerError(.notYetValid, "the ticket is not valid yet") }
        if TicketWindow(from: ticket.validFrom, until: ticket.validUntil).isOver(at: blockTime) {
            throw LedgerError(.expired, "the ticket has expired")
        }
        let terms = try requireProduct(ticket.product).terms
        guard Redemption.allows(terms.redeem, issuer: ticket.issuer, at: store) else {
            throw LedgerError(.storeNotEligible, "this ticket cannot be used at store \"\(store.id)\"")
        }
        let proofOK = storeProofs?.verify(p.storeProof, net: tx.tx.net, store: store.id, storeKey: store.key, blockTime: blockTime)
            ?? StoreProof.verify(p.storeProof, net: tx.tx.net, store: store.id, storeKey: store.key, blockTime: blockTime)
        guard proofOK else {
            throw LedgerError(.badStoreProof, "the store QR proof is not valid for this store now")
        }
        ticket.state = .used
        return [.updateTicket(ticket)]
    }

    func ticketCancel(_ p: TicketCancel) throws -> [Effect] {
        var ticket = try requireTicket(p.ticket)
        guard try signerActs(for: ticket.issuer) else {
            throw LedgerError(.notAuthorized, "only the ticket's issuer cancels it")
        }
        try requireLive(ticket)
        ticket.state = .cancelled
        return [.updateTicket(ticket)]
    }

    /// A used ticket answers `already_used`; a cancelled one `cancelled`.
    private func requireLive(_ ticket: TicketRecord) throws {
        switch ticket.state {
        case .active: return
        case .used: throw LedgerError(.alreadyUsed, "the ticket has already been used")
        case .cancelled: throw LedgerError(.cancelled, "the ticket has been cancelled")
        }
    }
}
