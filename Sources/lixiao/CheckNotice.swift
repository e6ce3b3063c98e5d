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
            a genuine notice that is superseded or void, 3 for a genuine one whose currency cannot be told (a \
            list older than the notice, a ledger without its batch), 65 for a forged one or an input that holds \
            no notice, 66 when a file cannot be read.
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
        let payload: String
        if notice == "-" {
            let input = FileHandle.standardInput.readData(ofLength: NoticeCheck.largestInput + 1)
            payload = try read([UInt8](input)) { (bytes: [UInt8]) throws(NoticeCheckError) in
                try NoticeCheck.payload(inBytes: bytes, name: "standard input")
            }
        } else {
            payload = try read(notice) { (input: String) throws(NoticeCheckError) in
                try NoticeCheck.payload(from: input)
            }
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
        print("genuine: signed with key \(key.identifier); the signed statement says (compare it with the page:")
        print("what a page shows beyond it — remarks, places, profile — is not signed)")
        describe(statement, names: itemNames(for: statement))
        var standing = Standing.current
        if let revocations {
            standing = max(standing, try check(statement, against: revocations, key: key))
        }
        if let session {
            standing = max(standing, report(try session.standing(of: statement, clock: options.clock)))
        }
        switch standing {
        case .current: return
        case .superseded: throw ExitCode(2)
        case .unknown: throw ExitCode(3)
        }
    }

    /// What the checks found, worst last: the exit status is the worst.
    enum Standing: Int, Comparable {
        case current, unknown, superseded
        static func < (lhs: Standing, rhs: Standing) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Runs `body`, turning a check error into its message and exit status: 65 forged or not a notice, 66 a
    /// file that cannot be read.
    private func read<Input, T>(_ input: Input, _ body: (Input) throws(NoticeCheckError) -> T) throws -> T {
        do {
            return try body(input)
        } catch {
            printError(
                error.kind == .forged
                    ? Printable.text(error.description) : "error: \(Printable.text(error.description))")
            throw error.kind == .unreadable ? ExitStatus.noInput : ExitStatus.dataError
        }
    }

    /// Item names from the pipeline, when the notice is this university's; its IDs otherwise.
    private func itemNames(for statement: NoticeStatement) -> [String: String] {
        guard let workspace = try? options.loadWorkspace(), workspace.university.name == statement.university
        else { return [:] }
        return Dictionary(workspace.university.items.map { ($0.id.rawValue, $0.name) }) { first, _ in first }
    }

    private func describe(_ statement: NoticeStatement, names: [String: String]) {
        print("  university: \(Printable.text(statement.university))")
        print("  batch: \(Printable.text(statement.batch))")
        print("  person: \(Printable.text(statement.person.rawValue)) \(Printable.text(statement.name))")
        for entry in statement.entries {
            print("  \(Printable.text(names[entry.item] ?? entry.item)): \(entry.status.label)")
        }
        print("  eligible for the two certificates: \(statement.isEligible ? "yes" : "no")")
        print("  certificates issued: \(statement.issued.isEmpty ? "no" : statement.issued)")
        print("  as of: ledger position \(statement.sequence), \(statement.time)")
    }

    /// Looks the notice up in a signed list of superseded notices.
    private func check(_ statement: NoticeStatement, against path: String, key: NoticePublicKey) throws -> Standing {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("error: cannot read the list \(path)")
            throw ExitStatus.noInput
        }
        let list: NoticeRevocations
        do {
            list = try NoticeRevocations.read([UInt8](data), key: key)
        } catch {
            printError("the list of superseded notices \(path) is FORGED: \(error)")
            throw ExitStatus.dataError
        }
        guard list.batch == statement.batch else {
            printError("error: \(path) lists batch \(list.batch), the notice is of batch \(statement.batch)")
            throw ExitStatus.usage
        }
        let asOf = "list as of ledger position \(list.through), \(list.generatedAt)"
        if let purgedAt = list.purgedAt {
            print("void (\(asOf)): the batch's personal data was purged at \(purgedAt); all its notices are void")
            return .superseded
        }
        switch list.entries[statement.person] {
        case .void?:
            print("void (\(asOf)): \(statement.person.rawValue) no longer departs in this batch")
            return .superseded
        case .validFrom(let position)? where position > statement.sequence:
            print("superseded (\(asOf)): a newer notice was signed at ledger position \(position)")
            return .superseded
        default:
            guard list.through >= statement.sequence else {
                print(
                    "cannot tell (\(asOf)): the notice was signed later, at position \(statement.sequence); "
                        + "get the batch's current list")
                return .unknown
            }
            print("not listed as superseded (\(asOf))")
            return .current
        }
    }

    /// Prints the ledger's answer.
    private func report(_ standing: NoticeStanding) -> Standing {
        switch standing {
        case .current(let position):
            print(
                "current: nothing it states has changed"
                    + (position.map { " (the outbox's notice was signed at ledger position \($0))" } ?? ""))
            return .current
        case .superseded(let newer, let change):
            var line = "superseded"
            if let newer { line += ": a newer notice was signed at ledger position \(newer)" }
            print(line)
            if let change {
                print(
                    "  first change after it: #\(change.sequence) \(change.time) \(Printable.text(change.what)) "
                        + "(from \(Printable.text(change.folder)))")
            }
            return .superseded
        case .void(let reason):
            print("void: the person no longer departs in this batch: \(Printable.text(reason))")
            return .superseded
        case .unknown(let reason):
            print("cannot tell whether it is current: \(Printable.text(reason))")
            return .unknown
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
