import Clearance
import Crypto
import Reports
import Sheets

/// One outbox file: where it goes, what it is built from, and how to build it.
struct OutputJob: Sendable {
    /// The path under `outbox/`.
    var path: String
    /// The digest of everything the builder may read (`OutputInputs`): while it is unchanged, the value is not
    /// built again.
    var inputs: String
    /// Builds the file as a value, stamped with the given ledger position and time (which its fingerprint leaves
    /// out: the generation time is declared a stamp text here, codes computed from the position by the builders).
    let value: @Sendable (OutputStamp) throws -> OutputValue

    /// A workbook.
    init(path: String, inputs: String, build: @escaping @Sendable (OutputStamp) throws -> WorkbookModel) {
        self.path = path
        self.inputs = inputs
        value = { stamp in
            var model = try build(stamp)
            model.stamp(stamp.generatedAt)
            return .workbook(model)
        }
    }

    /// A printed page or a text file.
    init(path: String, inputs: String, value: @escaping @Sendable (OutputStamp) throws -> OutputValue) {
        self.path = path
        self.inputs = inputs
        self.value = value
    }

    /// The workbook this job builds (tests dump it); throws for a page or a text.
    func model(_ stamp: OutputStamp) throws -> WorkbookModel {
        guard case .workbook(let model) = try value(stamp) else { throw OutputValue.NotAWorkbook(path: path) }
        return model
    }
}

/// The ledger position and time an output says it was generated at (its origin's sequence, its footer).
///
/// An output rebuilt with an unchanged fingerprint (its file was deleted) keeps the stamp it was first built
/// with, so deleting outbox/ and running again gives the same cells.
struct OutputStamp: Sendable, Hashable {
    var sequence: Int
    var generatedAt: String

    /// No position and no time: the stamp of outputs built from the pipeline alone (templates).
    static let neutral = OutputStamp(sequence: 0, generatedAt: "")
}

extension OutputContext {
    func stamped(_ stamp: OutputStamp) -> OutputContext {
        var context = self
        context.sequence = stamp.sequence
        context.generatedAt = stamp.generatedAt
        return context
    }
}

/// Lists every output a batch's state calls for (DESIGN.md §5), each with its fingerprint.
///
/// Department files go to `departments/<部门>/[<学院>/]<批次>/`, college workbooks to
/// `colleges/<学院>/<批次>/`, advisor sheets to `advisors/<导师工号>/<批次>/`, leaders' statistics to
/// `admin/<批次>/`, the per-building overview to `apartment/<批次>/` and nowhere else, templates to
/// `templates/`. A department's files for a batch (or a college) where the item applies to nobody, a college
/// workbook for a college with nobody departing, and the leaders' and apartment workbooks of a batch with nobody
/// in it are not written, and are removed once their last person leaves.
struct OutputPlan {
    let context: OutputContext
    /// The inputs digests of this batch's outputs.
    let inputs: OutputInputs
    /// Filled in by the regenerator before building, and only when the leaders' workbook is rebuilt.
    let progress: ProgressBox
    /// People whose departure notice is kept in the outbox (they applied, or someone ran `lixiao notice`).
    var notices: Set<PersonID> = []
    /// When the batch's personal data was purged (`lixiao purge`), local time: only its statistics are written —
    /// per item and the leaders' — never a list of people (the apartment centre's per-room sheet lists 学工号)
    /// or a notice; its list of superseded notices says every notice of the batch is void.
    var purgedAt: String?
    var isPurged: Bool { purgedAt != nil }

    /// Where the batch's leaders' workbook goes.
    var leadersPath: String { "admin/\(context.batch.name)/" + LeadersWorkbook.fileName(batch: context.batch) }

    /// Where the export of `item` (for `college`, when college-scoped) is written, relative to `outbox/`.
    static func exportPath(item: Item, college: College?, batch: Batch) -> String {
        "departments/\(item.folder)/" + (college.map { "\($0.folder)/" } ?? "") + "\(batch.name)/"
            + DepartmentExport.fileName(item: item, college: college, batch: batch)
    }

    /// The folder an advisor's sheets are written to, relative to `outbox/`.
    static func advisorFolder(_ advisorID: String, batch: Batch) -> String {
        "advisors/\(advisorID)/\(batch.name)/"
    }

    var jobs: [OutputJob] {
        isPurged ? statisticsJobs : allJobs
    }

    /// A purged batch's outputs: the statistics, which name nobody.
    private var statisticsJobs: [OutputJob] {
        guard !context.members.isEmpty else { return [] }
        let statistics = allJobs.filter { job in
            job.path.hasPrefix("departments/") && job.path.contains("/办理统计-")
        }
        return statistics + [leadersJob()]
    }

