import TestSupport
import Foundation
import Testing

/// The PROTOCOL §5 commands, run as a person or a script would.
@Suite(.serialized) struct CommandLineTests {
    @Test func keygenWritesAPrivateKeyFileAndRefusesToOverwrite() throws {
        let dir = TempDir()
        let (status, out) = try runKippu(["keygen", "--out", dir.file("a.key")])
        #expect(status == 0)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines).count == 43)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("a.key"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try runKippu(["keygen", "--out", dir.file("a.key")]).0 == 1)
        #expect(try runKippu(["keygen"]).0 == 2)
    }

    @Test func initVerifyAndRefusals() throws {
        let dir = TempDir()
        let db = dir.file("town.sqlite")
        let (status, out) = try runKippu(["init", "--db", db, "--net", "town-1", "--name", "町"])
        #expect(status == 0, "\(out)")
        #expect(out.contains("town-1"))
        let (again, againOut) = try runKippu(["init", "--db", db])
        #expect(again == 1 && againOut.contains("already exists"), "\(againOut)")
        let (verify, verifyOut) = try runKippu(["verify", "--db", db])
        #expect(verify == 0 && verifyOut.contains("ok: height 0, log size 1"), "\(verifyOut)")
    }

    @Test func outsideOperatorGenesisFlowsIntoInit() throws {
        let dir = TempDir()
        let op = try runKippu(["keygen", "--out", dir.file("operator.key")]).1.trimmingCharacters(in: .whitespacesAndNewlines)
        let node = try runKippu(["keygen", "--out", dir.file("node.key")]).1.trimmingCharacters(in: .whitespacesAndNewlines)
        let (g, gOut) = try runKippu(["genesis", "--operator-key", dir.file("operator.key"), "--node", node,
                                      "--net", "fukui-2021", "--name", "ふく割", "--out", dir.file("genesis.json")])
        #expect(g == 0, "\(gOut)")
        // A node whose key the genesis does not list is refused.
        _ = try runKippu(["keygen", "--out", dir.file("stranger.key")])
        let (bad, badOut) = try runKippu(["init", "--db", dir.file("x.sqlite"), "--node-key", dir.file("stranger.key"), "--genesis", dir.file("genesis.json")])
        #expect(bad == 1 && badOut.contains("does not list"), "\(badOut)")
        let (ok, okOut) = try runKippu(["init", "--db", dir.file("l.sqlite"), "--node-key", dir.file("node.key"), "--genesis", dir.file("genesis.json")])
        #expect(ok == 0, "\(okOut)")
        #expect(okOut.contains(op) && okOut.contains("fukui-2021"), "\(okOut)")
        #expect(try runKippu(["verify", "--db", dir.file("l.sqlite")]).0 == 0)
    }

    @Test func foreignAndMissingFilesAreReportedNotCrashed() throws {
        let dir = TempDir()
        let junk = dir.file("junk.sqlite")
        _ = FileManager.default.createFile(atPath: junk, contents: Data(repeating: 0x42, count: 4096))
        let (status, out) = try runKippu(["verify", "--db", junk])
        #expect(status == 1, "\(out)")
        #expect(out.contains("damaged") || out.contains("not a Kippu ledger"), "\(out)")
        let (missing, missingOut) = try runKippu(["verify", "--db", dir.file("none.sqlite")])
        #expect(missing == 1 && missingOut.contains("does not exist"), "\(missingOut)")
        #expect(try runKippu(["frobnicate"]).0 == 2)
    }
}
