/// The longest value lixiao accepts in each field, and how input is quoted back in receipts.
///
/// A value over its limit is a row error that says so, found before anything is journalled; the limits keep
/// every output writable (an Excel cell holds 32,767 characters, a file name 255 bytes) and every sheet readable.
enum FieldLimits {
    /// 学工号.
    static let id = 32
    /// 姓名.
    static let name = 64
    /// 办理备注.
    static let remark = 500
    /// Any other profile field (学院, 专业, 班级, 宿舍楼 …).
    static let profileField = 100

    /// The row error for a value of `count` characters in `column`, over `limit`.
    static func message(column: String, count: Int, limit: Int) -> String {
        "「\(column)」列：内容有 \(count) 个字符，超过 \(limit) 个字符的上限"
    }
}

/// Input quoted back to staff, shortened so one huge cell cannot swamp a receipt.
enum Quoted {
    /// `text` itself when short; otherwise its first 30 characters, an ellipsis and its length.
    static func short(_ text: String, limit: Int = 40) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(30)) + "…（共 \(text.count) 个字符）"
    }
}
