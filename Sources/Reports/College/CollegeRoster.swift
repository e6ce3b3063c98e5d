import Clearance

/// One college's departing people in a batch, each with their eligibility worked out once.
///
/// Built in one pass over the batch (no per-person lookups), ordered by class (naturally: 班2 before 班10, no
/// class last) and then 学工号, so each class's people stand together in every sheet a college secretary reads.
struct CollegeRoster {
    struct Entry {
        var record: PersonRecord
        var eligibility: Eligibility

        var person: Person { record.person }
        var isEligible: Bool { eligibility.isEligible }
        /// Issued, but an item has since been set back to 未办理 (a post-issuance hold).
        var isHeld: Bool { record.isIssued && !eligibility.isEligible }
    }

    let college: College
    let entries: [Entry]

    init(_ context: OutputContext, college: College) {
        self.college = college
        entries = (context.membersByCollege[college.name] ?? [])
            .map { Entry(record: $0, eligibility: Eligibility(record: $0, university: context.university)) }
            .sorted { left, right in
                let leftClass = left.person.className
                let rightClass = right.person.className
                if leftClass != rightClass {
                    if leftClass.isEmpty || rightClass.isEmpty { return !leftClass.isEmpty }
                    return NaturalOrder.precedes(leftClass, rightClass)
                }
                return left.person.id < right.person.id
            }
    }

    /// Eligible and not yet issued: the 可发证 list.
    var issuable: [Entry] { entries.filter { $0.isEligible && !$0.record.isIssued } }

    /// Issued, holds included.
    var issued: [Entry] { entries.filter { $0.record.isIssued } }

    /// Not eligible, post-issuance holds first.
    var blocked: [Entry] {
        let notEligible = entries.filter { !$0.isEligible }
        return notEligible.filter(\.isHeld) + notEligible.filter { !$0.isHeld }
    }

    /// The items that apply to at least one person of the college, in pipeline order.
    func applicableItems(in university: University) -> [Item] {
        university.items.filter { item in entries.contains { item.applies(to: $0.person) } }
    }
}

/// The figures of the 两证发放统计 sheet for a group of people (a college or one class).
struct IssuanceTally {
    var people = 0
    var eligible = 0
    var issued = 0
    var held = 0

    /// Eligible and waiting for the college to issue.
    var waiting: Int { eligible - (issued - held) }
    /// Not eligible and not issued.
    var blockedNotIssued: Int { people - eligible - held }
    /// Not eligible, holds included.
    var blocked: Int { people - eligible }

    mutating func add(_ entry: CollegeRoster.Entry) {
        people += 1
        if entry.isEligible { eligible += 1 }
        if entry.record.isIssued { issued += 1 }
        if entry.isHeld { held += 1 }
    }

    /// `part / people`, or `nil` for nobody.
    func share(_ part: Int) -> Double? {
        people == 0 ? nil : Double(part) / Double(people)
    }
}
