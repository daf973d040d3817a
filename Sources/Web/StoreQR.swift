import Crypto
import Ledger

/// The URL a store's QR code carries, `<base>/s/<store>?p=<storeProof>` (ARCHITECTURE: the
/// store landing path is printed on posters and never changes), and its code.
///
/// The proof is signed with the store's custodial key `store/<id>` from the vault (PROTOCOL §2):
/// epoch 0 for a printed poster, `floor(ms / 30000)` for the rotating code on a counter screen.
/// The proof is not a secret once printed, but it is never logged.
struct StoreQR {
    /// The encoded URL.
    let url: String
    /// The store proof inside it.
    let proof: String
    /// The epoch the proof signs.
    let epoch: Int64
    /// The code.
    let code: QRCode

    /// The QR for `store` at `epoch`, or nil when the vault holds no key for the store (a
    /// merchant that keeps its own store keys prints its codes itself).
    /// - Throws: a vault error, or `QRCode.Failure` (cannot happen for identifiers and a 64-byte proof).
    static func make(_ c: WebContext, base: String, store: String, epoch: Int64) throws -> StoreQR? {
        guard let key = try c.vault.key("store/\(store)") else { return nil }
        let proof = StoreProof.sign(net: c.net, store: store, epoch: epoch, key: key)
        // Store ids are `[A-Za-z0-9_.-]` and proofs base64url: nothing to percent-encode.
        let url = base + "/s/" + store + "?p=" + proof
        return StoreQR(url: url, proof: proof, epoch: epoch, code: try QRCode(url))
    }
}
