import Crypto

/// Store QR proofs (PROTOCOL §2): `base64url(Ed25519(storeKey, "kippu/store/v1\n" || JCS({"epoch":e,"net":..,"store":..})))`.
///
/// Epoch 0 is a printed, static code; a screen shows a rotating code with
/// `e = floor(ms / 30000)`, accepted within ±2 epochs of block time.
public enum StoreProof {
    /// Length of one rotation epoch in milliseconds.
    public static let epochMillis: Int64 = 30_000
    /// How many epochs either side of block time a rotating proof is accepted.
    public static let tolerance: Int64 = 2

    /// The signed message for a store and epoch.
    public static func message(net: String, store: String, epoch: Int64) -> [UInt8] {
        let body: JSONValue = ["epoch": .int(epoch), "net": .string(net), "store": .string(store)]
        return Array("kippu/store/v1\n".utf8) + JCS.encode(body)
    }

    /// The rotating epoch of a time.
    public static func epoch(at millis: Int64) -> Int64 {
        millis >= 0 ? millis / epochMillis : (millis - epochMillis + 1) / epochMillis
    }

    /// Makes a proof with the store's key.
    public static func sign(net: String, store: String, epoch: Int64, key: SigningKey) -> String {
        Base64URL.encode(key.sign(message(net: net, store: store, epoch: epoch)))
    }

    /// True when `proof` is the store key's signature for epoch 0 or for an epoch within
    /// ±2 of the epoch of `blockTime`.
    public static func verify(_ proof: String, net: String, store: String, storeKey: PublicKey, blockTime: Int64) -> Bool {
        epoch(of: proof, net: net, store: store, storeKey: storeKey, around: blockTime) != nil
    }

    /// The epoch (0, or within ±2 of `blockTime`'s) whose message `proof` signs, or nil.
    public static func epoch(of proof: String, net: String, store: String, storeKey: PublicKey, around blockTime: Int64) -> Int64? {
        guard let sig = try? Base64URL.decode(proof), sig.count == 64 else { return nil }
        let now = epoch(at: blockTime)
        var candidates: [Int64] = [0]
        for e in (now - tolerance)...(now + tolerance) where e != 0 { candidates.append(e) }
        return candidates.first { storeKey.verify(signature: sig, message: message(net: net, store: store, epoch: $0)) }
    }

    /// True when a proof for `epoch` is accepted at `blockTime`: a static code always, a
    /// rotating one within ±2 epochs.
    public static func accepts(epoch e: Int64, at blockTime: Int64) -> Bool {
        e == 0 || abs(e - epoch(at: blockTime)) <= tolerance
    }
}
