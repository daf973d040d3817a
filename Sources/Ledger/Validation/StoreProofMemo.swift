import Crypto
import Foundation

/// Remembers which epoch a store proof was verified for, so the same printed QR code (epoch 0)
/// or the same rotating code (one per 30 s) is checked with Ed25519 once, not once per use.
///
/// Verification is a pure function of (network, store, store key, proof), so a remembered
/// answer is the answer: sharing a memo never changes a validation result. Thread-safe;
/// bounded (it forgets everything when full).
public final class StoreProofMemo: @unchecked Sendable {
    private struct Key: Hashable {
        let net: String, store: String, storeKey: PublicKey, proof: String
    }
    private let lock = NSLock()
    private var epochs: [Key: Int64] = [:]
    private let capacity: Int

    /// A memo holding at most `capacity` verified proofs.
    public init(capacity: Int = 100_000) { self.capacity = capacity }

    /// True when `proof` is valid for the store at `blockTime` (same rule as `StoreProof.verify`).
    public func verify(_ proof: String, net: String, store: String, storeKey: PublicKey, blockTime: Int64) -> Bool {
        let key = Key(net: net, store: store, storeKey: storeKey, proof: proof)
        if let e = lock.withLock({ epochs[key] }) { return StoreProof.accepts(epoch: e, at: blockTime) }
        guard let e = StoreProof.epoch(of: proof, net: net, store: store, storeKey: storeKey, around: blockTime) else { return false }
        lock.withLock {
            if epochs.count >= capacity { epochs.removeAll(keepingCapacity: true) }
            epochs[key] = e
        }
        return true
    }
}
