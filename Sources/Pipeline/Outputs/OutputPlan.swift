import Clearance
import Reports

/// One outbox file: where it goes, what it was built from, and how to build it.
struct OutputJob: Sendable {
    /// The path under `outbox/`.
    var path: String
    var fingerprint: String
    /// Writes the workbook to the given (temporary) path, stamped with the given ledger position.
    var build: @Sendable (String, OutputStamp) throws -> Void
}

/// The ledger position and time an output says it was generated at (its origin's sequence, its footer).
///
/// An output rebuilt with an unchanged fingerprint (its file was deleted) keeps the stamp it was first built
/// with, so deleting outbox/ and running again gives the same cells.
struct OutputStamp: Sendable, Hashable {
    var sequence: Int
    var generatedAt: String
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
    /// Filled in by the regenerator before building, and only when the leaders' workbook is rebuilt.
    let progress: ProgressBox
    /// People whose departure notice is kept in the outbox (they applied, or someone ran `lixiao notice`).
    var notices: Set<PersonID> = []

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
        var base = Fingerprint("department")
        base.add(batch: context.batch)
        base.add(item: item)
        base.add(college?.id ?? "*")
        for record in people where item.applies(to: record.person) {
            base.add(profile: record.person)
            base.add(state: record.state(of: item.id))
        }
        var export = base
        export.add("export", context.originSigner.keyIdentifier)
        var pending = base
        pending.add("pending", context.today.description)
        var statistics = Fingerprint("item-statistics")
        statistics.add(batch: context.batch)
        statistics.add(item: item)
        statistics.add(college?.id ?? "*")
        var counts: [String: StatusCounts] = [:]
        for record in people where item.applies(to: record.person) {
            counts[record.person.college, default: StatusCounts()].add(record.state(of: item.id).status)
        }
        for (college, count) in counts.sorted(by: { $0.key < $1.key }) {
            statistics.add(college, String(count.pending), String(count.notRequired), String(count.done))
        }
        let batch = context.batch
        return [
            OutputJob(
                path: folder + "/" + DepartmentExport.fileName(item: item, college: college, batch: batch),
                fingerprint: export.value
            ) { path, stamp in
                try DepartmentExport.write(context.stamped(stamp), item: item, college: college, to: path)
            },
            OutputJob(
                path: folder + "/" + PendingList.fileName(item: item, college: college, batch: batch),
                fingerprint: pending.value
            ) { path, stamp in
                try PendingList.write(context.stamped(stamp), item: item, college: college, to: path)
            },
            OutputJob(
                path: folder + "/" + ItemStatistics.fileName(item: item, college: college, batch: batch),
                fingerprint: statistics.value
            ) { path, stamp in
                try ItemStatistics.write(context.stamped(stamp), item: item, college: college, to: path)
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
            var fingerprint = Fingerprint("advisor")
            fingerprint.add(batch: context.batch)
            fingerprint.add(context.originSigner.keyIdentifier)
            fingerprint.add(item: item)
            for record in records {
                fingerprint.add(profile: record.person)
                fingerprint.add(state: record.state(of: item.id))
            }
            let name = records.first.map(\.person.advisorName).flatMap { $0.isEmpty ? nil : $0 } ?? advisorID
            let path =
                OutputPlan.advisorFolder(advisorID, batch: context.batch)
                + AdvisorSheet.fileName(advisorName: name, batch: context.batch)
            return OutputJob(path: path, fingerprint: fingerprint.value) { path, stamp in
                try AdvisorSheet.write(context.stamped(stamp), advisorID: advisorID, to: path)
            }
        }
    }

    private func collegeJob(_ college: College, people: [PersonRecord]) -> OutputJob {
        let context = self.context
        var fingerprint = Fingerprint("college")
        fingerprint.add(batch: context.batch)
        fingerprint.add(context.originSigner.keyIdentifier)
        fingerprint.add(college.id, college.name)
        for item in context.university.items { fingerprint.add(item: item) }
        for record in people {
            fingerprint.add(profile: record.person)
            for item in context.university.applicableItems(for: record.person) {
                fingerprint.add(state: record.state(of: item.id))
            }
            fingerprint.add(record.issuance?.time ?? "-", record.issuance?.source ?? "-")
        }
        let path =
            "colleges/\(college.folder)/\(context.batch.name)/"
            + CollegeWorkbook.fileName(college: college, batch: context.batch)
        return OutputJob(path: path, fingerprint: fingerprint.value) { path, stamp in
            try CollegeWorkbook.write(context.stamped(stamp), college: college, to: path)
        }
    }

