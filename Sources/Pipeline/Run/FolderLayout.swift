import Clearance
import Foundation
import Glibc

/// Lays out the inbox and outbox trees a pipeline needs (`lixiao init`), each inbox folder with a 说明.txt.
///
/// Below the root's own `inbox/`, `outbox/` and `ledger/` nothing is followed: each level is created with
/// `mkdirat` and entered with `openat(…, O_DIRECTORY | O_NOFOLLOW)`, and a guide is written through its folder's
/// descriptor, so a folder replaced by a link to somewhere else is skipped (and answered by the next round as a
/// link), never written through.
public enum FolderLayout {
    /// Creates every folder (mode 0750) and writes the guides; returns the folders created.
    ///
    /// The ledger's folder is created only when `creatingLedger` is true (`lixiao init`): every other command opens
    /// the ledger through ``LedgerSession``, which refuses a ledger that is missing where a season ran.
    ///
    /// `advisors` (工号 → name, from `LedgerSession.advisors`) gives every advisor their own
    /// `inbox/advisors/<工号>/` and `outbox/advisors/<工号>/` before they need them, so the share's permissions
    /// can be set in advance (`lixiao share-setup`): advisors never create folders.
    @discardableResult
    public static func create(
        _ workspace: Workspace, creatingLedger: Bool = false, advisors: [String: String] = [:]
    ) throws -> [String] {
        for folder in [workspace.inbox, workspace.outbox] {
            var status = stat()
            if lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFLNK { throw LinkedFolder(path: folder) }
        }
        var created: [String] = []
        let bases = [workspace.inbox, workspace.outbox, workspace.ledger].sorted { $0.count > $1.count }
        func folder(_ path: String, guide: String? = nil) throws {
            guard let base = bases.first(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return }
            try FileManager.default.createDirectory(
                atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            let relative = String(path.dropFirst(base.count)).split(separator: "/").map(String.init)
            let own = base == workspace.outbox
            guard let descriptor = SafeFolder.make(base: base, relative, created: &created, replacingLinks: own)
            else { return }
            defer { close(descriptor) }
            if let guide {
                try SafeFolder.write(
                    Array(guide.utf8), named: InboxGuide.fileName, in: descriptor, path: path,
                    onlyOver: InboxGuide.opening)
            }
        }
        let university = workspace.university
        let inbox = workspace.inbox
        let outbox = workspace.outbox
        if creatingLedger { try folder(workspace.ledger) }
        try folder(inbox + "/registry", guide: InboxGuide.registry)
        try folder(inbox + "/applications", guide: InboxGuide.applications(university))
        for item in university.items {
            switch item.scope {
            case .school:
                try folder(inbox + "/departments/\(item.folder)", guide: InboxGuide.department(item, college: nil))
                try folder(outbox + "/departments/\(item.folder)")
            case .college:
                for college in university.colleges {
                    try folder(
                        inbox + "/departments/\(item.folder)/\(college.folder)",
                        guide: InboxGuide.department(item, college: college))
                    try folder(outbox + "/departments/\(item.folder)/\(college.folder)")
                }
            case .advisor:
                try folder(inbox + "/advisors", guide: InboxGuide.advisors)
                try folder(outbox + "/advisors")
                for id in advisors.keys.sorted() where OutputPlan.isSafeFolderName(id) {
                    try folder(inbox + "/advisors/\(id)", guide: InboxGuide.advisor(id: id, name: advisors[id] ?? ""))
                    try folder(outbox + "/advisors/\(id)")
                }
            }
        }
        for college in university.colleges {
            try folder(inbox + "/colleges/\(college.folder)/roster", guide: InboxGuide.roster(college, university))
            try folder(inbox + "/colleges/\(college.folder)/issuance", guide: InboxGuide.issuance(college))
            try folder(outbox + "/colleges/\(college.folder)")
        }
        for path in ["admin", "apartment", "templates", "notices", "applications/回执"] {
            try folder(outbox + "/" + path)
        }
        return created
    }
}

extension FolderLayout {
    /// The root's inbox or outbox is a symbolic link: lixiao never reads or writes through one (the real place
    /// belongs in the pipeline file's `[folders]`).
    public struct LinkedFolder: Error, CustomStringConvertible {
        public var path: String