    private var allJobs: [OutputJob] {
        var jobs: [OutputJob] = []
        let university = context.university
        let batch = context.batch
        let members = context.members
        for item in university.items {
            switch item.scope {
            case .school:
                jobs += departmentJobs(
                    item, college: nil, folder: "departments/\(item.folder)/\(batch.name)",
                    people: members)
            case .college:
                for college in university.colleges {
                    let people = context.membersByCollege[college.name] ?? []
                    jobs += departmentJobs(
                        item, college: college,
                        folder: "departments/\(item.folder)/\(college.folder)/\(batch.name)",
                        people: people)
                }
            case .advisor:
                jobs += advisorJobs(item, people: members)
            }
        }
        // A workbook with nobody in it is not written (and one whose people all left is removed): an empty
        // export or college workbook only makes staff wonder what they missed.
        for college in university.colleges {
            guard let people = context.membersByCollege[college.name], !people.isEmpty else { continue }
            jobs.append(collegeJob(college, people: people))
        }
        jobs += noticeJobs()
        // Leaders' statistics and the per-building overview of a batch nobody departs in yet would be all zeros.
        guard !members.isEmpty else { return jobs }
        jobs.append(leadersJob())
        if let apartment = university.items.first(where: { $0.role == .apartment }) {
            jobs.append(apartmentJob(apartment, people: members))
        }
        return jobs
    }

    private func departmentJobs(_ item: Item, college: College?, folder: String, people: [PersonRecord])
        -> [OutputJob]
    {
        guard people.contains(where: { item.applies(to: $0.person) }) else { return [] }
        let context = self.context
        let batch = context.batch
        // What a department's files show: profiles and this item's states (`ItemViewTests`).
        let scope: OutputScope = college.map { .collegeItem($0.name, item.id) } ?? .batchItem(item.id)
        func job(_ name: String, _ build: @escaping @Sendable (OutputContext) throws -> WorkbookModel) -> OutputJob {
            let path = folder + "/" + name
            return OutputJob(path: path, inputs: inputs.key(path, scope: scope)) { try build(context.stamped($0)) }
        }
        return [
            job(DepartmentExport.fileName(item: item, college: college, batch: batch)) {
                try DepartmentExport.model($0, item: item, college: college)
            },
            job(PendingList.fileName(item: item, college: college, batch: batch)) {
                try PendingList.model($0, item: item, college: college)
            },
            job(ItemStatistics.fileName(item: item, college: college, batch: batch)) {
                try ItemStatistics.model($0, item: item, college: college)
            },
        ]
    }

    private func advisorJobs(_ item: Item, people: [PersonRecord]) -> [OutputJob] {
        let context = self.context
        var students: [String: [PersonRecord]] = [:]
        for record in people where item.applies(to: record.person) {
            students[record.person.advisorID, default: []].append(record)
        }
        return students.keys.sorted().compactMap { advisorID -> OutputJob? in
            guard OutputPlan.isSafeFolderName(advisorID), let records = students[advisorID] else { return nil }
            let name = records.first.map(\.person.advisorName).flatMap { $0.isEmpty ? nil : $0 } ?? advisorID
            let path =
                OutputPlan.advisorFolder(advisorID, batch: context.batch)
                + AdvisorSheet.fileName(advisorName: name, batch: context.batch)
            return OutputJob(path: path, inputs: inputs.key(path, scope: .advisor(advisorID))) { stamp in
                try AdvisorSheet.model(context.stamped(stamp), advisorID: advisorID)
            }
        }
    }

    private func collegeJob(_ college: College, people: [PersonRecord]) -> OutputJob {
        let context = self.context
        let path =
            "colleges/\(college.folder)/\(context.batch.name)/"
            + CollegeWorkbook.fileName(college: college, batch: context.batch)
        return OutputJob(path: path, inputs: inputs.key(path, scope: .college(college.name))) { stamp in
            try CollegeWorkbook.model(context.stamped(stamp), college: college)
        }
    }

    /// The leaders' workbook also charts the journal's history, so its inputs include the journal's position.
    private func leadersJob() -> OutputJob {
        let context = self.context
        let progress = self.progress
        let inputs = self.inputs.key(leadersPath, scope: .batch, extra: "journal \(context.sequence)")
        return OutputJob(path: leadersPath, inputs: inputs) { stamp in
            try LeadersWorkbook.model(context.stamped(stamp), progress: progress.value)
        }
    }

    private func apartmentJob(_ apartment: Item, people: [PersonRecord]) -> OutputJob {
        let context = self.context
        let path = "apartment/\(context.batch.name)/" + ApartmentOverview.fileName(batch: context.batch)
        return OutputJob(path: path, inputs: inputs.key(path, scope: .batchItem(apartment.id))) { stamp in
            try ApartmentOverview.model(context.stamped(stamp))
        }
    }

