/// `pipelines/default.toml`, built into the binary so every command works with no file given.
///
/// A test keeps this byte-for-byte equal to the file; `make default-pipeline` regenerates it.
enum DefaultPipeline {
    static let text = #"""
        # lixiao pipeline definition: the bundled example university.
        #
        # Every lixiao command uses this file when no --pipeline is given (a copy is built into the binary).
        # Ids are stable keys in the ledger; names are what staff see and, unless `folder` says otherwise,
        # the folder names under inbox/ and outbox/. Dates are TOML dates (2027-06-30, no quotes).

        [university]
        name = "示例大学"
        levels = ["本科", "硕士", "博士"]

        [folders]
        # Relative to --root (default: the working directory). Keep the ledger on a local disk.
        inbox = "inbox"
        outbox = "outbox"
        ledger = "ledger"

        [retention]
        # Days after a batch is closed (lixiao close-batch) before lixiao purge lets its personal data go: names,
        # profiles, remarks, received files, receipts and notices. Statistics stay. Three years by default.
        days = 1095

        [[batches]]
        id = "2027-summer"
        name = "2027届夏季毕业"
        deadline = 2027-06-30

        [[batches]]
        id = "2027-winter"
        name = "2027届冬季毕业"
        deadline = 2027-12-31

        [[colleges]]
        id = "cs"
        name = "计算机科学与技术学院"

        [[colleges]]
        id = "ee"
        name = "电子信息工程学院"

        [[colleges]]
        id = "me"
        name = "机械工程学院"

        [[colleges]]
        id = "ce"
        name = "土木工程学院"

        [[colleges]]
        id = "chem"
        name = "化学化工学院"

        [[colleges]]
        id = "math"
        name = "数学与统计学院"

        [[colleges]]
        id = "phys"
        name = "物理学院"

        [[colleges]]
        id = "life"
        name = "生命科学学院"

        [[colleges]]
        id = "econ"
        name = "经济管理学院"

        [[colleges]]
        id = "law"
        name = "法学院"

        [[colleges]]
        id = "lit"
        name = "文学院"

        [[colleges]]
        id = "fl"
        name = "外国语学院"

        [[colleges]]
        id = "med"
        name = "医学院"

        [[colleges]]
        id = "art"
        name = "艺术学院"

        [[colleges]]
        id = "marx"
        name = "马克思主义学院"

        # Clearance items, in the order they appear on notices and statistics.
        # scope: "school" (one department), "college" (one folder per college), "advisor" (each advisor signs).
        # applies: levels = [...], residents = true (people with an apartment), advisor = true (people with an advisor).

        [[items]]
        id = "library"
        name = "图书馆"
        location = "图书馆一楼总服务台"

        [[items]]
        id = "finance"
        name = "财务处"
        location = "行政楼 105 财务结算中心"

        [[items]]
        id = "apartment"
        name = "学生公寓管理中心"
        role = "apartment"
        location = "各公寓楼值班室"
        applies = { residents = true }

        [[items]]
        id = "card"
        name = "校园卡中心"
        location = "学生事务中心 3 号窗口"

        [[items]]
        id = "network"
        name = "网络信息中心"
        location = "信息楼 201"

        [[items]]
        id = "security"
        name = "保卫处"
        location = "保卫处户籍科（行政楼 118）"

        [[items]]
        id = "archives"
        name = "档案馆"
        location = "档案馆二楼"

        [[items]]
        id = "aid"
        name = "学生资助管理中心"
        location = "学生事务中心 5 号窗口"

        [[items]]
        id = "graduate"
        name = "研究生院"
        location = "研究生院培养办"
        applies = { levels = ["硕士", "博士"] }

        [[items]]
        id = "academic"
        name = "教务处"
        location = "教务处学籍科"
        applies = { levels = ["本科"] }

        [[items]]
        id = "party"
        name = "学院党委"
        scope = "college"
        location = "所在学院党委办公室"

        [[items]]
        id = "advisor"
        name = "导师签字"
        scope = "advisor"
        location = "导师本人"
        applies = { advisor = true }

        """#
}
