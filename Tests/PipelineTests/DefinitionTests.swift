import Clearance
import Foundation
import Ledger
import Sheets
import Testing

@testable import Pipeline

@Suite("The pipeline definition")
struct DefinitionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the built-in default is pipelines/default.toml, byte for byte")
    func builtInMatchesFile() throws {
        let file = try String(
            contentsOf: Self.repository.appendingPathComponent("pipelines/default.toml"), encoding: .utf8)
        #expect(DefaultPipeline.text == file, "run `make default-pipeline` after editing pipelines/default.toml")
    }

    @Test("the default university has 15 colleges, three levels, two batches and 12 items with their rules")
    func defaultUniversity() throws {
        let university = try PipelineDefinition.builtIn().university
        #expect(university.colleges.count == 15)
        #expect(university.levels == ["本科", "硕士", "博士"])
        #expect(university.batches.map(\.name) == ["2027届夏季毕业", "2027届冬季毕业"])
        #expect(university.batches[0].deadline == Day(year: 2027, month: 6, day: 30))
        #expect(university.items.count == 12)
        #expect(university.item("apartment")?.rule.residentsOnly == true)
        #expect(university.item("apartment")?.role == .apartment)
        #expect(university.item("graduate")?.rule.levels == ["硕士", "博士"])
        #expect(university.item("academic")?.rule.levels == ["本科"])
        #expect(university.item("party")?.scope == .college)
        #expect(university.item("advisor")?.scope == .advisor)
        #expect(university.college(named: "外国语学院")?.folder == "外国语学院")
    }

    static let base = """
        [university]
        name = "测试大学"
        levels = ["本科"]

        [[batches]]
        id = "s"
        name = "夏季"
        deadline = 2027-06-30

        [[colleges]]
        id = "cs"
        name = "计算机学院"

        [[items]]
        id = "library"
        name = "图书馆"

        """

    @Test(
        "a wrong pipeline file is refused with its line and reason",
        arguments: [
            (base + "[[items]]\nid = \"library\"\nname = \"图书馆二\"\n", 18, "item id \"library\" is used twice"),
            (base + "[[colleges]]\nid = \"x\"\nname = \"..\"\n", 19, "must not contain .."),
            (
                base + "[[items]]\nid = \"y\"\nname = \"研究生院\"\napplies = { levels = [\"硕士\"] }\n", 20,
                "not in [university] levels"
            ),
            (
                base + "[[items]]\nid = \"z\"\nname = \"导师\"\nscope = \"advisor\"\n", 20,
                "must have applies = { advisor = true }"
            ),
            (
                base + "[[items]]\nid = \"w\"\nname = \"财务\"\nappies = { residents = true }\n", 20,
                "unknown key \"appies\""
            ),
            (base + "[[items]]\nid = \"v\"\nname = \"a/b\"\n", 19, "must not contain / or \\"),
        ])
    func refused(text: String, line: Int, reason: String) {
        #expect {
            try PipelineDefinition.decode(text, source: "test.toml")
        } throws: { error in
            guard let error = error as? PipelineError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }

    @Test("folder names default to display names and can be overridden")
    func folders() throws {
        let text = Self.base.replacingOccurrences(of: "name = \"计算机学院\"", with: "name = \"计算机学院\"\nfolder = \"cs\"")
        let definition = try PipelineDefinition.decode(text, source: "test.toml")
        #expect(definition.university.colleges[0].folder == "cs")
        #expect(definition.university.items[0].folder == "图书馆")
        #expect(definition.folders.ledger == "ledger")
    }
}

@Suite("Reading staff input")
struct NormalisationTests {
    @Test(
        "headers match by alias, ignoring spaces, full-width letters and required marks",
        arguments: [
            ("学号", Column.id), ("学工号", .id), (" 工 号 ", .id), ("*姓名", .name), ("学院（必填）", .college),
            ("办理状态", .status), ("状态", .status), ("备注", .remark), ("导师工号", .advisorID),
        ])
    func headers(text: String, column: Column) {
        #expect(Column.matching(text) == column)
    }

