import TestSupport
import Crypto
import Foundation
import Ledger
import Services
import Store
import Testing

@Suite struct LedgerSetupTests {
    @Test func serverGeneratedGenesisIsBlockZeroWithSealedOperatorKey() throws {
        let dir = TempDir()
        let db = dir.file("l.sqlite")
        let c = try LedgerSetup.initialize(dbPath: db, net: "n1", name: "町")
        let block0 = try #require(try c.store.block(height: 0))
        #expect(block0.header.count == 1 && block0.header.first == 0 && block0.isValid)
        #expect(try c.vault.key("operator")?.publicKey == c.operatorKey?.publicKey)
        // Key files are private and outside the database.
        for file in [LedgerSetup.defaultNodeKeyPath(forDatabase: db), c.vault.directory + "/master.key", c.vault.directory + "/vault.json"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file) has mode \(String(mode, radix: 8))")
        }
        // The vault does not hold the seed in clear.
        let vaultText = String(decoding: try SecureFile.read(c.vault.directory + "/vault.json"), as: UTF8.self)
        #expect(!vaultText.contains(Base64URL.encode(c.operatorKey!.seed)))
        #expect(throws: StoreError.self) { try LedgerSetup.initialize(dbPath: db) }
    }

    @Test func outsideGenesisBecomesLeafZeroAndIsCheckedFirst() throws {
        let dir = TempDir()
        let op = SigningKey.generate(), node = SigningKey.generate(), stranger = SigningKey.generate()
        let nodePath = dir.file("node.key")
        try KeyFile.write(node, to: nodePath)
        func genesis(nodes: [PublicKey], signer: SigningKey = op) -> [UInt8] {
            let body = Transaction(net: "region-1", signer: signer.publicKey, time: 1_700_000_000_000, nonce: Base64URL.encode(SystemRandom().bytes(count: 16)),
                                   payload: .genesis(Genesis(name: "外部", operators: [op.publicKey], nodes: nodes)))
            return SignedTx(signing: body, with: signer).envelopeJCS
        }
        #expect(throws: LedgerError(.notAuthorized, "")) {
            try LedgerSetup.initialize(dbPath: dir.file("a.sqlite"), nodeKeyPath: nodePath, genesis: genesis(nodes: [stranger.publicKey]))
        }
        var forged = genesis(nodes: [node.publicKey])
        forged[forged.count - 5] = forged[forged.count - 5] == 0x41 ? 0x42 : 0x41 // inside "sig"
        #expect(throws: LedgerError.self) {
            try LedgerSetup.initialize(dbPath: dir.file("b.sqlite"), nodeKeyPath: nodePath, genesis: forged)
        }
        #expect(throws: (any Error).self) {
            try LedgerSetup.initialize(dbPath: dir.file("c.sqlite"), nodeKeyPath: dir.file("missing.key"), genesis: genesis(nodes: [node.publicKey]))
        }
        let good = genesis(nodes: [node.publicKey])
        let c = try LedgerSetup.initialize(dbPath: dir.file("d.sqlite"), nodeKeyPath: nodePath, genesis: good)
        #expect(c.operatorKey == nil)
        #expect(try c.store.envelopes(first: 0, count: 1).first?.envelope == good)
        #expect(try c.store.block(height: 0)?.header.time == 1_700_000_000_000)
        #expect(try LedgerVerifier.verify(path: dir.file("d.sqlite")).ok)
    }

    @Test func foreignCorruptAndMissingFilesAreReportedClearly() throws {
        let dir = TempDir()
        let random = dir.file("random.sqlite")
        _ = FileManager.default.createFile(atPath: random, contents: Data(SystemRandom().bytes(count: 8192)))
        #expect(throws: StoreError.self) { try LedgerStore.open(path: random) }
        let foreign = dir.file("foreign.sqlite")
        let other = try LedgerStore.create(path: foreign)
        try other.db.execute("DROP TABLE meta")
        #expect(throws: StoreError.self) { try LedgerStore.open(path: foreign) }
        #expect(throws: StoreError.self) { try LedgerStore.open(path: dir.file("nothing.sqlite")) }
        #expect(throws: StoreError.self) { try LedgerVerifier.verify(path: random) }
    }
}
