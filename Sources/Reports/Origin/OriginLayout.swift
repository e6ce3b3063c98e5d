import Clearance

/// The cells of the origin sheet: a marker row, key/value rows, a header row, then one row per listed person.
///
/// ```
///   A                B                     C
/// 1 lixiao-origin    1                     离校系统生成的来源信息…请勿修改或删除此表。
/// 2 kind             department            类型
/// 3 batch            2027-summer           离校批次
/// 4 item             library               办理项
/// 5 college          cs                    学院
/// 6 advisor                                导师工号
/// 7 sequence         42                    台账序号
/// 8 generatedAt      2027-06-25 09:00:00   生成时间
/// 9 rows             5                     名单人数
/// 10 checksum        9f0c…(64 hex digits)  校验值（HMAC-SHA256）
/// 11 学工号           状态                  备注
/// 12 0123456         1                     欠书 2 本
/// ```
/// Every cell is text (IDs and numbers included). Keys are read by name, so their order may change and unknown
/// keys are ignored; an empty value means "none". Person rows come in ID order.
enum OriginLayout {
    /// The keys, in the order written, with the Chinese label shown beside each.
    static let keys: [(key: String, label: String)] = [
        ("kind", "类型"), ("batch", "离校批次"), ("item", "办理项"), ("college", "学院"), ("advisor", "导师工号"),
        ("sequence", "台账序号"), ("generatedAt", "生成时间"), ("rows", "名单人数"), ("checksum", "校验值"),
    ]
    /// The note beside the marker, for anyone who unhides the sheet.
    static let note = "离校系统生成的来源信息，用于识别回传文件中改动过的单元格，请勿修改或删除此表。"
    /// The header row that ends the key/value rows.
    static let rowHeader = ["学工号", "状态", "备注"]

    /// The key/value pairs of `origin`, in `keys` order, without the checksum.
    static func values(of origin: Origin) -> [String: String] {
        [
            "kind": origin.kind.rawValue, "batch": origin.batch, "item": origin.item?.rawValue ?? "",
            "college": origin.college ?? "", "advisor": origin.advisor ?? "", "sequence": String(origin.sequence),
            "generatedAt": origin.generatedAt, "rows": String(origin.rows.count),
        ]
    }

    /// The person rows of `origin` in ID order.
    static func sortedRows(of origin: Origin) -> [(id: PersonID, state: ItemState)] {
        origin.rows.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The text the check code covers: every field and person row of `origin`, each canonical, each followed
    /// by U+001F.
    ///
    /// Texts are compared as a spreadsheet program keeps them: line breaks are normalised to `\n`, and control
    /// characters (which some programs drop) and U+FFFD, U+FFFE and U+FFFF (the writer stores U+FFFD for characters
    /// xlsx cannot hold) are left out, so saving in Excel, WPS or LibreOffice never changes the code. The signer
    /// (`OriginSigner`) keys it: an unkeyed digest anyone could recompute would not detect a forged origin.
    static func canonicalText(of origin: Origin) -> String {
        var text = "lixiao-origin-\(Origin.version)\u{1F}"
        func feed(_ field: String) {
            text += canonical(field)
            text += "\u{1F}"
        }
        let values = values(of: origin)
        for (key, _) in keys where key != "checksum" { feed(values[key] ?? "") }
        for row in sortedRows(of: origin) {
            feed(row.id.rawValue)
            feed(String(row.state.status.rawValue))
            feed(row.state.remark)
        }
        return text
    }

    /// `text` with CR LF and CR made LF, and other control characters, U+FFFD, U+FFFE and U+FFFF removed.
    private static func canonical(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: scalars.append("\n")
            case 0x0A where previousWasCR: continue
            case 0x0A: scalars.append(scalar)
            case 0..<0x20, 0x7F, 0xFFFD, 0xFFFE, 0xFFFF: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
