/// Hex decoding for test vectors.
func hex(_ s: String) -> [UInt8] {
    let chars = Array(s.utf8.filter { $0 != 0x20 && $0 != 0x0A })
    precondition(chars.count % 2 == 0, "odd hex")
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: preconditionFailure("bad hex")
        }
    }
    return stride(from: 0, to: chars.count, by: 2).map { nibble(chars[$0]) << 4 | nibble(chars[$0 + 1]) }
}

func toHex(_ b: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: b.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
}
