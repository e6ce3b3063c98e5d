public import Clearance
import Foundation

/// Where everything lives for one pipeline under one root: the inbox and outbox trees and the ledger.
public struct Workspace: Sendable {
    public let definition: PipelineDefinition
    public let root: String
    public let inbox: String
    public let outbox: String
    public let ledger: String

    public var university: University { definition.university }

    public init(root: String, definition: PipelineDefinition) {
        let absoluteRoot = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        let cleanRoot = Workspace.clean(absoluteRoot)
        self.root = cleanRoot
        self.definition = definition
        func resolve(_ folder: String) -> String {
            Workspace.clean(folder.hasPrefix("/") ? folder : cleanRoot + "/" + folder)
        }
        inbox = resolve(definition.folders.inbox)
        outbox = resolve(definition.folders.outbox)
        ledger = resolve(definition.folders.ledger)
    }

    /// `inbox/registry`.
    public var registryInbox: String { inbox + "/registry" }
    /// `inbox/colleges/<学院>/roster`.
    public func rosterInbox(_ college: College) -> String { inbox + "/colleges/\(college.folder)/roster" }

    /// Where the receipt of a file dropped in `folder` (relative to the inbox) goes.
    public func receiptFolder(forInboxFolder folder: String) -> String {
        let previewSuffix = "/" + ReturnFolder.previewName
        if folder.hasSuffix(previewSuffix) {
            return receiptFolder(forInboxFolder: String(folder.dropLast(previewSuffix.count)))
        }
        if folder == "registry" { return outbox + "/admin/回执" }
        if folder.hasPrefix("colleges/") {
            // Rosters and issuance confirmations get separate receipt folders, so equal file names never clash.
            let parts = folder.split(separator: "/")
            let kind = parts.count > 2 && parts[2] == "issuance" ? "发证确认" : "离校人员导入"
            return outbox + "/colleges/\(parts.count > 1 ? parts[1] : "")/回执/\(kind)"
        }
        if folder.hasPrefix("applications") { return outbox + "/applications/回执" }
        return outbox + "/" + folder + "/回执"
    }

    /// Removes `.` segments, doubled and trailing slashes.
    static func clean(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }
}
