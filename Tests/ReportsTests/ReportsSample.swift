import Clearance
import Foundation
import Reports

/// A small hand-built ledger state for output tests: two colleges, residents and not, an advisor, every status.
enum ReportsSample {
    static let summer = Batch(id: "2027-summer", name: "2027届夏季毕业", deadline: Day(year: 2027, month: 6, day: 30))
    static let cs = College(id: "cs", name: "计算机科学与技术学院")
    static let fl = College(id: "fl", name: "外国语学院")
    static let university = University(
        name: "测试大学", levels: ["本科", "硕士", "博士"], batches: [summer], colleges: [cs, fl],
        items: [
            Item(id: "library", name: "图书馆", location: "图书馆一楼总服务台"),
            Item(
                id: "apartment", name: "学生公寓管理中心", rule: Applicability(residentsOnly: true),
                location: "各公寓楼值班室", role: .apartment),
            Item(id: "graduate", name: "研究生院", rule: Applicability(levels: ["硕士", "博士"]), location: "研究生院"),
            Item(id: "party", name: "学院党委", scope: .college, location: "学院党委办公室"),
            Item(
                id: "advisor", name: "导师签字", scope: .advisor, rule: Applicability(advisorOnly: true),
                location: "导师本人"),
        ])

    static let people: [Person] = [
        Person(
            id: "2023110101", name: "张伟", gender: "男", college: cs.name, major: "软件工程", className: "软工2301",
            level: "本科", building: "10号楼", room: "305", batch: summer.id),
        Person(
            id: "2023110102", name: "王芳", gender: "女", college: cs.name, major: "软件工程", className: "软工2301",
            level: "本科", batch: summer.id),
        Person(
            id: "0123456", name: "=HYPERLINK(\"x\")", gender: "男", college: cs.name, major: "软件工程",
            className: "软工2302", level: "本科", building: "2号楼", room: "101", batch: summer.id),
        Person(
            id: "2024210305", name: "李娜", gender: "女", college: fl.name, major: "英语语言文学", className: "英硕2401",
            level: "硕士", advisorID: "T2003015", advisorName: "陈教授", building: "研3号楼", room: "112",
            batch: summer.id),
        Person(
            id: "2024210306", name: "赵敏", gender: "女", college: fl.name, major: "翻译", className: "英硕2401",
            level: "硕士", advisorID: "T2003015", advisorName: "陈教授", batch: summer.id),
    ]

    /// 张伟 fully cleared and issued; 王芳 eligible, not issued; 0123456 blocked by the library with a remark;
    /// 李娜 blocked by the advisor; 赵敏 untouched.
    static var state: BatchState {
        var state = BatchState(batch: summer)
        for person in people { state.apply(.added(person)) }
        func set(_ id: PersonID, _ item: ItemID, _ status: Status, _ remark: String = "") {
            state.apply(.statusSet(id, item, old: .initial, new: ItemState(status: status, remark: remark)))
        }
        for item: ItemID in ["library", "apartment", "party"] { set("2023110101", item, .done) }
        set("2023110102", "library", .done, "已还书")
        set("2023110102", "party", .notRequired)
        set("0123456", "library", .pending, "欠书 2 本")
        set("0123456", "apartment", .done)
        set("0123456", "party", .done)
        for item: ItemID in ["library", "apartment", "graduate", "party"] { set("2024210305", item, .done) }
        state.apply(
            .issued(
                "2023110101",
                Issuance(
                    time: "2027-06-01T01:30:00.000+00:00",
                    source: "colleges/计算机科学与技术学院/issuance")))
        return state
    }

    /// The university's zone: samples read the same whatever `TZ` the tests run under.
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    static var context: OutputContext {
        OutputContext(
            university: university, state: state, sequence: 42, today: Day(year: 2027, month: 6, day: 25),
            generatedAt: "2027-06-25 09:00:00", zone: zone, originSigner: .sample)
    }

    static func temporaryFolder(_ label: String) -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lixiao-reports-\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

extension OriginSigner {
    /// A keyed signer for tests. The pipeline keys origins with HMAC-SHA256; here a 64-bit FNV-1a of a test key
    /// and the text stands in (Reports only asks a signer, it never computes a code itself).
    static let sample = OriginSigner { text in keyedDigest(key: "sample-key", text) }
    /// A signer with another key: what a forger without this installation's key can compute.
    static let forger = OriginSigner { text in keyedDigest(key: "forger-key", text) }

    private static func keyedDigest(key: String, _ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (key + "\u{1F}" + text).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
