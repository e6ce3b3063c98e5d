import Clearance
import Reports

/// What one returned file changes, built up row by row against a working copy of the ledger's state.
///
/// Rows apply in file order, each seeing the rows before it, so a range row and a later single row for the
/// same person combine as the dropper expects. Nothing touches the ledger until the whole file is read.
struct ReturnPlan {
    private(set) var states: [String: BatchState]
    private(set) var changes: [String: [(change: Change, row: Int?)]] = [:]
    var rows: [Receipt.RowOutcome] = []
    let university: University
    /// The zone receipts show times in.
    let zone: LocalZone

    init(session: LedgerSession, zone: LocalZone) {
        university = session.workspace.university
        self.zone = zone
        var states: [String: BatchState] = [:]
        for state in session.states { states[state.batch.id] = state }
        self.states = states
    }

    /// The batch a person departs in now, and their record there (as changed so far by this file).
    func find(_ id: PersonID, batch: String? = nil) -> (batch: Batch, record: PersonRecord)? {
        for state in states.values where batch == nil || state.batch.id == batch {
            if state.isMember(id), let record = state[id] { return (state.batch, record) }
        }
        return nil
    }

    /// Why `id` is not departing (in `batch`, when given) though recorded there: withdrawn by their college, or
    /// moved to another batch; `nil` when they were never recorded. Rows naming them are row errors saying so.
    func absence(_ id: PersonID, batch: String? = nil) -> String? {
        let recorded = university.batches.compactMap { batch -> (Batch, PersonRecord)? in
            guard let record = states[batch.id]?[id] else { return nil }
            return (batch, record)
        }.filter { batch == nil || $0.0.id == batch }
        // A withdrawal says more than a move: the person is departing nowhere.
        let ordered = recorded.filter { $0.1.withdrawal != nil } + recorded.filter { $0.1.withdrawal == nil }
        guard let (found, record) = ordered.first else { return nil }
        let membership = record.membership(in: found.id)
        if membership == .member { return nil }
        return LeavingText.notMember(membership, batch: found, university, zone)
    }

    /// The standing withdrawal of `id`, when they are recorded withdrawn somewhere and depart nowhere now.
    func withdrawal(of id: PersonID) -> Withdrawal? {
        guard find(id) == nil else { return nil }
        return university.batches.lazy.compactMap { self.states[$0.id]?[id]?.withdrawal }.first
    }

    /// Everyone departing whose ID lies in `range`, in ID order, optionally within one batch.
    func members(in range: IDRange, batch: String?) -> [(batch: Batch, record: PersonRecord)] {
        var found: [(batch: Batch, record: PersonRecord)] = []
        for state in states.values where batch == nil || state.batch.id == batch {
            for record in state.members where range.contains(record.person.id) { found.append((state.batch, record)) }
        }
        return found.sorted { $0.record.person.id < $1.record.person.id }
    }

    /// Records a change for the ledger and applies it to the working state.
    mutating func apply(_ change: Change, batch: String, row: Int) {
        changes[batch, default: []].append((change, row))
        states[batch]?.apply(change)
    }

    mutating func outcome(
        _ row: Int, _ record: PersonRecord?, id: String, _ result: Receipt.RowResult,
        _ detail: String = ""
    ) {
        // An error row for a known person still names them, so staff see whose row it is.
        let person = record?.person ?? (id.isEmpty ? nil : find(PersonID(id))?.record.person)
        rows.append(
            .init(
                row: row, id: record?.person.id.rawValue ?? id, name: person?.name ?? "", result: result,
                detail: detail))
    }

    /// Refuses every change planned for a closed batch (see ``BatchClosure/refuse(_:rows:closures:university:)``);
    /// returns the people refused.
    @discardableResult
    mutating func refuseClosed(_ closures: [String: BatchClosure]) -> Set<PersonID> {
        BatchClosure.refuse(&changes, rows: &rows, closures: closures, university: university)
    }

    func count(_ result: Receipt.RowResult) -> Int { rows.filter { $0.result == result }.count }

    var hasChanges: Bool { changes.values.contains { !$0.isEmpty } }
}
