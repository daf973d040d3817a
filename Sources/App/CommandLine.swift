import Crypto
import Foundation

/// The `kippu` command line (PROTOCOL §5). Returns the process exit status.
public enum KippuCommand {
    /// Usage text printed by `kippu --help`.
    public static let usage = """
    kippu — regional e-tickets and coupons on a verifiable ledger

    Usage:
      kippu keygen --out FILE   write a new Ed25519 key (base64url seed, mode 0600)
                                and print its public key (base64url)
      kippu --help              show this help
      kippu --version           show the protocol and program version

    Exit status: 0 on success, 1 on failure, 2 on a usage error.
    """

    /// Program version.
    public static let version = "kippu 0.1.0 (protocol v1)"

    /// Runs one command; `arguments` excludes the program name.
    public static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            printErr(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--help", "-h", "help":
            print(usage)
            return 0
        case "--version", "version":
            print(version)
            return 0
        case "keygen":
            return keygen(rest)
        default:
            printErr("kippu: unknown command \"\(command)\"\n\n\(usage)")
            return 2
        }
    }

    static func keygen(_ args: [String]) -> Int32 {
        guard args.count == 2, args[0] == "--out" else {
            printErr("usage: kippu keygen --out FILE")
            return 2
        }
        let key = SigningKey.generate()
        do {
            try KeyFile.write(key, to: args[1])
        } catch {
            printErr("kippu keygen: \(error)")
            return 1
        }
        print(key.publicKey.base64url)
        return 0
    }

    /// Writes a line to standard error.
    public static func printErr(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
