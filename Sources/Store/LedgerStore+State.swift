import Crypto
import Ledger
import SQLiteDB

/// The validation rules' view of the state: point lookups, cached for registry rows.
extension LedgerStore: StateReader {
    public func network() throws -> NetworkInfo? {
        if let cached = networkCache { return cached }
        let n = try db.cached("SELECT net, name, operators, nodes FROM network WHERE id = 1").queryOne { r in
            NetworkInfo(net: r.string(0) ?? "", name: r.string(1) ?? "",
                        operators: try RowCoding.keys(r.string(2) ?? "", table: "network", key: "operators"),
                        nodes: try RowCoding.keys(r.string(3) ?? "", table: "network", key: "nodes"))
        }
        networkCache = .some(n)
        return n
    }

    public func containsTx(_ txid: String) throws -> Bool {
        guard let raw = try? Base64URL.decode(txid) else { return false }
        return try db.cached("SELECT 1 FROM leaves WHERE txid = ?").queryOne(.blob(raw)) { _ in true } ?? false
    }

    public func merchant(_ id: String) throws -> MerchantRecord? {
        if let cached = merchantCache[id] { return cached }
        let m = try db.cached("SELECT id, name, key, industries, attrs FROM merchants WHERE id = ?").queryOne(.text(id)) { r in
            try Self.merchantRow(r)
        }
        merchantCache[id] = .some(m)
        return m
    }

    public func merchant(withKey key: PublicKey) throws -> MerchantRecord? {
        if let cached = merchantKeyCache[key] { return try cached.flatMap { try merchant($0) } }
        let id = try db.cached("SELECT id FROM merchants WHERE key = ?").queryOne(.blob(key.bytes)) { $0.string(0) } ?? nil
        merchantKeyCache[key] = .some(id)
        return try id.flatMap { try merchant($0) }
    }

    public func store(_ id: String) throws -> StoreRecord? {
        if let cached = storeCache[id] { return cached }
        let s = try db.cached("SELECT id, merchant, name, industry, key, attrs FROM stores WHERE id = ?").queryOne(.text(id)) { r in
            let key = r.string(0) ?? ""
            return StoreRecord(id: key, merchant: r.string(1) ?? "", name: r.string(2) ?? "", industry: r.string(3) ?? "",
                               key: try RowCoding.publicKey(r.blob(4), table: "stores", key: key),
                               attrs: try RowCoding.object(r.string(5) ?? "", table: "stores", key: key))
        }
        storeCache[id] = .some(s)
        return s
    }

    public func product(_ id: String) throws -> ProductRecord? {
        if let cached = productCache[id] { return cached }
        let p = try db.cached("SELECT id, terms, registered_by, cap, issued, endorsed_by FROM products WHERE id = ?")
            .queryOne(.text(id)) { r in
                let key = r.string(0) ?? ""
                let termsObject = try RowCoding.object(r.string(1) ?? "", table: "products", key: key)
                guard let terms = try? ProductTerms(jsonObject: termsObject) else {
                    throw StoreError.badRow(table: "products", key: key, reason: "terms do not decode")
                }
                return ProductRecord(terms: terms, registeredBy: r.string(2) ?? "", cap: r.isNull(3) ? nil : r.int64(3),
                                     issued: r.int64(4), endorsedBy: try RowCoding.strings(r.string(5) ?? "", table: "products", key: key))
            }
        productCache[id] = .some(p)
        return p
    }

    public func grant(granter: Principal, delegate: PublicKey) throws -> GrantRecord? {
        let cacheKey = granter + "\n" + delegate.base64url
        if let cached = grantCache[cacheKey] { return cached }
        let g = try db.cached("SELECT products, until FROM grants WHERE granter = ? AND delegate = ?")
            .queryOne(.text(granter), .blob(delegate.bytes)) { r in
                GrantRecord(granter: granter, delegate: delegate,
                            products: try RowCoding.strings(r.string(0) ?? "", table: "grants", key: granter), until: r.int64(1))
            }
        grantCache[cacheKey] = .some(g)
        return g
    }

