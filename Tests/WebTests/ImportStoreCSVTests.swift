import Crypto
import Foundation
import HTTPServer
import Ledger
import Services
import Testing
@testable import Web

/// A one-node ledger in a fresh temporary directory with merchant `ramen` and its store
/// `ramen-main` (WebTests do not link TestSupport).
final class ImportLedger: @unchecked Sendable {
    let dir = NSTemporaryDirectory() + "kippu-import-" + UUID().uuidString
    let sequencer: Sequencer
    let reads: LedgerReadPool

    init() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = dir + "/ledger.sqlite"
        let clock = ManualClock(1_770_000_000_000)
        let created = try LedgerSetup.initialize(dbPath: db, net: "test-net", name: "テスト", clock: clock)
        sequencer = try Sequencer(store: created.store, nodeKey: created.nodeKey, clock: clock, config: .init(windowMillis: 0))
        reads = LedgerReadPool(path: db)
        let op = try #require(created.operatorKey), merchant = SigningKey.generate()
        for (key, payload) in [
            (op, Payload.merchantRegister(MerchantRegister(merchant: "ramen", name: "朝ラーメン本舗", key: merchant.publicKey, industries: ["ramen"]))),
            (merchant, .storeRegister(StoreRegister(store: "ramen-main", merchant: "ramen", name: "本店", industry: "ramen",
                                                    key: SigningKey.generate().publicKey))),
        ] {
            let tx = SignedTx(signing: Transaction(net: created.network.net, signer: key.publicKey, time: clock.now(),
                                                   nonce: Base64URL.encode(SystemRandom().bytes(count: 16)), payload: payload), with: key)
            let receipt = sequencer.submitAndWait(tx)
            guard receipt.txid != nil else { throw LedgerError(.badEncoding, "setup refused: \(receipt)") }
        }
    }

    deinit {
        sequencer.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func check(_ text: String, choice: ImportStoreCSV.Choice = .auto) throws -> ImportStoreCSV.Result {
        try ImportStoreCSV.check(Array(text.utf8), choice: choice, reader: reads)
    }
}

/// The store import's CSV reading and checking: every problem of every row, by line, and the
/// rows that can be registered.
@Suite struct ImportStoreCSVTests {
    static let header = "store,merchant,name,industry,city\r\n"

