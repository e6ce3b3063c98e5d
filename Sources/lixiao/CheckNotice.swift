import ArgumentParser
import Clearance
import Foundation
import Pipeline
import Reports

/// `lixiao check-notice <notice>`: verifies a departure notice's signed statement, offline or against the ledger.
struct CheckNotice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-notice",
        abstract: "Check a departure notice (离校通知单): is it genuine, and is it still the current one?",
        discussion: """
            NOTICE is the notice's PDF, the text of its QR code (as a phone or `zbarimg` reads it, starting LX1:), \
            a file holding that text, or - to read it from standard input. With --public-key the check is offline: \
            the key file (outbox/notices/离校通知单公钥.pem, or `lixiao public-key`) is all it needs, and \
            --revocations adds a batch's signed 离校通知单失效名单.txt. Without --public-key it uses the \
            installation under --root and also says whether the notice is still current or which later change \
            superseded it. Exits 0 for a genuine notice that is current (or whose currency was not asked), 2 for \
            a genuine notice that is superseded or void, 65 for a forged one or a text that is not a notice, \
            66 when a file cannot be read.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "The notice: a PDF, its QR text, a file holding the text, or - for standard input.")
    var notice: String

    @Option(help: "Check offline with this public key (PEM) instead of the installation's.", completion: .file())
    var publicKey: String?

    @Option(help: "A batch's signed list of superseded notices (离校通知单失效名单.txt).", completion: .file())
    var revocations: String?

    func run() throws {
        let payload = try read(notice == "-" ? readStandardInput() : notice) {
            (input: String) throws(NoticeCheckError) in try NoticeCheck.payload(from: input)
        }
        var session: LedgerSession?
        let key: NoticePublicKey
        if let publicKey {
            guard let data = FileManager.default.contents(atPath: publicKey) else {
                printError("error: cannot read the public key \(publicKey)")
                throw ExitStatus.noInput
            }
            guard let parsed = NoticePublicKey(pem: String(decoding: data, as: UTF8.self)) else {
                printError("error: \(publicKey) holds no Ed25519 public key (-----BEGIN PUBLIC KEY-----)")
                throw ExitStatus.dataError
            }
            key = parsed
        } else {
            let workspace = try options.workspace()
            let opened = try options.readingSession(workspace, logger: options.logger())
            guard let installed = opened.noticeKey?.publicKey else {
                printError("error: this installation has no notice-signing key yet (run lixiao run once)")
                throw ExitStatus.configuration
            }
            session = opened
            key = installed
        }
        let statement = try read(payload) { (text: String) throws(NoticeCheckError) in
            try NoticeCheck.verify(text, key: key)
        }
        print("genuine: signed with key \(key.identifier)")
        describe(statement, names: itemNames(for: statement))
        var superseded = false
        if let revocations {
            superseded = try check(statement, against: revocations, key: key) || superseded
        }
        if let session {
            superseded = try report(session.standing(of: statement, clock: options.clock)) || superseded
        }
        if superseded { throw ExitCode(2) }
    }

    /// Runs `body`, turning a check error into its message and exit 65.
    private func read<T>(_ input: String, _ body: (String) throws(NoticeCheckError) -> T) throws -> T {
        do {
            return try body(input)
        } catch {
            printError(error.description.hasPrefix("FORGED") ? error.description : "error: \(error)")
            throw error.description.hasPrefix("FORGED") ? ExitStatus.dataError : ExitStatus.noInput
        }
    }

    private func readStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Item names from the pipeline, when the notice is this university's; its IDs otherwise.
    private func itemNames(for statement: NoticeStatement) -> [String: String] {
        guard let workspace = try? options.loadWorkspace(), workspace.university.name == statement.university
        else { return [:] }
        return Dictionary(workspace.university.items.map { ($0.id.rawValue, $0.name) }) { first, _ in first }
    }

    private func describe(_ statement: NoticeStatement, names: [String: String]) {
        print("  university: \(statement.university)")
        print("  batch: \(statement.batch)")
        print("  person: \(statement.person.rawValue) \(statement.name)")
        for entry in statement.entries {
            print("  \(names[entry.item] ?? entry.item): \(entry.status.label)")
        }
        print("  eligible for the two certificates: \(statement.isEligible ? "yes" : "no")")
        print("  certificates issued: \(statement.issued.isEmpty ? "no" : statement.issued)")
        print("  as of: ledger position \(statement.sequence), \(statement.time)")
    }

    /// Looks the notice up in a signed list of superseded notices; returns whether it is superseded.
    private func check(_ statement: NoticeStatement, against path: String, key: NoticePublicKey) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("error: cannot read the list \(path)")
            throw ExitStatus.noInput
        }
        let list: NoticeRevocations
        do {
            list = try NoticeRevocations.read([UInt8](data), key: key)
        } catch {
            printError("FORGED: \(error)")
            throw ExitStatus.dataError
        }
        guard list.batch == statement.batch else {
            printError("error: \(path) lists batch \(list.batch), the notice is of batch \(statement.batch)")
            throw ExitStatus.usage
        }
        switch list.entries[statement.person] {
        case .void?:
            print("void (list of \(list.generatedAt)): \(statement.person.rawValue) no longer departs in this batch")
            return true
        case .validFrom(let position)? where position > statement.sequence:
            print(
                "superseded (list of \(list.generatedAt)): a newer notice was signed at ledger position \(position)")
            return true
        default:
            print("not listed as superseded (list of \(list.generatedAt))")
            return false
        }
    }

    /// Prints the ledger's answer; returns whether the notice is superseded or void.
    private func report(_ standing: NoticeStanding) -> Bool {
        switch standing {
        case .current(let position):
            print(
                "current: nothing it states has changed"
                    + (position.map { " (the outbox's notice was signed at ledger position \($0))" } ?? ""))
            return false
        case .superseded(let newer, let change):
            var line = "superseded"
            if let newer { line += ": a newer notice was signed at ledger position \(newer)" }
            print(line)
            if let change {
                print(
                    "  first change after it: #\(change.sequence) \(change.time) \(change.what) (from \(change.folder))"
                )
            }
            return true
        case .void(let reason):
            print("void: the person no longer departs in this batch: \(reason)")
            return true
        case .unknown(let reason):
            print("cannot tell whether it is current: \(reason)")
            return false
        }
    }
}

/// `lixiao public-key`: prints the public key departure notices are checked with.
struct PublicKey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print the public key departure notices are signed with (PEM), for offices that check them.",
        discussion: "The same file is published as outbox/notices/离校通知单公钥.pem."
    )

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let workspace = try options.workspace()
        let session = try options.readingSession(workspace, logger: options.logger())
        guard let key = session.noticeKey?.publicKey else {
            printError("error: this installation has no notice-signing key yet (run lixiao run once)")
            throw ExitStatus.configuration
        }
        print(key.pem(university: workspace.university.name), terminator: "")
    }
}
