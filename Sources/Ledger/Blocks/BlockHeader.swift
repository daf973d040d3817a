import Crypto

/// A block header (PROTOCOL §3): a JCS object with `v`, `net`, `height`, `prev` (absent at
/// height 0), `time`, `first`, `count`, `size` (= first + count), `root` (tree root at `size`)
/// and `signer` (the node key).
///
/// Block hash = base64url(SHA-256(JCS(header))); the node signs `"kippu/block/v1\n" || JCS(header)`.
public struct BlockHeader: Sendable, Equatable {
    /// ASCII domain-separation prefix of the header signature.
    public static let signingPrefix: [UInt8] = Array("kippu/block/v1\n".utf8)

    public var net: String
    public var height: Int64
    /// Hash of the block at `height - 1`; nil only at height 0.
    public var prev: String?
    /// Block time, ms: the time every transaction of the block is validated at.
    public var time: Int64
    /// Log index of the block's first leaf.
    public var first: Int64
    /// Number of leaves in the block.
    public var count: Int64
    /// Merkle root of the log at `first + count` leaves.
    public var root: Hash
    /// The node key that signed the block.
    public var signer: PublicKey

    public init(net: String, height: Int64, prev: String?, time: Int64, first: Int64, count: Int64, root: Hash, signer: PublicKey) {
        self.net = net; self.height = height; self.prev = prev; self.time = time
        self.first = first; self.count = count; self.root = root; self.signer = signer
    }

    /// Log size after the block: `first + count`.
    public var size: Int64 { first + count }

    /// The header as a JSON value.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("v", .int(1)), ("net", .string(net)), ("height", .int(height)), ("time", .int(time)),
            ("first", .int(first)), ("count", .int(count)), ("size", .int(size)),
            ("root", .string(root.base64url)), ("signer", .string(signer.base64url)),
        ]
        if let prev { pairs.append(("prev", .string(prev))) }
        return .object(JSONObject(pairs)!)
    }

    /// JCS(header).
    public var canonical: [UInt8] { JCS.encode(json) }

    /// base64url(SHA-256(JCS(header))).
    public var hash: String { Base64URL.encode(SHA256.hash(canonical)) }

    /// The bytes the node signs.
    public var signingInput: [UInt8] { BlockHeader.signingPrefix + canonical }

    /// Signs the header with the node key.
    public func sign(with key: SigningKey) -> [UInt8] { key.sign(signingInput) }

    /// True when `signature` is the `signer`'s signature of this header.
    public func verify(signature: [UInt8]) -> Bool { signer.verify(signature: signature, message: signingInput) }

    /// Decodes a header strictly (no unknown fields, `size` must equal `first + count`).
    public init(json value: JSONValue) throws(LedgerError) {
        guard case .object(let o) = value else { throw LedgerError(.badEncoding, "block header must be an object") }
        var f = Fields(o)
        guard try f.int("v") == 1 else { throw LedgerError(.badEncoding, "header \"v\" must be 1") }
        net = try f.id("net")
        height = try f.int("height")
        let prevText = try f.optionalString("prev", maxScalars: 43)
        time = try f.int("time")
        first = try f.int("first")
        count = try f.int("count")
        let size = try f.int("size")
        let rootText = try f.string("root", maxScalars: 43)
        signer = try f.key("signer")
        try f.finish()
        guard size == first + count else { throw LedgerError(.badEncoding, "header \"size\" must equal first + count") }
        guard (prevText == nil) == (height == 0) else { throw LedgerError(.badEncoding, "header \"prev\" is present exactly when height > 0") }
        guard let rootHash = try? Hash(base64url: rootText) else { throw LedgerError(.badEncoding, "header \"root\" is not a hash") }
        if let prevText { guard (try? Base64URL.decode(prevText))?.count == 32 else { throw LedgerError(.badEncoding, "header \"prev\" is not a hash") } }
        prev = prevText
        root = rootHash
    }
}