    /// `notices/<批次>/<学院>/离校通知单-<学工号>-<姓名>.xlsx`, with characters no file system accepts replaced.
    static func noticePath(_ person: Person, in batch: Batch, university: University) -> String {
        let college = university.college(named: person.college)?.folder ?? "其他"
        return "notices/\(batch.name)/\(college)/" + DepartureNotice.fileName(for: person)
    }

    /// The printed notice beside the workbook: `离校通知单-<学工号>-<姓名>.pdf`.
    static func noticePagePath(_ person: Person, in batch: Batch, university: University) -> String {
        let path = noticePath(person, in: batch, university: university)
        return String(path.dropLast(".xlsx".count)) + ".pdf"
    }

    /// Each kept notice as a workbook and, when the installation has its signing key, as a signed PDF.
    private func noticeJobs() -> [OutputJob] {
        let context = self.context
        return context.members.filter { notices.contains($0.person.id) }.flatMap { record in
            let id = record.person.id
            let path = Self.noticePath(record.person, in: context.batch, university: context.university)
            var jobs = [
                OutputJob(path: path, inputs: inputs.key(path, scope: .person(id))) { stamp in
                    try DepartureNotice.model(context.stamped(stamp), person: id)
                }
            ]
            if let signer = context.noticeSigner {
                let page = Self.noticePagePath(record.person, in: context.batch, university: context.university)
                let key = inputs.key(page, scope: .person(id), extra: "notice key \(signer.keyIdentifier)")
                jobs.append(
                    OutputJob(path: page, inputs: key) { stamp in
                        .page(try DepartureNotice.page(context.stamped(stamp), person: id, signer: signer))
                    })
            }
            return jobs
        }
    }

    /// Where a batch's list of superseded notices goes.
    var revocationsPath: String { "notices/\(context.batch.name)/" + NoticeRevocations.fileName }

    /// The batch's list of superseded notices, from the positions its current notices were signed at (`stamps`,
    /// the output index after this round's notices were printed); `nil` when nobody in the batch has a notice.
    func revocationsJob(stamps: [String: OutputIndex.Entry]) -> OutputJob? {
        guard let signer = context.noticeSigner else { return nil }
        if let purgedAt {
            var purgedList = NoticeRevocations(
                university: context.university.name, batch: context.batch.id, generatedAt: "",
                through: context.sequence, entries: [:])
            purgedList.purgedAt = purgedAt
            let list = purgedList
            let canonical = list.canonicalBytes + Array("key \(signer.keyIdentifier)".utf8)
            return OutputJob(path: revocationsPath, inputs: Fingerprint.hex(SHA256.hash(data: canonical))) { stamp in
                var stamped = list
                stamped.generatedAt = stamp.generatedAt
                return .text(bytes: try stamped.signedBytes(with: signer), canonical: canonical)
            }
        }
        var entries: [PersonID: NoticeRevocations.Standing] = [:]
        for id in notices {
            guard let record = context.state[id] else { continue }
            guard context.state.isMember(id) else {
                entries[id] = .void
                continue
            }
            let page = Self.noticePagePath(record.person, in: context.batch, university: context.university)
            if let sequence = stamps[page]?.stamp?.sequence { entries[id] = .validFrom(sequence) }
        }
        guard !entries.isEmpty else { return nil }
        let context = self.context
        let list = NoticeRevocations(
            university: context.university.name, batch: context.batch.id, generatedAt: "", through: context.sequence,
            entries: entries)
        let canonical = list.canonicalBytes + Array("key \(signer.keyIdentifier)".utf8)
        let inputs = Fingerprint.hex(SHA256.hash(data: canonical))
        return OutputJob(path: revocationsPath, inputs: inputs) { stamp in
            var stamped = list
            stamped.generatedAt = stamp.generatedAt
            return .text(bytes: try stamped.signedBytes(with: signer), canonical: canonical)
        }
    }

    /// The public key notices are checked with, `notices/离校通知单公钥.pem`.
    static func publicKeyJob(_ key: NoticePublicKey, university: University) -> OutputJob {
        let bytes = Array(key.pem(university: university.name).utf8)
        let path = "notices/" + NoticePublicKey.fileName
        return OutputJob(path: path, inputs: Fingerprint.hex(SHA256.hash(data: bytes))) { _ in
            .text(bytes: bytes, canonical: bytes)
        }
    }

    /// Templates depend only on the pipeline definition.
    static func templateJobs(_ university: University) -> [OutputJob] {
        let inputs = OutputInputs(university: university)
        return Templates.Kind.allCases.map { kind in
            let path = "templates/" + kind.fileName
            return OutputJob(path: path, inputs: inputs.key(path, scope: .none)) { _ in
                try Templates.model(kind, university: university)
            }
        }
    }

    /// Advisor IDs become folder names: letters, digits, `-` and `_` only.
    static func isSafeFolderName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
