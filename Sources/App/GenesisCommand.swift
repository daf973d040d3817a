import Crypto
import Foundation
import Ledger
import Services

/// `kippu genesis --operator-key FILE --node KEY [--node KEY ...] [--operator KEY ...] --net ID --name NAME --out FILE`:
/// an outside operator signs the genesis envelope that `kippu init --genesis` takes.
enum GenesisCommand {
    static func run(_ args: [String]) throws -> Int32 {
        // --node and --operator may repeat: collect them before the single-value options.
        var nodes: [PublicKey] = [], operators: [PublicKey] = [], rest: [String] = []
        var i = 0
        while i < args.count {
            if (args[i] == "--node" || args[i] == "--operator"), i + 1 < args.count {
                guard let key = try? PublicKey(base64url: args[i + 1]) else {
                    throw Arguments.UsageError(description: "\(args[i]) needs a base64url public key")
                }
                if args[i] == "--node" { nodes.append(key) } else { operators.append(key) }
                i += 2
            } else {
                rest.append(args[i])
                i += 1
            }
        }
        let a = try Arguments(rest, options: ["--operator-key", "--net", "--name", "--out"])
        let signer = try KeyFile.read(from: try a.required("--operator-key"))
        guard !nodes.isEmpty else { throw Arguments.UsageError(description: "at least one --node KEY is required") }
        if !operators.contains(signer.publicKey) { operators.insert(signer.publicKey, at: 0) }
        let body = Transaction(net: try a.required("--net"), signer: signer.publicKey, time: SystemClock().now(),
                               nonce: Base64URL.encode(SystemRandom().bytes(count: 16)),
                               payload: .genesis(Genesis(name: try a.required("--name"), operators: operators, nodes: nodes)))
        // Check it as a node will, so a mistake shows here and not at init.
        let tx = try SignedTx(json: SignedTx(signing: body, with: signer).envelopeJCS)
        try SecureFile.create(try a.required("--out"), contents: tx.envelopeJCS + [0x0A])
        print("genesis \(tx.txid) for network \(body.net): \(operators.count) operator(s), \(nodes.count) node(s)")
        return 0
    }
}
