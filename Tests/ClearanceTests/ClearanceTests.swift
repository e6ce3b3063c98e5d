import Clearance
import Testing

/// A small hand-built university: three levels, a resident-only item, a graduate-only item, a college-scoped
/// item and the advisor signature.
enum Sample {
    static let summer = Batch(id: "2027-summer", name: "2027届夏季毕业", deadline: Day(year: 2027, month: 6, day: 30))
    static let university = University(
        name: "测试大学", levels: ["本科", "硕士", "博士"], batches: [summer],
        colleges: [College(id: "cs", name: "计算机学院"), College(id: "fl", name: "外国语学院")],
        items: [
            Item(id: "library", name: "图书馆"),
            Item(id: "apartment", name: "学生公寓管理中心", rule: Applicability(residentsOnly: true), role: .apartment),
            Item(id: "graduate", name: "研究生院", rule: Applicability(levels: ["硕士", "博士"])),
            Item(id: "party", name: "学院党委", scope: .college),
            Item(id: "advisor", name: "导师签字", scope: .advisor, rule: Applicability(advisorOnly: true)),
        ])

    static func person(
        _ id: String, college: String = "计算机学院", level: String = "本科", building: String = "", advisor: String = ""
    ) -> Person {
        Person(
            id: PersonID(id), name: "学生\(id)", college: college, level: level, advisorID: advisor,
            building: building, batch: summer.id)
    }

    static func state(_ people: [Person], _ changes: [Change] = []) -> BatchState {
        var state = BatchState(batch: summer)
        for person in people { state.apply(.added(person)) }
        for change in changes { state.apply(change) }
        return state
    }

    static func set(_ id: String, _ item: ItemID, _ status: Status, _ remark: String = "") -> Change {
        .statusSet(PersonID(id), item, old: .initial, new: ItemState(status: status, remark: remark))
    }
}

@Suite("Who an item applies to")
struct ApplicabilityTests {
    @Test("an undergraduate living off campus without an advisor has only the general items")
    func undergraduate() {
        let items = Sample.university.applicableItems(for: Sample.person("1")).map(\.id)
        #expect(items == ["library", "party"])
    }

    @Test("a resident doctoral student with an advisor has every item")
    func doctor() {
        let person = Sample.person("2", level: "博士", building: "10号楼", advisor: "T001")
        #expect(Sample.university.applicableItems(for: person).count == 5)
    }
}

@Suite("Eligibility and issuance")
struct EligibilityTests {
    @Test("a new person is blocked by every applicable item, each 未办理")
    func newPersonBlocked() throws {
        let state = Sample.state([Sample.person("1", building: "3号楼")])
        let record = try #require(state["1"])
        let eligibility = Eligibility(record: record, university: Sample.university)
        #expect(!eligibility.isEligible)
        #expect(eligibility.blockers.map(\.item.id) == ["library", "apartment", "party"])
    }

    @Test("every applicable item 无需办理 or 已办理 makes a person eligible; inapplicable items do not count")
    func eligibleWhenCleared() throws {
        let state = Sample.state(
            [Sample.person("1")],
            [
                Sample.set("1", "library", .done, "已还书"), Sample.set("1", "party", .notRequired),
            ])
        let record = try #require(state["1"])
        #expect(Eligibility(record: record, university: Sample.university).isEligible)
        #expect(IssuanceDecision(record: record, university: Sample.university) == .issue)
    }

    @Test("issuance is refused while an item blocks, naming it, and happens only once")
    func issuanceRules() throws {
        var state = Sample.state([Sample.person("1")], [Sample.set("1", "library", .done)])
        #expect(
            IssuanceDecision(record: try #require(state["1"]), university: Sample.university)
                == .notEligible(blockingItems: ["party"]))
        state.apply(Sample.set("1", "party", .done))
        let first = Issuance(time: "2027-06-01T08:00:00.000+00:00", source: "colleges/计算机学院/issuance")
        state.apply(.issued("1", first))
        state.apply(.issued("1", Issuance(time: "2027-06-02T08:00:00.000+00:00", source: "again")))
        #expect(state["1"]?.issuance == first)
        #expect(
            IssuanceDecision(record: try #require(state["1"]), university: Sample.university)
                == .alreadyIssued(first))
    }

    @Test("a status set back to 未办理 after issuance keeps the issuance and shows as a hold")
    func postIssuanceHold() {
        var state = Sample.state(
            [Sample.person("1")], [Sample.set("1", "library", .done), Sample.set("1", "party", .done)])
        state.apply(.issued("1", Issuance(time: "t", source: "s")))
        state.apply(
            .statusSet("1", "library", old: ItemState(status: .done), new: ItemState(status: .pending, remark: "欠书")))
        let statistics = BatchStatistics(state: state, university: Sample.university)
        #expect(statistics.colleges.first?.issued == 1)
        #expect(statistics.colleges.first?.heldAfterIssuance == 1)
    }
}

@Suite("Statistics from state")
struct StatisticsTests {
    @Test("status counts per item and college, eligibility per college, residents per building")
    func counts() {
        let people = [
            Sample.person("1", building: "2号楼"), Sample.person("2", building: "10号楼"),
            Sample.person("3", college: "外国语学院", level: "硕士"),
        ]
        let state = Sample.state(
            people,
            [
                Sample.set("1", "library", .done), Sample.set("1", "party", .done), Sample.set("1", "apartment", .done),
                Sample.set("2", "library", .notRequired),
            ])
        let statistics = BatchStatistics(state: state, university: Sample.university)
        #expect(statistics.people == 3)
        let library = statistics.items.first { $0.item == "library" }
        #expect(library?.total.done == 1)
        #expect(library?.total.notRequired == 1)
        #expect(library?.total.pending == 1)
        #expect(library?.byCollege["计算机学院"]?.total == 2)
        let graduate = statistics.items.first { $0.item == "graduate" }
        #expect(graduate?.total.total == 1)
        #expect(statistics.colleges.map(\.college) == ["计算机学院", "外国语学院"])
        #expect(statistics.colleges.first?.eligible == 1)
        #expect(statistics.colleges.first?.blocked == 1)
        #expect(statistics.buildings.map(\.building) == ["2号楼", "10号楼"])
        #expect(statistics.buildings.first?.cleared == 1)
        #expect(statistics.buildings.last?.pending == 1)
    }

    @Test("days until the deadline count calendar days")
    func deadline() {
        #expect(Day(year: 2027, month: 6, day: 1).days(until: Sample.summer.deadline) == 29)
        #expect(Day(year: 2027, month: 7, day: 2).days(until: Sample.summer.deadline) == -2)
    }
}

@Suite("The batch's people in ID order")
struct BatchOrderTests {
    @Test("records come out in ID order however they were added, and order of addition never makes states differ")
    func orderOfAddition() {
        let ids = ["2023003", "2023001", "2023005", "2023002", "2023004", "2023006"]
        let mixed = Sample.state(ids.map { Sample.person($0) })
        let sorted = Sample.state(ids.sorted().map { Sample.person($0) })
        #expect(mixed.sortedRecords.map(\.person.id.rawValue) == ids.sorted())
        #expect(sorted.sortedRecords.map(\.person.id.rawValue) == ids.sorted())
        #expect(mixed == sorted)
        #expect(mixed.hashValue == sorted.hashValue)
        #expect(mixed.members.count == ids.count)
    }
}
