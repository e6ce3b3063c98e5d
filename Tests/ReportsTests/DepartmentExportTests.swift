import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// The 数据导出 a department collects: who is listed, what each cell says, and the origin it carries.
struct DepartmentExportTests {
    typealias File = DepartmentOutputs.File

    static let batch = "2027届夏季毕业"
    static let cs = "计算机科学与技术学院"
    static let fl = "外国语学院"
    static let formulaName = "=HYPERLINK(\"x\")"

    @Test("the library export lists everyone by college, class and ID, with status labels and remarks")
    func libraryExportRows() throws {
        let rows = try DepartmentTools.texts(try DepartmentOutputs.path(.exportLibrary), sheet: "lixiao")
        #expect(rows[0] == ["图书馆 离校办理数据导出（2027届夏季毕业）"])
        #expect(rows[1].first?.hasPrefix("范围：全校，共 5 人") == true)
        #expect(rows[2].first?.contains("办理状态 选 1/2/3") == true)
        #expect(rows[3].first?.contains("inbox/departments/图书馆/") == true)
        #expect(
            rows[4] == ["学工号", "姓名", "学院", "专业", "班级", "培养层次", "离校批次", "办理状态", "办理备注", "导出编号"])
        let code = try #require(rows[5].last)
        let expected: [[String]] = [
            ["2023110101", "张伟", Self.cs, "软件工程", "软工2301", "本科", Self.batch, "3 已办理", "", code],
            ["2023110102", "王芳", Self.cs, "软件工程", "软工2301", "本科", Self.batch, "3 已办理", "已还书", code],
            ["0123456", Self.formulaName, Self.cs, "软件工程", "软工2302", "本科", Self.batch, "1 未办理", "欠书 2 本", code],
            ["2024210305", "李娜", Self.fl, "英语语言文学", "英硕2401", "硕士", Self.batch, "3 已办理", "", code],
            ["2024210306", "赵敏", Self.fl, "翻译", "英硕2401", "硕士", Self.batch, "1 未办理", "", code],
        ]
        #expect(Array(rows[5...]) == expected)
        // Every row and the last note carry the export's code: batch, item, scope and ledger position, signed.
        let read = ExportCode.read(code, signer: ReportsSample.context.originSigner)
        #expect(read == .success(ExportCode(kind: .department, batch: "2027-summer", item: "library", sequence: 42)))
        #expect(rows[3].first?.hasSuffix("导出编号：\(code)") == true)
    }

    @Test("a code edited by hand, cut short or signed by another key does not verify")
    func exportCodeRefusesForgeries() throws {
        let signer = ReportsSample.context.originSigner
        let code = ExportCode(kind: .department, batch: "2027-summer", item: "library", college: "cs|x", sequence: 42)
        let text = code.text(signer: signer)
        #expect(ExportCode.read(text, signer: signer) == .success(code))
        #expect(ExportCode.read("  \(text)\n", signer: signer) == .success(code))
        #expect(ExportCode.find(in: "放回 …。导出编号：\(text)", signer: signer) == .success(code))
        #expect(ExportCode.read(text.replacing("|42|", with: "|43|"), signer: signer) == .failure(.forged))
        #expect(ExportCode.read(String(text.dropLast(3)), signer: signer) == .failure(.forged))
        #expect(ExportCode.read("LX1|D|2027-summer", signer: signer) == .failure(.malformed))
        #expect(ExportCode.read("2023110101", signer: signer) == nil)
        let other = OriginSigner { _ in String(repeating: "0", count: 64) }
        #expect(ExportCode.read(text, signer: other) == .failure(.forged))
    }

    @Test("the formula-looking name comes back as text and 0123456 keeps its zero")
    func hostileCellsStayText() throws {
        let reader = try SpreadsheetReader(path: try DepartmentOutputs.path(.exportLibrary))
        let row = try reader.rows(inSheet: 0)[7]
        #expect(row[0] == .text("0123456"))
        #expect(row[1] == .text(Self.formulaName))
    }

    @Test("the apartment centre's export lists residents only, with building and room")
    func apartmentExportListsResidents() throws {
        let rows = try DepartmentTools.texts(try DepartmentOutputs.path(.exportApartment), sheet: "lixiao")
        #expect(rows[0] == ["学生公寓管理中心 离校办理数据导出（2027届夏季毕业）"])
        #expect(
            rows[4] == [
                "学工号", "姓名", "学院", "专业", "班级", "培养层次", "离校批次", "公寓楼", "房间", "办理状态", "办理备注",
                "导出编号",
            ])
        #expect(rows[5...].map { $0[0] } == ["2023110101", "0123456", "2024210305"])
        #expect(
            rows[5].prefix(10) == [
                "2023110101", "张伟", Self.cs, "软件工程", "软工2301", "本科", Self.batch, "10号楼", "305", "3 已办理",
            ])
        #expect(rows[7][7...8] == ["研3号楼", "112"])
    }

    @Test("a college-scoped item's export holds only that college's people and says where to return it")
    func collegeScopedExport() throws {
        let path = try DepartmentOutputs.path(.exportPartyCS)
        let rows = try DepartmentTools.texts(path, sheet: "lixiao")
        #expect(rows[0] == ["学院党委（计算机科学与技术学院） 离校办理数据导出（2027届夏季毕业）"])
        #expect(rows[1].first?.hasPrefix("范围：计算机科学与技术学院，共 3 人") == true)
        #expect(rows[3].first?.contains("inbox/departments/学院党委/计算机科学与技术学院/") == true)
        #expect(rows[5...].map { $0[0] } == ["2023110101", "2023110102", "0123456"])
        #expect(rows[5...].map { $0[7] } == ["3 已办理", "2 无需办理", "3 已办理"])
        let origin = try #require(try DepartmentTools.origin(path))
        #expect(origin.college == "cs")
        #expect(origin.item == "party")
    }

    @Test("an item limited to graduate levels lists only 硕士 and 博士")
    func levelRuleLimitsTheList() throws {
        let graduate = try #require(ReportsSample.university.item("graduate"))
        let listed = DepartmentExport.people(ReportsSample.context, item: graduate, college: nil)
        #expect(listed.map(\.person.id) == ["2024210305", "2024210306"])
    }

    @Test("the export carries its origin: batch, item, sequence, time and every row's status and remark")
    func exportOrigin() throws {
        let origin = try #require(try DepartmentTools.origin(try DepartmentOutputs.path(.exportLibrary)))
        let expected = Origin(
            kind: .department, batch: "2027-summer", item: "library", sequence: 42,
            generatedAt: "2027-06-25 09:00:00",
            rows: [
                "2023110101": ItemState(status: .done), "2023110102": ItemState(status: .done, remark: "已还书"),
                "0123456": ItemState(status: .pending, remark: "欠书 2 本"), "2024210305": ItemState(status: .done),
                "2024210306": ItemState(status: .pending),
            ])
        #expect(origin == expected)
        let reader = try SpreadsheetReader(path: try DepartmentOutputs.path(.exportLibrary))
        #expect(reader.sheets.map(\.name) == ["lixiao", "_lixiao_origin"])
        #expect(reader.sheets.map(\.isHidden) == [false, true])
    }

    @Test("an ad-hoc export lists the chosen people the item applies to, under the given title")
    func adHocExport() throws {
        let folder = ReportsSample.temporaryFolder("adhoc")
        let path = folder.appendingPathComponent("export.xlsx").path
        let state = ReportsSample.state
        let chosen = ["2024210305", "2023110102", "0123456"].compactMap { state[PersonID($0)] }
        let apartment = try #require(ReportsSample.university.item("apartment"))
        try DepartmentExport.write(
            ReportsSample.context, item: apartment, people: chosen, title: "公寓 按学号导出", to: path)
        let rows = try DepartmentTools.texts(path)
        #expect(rows[0] == ["公寓 按学号导出"])
        #expect(rows[5...].map { $0[0] } == ["0123456", "2024210305"])
        let origin = try #require(try DepartmentTools.origin(path))
        #expect(origin.rows.keys.sorted() == ["0123456", "2024210305"])
        #expect(origin.college == nil)
    }

    @Test("file names name the item, the college of a college-scoped item, and the batch")
    func fileNames() throws {
        let university = ReportsSample.university
        let library = try #require(university.item("library"))
        let party = try #require(university.item("party"))
        #expect(
            DepartmentExport.fileName(item: library, college: nil, batch: ReportsSample.summer)
                == "数据导出-图书馆-2027届夏季毕业.xlsx")
        #expect(
            DepartmentExport.fileName(item: party, college: ReportsSample.cs, batch: ReportsSample.summer)
                == "数据导出-学院党委-计算机科学与技术学院-2027届夏季毕业.xlsx")
        let odd = Item(id: "odd", name: "财务/审计:处")
        #expect(
            DepartmentExport.fileName(item: odd, college: nil, batch: ReportsSample.summer)
                == "数据导出-财务_审计_处-2027届夏季毕业.xlsx")
    }

    @Test("an export of more than 2,000 people is written in constant-memory mode and reads back whole")
    func largeExport() throws {
        var state = BatchState(batch: ReportsSample.summer)
        for index in 0..<2_100 {
            let id = PersonID(String(2_023_000_000 + index))
            state.apply(
                .added(
                    Person(
                        id: id, name: "学生\(index)",
                        college: index.isMultiple(of: 2) ? ReportsSample.fl.name : ReportsSample.cs.name,
                        className: "班\(index % 7)", level: "本科", batch: ReportsSample.summer.id)))
            if index.isMultiple(of: 3) {
                state.apply(
                    .statusSet(id, "library", old: .initial, new: ItemState(status: .done, remark: "r\(index)")))
            }
        }
        let context = OutputContext(
            university: ReportsSample.university, state: state, sequence: 7, today: Day(year: 2027, month: 6, day: 1),
            generatedAt: "2027-06-01 08:00:00", zone: ReportsSample.zone, originSigner: .sample)
        let path = ReportsSample.temporaryFolder("large").appendingPathComponent("large.xlsx").path
        let library = try #require(ReportsSample.university.item("library"))
        try DepartmentExport.write(context, item: library, college: nil, to: path)
        let rows = try DepartmentTools.texts(path)
        #expect(rows.count == 5 + 2_100)
        #expect(rows[5][2] == ReportsSample.cs.name)
        #expect(rows.last?[2] == ReportsSample.fl.name)
        let origin = try #require(try DepartmentTools.origin(path))
        #expect(origin.rows.count == 2_100)
        #expect(origin.rows["2023000003"] == ItemState(status: .done, remark: "r3"))
    }
}
