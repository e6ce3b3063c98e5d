/// Why a workbook's origin sheet cannot be trusted: it is there, but damaged, edited or from a newer lixiao.
///
/// `description` is the Chinese sentence a receipt shows when it rejects the returned file.
public struct OriginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the details the message names.
    public enum Problem: Sendable, Hashable {
        /// A1 is not the marker: the sheet has the origin's name but not its content.
        case missingMarker
        /// B1 names a layout this lixiao does not know.
        case unsupportedVersion(String)
        /// A required key is absent or empty.
        case missingKey(String)
        /// A key holds a value that cannot be right.
        case badValue(key: String, value: String)
        /// A person row (1-based sheet row) is broken.
        case badRow(row: Int, reason: String)
        /// The `rows` count disagrees with the rows present.
        case rowCount(expected: Int, found: Int)
        /// The checksum disagrees with the content: the sheet was edited.
        case checksumMismatch
        /// The check code was made with a key this installation no longer has (its secret was lost and made
        /// again after the sheet was exported): the origin cannot be verified.
        case unverifiable
    }

    public var problem: Problem

    public init(_ problem: Problem) {
        self.problem = problem
    }

    public var description: String {
        let prefix = "文件中的来源信息表（\(Origin.sheetName)）"
        switch problem {
        case .missingMarker:
            return prefix + "不是离校系统生成的，无法识别"
        case .unsupportedVersion(let version):
            return prefix + "的格式版本 \(version) 无法识别，可能由更新版本的离校系统生成"
        case .missingKey(let key):
            return prefix + "已损坏：缺少 \(key)"
        case .badValue(let key, let value):
            return prefix + "已损坏：\(key) 的值「\(value)」无效"
        case .badRow(let row, let reason):
            return prefix + "已损坏：第 \(row) 行\(reason)"
        case .rowCount(let expected, let found):
            return prefix + "已损坏：应有 \(expected) 人，实有 \(found) 人"
        case .checksumMismatch:
            return prefix + "被修改过，校验值不符；请使用从 outbox 取回的原文件填写"
        case .unverifiable:
            return prefix + "无法核实：此表导出后，离校系统的校验密钥已重新生成，旧的导出表无法确认未被修改；请从 outbox 取回最新的导出表重新填写"
        }
    }

    /// Row reasons, in Chinese, for `badRow`.
    enum RowReason {
        static let missingID = "缺少学工号"
        static let badStatus = "的状态不是 1、2 或 3"
        static func duplicate(_ id: String) -> String { "的学工号 \(id) 重复" }
    }
}
