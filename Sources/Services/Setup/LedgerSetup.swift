import Crypto
import Foundation
import Ledger
import Store

/// Creating and opening a node's ledger: the database, its key vault and its node key.
public enum LedgerSetup {
    /// What `initialize` made.
    public struct Created {
        public let store: LedgerStore
        public let nodeKey: SigningKey
        public let vault: KeyVault
        public let network: NetworkInfo
        /// The operator key when the server generated it (kept sealed in the vault as "operator").
        public let operatorKey: SigningKey?
        /// Where the node key file is.
        public let nodeKeyPath: String
    }

    /// The default node key file of the ledger at `dbPath`.
    public static func defaultNodeKeyPath(forDatabase dbPath: String) -> String {
        KeyVault.directory(forDatabase: dbPath) + "/node.key"
    }

    /// Creates a new ledger at `dbPath` and commits its genesis as block 0.
    ///
    /// Without `genesis`, generates the operator key (sealed in the vault) and, unless
    /// `nodeKeyPath` names an existing key file, the node key; the genesis lists one operator
    /// and this node. With `genesis` (an envelope signed by an outside operator), requires the
    /// node key and checks that the genesis is well formed, correctly signed and lists this node;
    /// block 0 then carries the genesis's own time.
    public static func initialize(dbPath: String, nodeKeyPath: String? = nil, genesis: [UInt8]? = nil,
                                  net: String = "kippu", name: String = "Kippu", clock: Clock = SystemClock()) throws -> Created {
        if FileManager.default.fileExists(atPath: dbPath) { throw StoreError.exists(path: dbPath) }
        let outside = try genesis.map { try parseGenesis($0) }
        let keyPath = nodeKeyPath ?? defaultNodeKeyPath(forDatabase: dbPath)
        let nodeKey: SigningKey
        if FileManager.default.fileExists(atPath: keyPath) {
            nodeKey = try KeyFile.read(from: keyPath)
        } else if outside != nil {
            throw KeyFileError("an outside genesis needs --node-key FILE with the key its \"nodes\" lists")
        } else {
            nodeKey = SigningKey.generate()
        }
        if let genesis = outside?.1, !genesis.nodes.contains(nodeKey.publicKey) {
            throw LedgerError(.notAuthorized, "the genesis does not list this node's key \(nodeKey.publicKey.base64url)")
        }
        if outside == nil, !Identifier.isValid(net) {
            throw LedgerError(.badEncoding, "network id \"\(net)\" is not a valid identifier")
        }
        let vault = try KeyVault.create(directory: KeyVault.directory(forDatabase: dbPath))
        if !FileManager.default.fileExists(atPath: keyPath) { try KeyFile.write(nodeKey, to: keyPath) }

        var operatorKey: SigningKey?
        let genesisTx: SignedTx
        let blockClock: Clock
        if let tx = outside?.0 {
            genesisTx = tx
            blockClock = ManualClock(tx.tx.time)
        } else {
            let op = SigningKey.generate()
            try vault.put("operator", op)
            operatorKey = op
            let body = Transaction(net: net, signer: op.publicKey, time: clock.now(), nonce: Base64URL.encode(SystemRandom().bytes(count: 16)),
                                   payload: .genesis(Genesis(name: name, operators: [op.publicKey], nodes: [nodeKey.publicKey])))
            genesisTx = SignedTx(signing: body, with: op)
            blockClock = clock
        }
        let store = try LedgerStore.create(path: dbPath)
        let sequencer = try Sequencer(store: store, nodeKey: nodeKey, clock: blockClock, config: .init(windowMillis: 0))
        let receipt = sequencer.submitAndWait(genesisTx)
        sequencer.shutdown()
        guard case .accepted = receipt else {
            // Leave nothing behind, so the same command can be run again once corrected.
            for path in [dbPath, dbPath + "-wal", dbPath + "-shm", vault.directory] { try? FileManager.default.removeItem(atPath: path) }
            if case .rejected(let e) = receipt { throw e }
            throw StoreError.inconsistent("the genesis could not be committed: \(receipt)")
        }
        try store.setMeta("node", nodeKey.publicKey.base64url)
        guard let network = try store.network() else { throw StoreError.inconsistent("genesis committed but no network") }
        return Created(store: store, nodeKey: nodeKey, vault: vault, network: network, operatorKey: operatorKey, nodeKeyPath: keyPath)
    }

    /// Decodes an outside genesis envelope and checks its type and signature.
    static func parseGenesis(_ bytes: [UInt8]) throws -> (SignedTx, Genesis) {
        let tx = try SignedTx(json: bytes)
        guard case .genesis(let g) = tx.tx.payload else {
            throw LedgerError(.badEncoding, "the genesis file holds a \(tx.tx.type.rawValue), not a network.genesis")
        }
        guard tx.verifySignature() else { throw LedgerError(.badSignature, "the genesis signature does not verify") }
        guard g.operators.contains(tx.tx.signer) else { throw LedgerError(.notAuthorized, "the genesis is not signed by one of its operators") }
        return (tx, g)
    }

    /// Opens an existing ledger with its node key (default: the one beside the database).
    public static func open(dbPath: String, nodeKeyPath: String? = nil) throws -> (store: LedgerStore, nodeKey: SigningKey) {
        let store = try LedgerStore.open(path: dbPath)
        let nodeKey = try KeyFile.read(from: nodeKeyPath ?? defaultNodeKeyPath(forDatabase: dbPath))
        if let expected = try store.meta("node"), expected != nodeKey.publicKey.base64url {
            throw KeyFileError("the node key does not belong to this ledger (expected \(expected))")
        }
        return (store, nodeKey)
    }
}
