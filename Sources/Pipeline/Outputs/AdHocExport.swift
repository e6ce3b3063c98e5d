public import Clearance
import Foundation
import Ledger
import Reports

/// The filters of `lixiao export` (DESIGN.md §6: by 学号, 姓名, 批次), plus college.
public struct ExportFilter: Sendable {
    public var batch: String?
    public var ids: Set<String>
    /// 学工号 ranges such as `2023110101-2023110160`, given where an ID is.
    public var ranges: [IDRange]
    public var names: [String]
    public var college: String?

    /// `ids` may hold ranges (`2023110101-2023110160` or `…~…`); they are told apart here.
    public init(batch: String?, ids: [String], names: [String], college: String?) {
        self.batch = batch
        var single: Set<String> = []
        var ranges: [IDRange] = []
        for text in ids {
            if let range = IDRange(text), range.span != nil { ranges.append(range) } else { single.insert(text) }
        }
        self.ids = single
        self.ranges = ranges
        self.names = names
        self.college = college
    }

    func matches(_ person: Person, in batch: Batch, university: University) -> Bool {
        if let wanted = self.batch, wanted != batch.id, wanted != batch.name { return false }
        if !ids.isEmpty || !ranges.isEmpty {
            guard ids.contains(person.id.rawValue) || ranges.contains(where: { $0.contains(person.id) }) else {
                return false
            }
        }
        if !names.isEmpty, !names.contains(where: { person.name.contains($0) }) { return false }
        if let wanted = college, university.college(named: wanted)?.name != person.college { return false }
        return true
    }
}

/// Writes ad-hoc exports and departure notices on request, outside the regular regeneration.
public enum AdHocExport {
    /// What `write` wrote, and which requested 学工号 it found nobody for.
    public struct Written: Sendable {
        public var files: [(path: String, batch: String, count: Int)] = []
        /// Requested IDs (and ranges) that matched nobody the item applies to.
        public var unmatched: [String] = []
        public var count: Int { files.reduce(0) { $0 + $1.count } }
    }

    /// Writes the item's export for the people the filter selects. An export carries one batch's origin, so
    /// people of several batches go to one file per batch: `path` itself when one batch matches, otherwise
    /// `<stem>-<批次>.xlsx` beside it. Nothing is written when nobody matches.
    public static func write(
        session: LedgerSession, item: Item, filter: ExportFilter, to path: String, clock: RunClock = RunClock()
    ) throws -> Written {
        let university = session.workspace.university
        var selections: [(state: BatchState, people: [PersonRecord])] = []
        // A purged batch has no list to give: its people's data was let go.
        let purged = try session.purges()
        for state in session.states where purged[state.batch.id] == nil {
            let people = state.members.filter {
                item.applies(to: $0.person) && filter.matches($0.person, in: state.batch, university: university)
            }
            if !people.isEmpty { selections.append((state, people)) }
        }
        var written = Written()
        let found = Set(selections.flatMap { $0.people.map(\.person.id) })
        written.unmatched = filter.ids.sorted().filter { !found.contains(PersonID($0)) }
        written.unmatched += filter.ranges.filter { range in !found.contains(where: range.contains) }
            .map { "\($0.first.rawValue)-\($0.last.rawValue)" }
        for (state, people) in selections {
            let target = selections.count == 1 ? path : Self.path(path, batch: state.batch)
            let context = try session.outputContext(for: state, clock: clock)
            try publish(to: target, outbox: session.workspace.outbox, fileSystem: session.fileSystem) { temporary in
                try DepartmentExport.write(
                    context, item: item, people: people,
                    title: "\(item.name) 数据导出（\(state.batch.name)，按条件筛选）", to: temporary)
            }
            written.files.append((target, state.batch.name, people.count))
        }
        return written
    }

    /// `path` with the batch's name before its extension.
    static func path(_ path: String, batch: Batch) -> String {
        let stem = path.hasSuffix(".xlsx") ? String(path.dropLast(5)) : path
        return stem + "-" + batch.name + ".xlsx"
    }

    /// Writes one person's departure notice to `path`, or to `outbox/notices/<批次>/<学院>/` when `path` is nil,
    /// as a workbook and, beside it with `.pdf` for `.xlsx`, as a printed page with its signed QR code. Returns the
    /// workbook's path.
    public static func notice(
        session: LedgerSession, person id: PersonID, to path: String?, clock: RunClock = RunClock()
    ) throws -> String? {
        guard let (state, record) = session.find(id), try session.purges()[state.batch.id] == nil else { return nil }
        let target =
            path ?? session.workspace.outbox + "/"
            + OutputPlan.noticePath(
                record.person, in: state.batch,
                university: session.workspace.university)
        let context = try session.outputContext(for: state, clock: clock)
        try publish(to: target, outbox: session.workspace.outbox, fileSystem: session.fileSystem) { temporary in
            try DepartureNotice.write(context, person: id, to: temporary)
        }
        // The printed, signed notice beside it (once the installation has its key: any round makes it).
        if let signer = context.noticeSigner {
            let page = try DepartureNotice.page(context, person: id, signer: signer)
            try publish(
                to: String(target.dropLast(".xlsx".count)) + ".pdf", outbox: session.workspace.outbox,
                fileSystem: session.fileSystem
            ) {
                try page.write(to: $0)
            }
        }
        // A notice in the outbox is kept current from now on: the regenerator rebuilds it when its person changes.
        // So is the person of a signed notice written elsewhere, so that the batch's list of superseded notices
        // covers every notice ever signed.
        if path == nil || context.noticeSigner != nil {
            var requests = try NoticeRequests(ledgerRoot: session.workspace.ledger, store: session.store)
            try requests.add(id, with: session.store)
        }
        return target
    }

    /// Builds into a hidden temporary file beside `path`, then renames it into place.
    static func publish(
        to path: String, outbox: String, fileSystem: FileSystem, _ build: (String) throws -> Void
    ) throws {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let folder = (absolute as NSString).deletingLastPathComponent
        try SafeFolder.makeForWriting(folder, outbox: outbox)
        let temporary = fileSystem.temporaryPath(in: folder, suffix: "." + (absolute as NSString).pathExtension)
        do {
            try build(temporary)
        } catch {
            try? fileSystem.removeIfPresent(temporary)
            throw error
        }
        try fileSystem.publish(temporary, as: absolute)
    }
}

extension LedgerSession {
    /// The output context of one batch now (today's date, the journal's position and last change time, and the
    /// zone they are shown in).
    func outputContext(for state: BatchState, clock: RunClock) throws -> OutputContext {
        let journal = ledgers[state.batch.id]?.journal
        var lastTime = ""
        if let journal, journal.lastSequence > 0 {
            try journal.forEach(from: journal.lastSequence) { lastTime = $0.entry.time }
        }
        var context = OutputContext(
            university: workspace.university, state: state, sequence: journal?.lastSequence ?? 0,
            today: clock.today(),
            generatedAt: lastTime.isEmpty ? "" : clock.zone.text(ledger: lastTime),
            zone: clock.zone.zone, originSigner: originSigner)
        context.noticeSigner = noticeKey?.signer
        return context
    }
}