    @Test(
        "IDs from numbers and text normalise to the same digits",
        arguments: [
            (Sheets.Cell.number(11_120_205), "11120205"), (.number(1.1120205e7), "11120205"),
            (.text(" 11120205　"), "11120205"),
            (.text("１１１２０２０５"), "11120205"), (.text("T2003015"), "T2003015"), (.text("1.1120205E+07"), "11120205"),
            (.text("1.1120205E7"), "11120205"), (.text("2023E001"), "2023E001"),
        ])
    func ids(cell: Sheets.Cell, id: String) throws {
        #expect(try TextNormaliser.id(cell).get() == id)
    }

    @Test("a number too long for Excel to hold exactly is refused, asking for text")
    func longNumber() {
        #expect(TextNormaliser.id(.number(1_234_567_890_123_456)) == .failure(.tooManyDigits("1234567890123456")))
        #expect(TextNormaliser.id(.text("2023-0101")) == .failure(.badCharacters("2023-0101")))
    }
}

@Suite("Journal and snapshot encodings")
struct CodecTests {
    static let batch = Batch(id: "2027-summer", name: "2027届夏季毕业", deadline: Day(year: 2027, month: 6, day: 30))
    static let person = Person(
        id: "2023110101", name: "张\t伟", gender: "男", college: "计算机学院", major: "软件\n工程",
        level: "本科", building: "10号楼", room: "305", batch: batch.id)

    @Test("an added person survives the journal's JSON profile exactly, tabs and line breaks included")
    func addRoundTrip() throws {
        let entry = JournalCodec.entry(.added(Self.person), time: "t", actor: "registry", source: "s", row: 4)
        let record = Ledger.JournalRecord(sequence: 1, entry: entry, previousHash: "", hash: "")
        let change = try JournalCodec.change(record, batch: Self.batch.id, journal: "j") { _, _ in .initial }
        #expect(change == .added(Self.person))
    }

    @Test(
        "a journal record this version cannot decode is damage, never skipped",
        arguments: [
            ("add", "", "not json"), ("add", "", "{\"姓名\":1}"), ("profile", "no such field", "x"),
            ("status", "library", "7"), ("withdrawn?", "", ""),
        ])
    func undecodableRecord(kind: String, field: String, value: String) {
        let entry = Ledger.JournalEntry(
            time: "t", actor: "a", source: "s", row: nil, person: "2023110101", kind: kind, field: field,
            oldValue: "", newValue: value, remark: "")
        let record = Ledger.JournalRecord(sequence: 7, entry: entry, previousHash: "", hash: "")
        let error = #expect(throws: Ledger.LedgerError.self) {
            try JournalCodec.change(record, batch: Self.batch.id, journal: "ledger/b/journal.tsv") { _, _ in .initial }
        }
        guard case .damaged("ledger/b/journal.tsv", 7, 8, let reason) = error?.kind else {
            Issue.record("expected .damaged at record 7, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("cannot be decoded"))
    }

    @Test("a batch state survives its snapshot rows")
    func snapshotRoundTrip() throws {
        var state = BatchState(batch: Self.batch)
        state.apply(.added(Self.person))
        state.apply(.statusSet("2023110101", "library", old: .initial, new: ItemState(status: .done, remark: "已还书")))
        state.apply(.issued("2023110101", Issuance(time: "2027-06-01T00:00:00.000+00:00", source: "colleges/x")))
        let university = try PipelineDefinition.builtIn().university
        let (header, rows) = SnapshotCodec.rows(state, university: university)
        let snapshot = Ledger.Snapshot(header: header, rows: rows, throughSequence: 3, hash: "")
        #expect(try SnapshotCodec.state(from: snapshot, batch: Self.batch) == state)
    }
}

@Suite("Pipeline files that cannot be read")
struct UnreadablePipelineTests {
    @Test("a missing pipeline file and a folder given as one are named plainly")
    func missingOrFolder() {
        let missing = #expect(throws: PipelineError.self) { try PipelineDefinition.load(path: "/nonexistent/x.toml") }
        #expect(missing?.description.contains("No such file or directory") == true, "\(String(describing: missing))")
        let folder = #expect(throws: PipelineError.self) { try PipelineDefinition.load(path: "/tmp") }
        #expect(folder?.description.contains("is not a file") == true, "\(String(describing: folder))")
        #expect(folder?.description.contains("NSCocoaErrorDomain") == false)
    }
}