    private func leadersJob() -> OutputJob {
        let context = self.context
        let progress = self.progress
        var fingerprint = Fingerprint("leaders")
        fingerprint.add(batch: context.batch)
        fingerprint.add(String(context.sequence))
        for item in context.university.items { fingerprint.add(item: item) }
        for college in context.university.colleges { fingerprint.add(college.id, college.name) }
        return OutputJob(path: leadersPath, fingerprint: fingerprint.value) { path, stamp in
            try LeadersWorkbook.write(context.stamped(stamp), progress: progress.value, to: path)
        }
    }

    private func apartmentJob(_ apartment: Item, people: [PersonRecord]) -> OutputJob {
        let context = self.context
        var fingerprint = Fingerprint("apartment")
        fingerprint.add(batch: context.batch)
        fingerprint.add(item: apartment)
        for record in people where record.person.isResident {
            fingerprint.add(profile: record.person)
            fingerprint.add(state: record.state(of: apartment.id))
        }
        let path = "apartment/\(context.batch.name)/" + ApartmentOverview.fileName(batch: context.batch)
        return OutputJob(path: path, fingerprint: fingerprint.value) { path, stamp in
            try ApartmentOverview.write(context.stamped(stamp), to: path)
        }
    }

    /// `notices/<批次>/<学院>/离校通知单-<学工号>-<姓名>.xlsx`, with characters no file system accepts replaced.
    static func noticePath(_ person: Person, in batch: Batch, university: University) -> String {
        let college = university.college(named: person.college)?.folder ?? "其他"
        return "notices/\(batch.name)/\(college)/" + DepartureNotice.fileName(for: person)
    }

    private func noticeJobs() -> [OutputJob] {
        let context = self.context
        return context.members.filter { notices.contains($0.person.id) }.map { record in
            var fingerprint = Fingerprint("notice")
            fingerprint.add(batch: context.batch)
            fingerprint.add(profile: record.person)
            for item in context.university.applicableItems(for: record.person) {
                fingerprint.add(item: item)
                fingerprint.add(state: record.state(of: item.id))
            }
            fingerprint.add(record.issuance?.time ?? "-")
            let id = record.person.id
            return OutputJob(
                path: Self.noticePath(record.person, in: context.batch, university: context.university),
                fingerprint: fingerprint.value
            ) { path, stamp in
                try DepartureNotice.write(context.stamped(stamp), person: id, to: path)
            }
        }
    }

    /// Templates depend only on the pipeline definition.
    static func templateJobs(_ university: University) -> [OutputJob] {
        var fingerprint = Fingerprint("templates")
        fingerprint.add(university.name)
        fingerprint.add(university.levels.joined(separator: ","))
        for batch in university.batches { fingerprint.add(batch: batch) }
        for college in university.colleges { fingerprint.add(college.id, college.name) }
        for item in university.items { fingerprint.add(item: item) }
        let value = fingerprint.value
        return [
            OutputJob(path: "templates/离校人员导入模板.xlsx", fingerprint: value) { path, _ in
                try Templates.rosterTemplate(university, to: path)
            },
            OutputJob(path: "templates/部门回传模板.xlsx", fingerprint: value) { path, _ in
                try Templates.departmentReturnTemplate(university, to: path)
            },
            OutputJob(path: "templates/导师签字模板.xlsx", fingerprint: value) { path, _ in
                try Templates.advisorTemplate(university, to: path)
            },
            OutputJob(path: "templates/发证确认模板.xlsx", fingerprint: value) { path, _ in
                try Templates.issuanceTemplate(university, to: path)
            },
            OutputJob(path: "templates/自助离校申请模板.xlsx", fingerprint: value) { path, _ in
                try Templates.applicationTemplate(university, to: path)
            },
            OutputJob(path: "templates/撤销离校模板.xlsx", fingerprint: value) { path, _ in
                try Templates.withdrawalTemplate(university, to: path)
            },
        ]
    }

    /// Advisor IDs become folder names: letters, digits, `-` and `_` only.
    static func isSafeFolderName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
