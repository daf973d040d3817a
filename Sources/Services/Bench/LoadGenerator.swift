import Crypto
import Foundation
import Ledger
import Store

/// `kippu bench load`: keeps the sequencer busy with valid issues and transfers and appends the
/// txid of every acknowledged transaction to a side file, one per line. The crash-safety test
/// kills it at random moments and checks that every acknowledged txid survived.
public enum LoadGenerator {
    static let merchantID = "load-shop", productID = "load-coupon"

    /// Runs for `seconds` (or until killed) against an existing ledger made by `kippu init`.
    public static func run(dbPath: String, acksPath: String, seconds: Double, producers: Int = 8) throws {
        let (store, nodeKey) = try LedgerSetup.open(dbPath: dbPath)
        let vault = try KeyVault.open(directory: KeyVault.directory(forDatabase: dbPath))
        guard let op = try vault.key("operator") else { throw KeyFileError("the vault has no operator key") }
        let merchant: SigningKey
        if let k = try vault.key("merchant/\(merchantID)") { merchant = k } else {
            merchant = SigningKey.generate()
            try vault.put("merchant/\(merchantID)", merchant)
        }
        let clock = SystemClock()
        let sequencer = try Sequencer(store: store, nodeKey: nodeKey, clock: clock)
        defer { sequencer.shutdown() }
        guard let net = try store.network()?.net else { throw StoreError.inconsistent("no network") }
        @Sendable func signed(_ key: SigningKey, _ p: Payload) -> SignedTx {
            SignedTx(signing: Transaction(net: net, signer: key.publicKey, time: clock.now(),
                                          nonce: Base64URL.encode(SystemRandom().bytes(count: 16)), payload: p), with: key)
        }
        // Idempotent set-up: a kill may have landed between the two registrations.
        if try store.merchant(merchantID) == nil {
            let tx = signed(op, .merchantRegister(MerchantRegister(merchant: merchantID, name: "負荷試験店", key: merchant.publicKey, industries: ["food"])))
            guard case .accepted = sequencer.submitAndWait(tx) else { throw StoreError.inconsistent("load set-up was refused") }
        }
        if try store.product(productID) == nil {
            let tx = signed(merchant, .productRegister(.init(product: productID, issuer: merchantID, kind: .coupon, name: "負荷試験クーポン")))
            guard case .accepted = sequencer.submitAndWait(tx) else { throw StoreError.inconsistent("load set-up was refused") }
        }
        let acks = open(acksPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard acks >= 0 else { throw KeyFileError("cannot open \(acksPath)") }
        defer { close(acks) }
        let deadline = Date(timeIntervalSinceNow: seconds)
        let group = DispatchGroup()
        for _ in 0..<producers {
            group.enter()
            Thread {
                defer { group.leave() }
                while Date() < deadline {
                    let holder = SigningKey.generate()
                    let issue = signed(merchant, .ticketIssue(TicketIssue(product: productID, to: holder.publicKey, count: 2)))
                    guard record(sequencer.submitAndWait(issue), acks) else { continue }
                    let ticket = TicketID.derive(txid: issue.txid, index: 0)
                    let move = signed(holder, .ticketTransfer(TicketTransfer(ticket: ticket, to: SigningKey.generate().publicKey)))
                    _ = record(sequencer.submitAndWait(move), acks)
                }
            }.start()
        }
        group.wait()
    }

    /// Appends an acknowledged txid to the side file; true when accepted.
    private static func record(_ receipt: Receipt, _ fd: Int32) -> Bool {
        guard case .accepted(let txid, _, _) = receipt else { return false }
        let line = Array((txid + "\n").utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return true
    }
}
