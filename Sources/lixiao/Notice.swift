import ArgumentParser
import Clearance
import Foundation
import Pipeline

/// `lixiao notice <学工号>`: writes a person's departure notice (离校通知单), printable on one A4 page.
struct Notice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one person's departure notice (离校通知单), printable on one A4 page.",
        discussion: """
            By default it goes to outbox/notices/<批次>/<学院>/. It is written as a workbook and, beside it \
            (the same name ending in .pdf, replaced if there), as a signed one-page PDF; from then on the outbox \
            keeps the person's notice current and the batch's list of superseded notices covers it.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "The person's 学工号.")
    var id: String

    @Option(
        name: .shortAndLong, help: "Write here instead of outbox/notices/.", completion: .file(extensions: ["xlsx"]))
    var output: String?

    func validate() throws {
        // The notice is a workbook: a name promising another format would open as garbage.
        if let output, !output.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("--output must end in .xlsx: the notice is written as an Excel workbook")
        }
    }

    func run() throws {
        let workspace = try options.workspace()
        let session = try options.session(workspace, logger: options.logger())
        guard
            let path = try AdHocExport.notice(
                session: session, person: PersonID(id), to: output, clock: options.clock)
        else {
            printError("error: no departing person with 学工号 \(id)")
            throw ExitStatus.noInput
        }
        print("wrote \(path)")
        let page = String(path.dropLast(".xlsx".count)) + ".pdf"
        if session.noticeKey != nil, FileManager.default.fileExists(atPath: page) {
            print("wrote \(page) (signed; the outbox keeps this person's notice current from now on)")
        }
    }
}
