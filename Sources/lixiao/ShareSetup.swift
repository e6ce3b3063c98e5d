import ArgumentParser
import Foundation
import Glibc
import Pipeline

/// `lixiao share-setup`: the groups, ACLs and Samba shares that make the folder a person writes to their identity.
struct ShareSetup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share-setup",
        abstract: "Print, apply or check the share's groups, POSIX ACLs and smb.conf sections.",
        discussion: """
            One Unix group per role (prefix-staff for everyone, -admin, -service, -apartment, d-<item>, \
            d-<item>-<college>, c-<college>, a-<工号> per advisor the ledger names); each inbox folder \
            writable and each outbox folder readable only by its role's group; the ledger closed to all but \
            the daemon's user and never shared. Without --apply or --check, prints the shell script and the \
            smb.conf sections. --apply runs the script (as root); run it again whenever new advisors appear. \
            --check exits 1 listing every folder whose ACL drifted from the plan.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "The user the daemon runs as (owner of the folders).")
    var user = "lixiao"

    @Option(help: "The prefix of every group name.")
    var groupPrefix = "lx-"

    @Option(help: "The prefix of the two Samba share names (<name>-inbox, <name>-outbox).")
    var shareName = "lixiao"

    @Flag(help: "Create the groups and set the ACLs (as root).")
    var apply = false

    @Flag(help: "Report every folder whose permissions differ from the plan; exit 1 if any.")
    var check = false

    func validate() throws {
        guard !(apply && check) else { throw ValidationError("--apply and --check cannot be combined.") }
    }

    func run() throws {
        let logger = options.logger()
        let workspace = try options.workspace()
        try FolderLayout.create(workspace)
        let session = try options.session(workspace, logger: logger)
        let advisors = session.advisors
        // Every advisor's folders exist before the ACLs are set on them.
        try FolderLayout.create(workspace, advisors: advisors)
        let plan: SharePlan
        do {
            plan = try SharePlan(workspace: workspace, advisors: advisors, serviceUser: user, prefix: groupPrefix)
        } catch {
            printError("error: \(error)")
            throw ExitStatus.configuration
        }
        if check {
            let drifts = plan.check()
            for drift in drifts { print("drifted: \(drift)") }
            print("\(plan.folders.count) folders checked, \(drifts.count) drifted")
            if !drifts.isEmpty { throw ExitCode(1) }
        } else if apply {
            guard geteuid() == 0 else {
                printError("error: --apply must run as root")
                throw ExitStatus.usage
            }
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-eu"]
            let input = Pipe()
            shell.standardInput = input
            try shell.run()
            input.fileHandleForWriting.write(Data(plan.script.utf8))
            try input.fileHandleForWriting.close()
            shell.waitUntilExit()
            guard shell.terminationStatus == 0 else {
                printError("error: the share-setup script failed (exit \(shell.terminationStatus))")
                throw ExitStatus.ioError
            }
            print("\(plan.groups.count) groups, \(plan.folders.count) folders set under \(workspace.root)")
            print(plan.sambaSections(name: shareName), terminator: "")
        } else {
            print(plan.script)
            print(plan.sambaSections(name: shareName), terminator: "")
        }
    }
}
