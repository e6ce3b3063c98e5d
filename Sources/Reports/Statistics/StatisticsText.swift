import Clearance

/// The Chinese text of the statistics workbooks (办理统计, 离校办理统计, 公寓办理概况): sheet names, headers,
/// titles, notes and chart labels.
enum StatisticsText {
    static let total = "合计"
    static let wholeSchool = "全校"
    static let college = "学院"
    static let className = "班级"
    static let item = "办理项"
    static let people = "人数"
    static let times = "人次"
    static let days = "天"
    static let noClass = CollegeText.noClass
    static let rateRule = "完成率 =（2 无需办理 + 3 已办理）÷ 应办理人数"

    /// `2027届夏季毕业 · 截止日期 2027-06-30 · 生成于 2027-06-25 09:00:00`.
    static func deadlineLine(_ context: OutputContext) -> String {
        CollegeText.deadlineLine(context)
    }

    /// The same, headed by the university's name.
    static func schoolLine(_ context: OutputContext) -> String {
        "\(context.university.name) · " + deadlineLine(context)
    }

    enum Table {
        static let applicable = "应办理人数"
        static let rate = "完成率"
    }

    enum ItemSheet {
        static let fileNamePrefix = "办理统计"
        static let sheet = "办理统计"
        static let classSection = "各班级办理情况"

        /// `图书馆` or `学院党委 · 计算机科学与技术学院`.
        static func owner(_ item: Item, _ college: College?) -> String {
            item.name + (college.map { " · \($0.name)" } ?? "")
        }

        static func title(_ owner: String) -> String { "\(owner) 办理统计" }
        static func subject(_ item: Item) -> String { "\(item.name) 各学院办理状态统计" }
        static func collegeChart(_ item: Item) -> String { "\(item.name) 各学院办理情况" }
        static func classChart(_ item: Item) -> String { "\(item.name) 各班级办理情况" }
    }

    enum Leaders {
        static let fileNamePrefix = "离校办理统计"
        static func title(_ context: OutputContext) -> String {
            "\(context.university.name) \(context.batch.name) 离校办理统计"
        }
        static let subject = "各办理项、各学院离校办理与两证发放统计"

        static let itemsSheet = "事项统计"
        static let itemsTitle = "各办理项办理情况"

        static let collegesSheet = "学院统计"
        static let collegesTitle = "各学院两证发放情况"
        static let collegeHeaders = ["学院", "离校人数", "已满足发证条件", "已发证", "未满足发证条件", "发证后暂扣", "发证率"]
        /// Under the college table when people left the batch: they are in no figure of the workbook.
        static func leavers(withdrawn: Int, movedOut: Int) -> String {
            "另有已撤销离校 \(withdrawn) 人、转入其他批次 \(movedOut) 人，不计入本工作簿的任何统计"
        }

        static let matrixSheet = "完成率矩阵"
        static let matrixTitle = "各学院各办理项完成率"
        static let matrixNote = "空白表示该办理项不适用于该学院的离校人员"

        static let dailySheet = "每日办理进度"
        static let dailyTitle = "每日办理进度"
        static let dailyNote = "每格为当日由“未办理”变为“无需办理”或“已办理”的人次"
        static let date = "日期"
        static let cumulative = "累计"
        static let noProgress = "暂无数据：尚无办理记录，首次办理后显示每日办理人次和累计办理人次图表"
        static let dailyChart = "每日办理人次"
        static let cumulativeChart = "累计办理人次"

        static let durationSheet = "办理时长"
        static let durationTitle = "各办理项办理时长"
        static let durationNote = "天数自人员加入离校名单之日起，至该项办理完成之日止"
        static let durationHeaders = ["办理项", "已办理人次", "中位数（天）", "平均（天）"]
        static let noDuration = "暂无数据：尚无办理记录"
        static let sameDayOnly = "暂无图表：目前的办理均在人员加入名单当天完成（0 天），出现跨日办理后显示办理时长图表"
    }

    enum Apartment {
        static let fileNamePrefix = "公寓办理概况"
        static func title(_ context: OutputContext) -> String {
            "\(context.university.name) \(context.batch.name) 公寓办理概况"
        }
        static let subject = "各公寓楼、各房间离校办理情况"

        static let buildingsSheet = "楼栋统计"
        static let buildingsTitle = "公寓办理概况"
        static let building = "公寓楼"
        static let buildingHeaders = ["公寓楼", "住宿人数", "已办理", "未办理", "完成率"]
        static let residentsOnlyHeaders = ["公寓楼", "住宿人数"]
        static let noApartmentItem = "流程中未设置公寓管理中心办理项，仅统计住宿人数"
        static let buildingsChart = "各公寓楼办理情况"
        static let residentsChart = "各公寓楼住宿人数"

        static let roomsSheet = "房间明细"
        static let roomsTitle = "各房间办理明细"
        static let roomHeaders = ["公寓楼", "房间", "住宿人数"]
        static let pendingHeaders = ["未办理人数", "未办理人员"]
        static let roomsFooter = "公寓办理概况 · 房间明细"
        static let noRoom = "（未登记房间）"

        static func roomsLine(_ context: OutputContext, count: Int) -> String {
            "\(context.batch.name) · 共 \(count) 个房间 · 生成于 \(context.generatedAt)"
        }

        /// `李娜（2024210305）`, joined with `、` in the room sheet.
        static func pendingPerson(_ person: Person) -> String { "\(person.name)（\(person.id.rawValue)）" }
        static let pendingSeparator = "、"
    }
}
