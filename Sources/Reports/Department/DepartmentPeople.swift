import Clearance

/// Who a department-side list shows, and in which order.
enum DepartmentPeople {
    /// The batch's members for whom `item` applies, restricted to `college` when one is given, in list order.
    static func listed(_ context: OutputContext, item: Item, college: College?) -> [PersonRecord] {
        let candidates = college.map { context.membersByCollege[$0.name] ?? [] } ?? context.members
        let records = candidates.filter { item.applies(to: $0.person) }
        return sorted(records, in: context.university)
    }

    /// `records` by college (in pipeline order, unknown colleges after, by name), class, then ID.
    static func sorted(_ records: [PersonRecord], in university: University) -> [PersonRecord] {
        let collegeOrder = Dictionary(
            university.colleges.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Sort positions by precomputed keys, not records: moving or copying a record retains and releases each
        // of its strings, which dominated a 40,000-row export.
        let keys = records.map { record in
            (
                collegeOrder[record.person.college] ?? Int.max, record.person.college, record.person.className,
                record.person.id
            )
        }
        let order = records.indices.sorted { keys[$0] < keys[$1] }
        return order.map { records[$0] }
    }
}