    /// Problems ordered by line (the parser reports unreadable lines before row checks).
    func byLine(_ problems: [ImportProblem]) -> [ImportProblem] {
        problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    @Test func validRowsBecomeStoreDraftsWithTheirLineNumbers() throws {
        let ledger = try ImportLedger()
        let result = try ledger.check(Self.header + "ramen-2,ramen,駅前店,ramen,kitakata\r\n"
                                      + " ramen-3 , ramen ,\"Shop, \"\"East\"\"\",ramen,\r\n")
        #expect(result.problems.isEmpty)
        #expect(result.encoding == .utf8 && result.lines == 2)
        #expect(result.rows.map(\.line) == [2, 3])
        #expect(result.rows.map(\.draft) == [
            StoreDraft(store: "ramen-2", merchant: "ramen", name: "駅前店", industry: "ramen", attrs: JSONObject([("city", .string("kitakata"))])!),
            StoreDraft(store: "ramen-3", merchant: "ramen", name: "Shop, \"East\"", industry: "ramen"),
        ])
    }

    @Test func everyBadRowIsReportedByLineAndFieldAndOnlyGoodRowsRemain() throws {
        let ledger = try ImportLedger()
        let text = Self.header               // 1
            + "a,b,c\n"                      // 2: three columns
            + "-bad,ramen,x,ramen,\n"        // 3: bad store id
            + "s1,ramen,x,ramen,\n"          // 4: fine
            + "s1,ramen,y,ramen,\n"          // 5: s1 again
            + "ramen-main,ramen,z,ramen,\n"  // 6: already on the ledger
            + "s2,ghost,z,ramen,\n"          // 7: no such merchant
            + "s3,ramen,\"open,ramen,x\n"    // 8: quote left open
            + "  \n"                         // 9: blank, skipped
            + "s4,ramen,,ramen,\n"           // 10: no name
            + "\"s5\"x,ramen,n,ramen,\n"     // 11: text after a closing quote
            + "s6,ramen,n,ba d,\n"           // 12: bad industry
            + "s7,ramen,n\u{7},ramen,\n"     // 13: control character in the name
        let result = try ledger.check(text)
        #expect(byLine(result.problems) == [
            ImportProblem(line: 2, field: "-", code: "columns", detail: "3"),
            ImportProblem(line: 3, field: "store", code: "badId"),
            ImportProblem(line: 5, field: "store", code: "duplicateInFile", detail: "4"),
            ImportProblem(line: 6, field: "store", code: "duplicateOnLedger"),
            ImportProblem(line: 7, field: "merchant", code: "unknownMerchant", detail: "ghost"),
            ImportProblem(line: 8, field: "-", code: "quote"),
            ImportProblem(line: 10, field: "name", code: "required", detail: "200"),
            ImportProblem(line: 11, field: "-", code: "quote"),
            ImportProblem(line: 12, field: "industry", code: "badId"),
            ImportProblem(line: 13, field: "name", code: "badText", detail: "200"),
        ])
        #expect(result.rows.map(\.draft.store) == ["s1"])
        #expect(result.rows.map(\.line) == [4])
        #expect(result.lines == 11)
    }

    @Test func oneRowCanHaveSeveralProblems() throws {
        let ledger = try ImportLedger()
        let long = String(repeating: "あ", count: 101)
        let result = try ledger.check("x!,y!,,z!,\(long)\n")
        #expect(result.problems == [
            ImportProblem(line: 1, field: "store", code: "badId"),
            ImportProblem(line: 1, field: "merchant", code: "badId"),
            ImportProblem(line: 1, field: "name", code: "required", detail: "200"),
            ImportProblem(line: 1, field: "industry", code: "badId"),
            ImportProblem(line: 1, field: "city", code: "tooLong", detail: "100"),
        ])
        #expect(result.rows.isEmpty)
    }

    @Test func aByteOrderMarkIsDroppedBeforeTheHeaderIsRecognised() throws {
        let ledger = try ImportLedger()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((Self.header + "s1,ramen,本店,ramen,\r\n").utf8)
        for choice in [ImportStoreCSV.Choice.auto, .utf8] {
            let result = try ImportStoreCSV.check(bytes, choice: choice, reader: ledger.reads)
            #expect(result.problems.isEmpty, "\(choice)")
            #expect(result.encoding == .utf8 && result.lines == 1)
            #expect(result.rows.map(\.draft.store) == ["s1"] && result.rows.map(\.line) == [2])
        }
    }

    @Test func shiftJISFilesAreDetectedAndDecoded() throws {
        let ledger = try ImportLedger()
        // "店舗ID,加盟店,名前,業種,市\r\ns9,ramen,本店,ramen,喜多方\r\n" in CP932 (Python: .encode("cp932")).
        let bytes: [UInt8] = [0x93, 0x58, 0x95, 0xDC, 0x49, 0x44, 0x2C, 0x89, 0xC1, 0x96, 0xBF, 0x93, 0x58, 0x2C,
                              0x96, 0xBC, 0x91, 0x4F, 0x2C, 0x8B, 0xC6, 0x8E, 0xED, 0x2C, 0x8E, 0x73, 0x0D, 0x0A]
            + Array("s9,ramen,".utf8) + [0x96, 0x7B, 0x93, 0x58] + Array(",ramen,".utf8) + [0x8A, 0xEC, 0x91, 0xBD, 0x95, 0xFB, 0x0D, 0x0A]
        let sjis = try ImportStoreCSV.check(bytes, choice: .auto, reader: ledger.reads)
        #expect(sjis.encoding == .sjis)
        #expect(sjis.problems.isEmpty)
        #expect(sjis.rows.map(\.draft) == [
            StoreDraft(store: "s9", merchant: "ramen", name: "本店", industry: "ramen", attrs: JSONObject([("city", .string("喜多方"))])!),
        ])
        #expect(try ImportStoreCSV.check(bytes, choice: .sjis, reader: ledger.reads).rows.map(\.draft.name) == ["本店"])

        // Read as UTF-8 against the file's encoding: both lines are unreadable, by number.
        let forced = try ImportStoreCSV.check(bytes, choice: .utf8, reader: ledger.reads)
        #expect(forced.encoding == .utf8 && forced.rows.isEmpty)
        #expect(forced.problems == [ImportProblem(line: 1, field: "-", code: "encoding"), ImportProblem(line: 2, field: "-", code: "encoding")])
    }

    @Test func aBadlyEncodedLineIsReportedAndTheOthersStillChecked() throws {
        let ledger = try ImportLedger()
        // Line 2 ends in a CP932 lead byte with no trail byte.
        let bytes = Array("s1,ramen,a,ramen,\n".utf8) + Array("s2,ramen,".utf8) + [0x81] + Array(",ramen,\n".utf8)
            + Array("s3,ramen,".utf8) + [0x96, 0x7B] + Array(",ramen,\n".utf8)
        let result = try ImportStoreCSV.check(bytes, choice: .sjis, reader: ledger.reads)
        #expect(result.problems == [ImportProblem(line: 2, field: "-", code: "encoding")])
        #expect(result.rows.map(\.draft.store) == ["s1", "s3"] && result.rows.last?.draft.name == "本")
        #expect(result.lines == 3)
    }

    @Test func aFileWithoutDataLinesIsEmpty() throws {
        let ledger = try ImportLedger()
        let empty = [ImportProblem(line: 0, field: "-", code: "empty")]
        #expect(try ledger.check("").problems == empty)
        #expect(try ledger.check(Self.header + "\r\n  \r\n").problems == empty)
        #expect(try ledger.check("店舗ID,merchant,name,industry,city\n").problems == empty)
        #expect(try ledger.check("s1,ramen,n,ramen,\n").problems.isEmpty)
    }

    @Test func onlyTheFirstLineCanBeTheHeader() throws {
        let ledger = try ImportLedger()
        let result = try ledger.check("s1,ramen,n,ramen,\n" + Self.header)
        #expect(result.rows.map(\.draft.store) == ["s1"])
        // Its cells are read as a row: "merchant" is a well-formed id of no merchant.
        #expect(result.problems == [ImportProblem(line: 2, field: "merchant", code: "unknownMerchant", detail: "merchant")])
    }

    @Test func fieldsFollowRFC4180Quoting() {
        #expect(ImportStoreCSV.fields("a,b,c") == ["a", "b", "c"])
        #expect(ImportStoreCSV.fields(" a , b ,c ") == ["a", "b", "c"])
        #expect(ImportStoreCSV.fields("\" a \",b") == [" a ", "b"])
        #expect(ImportStoreCSV.fields("\"a,b\",\"say \"\"hi\"\"\"") == ["a,b", "say \"hi\""])
        #expect(ImportStoreCSV.fields("a,,") == ["a", "", ""])
        #expect(ImportStoreCSV.fields("") == [""])
        #expect(ImportStoreCSV.fields("\"\"") == [""])
        #expect(ImportStoreCSV.fields("\"a\" ,b") == ["a", "b"])
        // A quote inside an unquoted field is kept as text.
        #expect(ImportStoreCSV.fields("a\"b,c") == ["a\"b", "c"])
        #expect(ImportStoreCSV.fields("\"open,b") == nil)
        #expect(ImportStoreCSV.fields("\"a\"b,c") == nil)
    }

    @Test func textProblemsCountUnicodeScalars() {
        #expect(ImportStoreCSV.textProblem(String(repeating: "店", count: 200), max: 200, required: true) == nil)
        #expect(ImportStoreCSV.textProblem(String(repeating: "店", count: 201), max: 200, required: true) == "tooLong")
        #expect(ImportStoreCSV.textProblem("", max: 200, required: true) == "required")
        #expect(ImportStoreCSV.textProblem("", max: 100, required: false) == nil)
        #expect(ImportStoreCSV.textProblem("a\tb", max: 100, required: false) == "badText")
        #expect(ImportStoreCSV.textProblem("a\u{7F}", max: 100, required: false) == "badText")
    }
}

