import Clearance
import Foundation

/// A generated student body of realistic shape: names, IDs by college and year, classes, levels, advisors,
/// apartments and batches, reproducible from a seed.
struct DemoPeople {
    struct Entry {
        var person: Person
        /// The 离校批次 text the registry gives (some people are not departing this year).
        var batchText: String
    }

    private(set) var entries: [Entry] = []

    private static let surnames =
        Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
        .map(String.init) + ["欧阳", "司马", "上官", "诸葛"]
    private static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉宇浩凯欣怡晨阳雪梅琳婷鹏飞思雨子轩梓涵一诺佳琪俊杰")
        .map(String.init)
    /// Majors as each college of the default pipeline teaches them, so a 法学院 student never reads 会计学.
    static let majorsByCollege: [String: [String]] = [
        "计算机科学与技术学院": ["软件工程", "计算机科学与技术", "网络工程"],
        "电子信息工程学院": ["通信工程", "电子信息工程"],
        "机械工程学院": ["机械设计制造及其自动化", "车辆工程"],
        "土木工程学院": ["土木工程", "建筑学"],
        "化学化工学院": ["化学工程与工艺", "应用化学"],
        "数学与统计学院": ["数学与应用数学", "统计学"],
        "物理学院": ["应用物理学", "物理学"],
        "生命科学学院": ["生物技术", "生物科学"],
        "经济管理学院": ["会计学", "工商管理", "经济学"],
        "法学院": ["法学"],
        "文学院": ["汉语言文学", "新闻学"],
        "外国语学院": ["英语", "日语"],
        "医学院": ["临床医学", "护理学"],
        "艺术学院": ["视觉传达设计", "音乐学"],
        "马克思主义学院": ["思想政治教育"],
    ]

    /// A major of `college`: one of its own, or, for a college the table does not know, its name as a major.
    static func major(of college: College, serial: Int) -> String {
        guard let majors = majorsByCollege[college.name], !majors.isEmpty else {
            return college.name.hasSuffix("学院") ? String(college.name.dropLast(2)) : college.name
        }
        return majors[serial % majors.count]
    }

    init(count: Int, seed: UInt64, university: University) {
        var random = SeededRandom(seed: seed)
        let colleges = university.colleges
        let summer = university.batches.first
        let winter = university.batches.dropFirst().first
        var advisors: [String: (id: String, name: String)] = [:]
        for index in 0..<count {
            let college = colleges[index % colleges.count]
            let collegeNumber = index % colleges.count + 1
            let roll = random.next(100)
            let level = roll < 72 ? "本科" : (roll < 94 ? "硕士" : "博士")
            let (year, levelCode) = level == "本科" ? (2023, 1) : (level == "硕士" ? (2024, 2) : (2022, 3))
            let serial = index / colleges.count + 1
            let id = String(format: "%04d%d%02d%04d", year, levelCode, collegeNumber, serial)
            let name =
                Self.surnames[random.next(Self.surnames.count)]
                + (0..<(random.next(3) == 0 ? 1 : 2)).map { _ in Self.given[random.next(Self.given.count)] }.joined()
            let major = Self.major(of: college, serial: serial)
            let classNumber = serial / 30 + 1
            let className =
                level == "本科"
                ? "\(major.prefix(2))\(year % 100)\(String(format: "%02d", classNumber))"
                : "\(college.name.prefix(2))\(level == "硕士" ? "硕" : "博")\(year % 100)\(String(format: "%02d", classNumber))"
            var advisorID = ""
            var advisorName = ""
            if level != "本科" {
                let key = "\(college.id)-\(random.next(max(2, count / 400)))"
                let advisor =
                    advisors[key] ?? (
                        String(format: "T%d%03d", 1995 + random.next(25), advisors.count + 1),
                        Self.surnames[random.next(Self.surnames.count)] + Self.given[random.next(Self.given.count)]
                    )
                advisors[key] = advisor
                (advisorID, advisorName) = advisor
            }
            let resident = random.next(100) < 82
            let building = resident ? (level == "本科" ? "\(random.next(24) + 1)号楼" : "研\(random.next(6) + 1)号楼") : ""
            let room = resident ? String(100 * (random.next(6) + 1) + random.next(30) + 1) : ""
            let batchRoll = random.next(100)
            let batchText =
                batchRoll < 84 ? (summer?.name ?? "") : (batchRoll < 94 ? (winter?.name ?? "") : "2028届夏季毕业")
            let person = Person(
                id: PersonID(id), name: name, gender: random.next(2) == 0 ? "男" : "女", college: college.name,
                major: major,
                className: className, level: level, advisorID: advisorID, advisorName: advisorName, building: building,
                room: room, batch: university.batch(named: batchText)?.id ?? "", hasStudentStatus: true)
            entries.append(Entry(person: person, batchText: batchText))
        }
    }
}

/// A small, fast, reproducible generator (SplitMix64), so a demo with the same seed is the same university.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextRaw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int { Int(nextRaw() % UInt64(max(1, bound))) }
}
