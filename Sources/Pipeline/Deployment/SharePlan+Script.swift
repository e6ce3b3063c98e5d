import Foundation

extension SharePlan {
    /// A shell script (run as root by `sh -eu`) that makes the share's permissions match the plan: creates the
    /// groups that are missing, sets every planned folder's ACL with `setfacl --set` (which replaces the whole
    /// ACL, so drift is undone), gives the content already inside each role folder the role's access, and closes
    /// the ledger to everyone but the daemon's user. Running it again changes nothing that is already right.
    public var script: String {
        var lines = [
            "# lixiao share-setup for \(workspace.root): groups, owners and POSIX ACLs (run as root).",
            "# Add people to groups with: usermod -aG \(prefix)staff,<role group> <user>",
            "command -v setfacl >/dev/null || { echo 'setfacl is missing: apt-get install acl' >&2; exit 1; }",
            "getent passwd \(Self.quoted(serviceUser)) >/dev/null || useradd --system --no-create-home "
                + "--shell /usr/sbin/nologin \(Self.quoted(serviceUser))",
        ]
        for group in groups {
            lines.append(
                "getent group \(group.name) >/dev/null || groupadd \(group.name)  # \(group.purpose)")
        }
        for folder in folders {
            let path = Self.quoted(folder.path)
            lines.append("mkdir -p \(path) && chown \(Self.quoted(serviceUser)): \(path)")
            switch folder.kind {
            case .ledger:
                lines.append("setfacl -R -b \(path) && chmod -R go-rwx \(path)")
            case .passage:
                lines.append("setfacl --set \(entries(folder).joined(separator: ",")) \(path)")
                lines.append(
                    "[ ! -f \(path)/说明.txt ] || setfacl --set \(fileEntries(folder).joined(separator: ",")) "
                        + "\(path)/说明.txt")
            case .inbox, .outbox:
                let spec = entries(folder).joined(separator: ",")
                lines.append("setfacl --set \(spec) \(path)")
                lines.append("find \(path) -mindepth 1 -type d -exec setfacl --set \(spec) {} +")
                lines.append(
                    "find \(path) -mindepth 1 -type f -exec setfacl --set "
                        + "\(fileEntries(folder).joined(separator: ",")) {} +")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The smb.conf sections for the two shares, and the global settings they rely on (as comments).
    public func sambaSections(name: String) -> String {
        let inbox = workspace.inbox
        let outbox = workspace.outbox
        return """
            # lixiao shares for \(workspace.root). The ledger (\(workspace.ledger)) is never shared.
            # In [global]: unix charset = UTF-8, map to guest = never, restrict anonymous = 2,
            # server min protocol = SMB2_10.

            [\(name)-inbox]
               comment = \(workspace.university.name) 离校 inbox
               path = \(inbox)
               read only = no
               guest ok = no
               valid users = @\(prefix)staff
               create mask = 0660
               directory mask = 0770
               inherit acls = yes
               map archive = no
               # Optional: keep Office lock files out of the inbox.
               veto files = /~$*/.~lock.*#/
               delete veto files = yes

            [\(name)-outbox]
               comment = \(workspace.university.name) 离校 outbox
               path = \(outbox)
               read only = yes
               guest ok = no
               valid users = @\(prefix)staff
               inherit acls = yes

            """
    }

    /// `word` single-quoted for the shell.
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
