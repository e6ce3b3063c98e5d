import Clearance
import Testing

@Suite("People leaving a batch: moves and withdrawals")
struct LeavingTests {
    static let move = Transfer(from: "2027-summer", to: "2027-winter", time: "t1", actor: "registry", source: "s1")
    static let withdrawal = Withdrawal(time: "t2", actor: "colleges/cs/roster", source: "s2", reason: "延期毕业")

    @Test("a person moved out keeps their record and statuses but is no member, and counts only as moved out")
    func movedOut() throws {
        var state = Sample.state(
            [Sample.person("1"), Sample.person("2", building: "3号楼")], [Sample.set("1", "library", .done)])
        state.apply(.moved("1", Self.move))
        #expect(!state.isMember("1"))
        #expect(state.members.map(\.person.id) == ["2"])
        let record = try #require(state["1"])
        #expect(record.state(of: "library").status == .done)
        #expect(record.membership(in: "2027-summer") == .movedOut(Self.move))
        #expect(record.movedIn(to: "2027-summer") == nil)
        let statistics = BatchStatistics(state: state, university: Sample.university)
        #expect(statistics.people == 1)
        #expect(statistics.movedOut == 1)
        #expect(statistics.withdrawn == 0)
        #expect(statistics.items.first { $0.item == "library" }?.total.done == 0)
    }

    @Test("the batch joined records where the person came from")
    func movedIn() throws {
        var state = BatchState(
            batch: Batch(id: "2027-winter", name: "冬", deadline: Day(year: 2027, month: 12, day: 31)))
        var person = Sample.person("1")
        person.batch = "2027-winter"
        state.apply(.added(person))
        state.apply(.moved("1", Self.move))
        let record = try #require(state["1"])
        #expect(state.isMember("1"))
        #expect(record.movedIn(to: "2027-winter") == Self.move)
        #expect(record.state(of: "library") == .initial)
    }

    @Test("a withdrawn person leaves members and statistics; restoring brings them back with their statuses")
    func withdrawnAndRestored() throws {
        var state = Sample.state(
            [Sample.person("1", building: "3号楼"), Sample.person("2")], [Sample.set("1", "library", .done, "已还")])
        state.apply(.withdrawn("1", Self.withdrawal))
        #expect(!state.isMember("1"))
        #expect(state["1"]?.membership(in: "2027-summer") == .withdrawn(Self.withdrawal))
        var statistics = BatchStatistics(state: state, university: Sample.university)
        #expect(statistics.people == 1)
        #expect(statistics.withdrawn == 1)
        #expect(statistics.buildings.isEmpty)
        // A second withdrawal does not overwrite the first.
        state.apply(.withdrawn("1", Withdrawal(time: "t3", actor: "x", source: "s3", reason: "另一原因")))
        #expect(state["1"]?.withdrawal == Self.withdrawal)
        state.apply(.restored("1"))
        #expect(state.isMember("1"))
        #expect(state["1"]?.state(of: "library") == ItemState(status: .done, remark: "已还"))
        statistics = BatchStatistics(state: state, university: Sample.university)
        #expect(statistics.people == 2)
        #expect(statistics.withdrawn == 0)
    }

    @Test("progress over time ignores moves and withdrawals")
    func progressIgnoresLeaving() {
        var progress = ClearanceProgress()
        let day = Day(year: 2027, month: 6, day: 1)
        progress.record(.moved("1", Self.move), on: day)
        progress.record(.withdrawn("1", Self.withdrawal), on: day)
        progress.record(.restored("1"), on: day)
        #expect(progress.days.isEmpty)
    }
}
