import Crypto
import Foundation
import Ledger

extension BenchWorkload {
    /// `count` tickets issued 100 at a time (one holder per issue), and one pre-signed
    /// `ticket.use` per ticket, for the HTTP benchmark. Uses are ordered so that consecutive
    /// ones belong to different holders.
    func ticketsAndUses(count: Int) -> (issues: [SignedTx], uses: [SignedTx]) {
        let r = SeededRandom(seed: "bench-http")
        let proof = StoreProof.sign(net: Self.net, store: Self.storeID, epoch: 0, key: storeKey)
        var issues: [SignedTx] = []
        var usesByHolder: [[SignedTx]] = []
        var remaining = count
        while remaining > 0 {
            let n = min(100, remaining)
            let holder = SigningKey.generate(using: r)
            let issue = SignedTx(signing: Transaction(net: Self.net, signer: merchantKey.publicKey, time: time, nonce: nonce(r),
                                                      payload: .ticketIssue(TicketIssue(product: Self.productID, to: holder.publicKey, count: Int64(n)))),
                                 with: merchantKey)
            issues.append(issue)
            usesByHolder.append((0..<n).map { i in
                SignedTx(signing: Transaction(net: Self.net, signer: holder.publicKey, time: time, nonce: nonce(r),
                                              payload: .ticketUse(TicketUse(ticket: TicketID.derive(txid: issue.txid, index: i),
                                                                            store: Self.storeID, storeProof: proof))),
                         with: holder)
            })
            remaining -= n
        }
        var uses: [SignedTx] = []
        uses.reserveCapacity(count)
        for i in 0..<100 { for list in usesByHolder where i < list.count { uses.append(list[i]) } }
        return (issues, uses)
    }
}
