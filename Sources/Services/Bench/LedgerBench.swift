import Crypto
import Foundation
import Ledger
import Store

/// `kippu bench ledger`: pre-signs a realistic workload, then measures in one run
/// (1) raw Ed25519 verification of those envelopes on all cores, (2) end-to-end sequencer
/// throughput into a fresh SQLite file with `synchronous=FULL`, and (3) `verify` replay.
public enum LedgerBench {
    /// Producers submitting concurrently to the sequencer.
    public static let producers = 16
    /// Submissions each producer keeps in flight.
    static let window = 512

    /// Runs the benchmark in `directory` (created and removed), printing through `say`.
    public static func run(transactions: Int, directory: String, say: (String) -> Void) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: directory) }
        let threads = ProcessInfo.processInfo.activeProcessorCount
        say(Hardware.describe())
        say("transactions: \(transactions) (issue 30% × 3 tickets, transfer 10%, use 60%), producers: \(producers), threads: \(threads)")

        // Pre-sign outside the timed parts.
        let workload = BenchWorkload(time: SystemClock().now())
        let signStart = Date()
        let perProducer = (0..<producers).map { p in transactions / producers + (p < transactions % producers ? 1 : 0) }
        let files = (0..<producers).map { directory + "/producer-\($0).env" }
        DispatchQueue.concurrentPerform(iterations: producers) { p in
            guard let file = try? EnvelopeFile.create(files[p]) else { return }
            _ = workload.write(producer: p, count: perProducer[p], to: file)
        }
        say(String(format: "pre-signed in %.1f s", Date().timeIntervalSince(signStart)))

        // (1) raw verify: parse untimed, verify timed, in chunks, same thread count.
        var verifySeconds = 0.0
        var verified = 0
        for path in files {
            let file = try EnvelopeFile.open(path)
            while true {
                var chunk: [SignedTx] = []
                while chunk.count < 4_000, let bytes = file.next() { chunk.append(try SignedTx(json: bytes)) }
                if chunk.isEmpty { break }
                let t0 = Date()
                let ok = SignatureBatch.verify(chunk, threads: threads)
                verifySeconds += Date().timeIntervalSince(t0)
                verified += ok.filter { $0 }.count
            }
            file.close()
        }
        let rawRate = Double(verified) / verifySeconds
        say(String(format: "raw Ed25519 verify: %d signatures in %.2f s = %.0f tx/s (%d threads)", verified, verifySeconds, rawRate, threads))

        // (2) sequencer end to end into a fresh, durable SQLite file.
        let dbPath = directory + "/bench.sqlite"
        let store = try LedgerStore.create(path: dbPath)
        let sequencer = try Sequencer(store: store, nodeKey: workload.nodeKey, clock: ManualClock(workload.time))
        for tx in workload.setup() {
            guard case .accepted = sequencer.submitAndWait(tx) else { throw StoreError.inconsistent("benchmark setup was refused") }
        }
        let counter = Counter()
        let seqStart = Date()
        let group = DispatchGroup()
        for p in 0..<producers {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let file = try? EnvelopeFile.open(files[p]) else { return }
                let slots = DispatchSemaphore(value: window)
                while let bytes = file.next() {
                    guard let tx = try? SignedTx(json: bytes) else { counter.add(.failed("unparsable")); continue }
                    slots.wait()
                    sequencer.submit(tx) { receipt in
                        counter.add(receipt)
                        slots.signal()
                    }
                }
                // Drain: every slot back means every answer arrived. Then restore the count,
                // since libdispatch traps on freeing a semaphore below its initial value.
                for _ in 0..<window { slots.wait() }
                for _ in 0..<window { slots.signal() }
                file.close()
            }.start()
        }
        group.wait()
        let seqSeconds = Date().timeIntervalSince(seqStart)
        sequencer.shutdown()
        let (accepted, rejected, failed, firstProblem) = counter.totals
        let seqRate = Double(accepted) / seqSeconds
        say(String(format: "sequencer: %d accepted, %d rejected, %d failed in %.2f s = %.0f tx/s, %d blocks (avg %.0f tx/block), synchronous=FULL",
                   accepted, rejected, failed, seqSeconds, seqRate, sequencer.blocksCommitted,
                   Double(sequencer.txsCommitted) / Double(max(1, sequencer.blocksCommitted))))
        if let firstProblem { say("first refusal: \(firstProblem)") }
        say(String(format: "peak RSS so far: %.0f MB", Hardware.peakRSSMegabytes()))

        // (3) verify replay.
        let report = try LedgerVerifier.verify(path: dbPath, scratchDirectory: directory)
        say(String(format: "verify replay: %@ — %d leaves, height %d in %.2f s = %.0f tx/s",
                   report.ok ? "ok" : "FAILED (\(report.problem!))", report.size, report.height, report.seconds, report.rate))
        say(String(format: "peak RSS: %.0f MB", Hardware.peakRSSMegabytes()))
        say(String(format: "ratio sequencer/raw-verify = %.2f", seqRate / rawRate))
    }
}

/// Receipt tallies from many threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var accepted = 0, rejected = 0, failed = 0
    private var first: String?

    func add(_ r: Receipt) {
        lock.withLock {
            switch r {
            case .accepted: accepted += 1
            case .rejected(let e): rejected += 1; if first == nil { first = e.description }
            case .failed(let s): failed += 1; if first == nil { first = s }
            }
        }
    }

    var totals: (Int, Int, Int, String?) { lock.withLock { (accepted, rejected, failed, first) } }
}
