import Crypto

/// The validation state machine of PROTOCOL §2: a deterministic function
/// `(state, transaction, block time) → effects | error code`.
///
/// Checks run in the protocol's order and the first failure is the answer:
/// `bad_encoding`/`too_large` (decoding, done by `SignedTx`) → `wrong_network` → `bad_signature`
/// → `duplicate_tx` → `stale_time` → unknown references → authority → state rules.
/// Validation never reads a clock and never writes: the caller applies the returned effects.
public enum Validator {
    /// How far client time may be from block time (5 minutes).
    public static let maxClockSkew: Int64 = 300_000

    /// Validates one signed transaction against `state` at `blockTime`.
    /// - Parameters:
    ///   - signatureValid: the result of `tx.verifySignature()` when it was computed ahead
    ///     (in parallel, off the writer); nil to verify here.
    ///   - storeProofs: a memo of verified store proofs (answers are the same with or without it).
    /// - Returns: the effects to apply.
    /// - Throws: `LedgerError` with the protocol's code for a rejected transaction; any other
    ///   error comes from the state reader (I/O).
    public static func validate(_ tx: SignedTx, state: some StateReader, blockTime: Int64,
                                signatureValid: Bool? = nil, storeProofs: StoreProofMemo? = nil) throws -> Applied {
        let body = tx.tx
        let network = try state.network()
        if let network {
            guard body.net.utf8.elementsEqual(network.net.utf8) else {
                throw LedgerError(.wrongNetwork, "this node serves network \"\(network.net)\"")
            }
        } else if body.type != .genesis {
            throw LedgerError(.wrongNetwork, "this node has no network yet: the first transaction must be network.genesis")
        }
        guard signatureValid ?? tx.verifySignature() else {
            throw LedgerError(.badSignature, "the signature does not verify with the body's signer key")
        }
        if try state.containsTx(tx.txid) { throw LedgerError(.duplicateTx, "transaction \(tx.txid) is already on the ledger") }
        guard abs(body.time - blockTime) <= maxClockSkew else {
            throw LedgerError(.staleTime, "client time is more than 5 minutes from the node's clock")
        }
        var context = Context(tx: tx, state: state, network: network, blockTime: blockTime, storeProofs: storeProofs)
        let effects: [Effect]
        switch body.payload {
        case .genesis(let p): effects = try context.genesis(p)
        case .merchantRegister(let p): effects = try context.merchantRegister(p)
        case .merchantRekey(let p): effects = try context.merchantRekey(p)
        case .storeRegister(let p): effects = try context.storeRegister(p)
        case .productRegister(let p): effects = try context.productRegister(p)
        case .productEndorse(let p): effects = try context.productEndorse(p)
        case .supplySet(let p): effects = try context.supplySet(p)
        case .delegateGrant(let p): effects = try context.delegateGrant(p)
        case .delegateRevoke(let p): effects = try context.delegateRevoke(p)
        case .ticketIssue(let p): effects = try context.ticketIssue(p)
        case .ticketTransfer(let p): effects = try context.ticketTransfer(p)
        case .ticketUse(let p): effects = try context.ticketUse(p)
        case .ticketCancel(let p): effects = try context.ticketCancel(p)
        }
        return Applied(txid: tx.txid, type: body.type, effects: effects)
    }

    /// Per-account claim limits ("one claim per person per period") are application policy,
    /// not a ledger rule; services call this before signing an issue on an account's behalf.
    /// - Throws: `limit_exceeded` when `count` more units would take `account` past `limit`.
    public static func checkAccountLimit(state: some StateReader, product: String, account: String,
                                         count: Int64, limit: Int64) throws {
        let already = try state.issuedCount(product: product, account: account)
        if already + count > limit {
            throw LedgerError(.limitExceeded, "this account may claim at most \(limit) of this product (already \(already))")
        }
    }
}

/// Working data of one validation: the transaction, the state and the block time.
struct Context<State: StateReader> {
    let tx: SignedTx
    let state: State
    var network: NetworkInfo?
    let blockTime: Int64
    let storeProofs: StoreProofMemo?

    var signer: PublicKey { tx.tx.signer }
    var txid: String { tx.txid }

    /// True when the signer is one of the network's operators.
    var signerIsOperator: Bool { network?.operators.contains(signer) ?? false }

    /// The principal the signer speaks for: `"operator"` for an operator key, else the merchant
    /// whose current key it is. Operator and merchant keys never overlap (registration refuses it).
    func signerPrincipal() throws -> Principal? {
        if signerIsOperator { return operatorPrincipal }
        return try state.merchant(withKey: signer)?.id
    }

    /// True when the signer may act for `principal` (a merchant id or `"operator"`).
    func signerActs(for principal: Principal) throws -> Bool {
        if principal == operatorPrincipal { return signerIsOperator }
        guard let m = try state.merchant(principal) else { return false }
        return m.key == signer
    }

    func requireMerchant(_ id: String) throws -> MerchantRecord {
        guard let m = try state.merchant(id) else { throw LedgerError(.unknownMerchant, "no merchant \"\(id)\"") }
        return m
    }

    func requireProduct(_ id: String) throws -> ProductRecord {
        guard let p = try state.product(id) else { throw LedgerError(.unknownProduct, "no product \"\(id)\"") }
        return p
    }

    func requireStore(_ id: String) throws -> StoreRecord {
        guard let s = try state.store(id) else { throw LedgerError(.unknownStore, "no store \"\(id)\"") }
        return s
    }

    func requireTicket(_ id: String) throws -> TicketRecord {
        guard let t = try state.ticket(id) else { throw LedgerError(.unknownTicket, "no ticket \"\(id)\"") }
        return t
    }

    /// A new merchant key may not be an operator key or another merchant's key.
    func requireFreeMerchantKey(_ key: PublicKey, for merchant: String) throws {
        if network?.operators.contains(key) ?? false {
            throw LedgerError(.conflict, "an operator key cannot be a merchant key")
        }
        if let other = try state.merchant(withKey: key), other.id != merchant {
            throw LedgerError(.conflict, "this key already belongs to merchant \"\(other.id)\"")
        }
    }
}
