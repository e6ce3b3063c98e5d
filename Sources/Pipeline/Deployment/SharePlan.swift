import Foundation

/// The share's permissions as DESIGN.md §1 and §5a want them (`lixiao share-setup`): one Unix group per role,
/// POSIX ACLs so that each inbox folder is writable only by its role and each outbox folder readable only by
/// its role, and two Samba shares (`inbox/`, `outbox/`) that leave the ledger out.
///
/// Groups (all with one prefix, `lx-` by default): `staff` (everyone who uses the share: it may pass through
/// `inbox/` and `outbox/` and list the folders that only lead to role folders), `admin` (leaders and the
/// registrar: `inbox/registry/`, `outbox/admin/`), `service` (the service desk: `inbox/applications/`),
/// `apartment` (the apartment centre: `outbox/apartment/`), `d-<item>` per school-wide department,
/// `d-<item>-<college>` per college-scoped department and college, `c-<college>` per college, and
/// `a-<工号>` per advisor. One group per advisor, rather than a mapping file of advisor → login, keeps the
/// tool free of login names: the IT office adds a person to the group of each role they hold, with the same
/// command for every role, and a departed advisor loses access by leaving one group.
///
/// The folders' owning group gets no access: it is the daemon user's primary group, which may well be a
/// group many people share (Debian's `users`), so only named groups grant anything.
///
/// Role folders get default ACLs so that what is created in them inherits the role's access (and the daemon's,
/// for files staff drop); the folders that only lead to role folders get none, so a folder the daemon lays out
/// later (a new advisor's) is closed to everyone until `share-setup --apply` runs again.
public struct SharePlan: Sendable {
    /// One group and what it is for.
    public struct Group: Sendable, Hashable {
        public var name: String
        public var purpose: String
    }

