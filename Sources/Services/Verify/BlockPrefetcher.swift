import Foundation
import Ledger
import Store

/// Reads, decodes and signature-checks the blocks of a ledger ahead of the replay, on its own
/// connection and threads, so the replay's single applier never waits for parsing or Ed25519.
final class BlockPrefetcher: @unchecked Sendable {
    /// One block, ready to apply, or the first problem met while reading.
    enum Item {
        case block(SignedHeader, [SignedTx], signatures: [Bool])
        case problem(VerifyProblem)
        case end
    }

    private let condition = NSCondition()
    private var queue: [Item] = []
    private var finished = false
    private var cancelled = false
    private let depth = 2

    /// Starts reading `path` from block 0 up to block `last` (blocks never change once
    /// committed, so this connection agrees with any snapshot that holds block `last`).
    init(path: String, upTo last: Int64) throws {
        let reader = try LedgerStore.open(path: path, readOnly: true)
        self.last = last
        Thread { [self] in self.run(reader) }.start()
    }

    private let last: Int64

    /// The next item, in height order.
    func next() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if queue.isEmpty { return .end }
        let item = queue.removeFirst()
        condition.broadcast()
        return item
    }

    /// Stops reading early.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func push(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(item)
        condition.broadcast()
        return true
    }

    private func run(_ reader: LedgerStore) {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        var height: Int64 = 0
        while true {
            let item = read(reader, height: height)
            guard push(item) else { return }
            guard case .block = item else { return }
            height += 1
        }
    }

    /// Reads and checks one block's leaves; `.end` past the last block.
    private func read(_ reader: LedgerStore, height: Int64) -> Item {
        if height > last { return .end }
        let block: SignedHeader
        do {
            guard let b = try reader.block(height: height) else { return .end }
            block = b
        } catch {
            return .problem(VerifyProblem(height: height, reason: "\(error)"))
        }
        let h = block.header
        let rows: [(index: Int64, txid: String, height: Int64, envelope: [UInt8])]
        do { rows = try reader.envelopes(first: h.first, count: h.count) } catch {
            return .problem(VerifyProblem(height: height, reason: "leaves unreadable: \(error)"))
        }
        guard rows.count == Int(h.count) else {
            return .problem(VerifyProblem(height: height, reason: "block lists \(h.count) leaves from \(h.first), the log holds \(rows.count)"))
        }
        for (offset, row) in rows.enumerated() {
            let index = h.first + Int64(offset)
            guard row.index == index, row.height == height else {
                return .problem(VerifyProblem(height: height, index: index, reason: "leaf is out of place"))
            }
        }
        // Decode and check signatures on all cores; report the first bad leaf in log order.
        let decoded = ParallelDecode.run(rows.map(\.envelope))
        var txs: [SignedTx] = []
        txs.reserveCapacity(rows.count)
        var signatures: [Bool] = []
        signatures.reserveCapacity(rows.count)
        for (offset, row) in rows.enumerated() {
            let index = h.first + Int64(offset)
            guard let (tx, signatureValid) = decoded[offset], tx.envelopeJCS == row.envelope else {
                return .problem(VerifyProblem(height: height, index: index, txid: row.txid,
                                              reason: "stored envelope is not canonical JSON of a transaction"))
            }
            guard tx.txid == row.txid else {
                return .problem(VerifyProblem(height: height, index: index, txid: row.txid, reason: "stored txid does not match the envelope"))
            }
            txs.append(tx)
            signatures.append(signatureValid)
        }
        return .block(block, txs, signatures: signatures)
    }
}

/// Decodes envelopes and verifies their signatures in parallel.
enum ParallelDecode {
    /// For each envelope: the transaction and whether its signature verifies, or nil if it
    /// does not decode.
    static func run(_ envelopes: [[UInt8]]) -> [(SignedTx, Bool)?] {
        let n = envelopes.count
        let slots = Slots(count: n)
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * n / chunks)..<((c + 1) * n / chunks) {
                if let tx = try? SignedTx(json: envelopes[i]) { slots.set(i, (tx, tx.verifySignature())) }
            }
        }
        return slots.values
    }

    /// Slots written by disjoint index ranges from different threads.
    private final class Slots: @unchecked Sendable {
        private let items: UnsafeMutableBufferPointer<(SignedTx, Bool)?>
        init(count: Int) { items = .allocate(capacity: count); items.initialize(repeating: nil) }
        deinit {
            _ = items.deinitialize()
            items.deallocate()
        }
        func set(_ i: Int, _ v: (SignedTx, Bool)) { items[i] = v }
        var values: [(SignedTx, Bool)?] { Array(items) }
    }
}
