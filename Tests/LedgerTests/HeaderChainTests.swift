import Crypto
import Testing
@testable import Ledger

/// Block headers: the chain an auditor checks from headers alone.
@Suite struct HeaderChainTests {
    let node = testKey("node"), other = testKey("other")

    func chain(_ count: Int, signer: SigningKey? = nil) -> [SignedHeader] {
        var out: [SignedHeader] = []
        var prev: BlockHeader?
        for h in 0..<count {
            let header = BlockHeader(net: "n", height: Int64(h), prev: prev?.hash, time: 1_000 + Int64(h) * 10, first: prev?.size ?? 0,
                                     count: 3, root: Merkle.leafHash([UInt8(h)]), signer: (signer ?? node).publicKey)
            out.append(SignedHeader(header: header, key: signer ?? node))
            prev = header
        }
        return out
    }

    /// Re-signs header `i` after `edit`, so only the edited property is wrong.
    func tampered(_ i: Int, key: SigningKey? = nil, _ edit: (inout BlockHeader) -> Void) -> [SignedHeader] {
        var c = chain(5)
        var h = c[i].header
        edit(&h)
        c[i] = SignedHeader(header: h, key: key ?? node)
        return c
    }

    @Test func goodChainHasNoProblem() {
        #expect(HeaderChain.firstProblem(chain(5), net: "n", nodes: [node.publicKey]) == nil)
    }

    @Test func everyBrokenLinkIsFoundAtItsHeight() {
        let nodes = [node.publicKey]
        #expect(HeaderChain.firstProblem(tampered(3) { $0.prev = chain(5)[1].header.hash }, net: "n", nodes: nodes)?.height == 3)
        #expect(HeaderChain.firstProblem(tampered(2) { $0.first += 1 }, net: "n", nodes: nodes)?.height == 2)
        #expect(HeaderChain.firstProblem(tampered(4) { $0.time = 0 }, net: "n", nodes: nodes)?.height == 4)
        #expect(HeaderChain.firstProblem(tampered(1) { $0.count = 0 }, net: "n", nodes: nodes)?.height == 1)
        #expect(HeaderChain.firstProblem(tampered(0) { $0.net = "m" }, net: "n", nodes: nodes)?.height == 0)
        #expect(HeaderChain.firstProblem(tampered(2, key: other) { $0.signer = other.publicKey }, net: "n", nodes: nodes)?.height == 2)
        var badSig = chain(5)
        badSig[3].signature[0] ^= 1
        #expect(HeaderChain.firstProblem(badSig, net: "n", nodes: nodes)?.height == 3)
        var gap = chain(5)
        gap.remove(at: 2)
        #expect(HeaderChain.firstProblem(gap, net: "n", nodes: nodes)?.height == 2)
    }

    @Test func headerDecodingIsStrict() throws {
        let good = chain(2)[1].header
        #expect(try BlockHeader(json: good.json) == good)
        guard case .object(var o) = good.json else { return }
        o.set("size", 99)
        #expect(throws: LedgerError(.badEncoding, "")) { try BlockHeader(json: .object(o)) }
        o.set("size", .int(good.size)); o.set("extra", 1)
        #expect(throws: LedgerError(.badEncoding, "")) { try BlockHeader(json: .object(o)) }
        o.remove("extra"); o.remove("prev")
        #expect(throws: LedgerError(.badEncoding, "")) { try BlockHeader(json: .object(o)) }
        let checkpoint = chain(1)[0]
        #expect(try SignedHeader(json: checkpoint.json) == checkpoint)
    }
}
