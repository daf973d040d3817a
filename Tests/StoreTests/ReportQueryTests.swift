import TestSupport
import Crypto
import Foundation
import Ledger
import Services
@testable import Store
import Testing

/// The console's report queries over a real log: a window's first leaf, issue/use activity,
/// outstanding tickets and one ticket's chain, at known block times.
@Suite struct ReportQueryTests {
    static let hour: Int64 = 3_600_000

    /// A ledger with a known history, one block per transaction (window 0):
    ///
    /// - t0: the fixture's setup; merchant `bar` with store `bar-1`, ticket `nomi` (¥300, no
    ///   expiry); ramen's ticket `soba` (¥500, 10 days). `asa` is the fixture's coupon (¥0, 2 days).
    /// - t1: 3 `asa` to alice; then, in a later block at the same time, 2 `nomi` to bob.
    /// - t2: 2 `soba` to bob.
    /// - t3: alice transfers `asa[0]` to carol.  t4: carol uses it.  t5: bob uses `nomi[0]`.
    final class History {
        let f: NodeFixture
        let t0: Int64, t1: Int64, t2: Int64, t3: Int64, t4: Int64, t5: Int64
        let asa: [String], nomi: [String], soba: [String]
        typealias Step = (txid: String, index: Int64, height: Int64)
        let asaIssue: Step, nomiIssue: Step, sobaIssue: Step, transfer: Step, asaUse: Step, nomiUse: Step

        init() throws {
            let f = try NodeFixture()
            self.f = f
            let op = try #require(f.created.operatorKey)
            let bar = SigningKey.generate(), barStore = SigningKey.generate()
            let alice = SigningKey.generate(), bob = SigningKey.generate(), carol = SigningKey.generate()
            t0 = f.clock.now()
            try f.accept(op, .merchantRegister(MerchantRegister(merchant: "bar", name: "酒場", key: bar.publicKey, industries: ["bar"])))
            try f.accept(bar, .storeRegister(StoreRegister(store: "bar-1", merchant: "bar", name: "蔵", industry: "bar", key: barStore.publicKey)))
            try f.accept(bar, .productRegister(ProductTerms(product: "nomi", issuer: "bar", kind: .ticket, name: "一杯", price: 300)))
            try f.accept(f.merchant, .productRegister(ProductTerms(product: "soba", issuer: "ramen", kind: .ticket, name: "蕎麦", price: 500,
                                                                  validity: .init(days: 10))))

            f.clock.set(t0 + ReportQueryTests.hour); t1 = f.clock.now()
            asaIssue = try f.accept(f.merchant, .ticketIssue(TicketIssue(product: "asa", to: alice.publicKey, count: 3)))
            nomiIssue = try f.accept(bar, .ticketIssue(TicketIssue(product: "nomi", to: bob.publicKey, count: 2)))
            f.clock.set(t0 + 2 * ReportQueryTests.hour); t2 = f.clock.now()
            sobaIssue = try f.accept(f.merchant, .ticketIssue(TicketIssue(product: "soba", to: bob.publicKey, count: 2)))
            let (asaTx, nomiTx, sobaTx) = (asaIssue.txid, nomiIssue.txid, sobaIssue.txid)
            asa = (0..<3).map { TicketID.derive(txid: asaTx, index: $0) }
            nomi = (0..<2).map { TicketID.derive(txid: nomiTx, index: $0) }
            soba = (0..<2).map { TicketID.derive(txid: sobaTx, index: $0) }

            f.clock.set(t0 + 3 * ReportQueryTests.hour); t3 = f.clock.now()
            transfer = try f.accept(alice, .ticketTransfer(TicketTransfer(ticket: asa[0], to: carol.publicKey)))
            f.clock.set(t0 + 4 * ReportQueryTests.hour); t4 = f.clock.now()
            asaUse = try f.accept(carol, f.use(asa[0]))
            f.clock.set(t0 + 5 * ReportQueryTests.hour); t5 = f.clock.now()
            nomiUse = try f.accept(bob, .ticketUse(TicketUse(ticket: nomi[0], store: "bar-1",
                                                            storeProof: StoreProof.sign(net: f.net, store: "bar-1", epoch: 0, key: barStore))))
        }

        var store: LedgerStore { f.store }
    }

    @Test func firstLeafFindsTheFirstBlockAtOrAfterATime() throws {
        let h = try History()
        #expect(try h.store.firstLeaf(atOrAfter: 0) == 0)
        #expect(try h.store.firstLeaf(atOrAfter: h.t0) == 0)
        // Two blocks share t1: the search lands on the earlier one, not the later.
        #expect(h.nomiIssue.height == h.asaIssue.height + 1)
        #expect(try h.store.firstLeaf(atOrAfter: h.t0 + 1) == h.asaIssue.index)
        #expect(try h.store.firstLeaf(atOrAfter: h.t1) == h.asaIssue.index)
        #expect(try h.store.firstLeaf(atOrAfter: h.t1 + 1) == h.sobaIssue.index)
        #expect(try h.store.firstLeaf(atOrAfter: h.t4) == h.asaUse.index)
        #expect(try h.store.firstLeaf(atOrAfter: h.t5) == h.nomiUse.index)
        // After the last block: the log size.
        #expect(h.nomiUse.index == h.store.logSize - 1)
        #expect(try h.store.firstLeaf(atOrAfter: h.t5 + 1) == h.store.logSize)
        #expect(try h.store.firstLeaf(atOrAfter: .max) == h.store.logSize)
    }

