import Clearance
import Foundation

/// Files dropped where no folder takes them (`departments/学院党委/` itself, an unknown department, an advisor
/// folder not named by a 工号): each is answered with a receipt saying where it belongs, never left unanswered.
enum StrayFiles {
    /// The settled files in inbox folders that take none, with the reason to give.
    static func find(in workspace: Workspace, scanner: InboxScanner) -> [InboxScanner.Found: String] {
        let known = knownFolders(workspace)
        var found: [InboxScanner.Found: String] = [:]
        for relative in folders(under: workspace.inbox, depth: 4) where !known.contains(relative) {
            let listing = scanner.scan(workspace.inbox + "/" + relative, folder: relative)
            for file in listing.ready { found[file] = reason(for: relative, workspace.university) }
        }
        return found
    }

    /// Every folder relative to the inbox that takes files, with its preview folder.
    static func knownFolders(_ workspace: Workspace) -> Set<String> {
        var known: Set<String> = ["registry", "applications"]
        for college in workspace.university.colleges {
            known.insert("colleges/\(college.folder)/roster")
            known.insert("colleges/\(college.folder)/issuance")
        }
        for folder in ReturnFolder.all(workspace) where !folder.isPreview { known.insert(folder.relative) }
        for folder in Array(known) { known.insert(folder + "/" + ReturnFolder.previewName) }
        return known
    }

    private static func folders(under root: String, depth: Int) -> [String] {
        guard depth > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        var result: [String] = [""]
        for name in names.sorted() where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder), isFolder.boolValue
            else { continue }
            result += folders(under: root + "/" + name, depth: depth - 1).map { $0.isEmpty ? name : name + "/" + $0 }
        }
        return result
    }

    private static func reason(for relative: String, _ university: University) -> String {
        let parts = relative.split(separator: "/").map(String.init)
        if parts.first == "departments", parts.count >= 2,
            let item = university.items.first(where: { $0.folder == parts[1] }), item.scope == .college
        {
            return "「\(item.name)」按学院办理，请把文件放入 inbox/departments/\(item.folder)/<学院>/ 下对应学院的文件夹"
        }
        if parts.first == "advisors" {
            return "导师签字表请放入以导师工号命名的文件夹，例如 inbox/advisors/T2003015/"
        }
        return "此文件夹（inbox/\(relative.isEmpty ? "" : relative + "/")）不接收文件；各类文件应放的位置见各文件夹中的 说明.txt"
    }
}
