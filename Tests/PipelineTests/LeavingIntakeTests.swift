import Clearance
import Foundation
import Ledger
import Testing

@testable import Pipeline

@Suite("Moves across two journals", .serialized)
struct LeavingIntakeTests {
    /// Writes a UTF-8 registry export naming 王芳 in `batch` into the registry inbox.
    func dropMove(_ taken: Taken, batch: String, name: String) throws {
        let text = """
            学号,姓名,性别,学院,专业,班级,培养层次,离校批次
            2023110102,王芳,女,计算机科学与技术学院,软件工程,软工2301,本科,\(batch)

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: taken.workspace.registryInbox + "/" + name))
    }

    @Test("a move whose second half a crash did not journal is finished once, without a second move out")
    func resumedMove() throws {
        let taken = try Taken()
        // The round that moved 王芳 journalled the summer half and was killed before the winter half.
        try taken.withSession { session in
            let transfer = Transfer(
                from: "2027-summer", to: "2027-winter", time: "2027-05-01T02:00:00.000+00:00", actor: "registry",
                source: String(repeating: "c", count: 64))
            try session.ledgers["2027-summer"]?.append(
                [(.moved("2023110102", transfer), 2)], time: transfer.time, actor: transfer.actor,
                source: transfer.source)
            try session.writeSnapshots()
        }
        #expect(try taken.withSession { $0.find("2023110102") } == nil)  // departing nowhere in between
        try dropMove(taken, batch: "2027届冬季毕业", name: "学籍库.csv")
        try taken.withSession { session in
            _ = try PipelineRun(session: session, settleSeconds: 0, logger: .init(label: "test")).run()
        }
        try taken.withSession { session in
            let found = try #require(session.find("2023110102"))
            #expect(found.state.batch.id == "2027-winter")
            #expect(found.record.movedIn(to: "2027-winter")?.from == "2027-summer")
            var moves = 0
            for id in ["2027-summer", "2027-winter"] {
                try session.ledgers[id]?.journal.forEach(from: 1) { record in
                    if record.entry.person == "2023110102", record.entry.kind == "move" { moves += 1 }
                }
            }
            #expect(moves == 2)  // the summer half from before, the winter half now
            for state in session.states {
                let journal = try #require(session.ledgers[state.batch.id]?.journal)
                #expect(try BatchLedger.replayAll(batch: state.batch, journal: journal) == state)
            }
        }
    }

    @Test("a person withdrawn, placed in another batch, then placed back by the registrar departs where they were")
    func registryPlacesBack() throws {
        let taken = try Taken()
        try taken.withSession { session in
            let withdrawal = Withdrawal(
                time: "2027-05-01T02:00:00.000+00:00", actor: "colleges/计算机科学与技术学院/roster",
                source: String(repeating: "d", count: 64), reason: "延期毕业")
            try session.ledgers["2027-summer"]?.append(
                [(.withdrawn("2023110102", withdrawal), 2)], time: withdrawal.time, actor: withdrawal.actor,
                source: withdrawal.source)
            try session.writeSnapshots()
        }
        func run() throws {
            try taken.withSession { session in
                _ = try PipelineRun(session: session, settleSeconds: 0, logger: .init(label: "test")).run()
            }
        }
        // The registrar defers her: she departs in winter, and the summer withdrawal stands.
        try dropMove(taken, batch: "2027届冬季毕业", name: "a.csv")
        try run()
        try taken.withSession { session in
            #expect(session.find("2023110102")?.state.batch.id == "2027-winter")
            #expect(session.states.first?["2023110102"]?.withdrawal != nil)
        }
        // Then puts her back in summer: restored there (with a move in), moved out of winter.
        try dropMove(taken, batch: "2027届夏季毕业", name: "b.csv")
        try run()
        try taken.withSession { session in
            let found = try #require(session.find("2023110102"))
            #expect(found.state.batch.id == "2027-summer")
            #expect(found.record.withdrawal == nil)
            #expect(found.record.movedIn(to: "2027-summer")?.from == "2027-winter")
            #expect(session.movesOut("2023110102").map(\.batch.id) == ["2027-winter"])
        }
        // The same placement exported again changes nothing.
        try dropMove(taken, batch: "2027届夏季毕业", name: "c.csv")
        try run()
        try taken.withSession { session in
            #expect(session.find("2023110102")?.state.batch.id == "2027-summer")
        }
    }
}
