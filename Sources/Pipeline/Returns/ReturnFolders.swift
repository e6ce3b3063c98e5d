import Clearance

/// An inbox folder that takes returned sheets, and the role its files speak for (DESIGN.md §3).
enum ReturnRole: Sendable {
    /// `departments/<部门>/` or, for a college-scoped item, `departments/<部门>/<学院>/`.
    case department(Item, College?)
    /// `advisors/<导师工号>/`.
    case advisor(String, Item)
    /// `colleges/<学院>/issuance/`.
    case issuance(College)
    /// `applications/`.
    case applications
}

extension ReturnRole {
    /// For folders that set an item's status (departments and advisors): which item, for which college or advisor.
    var statusTarget: (item: Item, college: College?, advisor: String?)? {
        switch self {
        case .department(let item, let college): (item, college, nil)
        case .advisor(let advisor, let item): (item, nil, advisor)
        case .issuance, .applications: nil
        }
    }
}

/// A folder to scan: its path, its name relative to the inbox, its role, and whether it is a preview folder.
struct ReturnFolder: Sendable {
    var path: String
    var relative: String
    var role: ReturnRole
    /// Files here get the receipt of what would happen, and change nothing.
    var isPreview: Bool

    /// The name of the preview sub-folder inside every inbox folder.
    static let previewName = "预览"

    /// The folder's path relative to the inbox as the walk names it (`…/预览` for a preview folder).
    var scannedName: String { isPreview ? relative + "/" + Self.previewName : relative }

    /// Every return folder of the pipeline, each followed by its preview folder. Advisor folders are the real
    /// sub-folders of `inbox/advisors/` named with a valid 工号, as `tree` found them (a link is never one).
    static func all(_ workspace: Workspace, tree: InboxTree) -> [ReturnFolder] {
        var folders: [ReturnFolder] = []
        func add(_ relative: String, _ role: ReturnRole) {
            let path = workspace.inbox + "/" + relative
            folders.append(ReturnFolder(path: path, relative: relative, role: role, isPreview: false))
            folders.append(
                ReturnFolder(path: path + "/" + previewName, relative: relative, role: role, isPreview: true))
        }
        let university = workspace.university
        for item in university.items {
            switch item.scope {
            case .school: add("departments/\(item.folder)", .department(item, nil))
            case .college:
                for college in university.colleges {
                    add("departments/\(item.folder)/\(college.folder)", .department(item, college))
                }
            case .advisor:
                for name in tree.subfolders(of: "advisors").sorted() where OutputPlan.isSafeFolderName(name) {
                    add("advisors/\(name)", .advisor(name, item))
                }
            }
        }
        for college in university.colleges { add("colleges/\(college.folder)/issuance", .issuance(college)) }
        add("applications", .applications)
        return folders
    }
}
