import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// The blank templates in outbox/templates/: headers, drop-downs of this pipeline's values, text IDs, instructions.
struct TemplateTests {
    typealias File = DepartmentOutputs.File

    @Test(
        "each template's first sheet holds its header, and a 填写说明 sheet follows",
        arguments: [
            (
                File.roster, "离校人员导入",
                ["学工号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "导师工号", "导师姓名", "公寓楼", "房间", "离校批次"]
            ),
            (File.departmentReturn, "lixiao", ["学工号", "姓名", "办理状态", "办理备注"]),
            (File.advisorTemplate, "导师签字", ["学工号", "姓名", "签字", "备注"]),
            (File.issuanceTemplate, "发证确认", ["学工号", "姓名", "确认发证"]),
            (File.applicationTemplate, "自助离校申请", ["学号", "姓名", "离校批次"]),
            (File.withdrawalTemplate, "撤销离校", ["学工号", "姓名", "离校批次", "撤销原因"]),
        ])
    func headers(file: File, sheet: String, header: [String]) throws {
        let path = try DepartmentOutputs.path(file)
        let reader = try SpreadsheetReader(path: path)
        #expect(reader.sheets.first?.name == sheet)
        #expect(reader.sheets.dropFirst().first?.name == "填写说明")
        #expect(try DepartmentTools.texts(path) == [header])
        let guide = try DepartmentTools.texts(path, sheet: "填写说明")
        #expect(guide.first?.first?.hasSuffix("填写说明") == true)
        #expect(guide.contains { $0.first == "学工号" })
        let report = try DepartmentOutputs.report(file)
        #expect(report.properties.creator == "lixiao")
        #expect(report.properties.company == "测试大学")
        #expect(try report.sheet(sheet).freezePanes == "A2")
        #expect(try report.sheet(sheet).firstRowFormats["A"] == "@")
    }

    @Test("the roster template offers this pipeline's colleges, levels, batches and 男/女, with ID columns as text")
    func rosterDropDowns() throws {
        let sheet = try DepartmentOutputs.report(.roster).sheet("离校人员导入")
        #expect(
            sheet.validations == [
                .init(type: "list", sqref: "C2:C2001", formula1: "\"男,女\""),
                .init(type: "list", sqref: "D2:D2001", formula1: "\"计算机科学与技术学院,外国语学院\""),
                .init(type: "list", sqref: "G2:G2001", formula1: "\"本科,硕士,博士\""),
                .init(type: "list", sqref: "L2:L2001", formula1: "\"2027届夏季毕业\""),
            ])
        #expect(sheet.firstRowFormats["A"] == "@")
        #expect(sheet.firstRowFormats["H"] == "@")
        #expect(sheet.firstRowFormats["K"] == "@")
        #expect(sheet.firstRowFormats["B"] == "General")
        #expect(sheet.protected == false)
        let guide = try DepartmentTools.texts(try DepartmentOutputs.path(.roster), sheet: "填写说明")
        #expect(guide.contains { $0 == ["培养层次", "从下拉列表选择：本科、硕士、博士。"] })
    }

    @Test("a long college list goes to a hidden sheet the drop-down points at")
    func longCollegeList() throws {
        var university = ReportsSample.university
        university.colleges = (1...30).map { College(id: "c\($0)", name: "第\($0)学院（含附属研究院与继续教育中心）") }
        let path = ReportsSample.temporaryFolder("template-long").appendingPathComponent("roster.xlsx").path
        try Templates.rosterTemplate(university, to: path)
        let report = try #require(try DepartmentTools.openpyxlReports([path])[path])
        #expect(report.hiddenSheets == ["_lists"])
        let college = try report.sheet("离校人员导入").validations.first { $0.sqref == "D2:D2001" }
        #expect(college?.formula1 == "'_lists'!$A$1:$A$30")
        let reader = try SpreadsheetReader(path: path)
        #expect(reader.sheets.map(\.name) == ["离校人员导入", "填写说明", "_lists"])
        #expect(try reader.rows(inSheet: 2).count == 30)
    }

    @Test("the department return template explains range rows and lists the department folders")
    func departmentInstructions() throws {
        let guide = try DepartmentTools.texts(try DepartmentOutputs.path(.departmentReturn), sheet: "填写说明")
        let text = guide.map { $0.joined(separator: " ") }.joined(separator: "\n")
        #expect(text.contains("11120201-11120260"))
        #expect(text.contains("最多 200 个学号"))
        #expect(text.contains("图书馆、学生公寓管理中心、研究生院、学院党委"))
        #expect(text.contains("inbox/departments/<部门>/<学院>/"))
        let sheet = try DepartmentOutputs.report(.departmentReturn).sheet("lixiao")
        #expect(sheet.validations == [.init(type: "list", sqref: "C2:C2001", formula1: "\"1 未办理,2 无需办理,3 已办理\"")])
    }

    @Test("the withdrawal template asks for the reason, offers the batches, and says where it goes and how to undo it")
    func withdrawalTemplate() throws {
        let sheet = try DepartmentOutputs.report(.withdrawalTemplate).sheet("撤销离校")
        #expect(sheet.validations == [.init(type: "list", sqref: "C2:C2001", formula1: "\"2027届夏季毕业\"")])
        let guide = try DepartmentTools.texts(try DepartmentOutputs.path(.withdrawalTemplate), sheet: "填写说明")
        let text = guide.map { $0.joined(separator: " ") }.joined(separator: "\n")
        #expect(text.contains("inbox/colleges/<学院>/roster/"))
        #expect(text.contains("撤销原因"))
        #expect(text.contains("重新导入"))
    }

    @Test("every template kind has its own file name")
    func fileNames() {
        #expect(
            Templates.Kind.allCases.map(\.fileName) == [
                "离校人员导入模板.xlsx", "部门回传模板.xlsx", "导师签字模板.xlsx", "发证确认模板.xlsx", "自助离校申请模板.xlsx",
                "撤销离校模板.xlsx",
            ])
    }
}
