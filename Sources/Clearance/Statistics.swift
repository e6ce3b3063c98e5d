/// The figures DESIGN.md §5 asks for, computed from a batch's state alone.
public struct BatchStatistics: Sendable, Hashable {
    /// Per item: how many applicable people are at each status, overall and per college.
    public struct ItemCounts: Sendable, Hashable {
        public var item: ItemID
        public var total = StatusCounts()
        public var byCollege: [String: StatusCounts] = [:]
    }

    /// Per college: people, eligible, issued, blocked (not eligible), and post-issuance holds.
    public struct CollegeCounts: Sendable, Hashable {
        public var college: String
        public var people = 0
        public var eligible = 0
        public var issued = 0
        public var blocked: Int { people - eligible }
        /// Issued, but an item has since been set back to 未办理.
        public var heldAfterIssuance = 0
    }

    /// Per apartment building: residents, fully cleared by the apartment centre, pending.
    public struct BuildingCounts: Sendable, Hashable {
        public var building: String
        public var residents = 0
        public var cleared = 0
        public var pending: Int { residents - cleared }
    }

    public var people = 0
    /// People recorded in the batch whom their college withdrew (撤销离校): counted nowhere else.
    public var withdrawn = 0
    /// People recorded in the batch who moved to another batch (转出): counted nowhere else.
    public var movedOut = 0
    public var items: [ItemCounts] = []
    public var colleges: [CollegeCounts] = []
    public var buildings: [BuildingCounts] = []

    public init(state: BatchState, university: University) {
        var itemCounts = Dictionary(uniqueKeysWithValues: university.items.map { ($0.id, ItemCounts(item: $0.id)) })
        var collegeCounts: [String: CollegeCounts] = [:]
        var buildingCounts: [String: BuildingCounts] = [:]
        let apartment = university.items.first { $0.role == .apartment }
        for record in state.records.values {
            switch record.membership(in: state.batch.id) {
            case .member: break
            case .withdrawn:
                withdrawn += 1
                continue
            case .movedOut:
                movedOut += 1
                continue
            }
            let person = record.person
            people += 1
            for item in university.applicableItems(for: person) {
                let status = record.state(of: item.id).status
                itemCounts[item.id]?.total.add(status)
                itemCounts[item.id]?.byCollege[person.college, default: StatusCounts()].add(status)
            }
            let eligible = Eligibility(record: record, university: university).isEligible
            var college = collegeCounts[person.college] ?? CollegeCounts(college: person.college)
            college.people += 1
            if eligible { college.eligible += 1 }
            if record.isIssued { college.issued += 1 }
            if record.isIssued, !eligible { college.heldAfterIssuance += 1 }
            collegeCounts[person.college] = college
            if person.isResident {
                var building = buildingCounts[person.building] ?? BuildingCounts(building: person.building)
                building.residents += 1
                if let apartment, record.state(of: apartment.id).status.isCleared { building.cleared += 1 }
                buildingCounts[person.building] = building
            }
        }
        items = university.items.compactMap { itemCounts[$0.id] }
        let order = Dictionary(uniqueKeysWithValues: university.colleges.enumerated().map { ($1.name, $0) })
        colleges = collegeCounts.values.sorted {
            (order[$0.college] ?? Int.max, $0.college) < (order[$1.college] ?? Int.max, $1.college)
        }
        buildings = buildingCounts.values.sorted { $0.building.localizedStandardCompare($1.building) }
    }
}

/// How many people are at each status.
public struct StatusCounts: Sendable, Hashable {
    public var pending = 0
    public var notRequired = 0
    public var done = 0

    public init() {}

    public var total: Int { pending + notRequired + done }
    public var cleared: Int { notRequired + done }

    public mutating func add(_ status: Status) {
        switch status {
        case .pending: pending += 1
        case .notRequired: notRequired += 1
        case .done: done += 1
        }
    }

    public subscript(status: Status) -> Int {
        switch status {
        case .pending: pending
        case .notRequired: notRequired
        case .done: done
        }
    }
}

extension String {
    /// Orders building names the way people read them: 2号楼 before 10号楼.
    fileprivate func localizedStandardCompare(_ other: String) -> Bool {
        let left = Self.naturalKey(self)
        let right = Self.naturalKey(other)
        return left.lexicographicallyPrecedes(right) { $0 < $1 }
    }

    private static func naturalKey(_ text: String) -> [NaturalPart] {
        var parts: [NaturalPart] = []
        var digits = ""
        var letters = ""
        for character in text {
            if character.isASCII, character.isNumber {
                if !letters.isEmpty { parts.append(.text(letters)); letters = "" }
                digits.append(character)
            } else {
                if !digits.isEmpty { parts.append(.number(Int(digits) ?? 0)); digits = "" }
                letters.append(character)
            }
        }
        if !digits.isEmpty { parts.append(.number(Int(digits) ?? 0)) }
        if !letters.isEmpty { parts.append(.text(letters)) }
        return parts
    }
}

private enum NaturalPart: Comparable {
    case number(Int)
    case text(String)
}
