import Clearance
import Foundation
import Testing

@testable import Reports

/// A 50,000-person batch: 20 colleges of 2,500, eight items, four per room in 50 buildings, statuses spread
/// deterministically, a few post-issuance holds.
enum LargeBatch {
    static let batch = Batch(id: "2027-summer", name: "2027届夏季毕业", deadline: Day(year: 2027, month: 6, day: 30))
    static let colleges = (1...20).map { College(id: "c\($0)", name: "第\($0)学院") }
    static let items: [Item] = [
        Item(id: "library", name: "图书馆", location: "图书馆"),
        Item(id: "finance", name: "财务处", location: "财务处"),
        Item(
            id: "apartment", name: "学生公寓管理中心", rule: Applicability(residentsOnly: true), location: "值班室",
            role: .apartment),
        Item(id: "card", name: "校园卡中心", location: "校园卡中心"),
        Item(id: "network", name: "网络信息中心", location: "网络信息中心"),
        Item(id: "archive", name: "档案馆", location: "档案馆"),
        Item(id: "graduate", name: "研究生院", rule: Applicability(levels: ["硕士", "博士"]), location: "研究生院"),
        Item(id: "party", name: "学院党委", scope: .college, location: "学院党委"),
    ]
    static let university = University(
        name: "测试大学", levels: ["本科", "硕士", "博士"], batches: [batch], colleges: colleges, items: items)

    static let context: OutputContext = {
        var state = BatchState(batch: batch)
        for index in 0..<50_000 {
            let college = colleges[index % colleges.count]
            let id = PersonID(String(2_023_000_000 + index))
            let resident = index % 5 != 0
            state.apply(
                .added(
                    Person(
                        id: id, name: "学生\(index)", college: college.name, major: "专业\(index % 7)",
                        className: "班\(index % 60)", level: index % 4 == 0 ? "硕士" : "本科",
                        building: resident ? "\(index % 50 + 1)号楼" : "",
                        room: resident ? "\(100 + index / 200 % 400)" : "",
                        batch: batch.id)))
            for (offset, item) in items.enumerated() where (index + offset) % 9 != 0 {
                state.apply(
                    .statusSet(
                        id, item.id, old: .initial, new: ItemState(status: offset % 3 == 0 ? .notRequired : .done)))
            }
            if index % 3 == 0 {
                state.apply(.issued(id, Issuance(time: "2027-06-01T01:30:00.000+00:00", source: "colleges/x/issuance")))
            }
        }
        return OutputContext(
            university: university, state: state, sequence: 1, today: Day(year: 2027, month: 6, day: 25),
            generatedAt: "2027-06-25 09:00:00", zone: ReportsSample.zone, originSigner: .sample)
    }()
}

@Suite("Statistics at scale")
struct StatisticsScaleTests {
    /// Runs `body` and returns the seconds it took.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("a 50,000-person batch writes the college, statistics and apartment workbooks with the right totals")
    func largeBatch() throws {
        let context = LargeBatch.context
        let folder = ReportsSample.temporaryFolder("scale")
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let college = try Self.seconds {
            try CollegeWorkbook.write(context, college: LargeBatch.colleges[0], to: path("college.xlsx"))
        }
        let leaders = try Self.seconds {
            try LeadersWorkbook.write(context, progress: ClearanceProgress(), to: path("leaders.xlsx"))
        }
        let item = try Self.seconds {
            try ItemStatistics.write(context, item: LargeBatch.items[0], college: nil, to: path("item.xlsx"))
        }
        let apartment = try Self.seconds { try ApartmentOverview.write(context, to: path("apartment.xlsx")) }
        print("50,000 people: college \(college) s, leaders \(leaders) s, item \(item) s, apartment \(apartment) s")
        let issuable = try Probe.rows(path("college.xlsx"), sheet: "可发证", below: "学工号")
        let everyone = try Probe.rows(path("college.xlsx"), sheet: "两证发放统计", below: "指标")
        #expect(everyone.first?.prefix(2) == ["离校人数", "2500"])
        #expect(!issuable.isEmpty)
        let rooms = try Probe.rows(path("apartment.xlsx"), sheet: "楼栋统计", below: "公寓楼")
        #expect(rooms.last?.prefix(2) == ["合计", "40000"])
    }
}
