import Crypto
import Foundation
import Ledger

/// The benchmark's pre-signed workload: a realistic mix of 30% `ticket.issue` (3 tickets
/// each), 10% `ticket.transfer` and 60% `ticket.use`, split over producers so that each
/// producer's stream is valid in its own order.
struct BenchWorkload {
    static let net = "bench"
    static let merchantID = "bench-shop"
    static let storeID = "bench-shop-main"
    static let productID = "bench-coupon"

    let operatorKey = SigningKey.generate()
    let nodeKey = SigningKey.generate()
    let merchantKey = SigningKey.generate()
    let storeKey = SigningKey.generate()
    /// Block and client time of every transaction (the sequencer runs on a fixed clock).
    let time: Int64

    init(time: Int64) { self.time = time }

    func nonce(_ random: SeededRandom) -> String { Base64URL.encode(random.bytes(count: 16)) }

    /// Genesis and the registrations the workload needs, in order.
    func setup() -> [SignedTx] {
        let r = SeededRandom(seed: "bench-setup")
        func tx(_ key: SigningKey, _ p: Payload) -> SignedTx {
            SignedTx(signing: Transaction(net: Self.net, signer: key.publicKey, time: time, nonce: nonce(r), payload: p), with: key)
        }
        return [
            tx(operatorKey, .genesis(Genesis(name: "ベンチマーク", operators: [operatorKey.publicKey], nodes: [nodeKey.publicKey]))),
            tx(operatorKey, .merchantRegister(MerchantRegister(merchant: Self.merchantID, name: "ベンチ商店", key: merchantKey.publicKey, industries: ["food"]))),
            tx(merchantKey, .storeRegister(StoreRegister(store: Self.storeID, merchant: Self.merchantID, name: "本店", industry: "food", key: storeKey.publicKey))),
            tx(merchantKey, .productRegister(ProductTerms(product: Self.productID, issuer: Self.merchantID, kind: .coupon, name: "ベンチクーポン 100円引き",
                                                          description: "ベンチマーク用", price: 0, faceValue: 100, validity: .init(days: 30)))),
        ]
    }

    /// Writes producer `p`'s share (`count` transactions) to `file`; returns how many it wrote.
    /// Pattern of 10: three issues of 3 tickets, one transfer, six uses.
    func write(producer p: Int, count: Int, to file: EnvelopeFile) -> Int {
        let r = SeededRandom(seed: "bench-producer-\(p)")
        let proof = StoreProof.sign(net: Self.net, store: Self.storeID, epoch: 0, key: storeKey)
        var written = 0
        var round = 0
        func emit(_ key: SigningKey, _ payload: Payload) -> SignedTx? {
            guard written < count else { return nil }
            let stx = SignedTx(signing: Transaction(net: Self.net, signer: key.publicKey, time: time, nonce: nonce(r), payload: payload), with: key)
            file.append(stx.envelopeJCS)
            written += 1
            return stx
        }
        while written < count {
            let holder = SigningKey.generate(using: r), friend = SigningKey.generate(using: r)
            var tickets: [String] = []
            for _ in 0..<3 {
                guard let issue = emit(merchantKey, .ticketIssue(TicketIssue(product: Self.productID, to: holder.publicKey, count: 3, account: "p\(p)-\(round)"))) else { break }
                tickets += (0..<3).map { TicketID.derive(txid: issue.txid, index: $0) }
            }
            guard tickets.count == 9 else { break }
            _ = emit(holder, .ticketTransfer(TicketTransfer(ticket: tickets[0], to: friend.publicKey)))
            _ = emit(friend, .ticketUse(TicketUse(ticket: tickets[0], store: Self.storeID, storeProof: proof, amount: 1500)))
            for t in tickets[1..<6] { _ = emit(holder, .ticketUse(TicketUse(ticket: t, store: Self.storeID, storeProof: proof))) }
            round += 1
        }
        file.close()
        return written
    }
}
