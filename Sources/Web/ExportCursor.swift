import Foundation
import Crypto
import Ledger
import Services
import Store

/// Makes the rows of a ticket-event export a chunk at a time, for a `ByteStream`.
///
/// The log is read page by page (`pageLeaves` leaves, each page in its own short read
/// transaction of the pool, so a slow download never holds a connection). Consistency: the leaf
/// range is fixed by the first read, and everything a row shows is fixed when its leaf is
/// committed (leaves, blocks, a ticket's product, issuer and validity, product names), so every
/// page agrees with that first snapshot. Memory: one page and one chunk, whatever the range.
///
/// One row per ticket event: `ticket.issue` gives a `sales` row per ticket it creates,
/// `ticket.transfer` `assignment`, `ticket.use` `use`, `ticket.cancel` `cancel`. Holders are
/// shown as the consumer's pseudonymous account id when the key belongs to an account, else as
/// the public key; the attributes are those of the consumer the event is about (the buyer or
/// receiver for sales and assignment, the holder for use and cancel), only when shared with consent.
final class ExportCursor: @unchecked Sendable {
    /// Leaves read per page.
    static let pageLeaves: Int64 = 512
    /// A chunk is handed out once it holds about this many bytes.
    static let chunkBytes = 64 * 1024

    private let reader: LedgerReadPool
    private let merchant: String?
    private let from: Int64, until: Int64
    private let encoding: ExportEncoding
    private let header: [String]
    private let converter: ShiftJISConverter?

    private var range: Range<Int64>?
    private var next: Int64 = 0
    private var started = false
    private var productNames: [String: String] = [:]
    private var storeNames: [String: String] = [:]
    /// Rows written so far (for tests and logs).
    private(set) var rows = 0

    /// - Parameters:
    ///   - merchant: only tickets this merchant issued; nil for every ticket (the operator).
    ///   - from, until: block time window, ms since the epoch, `[from, until)`.
    init(reader: LedgerReadPool, merchant: String?, from: Int64, until: Int64, encoding: ExportEncoding, header: [String]) {
        self.reader = reader
        self.merchant = merchant
        self.from = from
        self.until = until
        self.encoding = encoding
        self.header = header
        self.converter = encoding == .sjis ? ShiftJISConverter(toSJIS: true) : nil
    }

    /// The next chunk of the file, nil at its end.
    func nextChunk() throws -> [UInt8]? {
        var out: [UInt8] = []
        if !started {
            started = true
            out += encoding.preamble
            append(ExportCSV.record(header), to: &out)
            range = try reader.read { try $0.leafRange(blockTimeFrom: from, until: until) }
            next = range?.lowerBound ?? 0
        }
        guard let range else { return out.isEmpty ? nil : out }
        while out.count < Self.chunkBytes && next < range.upperBound {
            let page = next..<min(next + Self.pageLeaves, range.upperBound)
            let lines = try reader.read { store in try self.rows(of: page, store) }
            for line in lines { append(line, to: &out) }
            next = page.upperBound
        }
        if out.isEmpty && next >= range.upperBound { return nil }
        return out
    }

    private func append(_ line: String, to out: inout [UInt8]) {
        if let converter { out += converter.encode(line) } else { out += Array(line.utf8) }
    }

    /// The CSV records of the ticket events among leaves `page`.
    private func rows(of page: Range<Int64>, _ store: LedgerStore) throws -> [String] {
        let blocks = try store.blockSpans(coveringLeaves: page)
        var out: [String] = []
        var b = 0
        for leaf in try store.envelopes(first: page.lowerBound, count: Int64(page.count)) {
            while b < blocks.count - 1 && leaf.index >= blocks[b].first + blocks[b].count { b += 1 }
            guard b < blocks.count else { break }
            let time = blocks[b].time
            guard time >= from && time < until, let tx = try? SignedTx(json: leaf.envelope) else { continue }
            out += try records(tx, time: time, store)
        }
        rows += out.count
        return out
    }

    private func records(_ signed: SignedTx, time: Int64, _ store: LedgerStore) throws -> [String] {
        let tx = signed.tx
        switch tx.payload {
        case .ticketIssue(let p):
            var out: [String] = []
            let buyer = try p.account ?? store.account(withKey: p.to)
            var index = 0
            while let ticket = try store.ticket(TicketID.derive(txid: signed.txid, index: index)) {
                index += 1
                guard covers(ticket) else { continue }
                out.append(try record(time, ticket, event: "sales", store: nil, from: ticket.issuer,
                                      to: buyer ?? p.to.base64url, about: buyer, store))
            }
            return out
        case .ticketTransfer(let p):
            guard let ticket = try store.ticket(p.ticket), covers(ticket) else { return [] }
            let receiver = try store.account(withKey: p.to)
            return [try record(time, ticket, event: "assignment", store: nil, from: try holder(tx.signer, store),
                               to: receiver ?? p.to.base64url, about: receiver, store)]
        case .ticketUse(let p):
            guard let ticket = try store.ticket(p.ticket), covers(ticket) else { return [] }
            let user = try store.account(withKey: tx.signer)
            return [try record(time, ticket, event: "use", store: p.store, from: user ?? tx.signer.base64url, to: "",
                               about: user, store)]
        case .ticketCancel(let p):
            // A cancelled ticket never moves again: its holder now is its holder at the cancel.
            guard let ticket = try store.ticket(p.ticket), covers(ticket) else { return [] }
            let holder = try store.account(withKey: ticket.holder)
            return [try record(time, ticket, event: "cancel", store: nil, from: holder ?? ticket.holder.base64url, to: "",
                               about: holder, store)]
        default:
            return []
        }
    }

    private func covers(_ ticket: TicketRecord) -> Bool { merchant == nil || ticket.issuer == merchant }

    private func holder(_ key: PublicKey, _ store: LedgerStore) throws -> String {
        try store.account(withKey: key) ?? key.base64url
    }

    private func record(_ time: Int64, _ ticket: TicketRecord, event: String, store storeID: String?, from: String, to: String,
                        about account: String?, _ store: LedgerStore) throws -> String {
        let attrs = try account.flatMap { try store.consentedAttributes(account: $0) }
        return ExportCSV.record([
            ExportCSV.jst(time), ticket.product, ExportCSV.safeText(try productName(ticket.product, store)), ticket.id,
            storeID ?? "", ExportCSV.safeText(try storeID.map { try storeName($0, store) } ?? ""),
            ExportCSV.jst(ticket.validFrom), ticket.validUntil.map(ExportCSV.jst) ?? "",
            from, to, event,
            attrs?.sex ?? "", attrs?.birthYear.map(String.init) ?? "", attrs?.prefecture.map(String.init) ?? "",
        ])
    }

    private func productName(_ id: String, _ store: LedgerStore) throws -> String {
        if let n = productNames[id] { return n }
        let n = try store.product(id)?.terms.name ?? ""
        if productNames.count > 10_000 { productNames.removeAll() }
        productNames[id] = n
        return n
    }

    private func storeName(_ id: String, _ store: LedgerStore) throws -> String {
        if let n = storeNames[id] { return n }
        let n = try store.store(id)?.name ?? ""
        if storeNames.count > 10_000 { storeNames.removeAll() }
        storeNames[id] = n
        return n
    }
}
