import Clearance
import Reports

/// The notes under a department or advisor receipt's summary: where the rows' values at export came from, and
/// what to do about conflicts and overwrites.
enum ReturnNotes {
    static func status(_ request: StatusReturn, plan: ReturnPlan, university: University) -> [String] {
        var notes: [String] = []
        let codes = request.baselines.codes
        if let origin = request.sheet.origin {
            let batch = university.batches.first { $0.id == origin.batch }?.name ?? origin.batch
            notes.append("来源：\(batch)，导出于 \(origin.generatedAt)（账本序号 \(origin.sequence)）；未修改的单元格不会重复应用")
        } else if !codes.isEmpty {
            let positions = codes.map { String($0.sequence) }.sorted().joined(separator: "、")
            notes.append("来源：按各行的「导出编号」（账本序号 \(positions)）核对导出时的值；未修改的单元格不会重复应用")
        } else {
            notes.append("此表没有来源信息（手工制作的表，或删去了「导出编号」列），各行按所填内容应用；覆盖他人设置的值逐行列出")
        }
        let conflicts = plan.count(.conflict)
        if conflicts > 0 {
            let batch =
                codes.first.flatMap { code in university.batches.first { $0.id == code.batch } }
                ?? university.batches.first
            let fresh: String =
                if let advisor = request.advisor, let batch {
                    "最新的签字表已在 outbox/\(OutputPlan.advisorFolder(advisor, batch: batch))"
                } else if let batch {
                    "最新的导出表已在 outbox/\(OutputPlan.exportPath(item: request.item, college: request.college, batch: batch))"
                } else { "最新的导出表已在 outbox/ 中" }
            notes.append(
                "有 \(conflicts) 行冲突未应用：导出后别人（或本文件夹之前放入的文件）已改过这些人的值，详见逐行结果。"
                    + "如确需改成表中的值：\(fresh)，在其中重新填写这些行后放回；"
                    + "或另做一张只含这些行的表（不带「导出编号」列），按所填内容应用")
        }
        return notes
    }
}
