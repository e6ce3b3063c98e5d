import Clearance
import Testing

@testable import Pipeline

/// The inputs digest decides whether an output's model is built at all, so it must cover every stored property
/// of a person's record: a property it missed would leave an output stale.
@Suite struct OutputInputsTests {
    static let person = Person(
        id: "2023110101", name: "张三", gender: "男", college: "计算机科学与技术学院", major: "软件工程",
        className: "软件2301", level: "本科", advisorID: "T2003015", advisorName: "陈教授", building: "1号楼",
        room: "101", batch: "2027-summer")
    static let record = PersonRecord(
        person: person, items: ["library": ItemState(status: .done, remark: "已还书")],
        issuance: Issuance(time: "2027-06-20T01:00:00.000+00:00", source: "a.xlsx"),
        transfer: Transfer(from: "2027-winter", to: "2027-summer", time: "t", actor: "registry", source: "b.xlsx"),
        withdrawal: Withdrawal(time: "t", actor: "college", source: "c.xlsx", reason: "延期"))

    static func digest(_ record: PersonRecord) -> [UInt8] {
        var encoder = RecordEncoder()
        encoder.add(record: record)
        return encoder.digest()
    }

    /// Every stored property, changed one at a time (`Mirror` counts them, so a new property fails this test
    /// until the encoder and this list cover it).
    static let changes: [(String, @Sendable (inout PersonRecord) -> Void)] = [
        ("id", { $0.person.id = "2023110102" }), ("name", { $0.person.name = "李四" }),
        ("gender", { $0.person.gender = "女" }), ("college", { $0.person.college = "外国语学院" }),
        ("major", { $0.person.major = "英语" }), ("className", { $0.person.className = "英语2301" }),
        ("level", { $0.person.level = "硕士" }), ("advisorID", { $0.person.advisorID = "T1" }),
        ("advisorName", { $0.person.advisorName = "王" }), ("building", { $0.person.building = "2号楼" }),
        ("room", { $0.person.room = "102" }), ("batch", { $0.person.batch = "2027-winter" }),
        ("hasStudentStatus", { $0.person.hasStudentStatus = false }),
        ("item status", { $0.items["library"]?.status = .pending }),
        ("item remark", { $0.items["library"]?.remark = "" }),
        ("another item", { $0.items["finance"] = ItemState() }),
        ("issuance time", { $0.issuance?.time = "x" }), ("issuance source", { $0.issuance?.source = "x" }),
        ("no issuance", { $0.issuance = nil }),
        ("transfer from", { $0.transfer?.from = "x" }), ("transfer to", { $0.transfer?.to = "x" }),
        ("transfer time", { $0.transfer?.time = "x" }), ("transfer actor", { $0.transfer?.actor = "x" }),
        ("transfer source", { $0.transfer?.source = "x" }), ("no transfer", { $0.transfer = nil }),
        ("withdrawal time", { $0.withdrawal?.time = "x" }), ("withdrawal actor", { $0.withdrawal?.actor = "x" }),
        ("withdrawal source", { $0.withdrawal?.source = "x" }),
        ("withdrawal reason", { $0.withdrawal?.reason = "x" }), ("restored", { $0.withdrawal = nil }),
    ]

    @Test("every stored property of a record changes its digest")
    func everyPropertyCounts() {
        let base = Self.digest(Self.record)
        #expect(Self.digest(Self.record) == base)
        for (name, change) in Self.changes {
            var changed = Self.record
            change(&changed)
            #expect(Self.digest(changed) != base, "\(name)")
        }
    }

    @Test("the list above names every stored property the record types have")
    func propertiesCounted() throws {
        func count(_ value: Any) -> Int { Mirror(reflecting: value).children.count }
        let record = Self.record
        #expect(count(record) == 5)
        #expect(count(record.person) == 13)
        #expect(count(try #require(record.items["library"])) == 2)
        #expect(count(try #require(record.issuance)) == 2)
        #expect(count(try #require(record.transfer)) == 5)
        #expect(count(try #require(record.withdrawal)) == 4)
    }
}
