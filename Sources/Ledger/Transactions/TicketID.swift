import Crypto

/// Ticket-id derivation (PROTOCOL §2, "Tickets").
public enum TicketID {
    /// Length of a ticket id in characters.
    public static let length = 22

    /// The id of ticket number `index` created by the issue transaction `txid`:
    /// the first 22 characters of `base64url(SHA-256(UTF-8("kippu/ticket/v1\n" + txid + "\n" + decimal(index))))`.
    public static func derive(txid: String, index: Int) -> String {
        let input = Array("kippu/ticket/v1\n\(txid)\n\(index)".utf8)
        return String(Base64URL.encode(SHA256.hash(input)).prefix(length))
    }

    /// True for 22 characters of the base64url alphabet.
    public static func isWellFormed(_ s: String) -> Bool {
        var n = 0
        for b in s.utf8 {
            let ok = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            if !ok { return false }
            n += 1
        }
        return n == length
    }
}
