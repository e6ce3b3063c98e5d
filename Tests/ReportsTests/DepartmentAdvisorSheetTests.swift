import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// The sheet an advisor signs: their students only, 签字 pre-filled where already signed, and its origin.
struct DepartmentAdvisorSheetTests {
    @Test("the advisor's sheet lists their students with the current status and an empty 签字 to fill")
    func advisorRows() throws {
        let rows = try DepartmentTools.texts(try DepartmentOutputs.path(.advisor), sheet: "导师签字")
        #expect(rows[0] == ["陈教授 导师签字名单（2027届夏季毕业）"])
        #expect(rows[1].first?.hasPrefix("导师工号：T2003015，共 2 人") == true)
        #expect(rows[3].first?.contains("inbox/advisors/T2003015/") == true)
        #expect(rows[4] == ["学工号", "姓名", "学院", "专业", "班级", "培养层次", "当前状态", "签字", "备注", "导出编号"])
        let code = try #require(rows[5].last)
        #expect(
            Array(rows[5...]) == [
                ["2024210305", "李娜", "外国语学院", "英语语言文学", "英硕2401", "硕士", "未签字", "", "", code],
                ["2024210306", "赵敏", "外国语学院", "翻译", "英硕2401", "硕士", "未签字", "", "", code],
            ])
        #expect(
            ExportCode.read(code, signer: ReportsSample.context.originSigner)
                == .success(
                    ExportCode(kind: .advisor, batch: "2027-summer", item: "advisor", advisor: "T2003015", sequence: 42)
                ))
    }

    @Test("a student already signed for shows 是, and the origin records each student's state")
    func signedStudent() throws {
        var context = ReportsSample.context
        context.state.apply(
            .statusSet("2024210305", "advisor", old: .initial, new: ItemState(status: .done, remark: "论文已定稿")))
        let path = ReportsSample.temporaryFolder("advisor").appendingPathComponent("advisor.xlsx").path
        try AdvisorSheet.write(context, advisorID: "T2003015", to: path)
        let rows = try DepartmentTools.texts(path)
        #expect(rows[5][6...8] == ["已签字", "是", "论文已定稿"])
        #expect(rows[6][7...8] == ["", ""])
        let origin = try #require(try DepartmentTools.origin(path))
        #expect(
            origin
                == Origin(
                    kind: .advisor, batch: "2027-summer", item: "advisor", advisor: "T2003015", sequence: 42,
                    generatedAt: "2027-06-25 09:00:00",
                    rows: [
                        "2024210305": ItemState(status: .done, remark: "论文已定稿"),
                        "2024210306": ItemState(status: .pending),
                    ]))
    }

    @Test("only 签字 and 备注 are editable, with a 是/否 drop-down, a frozen header and a filter")
    func protectionAndDropDown() throws {
        let sheet = try DepartmentOutputs.report(.advisor).sheet("导师签字")
        #expect(sheet.protected)
        #expect(
            sheet.columnLocks == [
                "A": "locked", "B": "locked", "C": "locked", "D": "locked", "E": "locked", "F": "locked", "G": "locked",
                "H": "unlocked", "I": "unlocked", "J": "locked",
            ])
        #expect(sheet.validations == [.init(type: "list", sqref: "H6:H7", formula1: "\"是,否\"")])
        #expect(sheet.freezePanes == "A6")
        #expect(sheet.autoFilter == "A5:J7")
        #expect(sheet.cells["A6"]?.format == "@")
        #expect(sheet.cells["A6"]?.type == "s")
    }

    @Test("an advisor without students gets a sheet with its heading only")
    func noStudents() throws {
        let path = ReportsSample.temporaryFolder("advisor-none").appendingPathComponent("none.xlsx").path
        try AdvisorSheet.write(ReportsSample.context, advisorID: "T9999999", to: path)
        let rows = try DepartmentTools.texts(path)
        #expect(rows.count == 5)
        #expect(rows[0] == ["T9999999 导师签字名单（2027届夏季毕业）"])
        #expect(try DepartmentTools.origin(path)?.rows.isEmpty == true)
    }

    @Test("the batch's advisors are listed with their names, and file names use the name")
    func advisorsAndFileName() throws {
        let advisors = AdvisorSheet.advisors(ReportsSample.context)
        #expect(advisors.map(\.id) == ["T2003015"])
        #expect(advisors.map(\.name) == ["陈教授"])
        #expect(AdvisorSheet.fileName(advisorName: "陈教授", batch: ReportsSample.summer) == "导师签字-陈教授-2027届夏季毕业.xlsx")
    }

    @Test("a pipeline without an advisor item refuses to make an advisor sheet")
    func noAdvisorItem() throws {
        var context = ReportsSample.context
        context.university.items.removeAll { $0.scope == .advisor }
        let path = ReportsSample.temporaryFolder("advisor-item").appendingPathComponent("x.xlsx").path
        #expect(throws: AdvisorSheetError.noAdvisorItem) {
            try AdvisorSheet.write(context, advisorID: "T2003015", to: path)
        }
        #expect(AdvisorSheet.advisors(context).isEmpty)
    }
}
