import Dispatch
import Foundation
import Ledger

/// Checks the signatures of many transactions at once, spread over threads.
public enum SignatureBatch {
    /// `txs[i].verifySignature()` for every i, computed on `threads` threads (default: all cores).
    public static func verify(_ txs: [SignedTx], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Bool] {
        let n = txs.count
        if n == 0 { return [] }
        let chunks = max(1, min(threads, n / 8))
        let results = Results(count: n)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * n / chunks)..<((c + 1) * n / chunks) { results.set(i, txs[i].verifySignature()) }
        }
        return results.values
    }

    /// Slots written by disjoint index ranges from different threads.
    private final class Results: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Bool>
        init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: false) }
        deinit { slots.deallocate() }
        func set(_ i: Int, _ v: Bool) { slots[i] = v }
        var values: [Bool] { Array(slots) }
    }
}
