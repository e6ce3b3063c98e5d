import Clearance

/// Files dropped where no folder takes them (`departments/学院党委/` itself, an unknown department, an advisor
/// folder not named by a 工号): each is answered with a receipt saying where it belongs, never left unanswered.
enum StrayFiles {
    /// The reason a receipt gives for a file in `relative`, a folder that takes none.
    static func reason(for relative: String, _ university: University) -> String {
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
