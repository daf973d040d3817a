import TestSupport
import Crypto
import Foundation
import Ledger
import Services
import Store
import Testing

/// The `kippu` executable built beside the test bundle (or `KIPPU_BIN`).
func kippuBinary() throws -> String {
    if let path = ProcessInfo.processInfo.environment["KIPPU_BIN"] { return path }
    let dir = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
    for candidate in [dir.appendingPathComponent("kippu"), dir.deletingLastPathComponent().appendingPathComponent("kippu")] {
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
    }
    let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/kippu")
    return try #require(FileManager.default.isExecutableFile(atPath: built.path) ? built.path : nil,
                        "the kippu executable was not found; run `swift build` first")
}

/// Runs kippu to completion; returns (status, stdout + stderr).
@discardableResult
func runKippu(_ args: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try kippuBinary())
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite(.serialized) struct CrashSafetyTests {
    /// A child process runs the sequencer under load and records each acknowledged txid;
    /// it is killed with SIGKILL at 20 random moments. After every kill the ledger holds every
    /// acknowledged transaction; a full `verify` replay runs after every fifth and at the end.
    @Test func sigkillNeverLosesAnAcknowledgedTransaction() throws {
        let dir = TempDir()
        let db = dir.file("crash.sqlite"), acks = dir.file("acks.txt")
        let (status, output) = try runKippu(["init", "--db", db, "--net", "crash-test"])
        #expect(status == 0, "\(output)")
        let random = SeededRandom(seed: ProcessInfo.processInfo.environment["KIPPU_CRASH_SEED"] ?? "crash-1")
        var kills = 0
        for round in 0..<20 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: try kippuBinary())
            child.arguments = ["bench", "load", "--db", db, "--acks", acks, "--seconds", "30"]
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // 0.2 … 1.2 s: sometimes during start-up, mostly under load.
            let delay = 0.2 + Double(random.bytes(count: 1)[0]) / 255 * 1.0
            Thread.sleep(forTimeInterval: delay)
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal, "round \(round): the child ended before it was killed")
            kills += 1

            // A full replay every fifth restart (replays grow with the log); the durability
            // check after every one.
            if round % 5 == 4 {
                let report = try LedgerVerifier.verify(path: db)
                #expect(report.ok, "round \(round): \(report.problem?.description ?? "")")
            }
            let acknowledged = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: acks))) ?? Data(), as: UTF8.self)
                .split(separator: "\n").map(String.init)
            let store = try LedgerStore.open(path: db, readOnly: true)
            let missing = try acknowledged.filter { try store.transaction(txid: $0) == nil }
            #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged transactions are missing")
        }
        let total = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: acks))) ?? Data(), as: UTF8.self)
            .split(separator: "\n").count
        #expect(kills >= 20)
        #expect(total > 100, "the load generator acknowledged only \(total) transactions")
        let (verifyStatus, verifyOutput) = try runKippu(["verify", "--db", db])
        #expect(verifyStatus == 0, "\(verifyOutput)")
    }
}