        public var description: String {
            "\(path) is a symbolic link; lixiao never reads or writes through one. Set the real folder in the "
                + "pipeline file's [folders] section instead"
        }
    }
}

/// Folders made and files written one level at a time, never through a link.
enum SafeFolder {
    /// Makes `relative` below `base` level by level and returns the last level's descriptor, or `nil` when a
    /// level is not a real folder (a link, a file).
    ///
    /// The corresponding C functions are `mkdirat` and `openat` with `O_DIRECTORY | O_NOFOLLOW`.
    ///
    /// With `replacingLinks` (for the outbox, which is lixiao's own), a symbolic link where a folder belongs is
    /// removed — the link itself, never what it points to — and a real folder made in its place.
    static func make(base: String, _ relative: [String], created: inout [String], replacingLinks: Bool = false)
        -> Int32?
    {
        // The base (inbox, outbox, ledger) must be a real folder too; links above it are the installation's own.
        var descriptor = Glibc.open(base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var path = base
        for part in relative {
            path += "/" + part
            if mkdirat(descriptor, part, 0o750) == 0 { created.append(path) }
            var next = openat(descriptor, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, replacingLinks, isLink(part, in: descriptor), unlinkat(descriptor, part, 0) == 0 {
                if mkdirat(descriptor, part, 0o750) == 0 { created.append(path) }
                next = openat(descriptor, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            close(descriptor)
            guard next >= 0 else { return nil }
            descriptor = next
        }
        return descriptor
    }

    private static func isLink(_ name: String, in folder: Int32) -> Bool {
        var status = stat()
        return fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Makes `path`'s folders: below `outbox` level by level with links replaced (see `make`), elsewhere (a file
    /// a user asked for by name) as usual. Throws when a level below the outbox is not a folder.
    static func makeForWriting(_ path: String, outbox: String) throws {
        guard path.hasPrefix(outbox + "/") else {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            return
        }
        try FileManager.default.createDirectory(
            atPath: outbox, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        var created: [String] = []
        let relative = path.dropFirst(outbox.count + 1).split(separator: "/").map(String.init)
        guard let descriptor = make(base: outbox, relative, created: &created, replacingLinks: true) else {
            throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: path])
        }
        close(descriptor)
    }

    /// Replaces `name` in the folder open as `folder` with `bytes` (mode 0640) unless it already holds them;
    /// a link of that name is replaced, never followed. With `opening`, a regular file of that name is replaced
    /// only when it begins with those bytes (a file lixiao wrote): anyone else's file of that name is left as it is.
    ///
    /// The corresponding C functions are `openat` (`O_NOFOLLOW`), `read`, `write`, `fsync` and `renameat`.
    static func write(
        _ bytes: [UInt8], named name: String, in folder: Int32, path: String, onlyOver opening: [UInt8]? = nil
    ) throws {
        let existing = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if existing >= 0 {
            defer { close(existing) }
            var status = stat()
            if fstat(existing, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
                let size = Int(status.st_size)
                var current = [UInt8](repeating: 0, count: min(size, max(bytes.count, opening?.count ?? 0)))
                let count = current.withUnsafeMutableBytes { read(existing, $0.baseAddress, $0.count) }
                if size == bytes.count, count == bytes.count, current == bytes { return }
                if let opening, count < opening.count || !current.starts(with: opening) { return }
            } else if opening != nil, status.st_mode & S_IFMT != S_IFREG {
                return
            }
        }
        let temporary = ".lixiao-guide-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let output = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard output >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        let written = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
        let synced = fsync(output)
        close(output)
        guard written == bytes.count, synced == 0, renameat(folder, temporary, folder, name) == 0 else {
            unlinkat(folder, temporary, 0)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path + "/" + name])
        }
    }
}

/// The 说明.txt placed in each inbox folder: what to drop there and what comes back.
enum InboxGuide {
    static let fileName = "说明.txt"
    /// How every guide begins, so lixiao replaces its own guide (of any version) and never a file of the same
    /// name that someone else put there.
    static let opening = Array("本文件夹：".utf8)

    /// Where receipts go and how they are named, after the folder's 回执 path.
    static let receiptNaming = "（按处理日期分文件夹，文件名以处理时间开头，如 2027-06-25/09.30.12 原文件名.回执.xlsx；每次放入都保留一份回执）"

    /// The preview folder, said the same way everywhere.
    static let preview = "拿不准时，先放入本文件夹下的「预览」文件夹：回执会说明将会发生什么，但不做任何更改。"

    static let registry = """
        本文件夹：学籍库导出（学籍系统）
        放入：学籍系统导出的学生学籍表（.xlsx / .xls / .csv 均可）。
        必需的列：学号、姓名、学院、培养层次、离校批次；可选：性别、专业、班级、导师工号、导师姓名、公寓楼、房间。
        离校批次为本次配置批次的人员会加入离校名单；其他人员只保存学籍信息。人员不会因表中缺失而被删除。
        离校批次改为另一个已配置批次的人员转入该批次（原批次记为转出）；已发放两证的人员不会转出。
        回执：outbox/admin/回执/\(receiptNaming)
        \(preview)

        """

    static func applications(_ university: University) -> String {
        """
        本文件夹：自助离校申请
        放入：含「学号、姓名、离校批次」三列的表格。离校批次：\(university.batches.map(\.name).joined(separator: "、"))。
        回执：outbox/applications/回执/\(receiptNaming)

        """
    }

    static func department(_ item: Item, college: College?) -> String {
        let scope = college.map { "（仅限\($0.name)）" } ?? ""
        return """
            本文件夹：\(item.name)\(scope) 办理结果回传
            放入：从 outbox 取得的 lixiao 导出表，填写「办理状态」（1 未办理 / 2 无需办理 / 3 已办理）和「办理备注」后放回此处。
            只会修改本部门的办理状态和备注；表中其他列的改动不会生效。可以另存为 CSV、排序筛选或复制到新表，保留最后的「导出编号」列，
            别人在您导出之后做的修改就不会被覆盖。也可以用自己的表（需有「学工号」和「办理状态」列）；「学工号」一格可写一个范围，
            如 2023110101-2023110160（不超过 200 个），范围内本部门可办理的每个人都按这一行办理。
            回执：outbox/departments/\(item.folder)\(college.map { "/\($0.folder)" } ?? "")/回执/\(receiptNaming)
            \(preview)

            """
    }

    static let advisors = """
        本文件夹：导师签字
        每位导师在此有一个以自己工号命名的文件夹（如 advisors/T2003015/），由 lixiao 按学籍库和学院名单建好，
        并由信息中心设置为只有本人可以写入。请把签好字的学生名单（签字列填「是」）放进自己的文件夹，不要自己新建文件夹。
        只能为自己的学生签字。找不到自己的文件夹时，请联系学院核对学籍库中的导师工号。

        """

    static func advisor(id: String, name: String) -> String {
        let who = name.isEmpty ? id : "\(name)（\(id)）"
        return """
            本文件夹：导师 \(who) 签字
            放入：outbox/advisors/\(id)/ 中本人的学生名单，在「签字」列填「是」后放回此处。
            只能为自己的学生签字。
            回执：outbox/advisors/\(id)/回执/\(receiptNaming)

            """
    }

    static func roster(_ college: College, _ university: University) -> String {
        """
        本文件夹：\(college.name) 离校人员导入（无学籍人员）和撤销离校
        放入：按 outbox/templates/离校人员导入模板 填写的表格。只能导入本学院人员；学籍库中已有的学号不能在此覆盖。
        培养层次：\(university.levels.joined(separator: "、"))；离校批次：\(university.batches.map(\.name).joined(separator: "、"))。
        撤销离校：按 outbox/templates/撤销离校模板 填写（学工号、姓名、撤销原因，离校批次可留空）后放入此处。
        表头有「撤销原因」列的表按撤销离校处理：被撤销的人员从本批次的各类名单、统计和通知单中移除，办理记录保留。
        只能撤销本学院人员；已发放两证的人员不能撤销。撤销有误时，用离校人员导入表重新导入此人即恢复。
        回执：outbox/colleges/\(college.folder)/回执/离校人员导入/\(receiptNaming)

        """
    }

    static func issuance(_ college: College) -> String {
        """
        本文件夹：\(college.name) 两证发放确认
        放入：outbox/colleges/\(college.folder)/ 中的「可发证」名单，在「确认发证」列填「是」后放回此处。
        只能确认本学院、且已满足发证条件的人员。
        回执：outbox/colleges/\(college.folder)/回执/发证确认/\(receiptNaming)

        """
    }
}
