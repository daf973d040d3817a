import Crypto
import Foundation
import Services

/// The `kippu` command line (PROTOCOL §5). Returns the process exit status.
public enum KippuCommand {
    /// Usage text printed by `kippu --help`.
    public static let usage = """
    kippu — regional e-tickets and coupons on a verifiable ledger

    Usage:
      kippu keygen --out FILE
          write a new Ed25519 key (base64url seed, mode 0600); print its public key
      kippu init --db FILE [--node-key FILE] [--genesis FILE] [--net ID] [--name NAME]
          create a new ledger. Without --genesis: generate the operator and node keys
          (kept beside the database in FILE.keys/) and a one-node genesis. With --genesis:
          take an outside operator's signed genesis envelope listing --node-key's key.
      kippu genesis --operator-key FILE --node KEY [--node KEY ...] [--operator KEY ...]
                    --net ID --name NAME --out FILE
          sign a genesis envelope as an outside operator, for init --genesis
      kippu demo --db FILE
          create a ledger and seed the 喜多方 SAKE フェスタ demo region through the ledger
      kippu serve --db FILE [--node-key FILE] [--host H] [--port P] [--demo] [--cors ORIGINS] [--https]
                  [--logins-per-minute N]
          serve the API on http://H:P/ (default 127.0.0.1:8080) until SIGTERM/SIGINT.
          --demo seeds the demo region first when FILE does not exist yet. --cors takes a
          comma-separated list of browser origins allowed to call the API (default: none).
          --https: the site is served over HTTPS (behind a TLS proxy): cookies get Secure and
          printed QR codes say https://. --logins-per-minute N: staff sign-ins allowed per
          minute per address (per user name: N/2); default 20.
      kippu staff add --db FILE --username NAME --role ROLE [--merchant M] [--store S]
                      [--display-name NAME]
          create a staff user (ROLE: operator_admin, merchant_admin, store_staff) and print
          a generated password once — e.g. the first operator of a new ledger
      kippu store-url --db FILE --store ID [--base URL] [--epoch E]
          print the URL a store's printed QR code carries (signed with the store key)
      kippu verify --db FILE [--rebuild]
          replay the whole ledger from genesis; exit 0 only if every signature, rule,
          Merkle root, block hash and derived table agrees. --rebuild replaces the derived
          tables with the replayed ones when the log itself verifies.
      kippu bench ledger [--txs N] [--dir DIR]
          benchmark: raw signature verification, sequencer and verify replay
      kippu bench http [--uses N] [--connections C] [--dir DIR]
          benchmark: committed ticket.use submissions over keep-alive HTTP against a
          trivial endpoint of the same server (default 20000 uses, 128 connections)
      kippu --help | --version

    Exit status: 0 on success, 1 on failure, 2 on a usage error.
    """

    /// Program version.
    public static let version = "kippu 0.4.0 (protocol v1)"

    /// Runs one command; `arguments` excludes the program name.
    public static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            printErr(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "--help", "-h", "help":
                print(usage)
                return 0
            case "--version", "version":
                print(version)
                return 0
            case "keygen": return try keygen(rest)
            case "init": return try InitCommand.run(rest)
            case "genesis": return try GenesisCommand.run(rest)
            case "demo": return try DemoCommand.run(rest)
            case "verify": return try VerifyCommand.run(rest)
            case "serve": return try ServeCommand.run(rest)
            case "staff": return try StaffCommand.run(rest)
            case "store-url": return try StoreURLCommand.run(rest)
            case "bench": return try BenchCommand.run(rest)
            default:
                printErr("kippu: unknown command \"\(command)\"\n\n\(usage)")
                return 2
            }
        } catch let e as Arguments.UsageError {
            printErr("kippu \(command): \(e.description)\n\n\(usage)")
            return 2
        } catch {
            printErr("kippu \(command): \(error)")
            return 1
        }
    }

    static func keygen(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: ["--out"])
        let key = SigningKey.generate()
        try KeyFile.write(key, to: try a.required("--out"))
        print(key.publicKey.base64url)
        return 0
    }

    /// Writes a line to standard error.
    public static func printErr(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
