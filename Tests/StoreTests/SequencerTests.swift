import TestSupport
import Crypto
import Foundation
import Ledger
import Services
import Store
import Testing

@Suite struct SequencerTests {
    @Test func acceptedTransactionsAreInSignedBlocksWithProvableLeaves() throws {
        let f = try NodeFixture()
        let alice = SigningKey.generate()
        let ids = try f.issue(to: alice.publicKey, count: 3)
        let used = try f.accept(alice, f.use(ids[0]))
        let checkpoint = try #require(try f.store.latestBlock())
        #expect(checkpoint.isValid)
        #expect(checkpoint.header.height == used.height)
        #expect(checkpoint.header.size == f.store.logSize)
        // The leaf of the use is provable against the checkpoint root.
        let (envelope, index, _) = try #require(try f.store.transaction(txid: used.txid))
        let proof = try Merkle.proveInclusion(index: index, size: checkpoint.header.size, reader: f.store)
        #expect(Merkle.checkInclusion(proof: proof, size: checkpoint.header.size, root: checkpoint.header.root,
                                      index: index, leafHash: Merkle.leafHash(envelope)))
        // Every earlier checkpoint is consistent with the latest.
        for h in 0..<checkpoint.header.height {
            let old = try #require(try f.store.block(height: h)).header
            let c = try Merkle.proveConsistency(from: old.size, to: checkpoint.header.size, reader: f.store)
            #expect(Merkle.checkConsistency(proof: c, from: old.size, fromRoot: old.root, to: checkpoint.header.size, toRoot: checkpoint.header.root))
        }
        #expect(try f.store.ticket(ids[0])?.state == .used)
        #expect(try f.store.history(ofTicket: ids[0]).count == 2)
    }

    @Test func rejectedSubmissionAnswersItsCodeAndWritesNothing() throws {
        let f = try NodeFixture()
        let before = f.store.logSize
        let r = f.sequencer.submitAndWait(f.sign(SigningKey.generate(), .ticketIssue(TicketIssue(product: "asa", to: f.merchant.publicKey))))
        #expect(r == .rejected(LedgerError(.notAuthorized, "")))
        #expect(f.store.logSize == before)
        #expect(try f.store.latestBlock()?.header.size == before)
    }

    @Test func racingUsesOfOneTicketHaveExactlyOneWinner() throws {
        let f = try NodeFixture(windowMillis: 20)
        let alice = SigningKey.generate()
        let id = try f.issue(to: alice.publicKey)[0]
        let attempts = (0..<8).map { _ in f.sign(alice, f.use(id)) }
        let results = ReceiptList(count: attempts.count)
        DispatchQueue.concurrentPerform(iterations: attempts.count) { i in
            results.set(i, f.sequencer.submitAndWait(attempts[i]))
        }
        let all = results.all
        #expect(all.filter { $0.txid != nil }.count == 1)
        #expect(all.filter { $0 == .rejected(LedgerError(.alreadyUsed, "")) }.count == attempts.count - 1)
    }

    @Test func sameEnvelopeTwiceInOneBlockIsDuplicate() throws {
        let f = try NodeFixture(windowMillis: 50)
        let tx = f.sign(f.merchant, .ticketIssue(TicketIssue(product: "asa", to: f.merchant.publicKey)))
        let results = ReceiptList(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in results.set(i, f.sequencer.submitAndWait(tx)) }
        let all = results.all
        #expect(all.filter { $0.txid != nil }.count == 1)
        #expect(all.contains(.rejected(LedgerError(.duplicateTx, ""))))
    }

    @Test func manyProducersGetOneBlockPerBatchAndTheLedgerVerifies() throws {
        let f = try NodeFixture(windowMillis: 5)
        let blocksBefore = f.sequencer.blocksCommitted
        // 20 producer threads of 10 submissions each: many in flight at once.
        let results = ReceiptList(count: 200)
        let group = DispatchGroup()
        for p in 0..<20 {
            group.enter()
            Thread {
                defer { group.leave() }
                for k in 0..<10 {
                    let tx = f.sign(f.merchant, .ticketIssue(TicketIssue(product: "asa", to: SigningKey.generate().publicKey)))
                    results.set(p * 10 + k, f.sequencer.submitAndWait(tx))
                }
            }.start()
        }
        group.wait()
        #expect(results.all.allSatisfy { $0.txid != nil })
        #expect(f.sequencer.blocksCommitted - blocksBefore < 200, "group commit should put several submissions in one block")
        f.sequencer.shutdown()
        let report = try LedgerVerifier.verify(path: f.db)
        #expect(report.ok, "\(report.problem?.description ?? "")")
        #expect(report.size == f.store.logSize)
    }

    @Test func verifyOfALedgerThatKeepsCommittingChecksOneSnapshot() throws {
        let f = try NodeFixture(windowMillis: 1)
        let stop = Flag()
        let writer = Thread {
            while !stop.isSet {
                _ = f.sequencer.submitAndWait(f.sign(f.merchant, .ticketIssue(TicketIssue(product: "asa", to: SigningKey.generate().publicKey))))
            }
        }
        writer.start()
        defer { stop.set() }
        Thread.sleep(forTimeInterval: 0.3)
        for _ in 0..<3 {
            let report = try LedgerVerifier.verify(path: f.db)
            #expect(report.ok, "\(report.problem?.description ?? "")")
            #expect(report.size > 4)
        }
    }

    @Test func fullDiskFailsTheBlockWithoutAcknowledgingAndLeavesTheLedgerVerifiable() throws {
        let f = try NodeFixture()
        let before = f.store.logSize
        let pages = try f.store.db.prepare("PRAGMA page_count").queryOne { $0.int64(0) } ?? 0
        try f.store.db.execute("PRAGMA max_page_count = \(pages)")
        let results = ReceiptList(count: 50)
        DispatchQueue.concurrentPerform(iterations: 50) { i in
            results.set(i, f.sequencer.submitAndWait(f.sign(f.merchant, .ticketIssue(TicketIssue(product: "asa", to: SigningKey.generate().publicKey, count: 100)))))
        }
        let all = results.all
        #expect(all.contains { if case .failed = $0 { return true }; return false })
        let acknowledged = all.compactMap(\.txid)
        try f.store.db.execute("PRAGMA max_page_count = 1073741823")
        // Everything acknowledged is there, nothing else is, and the node keeps working.
        for txid in acknowledged { #expect(try f.store.transaction(txid: txid) != nil) }
        #expect(f.store.logSize == before + Int64(acknowledged.count))
        _ = try f.issue(to: f.merchant.publicKey)
        f.sequencer.shutdown()
        let report = try LedgerVerifier.verify(path: f.db)
        #expect(report.ok, "\(report.problem?.description ?? "")")
    }
}

/// Receipts collected from many threads.
final class ReceiptList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Receipt?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Receipt) { lock.withLock { items[i] = r } }
    var all: [Receipt] { lock.withLock { items.compactMap { $0 } } }
}

/// A flag set once, read from other threads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
