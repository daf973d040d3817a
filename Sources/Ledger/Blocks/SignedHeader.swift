import Crypto

/// A block header with the node's signature: the body of `GET /api/v1/checkpoint`
/// (`{header, sig}`). The latest one is the ledger's checkpoint.
public struct SignedHeader: Sendable, Equatable {
    public var header: BlockHeader
    /// 64-byte Ed25519 signature over `"kippu/block/v1\n" || JCS(header)`.
    public var signature: [UInt8]

    public init(header: BlockHeader, signature: [UInt8]) { self.header = header; self.signature = signature }

    /// Makes and signs a header.
    public init(header: BlockHeader, key: SigningKey) { self.init(header: header, signature: header.sign(with: key)) }

    /// `{"header": {...}, "sig": "..."}`.
    public var json: JSONValue { ["header": header.json, "sig": .string(Base64URL.encode(signature))] }

    /// Decodes `{header, sig}` strictly.
    public init(json value: JSONValue) throws(LedgerError) {
        guard case .object(let o) = value, o.members.count == 2, let h = o["header"], case .string(let s)? = o["sig"] else {
            throw LedgerError(.badEncoding, "checkpoint must be exactly {\"header\": {...}, \"sig\": \"...\"}")
        }
        guard let sig = try? Base64URL.decode(s), sig.count == 64 else { throw LedgerError(.badEncoding, "\"sig\" must be base64url of 64 bytes") }
        header = try BlockHeader(json: h)
        signature = sig
    }

    /// True when the signature verifies with the header's signer.
    public var isValid: Bool { header.verify(signature: signature) }
}

/// Checks a chain of signed headers, as an auditor holding only headers can.
public enum HeaderChain {
    /// The header-only rules between one block and the one before it (nil for the first block):
    /// valid signature, at least one leaf, `prev` = hash of the previous block, leaves contiguous
    /// (`first` = previous `size`), time never going backwards; the first block starts at leaf 0
    /// with no `prev`. Returns why the link is broken, or nil.
    public static func linkProblem(_ signed: SignedHeader, previous: BlockHeader?) -> String? {
        let h = signed.header
        if !signed.isValid { return "bad block signature" }
        if h.count < 1 { return "empty block" }
        if let p = previous {
            if h.prev != p.hash { return "prev does not match the hash of block \(p.height)" }
            if h.first != p.size { return "first leaf \(h.first) does not follow the previous block's size \(p.size)" }
            if h.time < p.time { return "block time goes backwards" }
        } else if h.first != 0 || h.prev != nil {
            return "the first block must start at leaf 0 with no prev"
        }
        return nil
    }

    /// Verifies that `headers` form a chain from height 0: consecutive heights, each `prev`
    /// the hash of the one before, leaves contiguous (`first` = previous `size`), time never
    /// going backwards, every block non-empty, on `net`, signed by one of `nodes`.
    /// - Returns: nil when the chain is good, else the height of the first bad header and why.
    public static func firstProblem(_ headers: [SignedHeader], net: String, nodes: [PublicKey]) -> (height: Int64, reason: String)? {
        var previous: BlockHeader?
        for (i, signed) in headers.enumerated() {
            let h = signed.header
            let expectedHeight = Int64(i)
            if h.height != expectedHeight { return (expectedHeight, "height \(h.height) where \(expectedHeight) was expected") }
            if !h.net.utf8.elementsEqual(net.utf8) { return (h.height, "header is for network \"\(h.net)\"") }
            if !nodes.contains(h.signer) { return (h.height, "signer is not a node of the network") }
            if let reason = linkProblem(signed, previous: previous) { return (h.height, reason) }
            previous = h
        }
        return nil
    }
}