    public func ticket(_ id: String) throws -> TicketRecord? {
        try db.cached("""
            SELECT t.id, t.product, t.issuer, s.holder, s.state, t.valid_from, t.valid_until, t.package, s.transfers,
                   t.max_transfers, t.issued_by, t.n
            FROM tickets t JOIN ticket_state s ON s.n = t.n WHERE t.id = ?
            """).queryOne(.text(id)) { r in
                lastTicketRow = (id, r.int64(11))
                return try Self.ticketRow(r)
            }
    }

    /// The row number of ticket `id`.
    private func ticketRowNumber(_ id: String) throws -> Int64 {
        if let last = lastTicketRow, last.id == id { return last.n }
        guard let n = try db.cached("SELECT n FROM tickets WHERE id = ?").queryOne(.text(id), row: { $0.int64(0) }) else {
            throw StoreError.inconsistent("ticket \(id) vanished")
        }
        return n
    }

    public func issuedCount(product: String, account: String) throws -> Int64 {
        try db.cached("SELECT units FROM account_counts WHERE product = ? AND account = ?")
            .queryOne(.text(product), .text(account)) { $0.int64(0) } ?? 0
    }

    /// Writes the effects of the transaction at leaf `leaf` (inside the open block transaction).
    func apply(_ applied: Applied, leaf: Int64) throws {
        for effect in applied.effects {
            switch effect {
            case .setNetwork(let n):
                try db.cached("INSERT INTO network(id, net, name, operators, nodes) VALUES (1, ?, ?, ?, ?)")
                    .run(.text(n.net), .text(n.name), .text(RowCoding.text(n.operators)), .text(RowCoding.text(n.nodes)))
                networkCache = .some(n)
            case .putMerchant(let m):
                if let old = try merchant(m.id) { merchantKeyCache[old.key] = nil }
                try db.cached("INSERT OR REPLACE INTO merchants(id, name, key, industries, attrs) VALUES (?, ?, ?, ?, ?)")
                    .run(.text(m.id), .text(m.name), .blob(m.key.bytes), .text(RowCoding.text(m.industries)), .text(RowCoding.text(m.attrs)))
                merchantCache[m.id] = .some(m)
                merchantKeyCache[m.key] = .some(m.id)
            case .putStore(let s):
                try db.cached("INSERT OR REPLACE INTO stores(id, merchant, name, industry, key, attrs) VALUES (?, ?, ?, ?, ?, ?)")
                    .run(.text(s.id), .text(s.merchant), .text(s.name), .text(s.industry), .blob(s.key.bytes), .text(RowCoding.text(s.attrs)))
                storeCache[s.id] = .some(s)
            case .putProduct(let p):
                // An issue only moves the count: skip re-encoding the immutable terms.
                if let old = try product(p.id), old.terms == p.terms, old.cap == p.cap, old.endorsedBy == p.endorsedBy {
                    try db.cached("UPDATE products SET issued = ? WHERE id = ?").run(.int(p.issued), .text(p.id))
                    productCache[p.id] = .some(p)
                    continue
                }
                try db.cached("""
                    INSERT OR REPLACE INTO products(id, issuer, terms, registered_by, cap, issued, endorsed_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).run(.text(p.id), .text(p.terms.issuer), .text(RowCoding.text(p.terms.jsonObject)), .text(p.registeredBy),
                             p.cap.map { .int($0) } ?? .null, .int(p.issued), .text(RowCoding.text(p.endorsedBy)))
                productCache[p.id] = .some(p)
            case .putGrant(let g):
                try db.cached("INSERT OR REPLACE INTO grants(granter, delegate, products, until) VALUES (?, ?, ?, ?)")
                    .run(.text(g.granter), .blob(g.delegate.bytes), .text(RowCoding.text(g.products)), .int(g.until))
                grantCache[g.granter + "\n" + g.delegate.base64url] = .some(g)
            case .removeGrant(let granter, let delegate):
                try db.cached("DELETE FROM grants WHERE granter = ? AND delegate = ?").run(.text(granter), .blob(delegate.bytes))
                grantCache[granter + "\n" + delegate.base64url] = .some(nil)
            case .issueTickets(let tickets, let product, let units, let account):
                let insert = try db.cached("""
                    INSERT INTO tickets(id, product, issuer, valid_from, valid_until, package, max_transfers, issued_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let insertState = try db.cached("INSERT INTO ticket_state(n, holder, state, transfers) VALUES (?, ?, ?, ?)")
                let history = try db.cached("INSERT INTO ticket_history(ticket, seq, leaf) VALUES (?, 0, ?)")
                for t in tickets {
                    try insert.run(.text(t.id), .text(t.product), .text(t.issuer), .int(t.validFrom),
                                   t.validUntil.map { .int($0) } ?? .null, t.package.map { .text($0) } ?? .null,
                                   t.maxTransfers.map { .int($0) } ?? .null, .text(t.issuedBy))
                    let n = db.lastInsertRowID
                    try insertState.run(.int(n), .blob(t.holder.bytes), .text(t.state.rawValue), .int(t.transfers))
                    try history.run(.int(n), .int(leaf))
                }
                if let account {
                    try db.cached("""
                        INSERT INTO account_counts(product, account, units) VALUES (?, ?, ?)
                        ON CONFLICT(product, account) DO UPDATE SET units = units + excluded.units
                        """).run(.text(product), .text(account), .int(units))
                }
            case .updateTicket(let t):
                let n = try ticketRowNumber(t.id)
                // A use or cancel leaves the holder (and so the holder index) untouched.
                if t.state == .active {
                    try db.cached("UPDATE ticket_state SET holder = ?, transfers = ? WHERE n = ?")
                        .run(.blob(t.holder.bytes), .int(t.transfers), .int(n))
                } else {
                    try db.cached("UPDATE ticket_state SET state = ? WHERE n = ?").run(.text(t.state.rawValue), .int(n))
                }
                // History position: 0 for the issue, then one per transfer, then the final use or cancel.
                let seq = t.transfers + (t.state == .active ? 0 : 1)
                try db.cached("INSERT INTO ticket_history(ticket, seq, leaf) VALUES (?, ?, ?)").run(.int(n), .int(seq), .int(leaf))
            }
        }
    }

    static func merchantRow(_ r: Statement) throws -> MerchantRecord {
        let key = r.string(0) ?? ""
        return MerchantRecord(id: key, name: r.string(1) ?? "", key: try RowCoding.publicKey(r.blob(2), table: "merchants", key: key),
                              industries: try RowCoding.strings(r.string(3) ?? "", table: "merchants", key: key),
                              attrs: try RowCoding.object(r.string(4) ?? "", table: "merchants", key: key))
    }

    static func ticketRow(_ r: Statement) throws -> TicketRecord {
        let id = r.string(0) ?? ""
        guard let state = TicketState(rawValue: r.string(4) ?? "") else {
            throw StoreError.badRow(table: "tickets", key: id, reason: "unknown state")
        }
        return TicketRecord(id: id, product: r.string(1) ?? "", issuer: r.string(2) ?? "",
                            holder: try RowCoding.publicKey(r.blob(3), table: "tickets", key: id), state: state,
                            validFrom: r.int64(5), validUntil: r.isNull(6) ? nil : r.int64(6), package: r.string(7),
                            transfers: r.int64(8), maxTransfers: r.isNull(9) ? nil : r.int64(9), issuedBy: r.string(10) ?? "")
    }

    /// A ticket's history, oldest first.
    public func history(ofTicket id: String) throws -> [String] {
        try db.cached("""
            SELECT l.txid FROM tickets t JOIN ticket_history h ON h.ticket = t.n JOIN leaves l ON l.idx = h.leaf
            WHERE t.id = ? ORDER BY h.seq
            """).query(.text(id)) { Base64URL.encode($0.blob(0) ?? []) }
    }

    /// Tickets `holder` holds now, by id.
    public func tickets(heldBy holder: PublicKey) throws -> [TicketRecord] {
        try db.cached("""
            SELECT t.id, t.product, t.issuer, s.holder, s.state, t.valid_from, t.valid_until, t.package, s.transfers,
                   t.max_transfers, t.issued_by
            FROM ticket_state s JOIN tickets t ON t.n = s.n WHERE s.holder = ? ORDER BY t.id
            """).query(.blob(holder.bytes)) { try Self.ticketRow($0) }
    }
}
