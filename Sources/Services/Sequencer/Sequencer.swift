import Crypto
import Foundation
import Ledger
import Store

/// Turns concurrent submissions into signed, durably committed blocks.
///
/// Producers call `submit` from any thread. A verifier thread checks signatures of everything
/// waiting, in parallel on all cores, in arrival order; a single writer re-validates each
/// transaction against the current state, cuts a block from everything verified (at most
/// `maxBlockTxs`, lingering up to `window` for more), appends leaves, updates state, signs the
/// header with the node key and commits once per block (`synchronous=FULL`). Only then are the
/// block's submitters answered. Two submissions racing for one ticket: the earlier arrival wins.
public final class Sequencer: @unchecked Sendable {
    /// Tuning knobs.
    public struct Config: Sendable {
        /// Most transactions in one block.
        public var maxBlockTxs: Int
        /// How long the writer lingers for more transactions before cutting a short block, ms.
        public var windowMillis: Int
        /// Signature-verification threads (default: one per core).
        public var verifyThreads: Int
        public init(maxBlockTxs: Int = 4_000, windowMillis: Int = 2, verifyThreads: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.maxBlockTxs = maxBlockTxs; self.windowMillis = windowMillis; self.verifyThreads = max(1, verifyThreads)
        }
    }

    /// A submission on its way through the pipeline.
    struct Pending: Sendable {
        let tx: SignedTx
        let done: @Sendable (Receipt) -> Void
        var signatureValid = false
    }

    /// Most submissions verified in one round of the verifier.
    static let verifyChunk = 512

    private let store: LedgerStore
    private let nodeKey: SigningKey
    private let clock: Clock
    private let config: Config

    /// Guards `incoming` and `stopping`; the verifier waits on it.
    private let inbox = NSCondition()
    private var incoming: [Pending] = []
    private var stopping = false
    /// Guards `verified` and the finish flags; the writer (and `shutdown`) wait on it.
    private let outbox = NSCondition()
    private var verified: [Pending] = []
    private var verifierFinished = false
    private var writerFinished = false
    private var last: BlockHeader?
    private let storeProofs = StoreProofMemo()
    private let checkpointer: Checkpointer?

    /// Blocks committed by this sequencer, and transactions in them (for metrics and benchmarks).
    public private(set) var blocksCommitted = 0
    public private(set) var txsCommitted = 0

    /// Creates a sequencer writing into `store` and starts its threads. The threads keep the
    /// sequencer alive until `shutdown()`, which every owner must call.
    public init(store: LedgerStore, nodeKey: SigningKey, clock: Clock, config: Config = Config()) throws {
        self.store = store
        self.nodeKey = nodeKey
        self.clock = clock
        self.config = config
        self.last = try store.latestBlock()?.header
        // Checkpoints run beside the writer, not inside its commits.
        try store.db.execute("PRAGMA wal_autocheckpoint = 0")
        self.checkpointer = try Checkpointer(path: store.path)
        let verifier = Thread { self.verifyLoop() }
        verifier.name = "kippu-verify"
        verifier.start()
        let writer = Thread { self.writeLoop() }
        writer.name = "kippu-writer"
        writer.start()
    }

    /// Queues a transaction; `done` is called once, from the writer thread, after its block
    /// commits (or with the reason it was refused). Keep `done` short.
    public func submit(_ tx: SignedTx, done: @escaping @Sendable (Receipt) -> Void) {
        inbox.lock()
        if stopping {
            inbox.unlock()
            done(.failed("the ledger is shutting down"))
            return
        }
        incoming.append(Pending(tx: tx, done: done))
        // The verifier drains everything it wakes for: only the first arrival needs to wake it.
        if incoming.count == 1 { inbox.signal() }
        inbox.unlock()
    }

    /// Submits and blocks the calling thread until the answer.
    public func submitAndWait(_ tx: SignedTx) -> Receipt {
        let box = ReceiptBox()
        submit(tx) { box.set($0) }
        return box.wait()
    }