    @Test func firstLeafAgreesWithALinearScanAtEveryBlockBoundary() throws {
        let h = try History()
        let latest = try #require(try h.store.latestBlock()).header
        let blocks = try (0...latest.height).map { try #require(try h.store.block(height: $0)).header }
        #expect(blocks.count >= 10)
        for time in Set(blocks.flatMap { [$0.time - 1, $0.time, $0.time + 1] }).sorted() {
            let expected = blocks.first { $0.time >= time }?.first ?? h.store.logSize
            #expect(try h.store.firstLeaf(atOrAfter: time) == expected, "time \(time)")
        }
    }

    @Test func activityCountsIssuesAndUsesWithUnitsAndYen() throws {
        let h = try History()
        let ramen = try h.store.activity(issuer: "ramen", since: h.t1)
        #expect(ramen == [
            LedgerActivity(kind: .issue, time: h.t1, issuer: "ramen", product: "asa", units: 3, yen: 0),
            LedgerActivity(kind: .issue, time: h.t2, issuer: "ramen", product: "soba", units: 2, yen: 1_000),
            LedgerActivity(kind: .use, time: h.t4, issuer: "ramen", product: "asa", units: 1, yen: 0),
        ])
        let everyone = try h.store.activity(issuer: nil, since: 0)
        #expect(everyone.map(\.product) == ["asa", "nomi", "soba", "asa", "nomi"])
        #expect(everyone.map(\.kind) == [.issue, .issue, .issue, .use, .use])
        #expect(everyone[1] == LedgerActivity(kind: .issue, time: h.t1, issuer: "bar", product: "nomi", units: 2, yen: 600))
        #expect(everyone.filter { $0.kind == .issue }.reduce(0) { $0 + $1.yen } == 1_600)

        // The window starts at a block time: t1 + 1 leaves out both t1 blocks.
        #expect(try h.store.activity(issuer: "ramen", since: h.t1 + 1).map(\.time) == [h.t2, h.t4])
        #expect(try h.store.activity(issuer: "bar", since: h.t1 + 1) == [
            LedgerActivity(kind: .use, time: h.t5, issuer: "bar", product: "nomi", units: 1, yen: 0),
        ])
        #expect(try h.store.activity(issuer: nil, since: h.t5 + 1).isEmpty)
        #expect(try h.store.activity(issuer: "nobody", since: 0).isEmpty)
    }

    @Test func outstandingCountsActiveUnexpiredTicketsAndThoseExpiringSoon() throws {
        let h = try History()
        let asaEnds = h.t1 + 2 * TicketWindow.day
        #expect(try h.store.ticket(h.asa[1])?.validUntil == asaEnds)

        // asa: 3 issued, 1 used; soba: 2 for 10 days; nomi: 1 of 2 left, no expiry.
        #expect(try h.store.outstanding(issuer: nil, now: h.t5, soon: h.t5 + TicketWindow.day) == [
            OutstandingTickets(product: "asa", count: 2, expiringSoon: 0),
            OutstandingTickets(product: "nomi", count: 1, expiringSoon: 0),
            OutstandingTickets(product: "soba", count: 2, expiringSoon: 0),
        ])
        // An end exactly at `soon` counts as soon; a tick later does not. No expiry is never soon.
        #expect(try h.store.outstanding(issuer: "ramen", now: h.t5, soon: asaEnds) == [
            OutstandingTickets(product: "asa", count: 2, expiringSoon: 2),
            OutstandingTickets(product: "soba", count: 2, expiringSoon: 0),
        ])
        #expect(try h.store.outstanding(issuer: "ramen", now: h.t5, soon: asaEnds - 1).first?.expiringSoon == 0)
        #expect(try h.store.outstanding(issuer: "bar", now: h.t5, soon: .max) == [OutstandingTickets(product: "nomi", count: 1, expiringSoon: 0)])

        // A ticket is outstanding until the last ms of its window.
        #expect(try h.store.outstanding(issuer: "ramen", now: asaEnds - 1, soon: asaEnds).map(\.product) == ["asa", "soba"])
        #expect(try h.store.outstanding(issuer: "ramen", now: asaEnds, soon: asaEnds) == [OutstandingTickets(product: "soba", count: 2, expiringSoon: 0)])
        #expect(try h.store.outstanding(issuer: "nobody", now: h.t5, soon: h.t5).isEmpty)
    }

    @Test func chainListsIssueTransferAndUseWithTheirBlocks() throws {
        let h = try History()
        let chain = try h.store.chain(ofTicket: h.asa[0])
        #expect(chain.map(\.seq) == [0, 1, 2])
        #expect(chain.map(\.txid) == [h.asaIssue.txid, h.transfer.txid, h.asaUse.txid])
        #expect(chain.map(\.leaf) == [h.asaIssue.index, h.transfer.index, h.asaUse.index])
        #expect(chain.map(\.height) == [h.asaIssue.height, h.transfer.height, h.asaUse.height])
        #expect(chain.map(\.time) == [h.t1, h.t3, h.t4])
        #expect(chain.map { $0.tx?.tx.type } == [.ticketIssue, .ticketTransfer, .ticketUse])
        #expect(chain.allSatisfy { $0.tx?.txid == $0.txid })
        // Each step's height is the block that holds its leaf.
        for step in chain {
            let block = try #require(try h.store.block(height: step.height)).header
            #expect(block.first <= step.leaf && step.leaf < block.first + block.count && block.time == step.time)
        }

        let untouched = try h.store.chain(ofTicket: h.asa[1])
        #expect(untouched.map(\.txid) == [h.asaIssue.txid])
        #expect(try h.store.chain(ofTicket: h.soba[1]).map(\.height) == [h.sobaIssue.height])
        #expect(try h.store.chain(ofTicket: "no-such-ticket").isEmpty)
    }
}
