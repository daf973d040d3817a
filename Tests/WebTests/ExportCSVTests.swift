import Testing
@testable import Web

/// The export's CSV text (RFC 4180), its guard against spreadsheet formulas, and its two byte
/// encodings: UTF-8 with a BOM, and Shift_JIS as Windows writes it (CP932).
@Suite struct ExportCSVTests {
    @Test func plainFieldsAreJoinedByCommasAndEndWithCRLF() {
        #expect(ExportCSV.record(["a", "b", "c"]) == "a,b,c\r\n")
        #expect(ExportCSV.record(["切符", "", "100"]) == "切符,,100\r\n")
        #expect(ExportCSV.record([]) == "\r\n")
    }

    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        #expect(ExportCSV.quote("a,b") == "\"a,b\"")
        #expect(ExportCSV.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ExportCSV.quote("\"") == "\"\"\"\"")
        #expect(ExportCSV.quote("line\nbreak") == "\"line\nbreak\"")
        #expect(ExportCSV.quote("cr\ronly") == "\"cr\ronly\"")
        // CRLF is one Character in Swift; it must still be quoted.
        #expect(ExportCSV.quote("two\r\nlines") == "\"two\r\nlines\"")
        #expect(ExportCSV.quote("spaces stay bare") == "spaces stay bare")
        #expect(ExportCSV.record(["id-1", "本店, 駅前", "He said \"ok\"\r\n"]) == "id-1,\"本店, 駅前\",\"He said \"\"ok\"\"\r\n\"\r\n")
    }

    @Test func quotedRecordsReadBackThroughTheImportParser() {
        let fields = ["a,b", "\"quoted\"", "", "line\rend", "普通"]
        let line = ExportCSV.record(fields)
        #expect(line.hasSuffix("\r\n"))
        #expect(ImportStoreCSV.fields(String(line.dropLast(1))) == fields)
    }

    @Test func textThatLooksLikeAFormulaGetsAnApostrophe() {
        for s in ["=SUM(A1:A9)", "+81", "-1", "@cmd", "\tx", "\rx"] {
            #expect(ExportCSV.safeText(s) == "'" + s, "\(s.debugDescription)")
        }
        for s in ["", "ramen", "1+1", "a=b", " =x", "＝全角"] {
            #expect(ExportCSV.safeText(s) == s, "\(s.debugDescription)")
        }
        // Guarded and then quoted when it also holds a comma.
        #expect(ExportCSV.record([ExportCSV.safeText("=HYPERLINK(\"x\",1)")]) == "\"'=HYPERLINK(\"\"x\"\",1)\"\r\n")
    }

    @Test func utf8FilesStartWithTheBOMAndShiftJISFilesWithNothing() {
        #expect(ExportEncoding.utf8.preamble == [0xEF, 0xBB, 0xBF])
        #expect(ExportEncoding.sjis.preamble.isEmpty)
        #expect(ExportEncoding.utf8.charset == "utf-8")
        #expect(ExportEncoding.sjis.charset == "Shift_JIS")
    }

    @Test func shiftJISEncodesKnownJapaneseAsCP932Bytes() throws {
        let sjis = try #require(ShiftJISConverter(toSJIS: true))
        // Python: "切符".encode("cp932") == b"\x90\xd8\x95\x84"
        #expect(sjis.encode("切符") == [0x90, 0xD8, 0x95, 0x84])
        #expect(sjis.encode("A,1\r\n") == Array("A,1\r\n".utf8))
        // Half-width katakana is one byte; NEC's circled digits and the full-width tilde are CP932's.
        #expect(sjis.encode("ｱ") == [0xB1])
        #expect(sjis.encode("①") == [0x87, 0x40])
        #expect(sjis.encode("～") == [0x81, 0x60])
        #expect(sjis.encode("") == [])
    }

    @Test func charactersCP932CannotHoldBecomeOneQuestionMarkEach() throws {
        let sjis = try #require(ShiftJISConverter(toSJIS: true))
        #expect(sjis.encode("😀") == [0x3F])
        #expect(sjis.encode("切😀符") == [0x90, 0xD8, 0x3F, 0x95, 0x84])
        #expect(sjis.encode("😀😀") == [0x3F, 0x3F])
        // A three-byte UTF-8 character (Hangul) and a two-byte one (é) outside CP932.
        #expect(sjis.encode("한a") == [0x3F, 0x61])
        #expect(sjis.encode("café") == [0x63, 0x61, 0x66, 0x3F])
        // The converter keeps working after a refusal.
        #expect(sjis.encode("切符") == [0x90, 0xD8, 0x95, 0x84])
    }

    @Test func shiftJISDecodesCP932AndRefusesBrokenBytes() throws {
        let decoder = try #require(ShiftJISConverter(toSJIS: false))
        #expect(decoder.decode([0x90, 0xD8, 0x95, 0x84]) == "切符")
        #expect(decoder.decode([0xB1, 0x87, 0x40]) == "ｱ①")
        #expect(decoder.decode([]) == "")
        // A lead byte with no trail byte, and an unassigned double-byte code.
        #expect(decoder.decode([0x41, 0x81]) == nil)
        #expect(decoder.decode([0x85, 0x40]) == nil)
        let encoder = try #require(ShiftJISConverter(toSJIS: true))
        let text = "店舗ID,本店,喜多方ラーメン"
        #expect(decoder.decode(encoder.encode(text)) == text)
    }
}