    /// Finishes everything queued, then stops the threads. Later submissions fail.
    public func shutdown() {
        inbox.lock()
        stopping = true
        inbox.broadcast()
        inbox.unlock()
        outbox.lock()
        while !writerFinished { outbox.wait() }
        outbox.unlock()
        checkpointer?.stop()
        try? store.db.execute("PRAGMA wal_autocheckpoint = 1000")
    }

    // MARK: verifier

    private func verifyLoop() {
        while true {
            inbox.lock()
            while incoming.isEmpty && !stopping { inbox.wait() }
            if incoming.isEmpty {
                inbox.unlock()
                outbox.lock()
                verifierFinished = true
                outbox.broadcast()
                outbox.unlock()
                return
            }
            // Small batches keep the writer fed while the rest is still being verified.
            let take = min(incoming.count, Self.verifyChunk)
            var batch = Array(incoming.prefix(take))
            incoming.removeFirst(take)
            inbox.unlock()

            Self.verifySignatures(&batch, threads: config.verifyThreads)

            outbox.lock()
            verified.append(contentsOf: batch)
            outbox.signal()
            outbox.unlock()
        }
    }

    /// Checks every signature of `batch`, spread over `threads` threads.
    static func verifySignatures(_ batch: inout [Pending], threads: Int) {
        let ok = SignatureBatch.verify(batch.map(\.tx), threads: threads)
        for i in batch.indices { batch[i].signatureValid = ok[i] }
    }

    // MARK: writer

    private func writeLoop() {
        while true {
            outbox.lock()
            while verified.isEmpty && !verifierFinished { outbox.wait() }
            if verified.isEmpty {
                writerFinished = true
                outbox.broadcast()
                outbox.unlock()
                return
            }
            if verified.count < config.maxBlockTxs && config.windowMillis > 0 && !verifierFinished {
                _ = outbox.wait(until: Date(timeIntervalSinceNow: Double(config.windowMillis) / 1000))
            }
            let take = min(verified.count, config.maxBlockTxs)
            let batch = Array(verified.prefix(take))
            verified.removeFirst(take)
            outbox.unlock()

            let answers = writeBlock(batch)
            for (item, receipt) in zip(batch, answers) { item.done(receipt) }
        }
    }

    /// Validates, appends and commits one block; returns one receipt per item, in order.
    private func writeBlock(_ batch: [Pending]) -> [Receipt] {
        var answers = [Receipt](repeating: .failed("not processed"), count: batch.count)
        let blockTime = max(clock.now(), last?.time ?? Int64.min)
        let height = (last?.height ?? -1) + 1
        let first = store.logSize
        var accepted: [Int] = []
        do {
            try store.begin()
            for (i, item) in batch.enumerated() {
                let applied: Applied
                do {
                    applied = try Validator.validate(item.tx, state: store, blockTime: blockTime, signatureValid: item.signatureValid, storeProofs: storeProofs)
                } catch let e as LedgerError {
                    answers[i] = .rejected(e)
                    continue
                }
                let index = try store.record(item.tx, applied, height: height)
                answers[i] = .accepted(txid: item.tx.txid, index: index, height: height)
                accepted.append(i)
            }
            if accepted.isEmpty {
                store.rollback()
                return answers
            }
            guard let network = try store.network(), network.nodes.contains(nodeKey.publicKey) else {
                throw StoreError.inconsistent("this node's key is not among the network's nodes")
            }
            let size = store.logSize
            let header = BlockHeader(net: network.net, height: height, prev: last?.hash, time: blockTime, first: first,
                                     count: size - first, root: try store.root(size: size), signer: nodeKey.publicKey)
            try store.insertBlock(SignedHeader(header: header, key: nodeKey))
            try store.commit()
            last = header
            blocksCommitted += 1
            txsCommitted += accepted.count
            return answers
        } catch {
            store.rollback()
            let reason = "the block could not be committed: \(error)"
            return batch.map { _ in .failed(reason) }
        }
    }
}

/// A one-shot slot a waiting thread blocks on.
final class ReceiptBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Receipt?

    func set(_ r: Receipt) {
        condition.lock()
        value = r
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Receipt {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