/// The store import's `multipart/form-data` upload (RFC 7578).
@Suite struct ImportMultipartTests {
    func request(_ body: String, type: String = "multipart/form-data; boundary=XyZ") -> HTTPRequest {
        HTTPRequest(method: "POST", target: "/import", headers: HTTPHeaders([("Content-Type", type)]), body: Array(body.utf8))
    }

    @Test func partsAreReadByNameWithTheirFileNames() throws {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\nsjis\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stores.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "a,b\r\nc,d\r\n\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\nutf8\r\n"
            + "--XyZ--\r\n"
        let form = try #require(ImportMultipart(request(body)))
        #expect(form["encoding"]?.text == "sjis")          // the first of a name wins
        #expect(form["encoding"]?.filename == nil)
        #expect(form["file"]?.filename == "stores.csv")
        #expect(form["file"]?.data == Array("a,b\r\nc,d\r\n".utf8))
        #expect(form["missing"] == nil)
        #expect(form.parts.count == 2)
    }

    @Test func bodiesThatBreakTheFramingAreRefused() {
        let part = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n"
        #expect(ImportMultipart(request(part + "--XyZ--")) != nil)
        #expect(ImportMultipart(request(part)) == nil, "no closing delimiter")
        #expect(ImportMultipart(request(part + "--XyZ--", type: "text/plain")) == nil)
        #expect(ImportMultipart(request(part + "--XyZ--", type: "multipart/form-data")) == nil, "no boundary")
        #expect(ImportMultipart(request("--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--")) == nil, "a part without a name")
        #expect(ImportMultipart(request("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nv\r\n--XyZ--")) == nil, "no blank line")
        let tooMany = String(repeating: part, count: ImportMultipart.maxParts + 1) + "--XyZ--"
        #expect(ImportMultipart(request(tooMany)) == nil)
        #expect(ImportMultipart(request(String(repeating: part, count: ImportMultipart.maxParts) + "--XyZ--")) != nil)
    }

    @Test func headerParametersMayBeQuotedOrBare() {
        #expect(ImportMultipart.parameter("boundary", in: "multipart/form-data; boundary=abc") == "abc")
        #expect(ImportMultipart.parameter("boundary", in: "multipart/form-data; BOUNDARY=\"a b\"") == "a b")
        #expect(ImportMultipart.parameter("name", in: "form-data; filename=\"x\"; name=\"f\"") == "f")
        #expect(ImportMultipart.parameter("name", in: "form-data") == nil)
        #expect(ImportMultipart.find([1, 2], in: [0, 1, 1, 2], from: 0) == 2)
        #expect(ImportMultipart.find([1, 2], in: [0, 1, 1, 2], from: 3) == nil)
    }
}
