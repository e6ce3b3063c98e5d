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
        let order = Dictionary(
            university.colleges.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return records.sorted { left, right in
            let a = left.person
            let b = right.person
            let aCollege = order[a.college] ?? Int.max
            let bCollege = order[b.college] ?? Int.max
            if aCollege != bCollege { return aCollege < bCollege }
            if a.college != b.college { return a.college < b.college }
            if a.className != b.className { return a.className < b.className }
            return a.id < b.id
        }
    }
}