    /// One folder's ACL.
    public struct Folder: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// A folder that only leads to role folders: listed by `staff`, no default ACL.
            case passage
            /// An inbox folder its group writes (default ACL: the group and the daemon's user read and write).
            case inbox
            /// An outbox folder its group reads (default ACL: the group reads).
            case outbox
            /// The ledger: the daemon's user only.
            case ledger
        }

        public var path: String
        public var kind: Kind
        /// The group of a role folder; `staff` for a passage.
        public var group: String?
    }

    public var groups: [Group] = []
    public var folders: [Folder] = []
    public let serviceUser: String
    public let prefix: String
    let workspace: Workspace

    /// An id that cannot be part of a Unix group name.
    public struct BadName: Error, CustomStringConvertible {
        public var name: String
        public var description: String {
            "\"\(name)\" is not a usable Unix group name (lowercase letters, digits, - and _, at most 32 characters)"
        }
    }

    /// The plan for `workspace`, with `advisors` (工号 → name, as `LedgerSession.advisors` gives them).
    public init(workspace: Workspace, advisors: [String: String], serviceUser: String, prefix: String) throws {
        self.workspace = workspace
        self.serviceUser = serviceUser
        self.prefix = prefix
        let inbox = workspace.inbox
        let outbox = workspace.outbox
        let university = workspace.university
        func group(_ suffix: String, _ purpose: String) throws -> String {
            let name = prefix + suffix.lowercased()
            guard Self.isGroupName(name) else { throw BadName(name: name) }
            if !groups.contains(where: { $0.name == name }) { groups.append(Group(name: name, purpose: purpose)) }
            return name
        }
        let staff = try group("staff", "everyone who uses the share")
        let admin = try group("admin", "leaders and the registrar: inbox/registry, outbox/admin")
        let service = try group("service", "the service desk: inbox/applications, outbox/applications")
        let apartment = try group("apartment", "the apartment centre: outbox/apartment")
        func passage(_ path: String) {
            if !folders.contains(where: { $0.path == path }) {
                folders.append(Folder(path: path, kind: .passage, group: staff))
            }
        }
        func role(_ inboxPath: String?, _ outboxPath: String?, _ name: String) {
            if let inboxPath { folders.append(Folder(path: inboxPath, kind: .inbox, group: name)) }
            if let outboxPath { folders.append(Folder(path: outboxPath, kind: .outbox, group: name)) }
        }
        passage(workspace.root)
        passage(inbox)
        passage(outbox)
        role(inbox + "/registry", outbox + "/admin", admin)
        role(inbox + "/applications", outbox + "/applications", service)
        role(nil, outbox + "/apartment", apartment)
        role(nil, outbox + "/templates", staff)
        role(nil, outbox + "/notices", staff)
        passage(inbox + "/colleges")
        passage(outbox + "/colleges")
        for college in university.colleges {
            let name = try group("c-" + college.id, "\(college.name): its rosters, issuance and outbox")
            folders.append(Folder(path: inbox + "/colleges/\(college.folder)", kind: .passage, group: name))
            role(inbox + "/colleges/\(college.folder)/roster", nil, name)
            role(inbox + "/colleges/\(college.folder)/issuance", outbox + "/colleges/\(college.folder)", name)
        }
        for item in university.items {
            switch item.scope {
            case .school:
                passage(inbox + "/departments")
                passage(outbox + "/departments")
                let name = try group("d-" + item.id.rawValue, item.name)
                role(inbox + "/departments/\(item.folder)", outbox + "/departments/\(item.folder)", name)
            case .college:
                passage(inbox + "/departments")
                passage(outbox + "/departments")
                passage(inbox + "/departments/\(item.folder)")
                passage(outbox + "/departments/\(item.folder)")
                for college in university.colleges {
                    let name = try group("d-\(item.id.rawValue)-\(college.id)", "\(item.name) of \(college.name)")
                    role(
                        inbox + "/departments/\(item.folder)/\(college.folder)",
                        outbox + "/departments/\(item.folder)/\(college.folder)", name)
                }
            case .advisor:
                passage(inbox + "/advisors")
                passage(outbox + "/advisors")
                for id in advisors.keys.sorted() where OutputPlan.isSafeFolderName(id) {
                    let who = advisors[id].flatMap { $0.isEmpty ? nil : $0 } ?? id
                    let name = try group("a-" + id, "advisor \(who) (\(id))")
                    role(inbox + "/advisors/\(id)", outbox + "/advisors/\(id)", name)
                }
            }
        }
        folders.append(Folder(path: workspace.ledger, kind: .ledger, group: nil))
    }

    /// Whether `name` is a portable Unix group name.
    static func isGroupName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 32 else { return false }
        return ("a"..."z").contains(Character(first)) || first == "_"
            ? name.unicodeScalars.allSatisfy {
                ("a"..."z").contains(Character($0)) || ("0"..."9").contains(Character($0)) || $0 == "-" || $0 == "_"
            }
            : false
    }

    /// The entries (`getfacl` spelling) a folder of `kind` has for `group`: its access ACL, then its default ACL.
    public func entries(_ folder: Folder) -> [String] {
        let base = ["user::rwx", "group::---", "other::---"]
        switch folder.kind {
        case .ledger:
            return ["user::rwx", "group::---", "other::---"]
        case .passage:
            // The root itself needs only passing through; the folders below it are listed.
            let access = folder.path == workspace.root ? "--x" : "r-x"
            return base + ["group:\(folder.group ?? ""):\(access)", "mask::r-x"]
        case .inbox:
            let group = folder.group ?? ""
            return base + ["group:\(group):rwx", "mask::rwx"]
                + [
                    "default:user::rwx", "default:user:\(serviceUser):rwx", "default:group::---",
                    "default:group:\(group):rwx", "default:mask::rwx", "default:other::---",
                ]
        case .outbox:
            let group = folder.group ?? ""
            return base + ["group:\(group):r-x", "mask::r-x"]
                + [
                    "default:user::rwx", "default:group::---", "default:group:\(group):r-x", "default:mask::r-x",
                    "default:other::---",
                ]
        }
    }

    /// The entries for a file inside a role folder (existing content, when the plan is first applied).
    func fileEntries(_ folder: Folder) -> [String] {
        let group = folder.group ?? ""
        switch folder.kind {
        case .inbox:
            return [
                "user::rw-", "user:\(serviceUser):rw-", "group::---", "group:\(group):rw-", "mask::rw-", "other::---",
            ]
        case .outbox: return ["user::rw-", "group::---", "group:\(group):r--", "mask::r--", "other::---"]
        case .passage: return ["user::rw-", "group::---", "group:\(group):r--", "mask::r--", "other::---"]
        case .ledger: return []
        }
    }
}
