import Crypto
import Foundation
import Ledger

/// Signs payloads with custodial keys and submits them through the sequencer, turning
/// receipts into results or `ServiceError`s.
struct LedgerWriter: Sendable {
    let context: ServiceContext

    /// A signed transaction of `payload` by `key`, timed by the injected clock.
    func sign(_ payload: Payload, with key: SigningKey) -> SignedTx {
        let body = Transaction(net: context.net, signer: key.publicKey, time: context.clock.now(),
                               nonce: Base64URL.encode(context.random.bytes(count: 16)), payload: payload)
        return SignedTx(signing: body, with: key)
    }

    /// Signs, submits and waits for the block; returns the txid.
    /// - Throws: the ledger's code for a rejection, `unavailable` when the block failed.
    @discardableResult
    func submit(_ payload: Payload, with key: SigningKey) throws -> String {
        let tx = sign(payload, with: key)
        switch context.sequencer.submitAndWait(tx) {
        case .accepted(let txid, _, _): return txid
        case .rejected(let e): throw ServiceError(e)
        case .failed: throw ServiceError(.unavailable, "the ledger could not commit the transaction; try again")
        }
    }

    /// The custodial key stored under `name`, or nil.
    func key(_ name: String) throws -> SigningKey? {
        do { return try context.vault.key(name) } catch {
            throw ServiceError(.unavailable, "the key vault could not open a key")
        }
    }

    /// Stores a key in the vault.
    func put(_ name: String, _ key: SigningKey) throws {
        do { try context.vault.put(name, key) } catch {
            throw ServiceError(.unavailable, "the key vault could not store a key")
        }
    }

    /// The node's sales key, created (and kept in the vault) on first use.
    func salesKey() throws -> SigningKey {
        try KeyCustody.lock.withLock {
            if let k = try key(KeyCustody.sales) { return k }
            let k = SigningKey.generate(using: context.random)
            try put(KeyCustody.sales, k)
            return k
        }
    }
}

/// Names of custodial keys, and the lock that serialises creating them (two requests must
/// never both make a key under one name).
enum KeyCustody {
    static let lock = NSRecursiveLock()
    static let `operator` = "operator"
    static let sales = "sales"
    static func merchant(_ id: String) -> String { "merchant/\(id)" }
    static func store(_ id: String) -> String { "store/\(id)" }
}
