import Clearance
import Foundation
import Sheets

@testable import Reports

/// Every department-side workbook of `ReportsSample`, written once per test run, and what the real clients make
/// of them (each computed once, on first use, so parallel tests share one LibreOffice run per format).
enum DepartmentOutputs {
    /// The files written, by a short name.
    enum File: String, CaseIterable, Sendable {
        case exportLibrary = "export-library"
        case exportApartment = "export-apartment"
        case exportPartyCS = "export-party-cs"
        case pendingLibrary = "pending-library"
        case advisor = "advisor-T2003015"
        case roster = "template-roster"
        case departmentReturn = "template-department"
        case advisorTemplate = "template-advisor"
        case issuanceTemplate = "template-issuance"
        case applicationTemplate = "template-application"
        case withdrawalTemplate = "template-withdrawal"
        case originEdge = "origin-edge"

        /// Whether the file embeds an origin.
        var hasOrigin: Bool {
            [.exportLibrary, .exportApartment, .exportPartyCS, .advisor, .originEdge].contains(self)
        }
    }

    /// The sample context a week after the deadline, for overdue pending lists.
    static var lateContext: OutputContext {
        var context = ReportsSample.context
        context.today = Day(year: 2027, month: 7, day: 3)
        return context
    }

    /// An issuance origin whose remarks are the texts most likely to be changed by a program saving the file.
    static let edgeOrigin = Origin(
        kind: .issuance, batch: "2027-summer", college: "cs", sequence: 1_234_567, generatedAt: "2027-06-25 09:00:00",
        rows: [
            "0123456": ItemState(status: .pending, remark: "=SUM(A1:A2)"),
            "0000001": ItemState(status: .done, remark: "+86 138 0000 0000"),
            "2023110101": ItemState(status: .notRequired, remark: "_x0041_ 字面"),
            "2023110102": ItemState(status: .pending, remark: "  前后空格  "),
            "2023110103": ItemState(status: .pending, remark: "第一行\n第二行"),
            "2023110104": ItemState(status: .pending, remark: "📚 欠书，\"引号\"，'撇号'"),
            "2023110105": ItemState(status: .done, remark: String(repeating: "长备注", count: 200)),
            "2023110106": ItemState(status: .pending, remark: ""),
            "1.1120205E7": ItemState(status: .pending, remark: "-1"),
        ])

    private static let written: Result<URL, any Error> = Result {
        let folder = ReportsSample.temporaryFolder("department")
        let context = ReportsSample.context
        let university = ReportsSample.university
        func item(_ id: ItemID) throws -> Item {
            guard let item = university.item(id) else { throw DepartmentToolFailure(description: "no item \(id)") }
            return item
        }
        func path(_ file: File) -> String { folder.appendingPathComponent(file.rawValue + ".xlsx").path }
        try DepartmentExport.write(context, item: try item("library"), college: nil, to: path(.exportLibrary))
        try DepartmentExport.write(context, item: try item("apartment"), college: nil, to: path(.exportApartment))
        try DepartmentExport.write(
            context, item: try item("party"), college: ReportsSample.cs, to: path(.exportPartyCS))
        try PendingList.write(lateContext, item: try item("library"), college: nil, to: path(.pendingLibrary))
        try AdvisorSheet.write(context, advisorID: "T2003015", to: path(.advisor))
        try Templates.rosterTemplate(university, to: path(.roster))
        try Templates.departmentReturnTemplate(university, to: path(.departmentReturn))
        try Templates.advisorTemplate(university, to: path(.advisorTemplate))
        try Templates.issuanceTemplate(university, to: path(.issuanceTemplate))
        try Templates.applicationTemplate(university, to: path(.applicationTemplate))
        try Templates.withdrawalTemplate(university, to: path(.withdrawalTemplate))
        let workbook = WorkbookBuilder()
        try workbook.addSheet("名单").write("手工表", row: 0, column: 0)
        try edgeOrigin.write(into: workbook, signer: .sample)
        try workbook.model.write(to: path(.originEdge))
        return folder
    }

    /// The path of `file`, written on first use.
    static func path(_ file: File) throws -> String {
        try written.get().appendingPathComponent(file.rawValue + ".xlsx").path
    }

    private static func paths(_ files: [File]) throws -> [String] {
        try files.map(path)
    }

    private static func converted(to filter: String, label: String, files: [File]) -> Result<URL, any Error> {
        Result {
            let folder = try written.get().appendingPathComponent(label)
            try DepartmentTools.libreOffice(try paths(files), to: filter, into: folder, label: label)
            return folder
        }
    }

    private static let csvFolder = converted(
        to: DepartmentTools.csvEverySheet, label: "csv", files: File.allCases)
    private static let xlsxFolder = converted(to: "xlsx", label: "xlsx", files: File.allCases.filter(\.hasOrigin))
    private static let xlsFolder = converted(to: "xls", label: "xls", files: File.allCases.filter(\.hasOrigin))
    private static let reports: Result<[String: DepartmentCheck], any Error> = Result {
        try DepartmentTools.openpyxlReports(try paths(File.allCases))
    }

    /// The rows LibreOffice's UTF-8 CSV export gives for `sheet` of `file`.
    static func csv(_ file: File, sheet: String) throws -> [[String]] {
        let url = try csvFolder.get().appendingPathComponent("\(file.rawValue)-\(sheet).csv")
        return DepartmentTools.parseCSV(try String(contentsOf: url, encoding: .utf8))
    }

    /// `file` after LibreOffice saved it as xlsx.
    static func libreOfficeXlsx(_ file: File) throws -> String {
        try xlsxFolder.get().appendingPathComponent(file.rawValue + ".xlsx").path
    }

    /// `file` after LibreOffice saved it as legacy xls.
    static func libreOfficeXls(_ file: File) throws -> String {
        try xlsFolder.get().appendingPathComponent(file.rawValue + ".xls").path
    }

    /// What openpyxl sees in `file`.
    static func report(_ file: File) throws -> DepartmentCheck {
        let path = try path(file)
        guard let report = try reports.get()[path] else {
            throw DepartmentToolFailure(description: "department_check.py reported nothing for \(path)")
        }
        return report
    }
}
