import Foundation
import Glibc
import Testing

extension Season {
    /// Every file under `outbox/` with its size and modification time, to show a refused run touched none.
    func outboxListing() -> [String: String] {
        var listing: [String: String] = [:]
        let outbox = path("outbox")
        guard let walker = FileManager.default.enumerator(atPath: outbox) else { return [:] }
        while let relative = walker.nextObject() as? String {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: outbox + "/" + relative),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            listing[relative] = "\(size) \(time)"
        }
        return listing
    }

    /// A season after two rounds: the registry, then its update; returns the journal's record count after each.
    static func twoRounds() throws -> (Season, first: Int, second: Int) {
        let season = try Season.started()
        let first = season.journalLines("2027-summer") - 1
        try season.drop("registry-update.xlsx", into: "registry")
        let run = season.run()
        precondition(run.status == 0, run.standardError)
        return (season, first, season.journalLines("2027-summer") - 1)
    }

    func cutJournal(_ batch: String, after records: Int) throws {
        let journal = path("ledger/\(batch)/journal.tsv")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: journal)))
        let ends = bytes.indices.filter { bytes[$0] == 0x0A }
        try Data(bytes[...ends[records]]).write(to: URL(fileURLWithPath: journal))
    }
}

/// Losing part of the ledger is never silent (DESIGN.md §4): each loss is refused, naming what is missing, and
/// nothing in the outbox is removed.
@Suite("Ledger loss through the command line", .serialized)
struct LedgerLossTests {
    @Test("a journal cut at a record boundary is refused naming the missing records; verify fails; outbox untouched")
    func journalCutAtBoundary() throws {
        let (season, first, second) = try Season.twoRounds()
        #expect(second > first)
        let outbox = season.outboxListing()
        try season.cutJournal("2027-summer", after: first)
        try season.drop("roster-cs.xlsx", into: "colleges/计算机科学与技术学院/roster")
        let run = season.run()
        #expect(run.status == 65, "\(run.standardError)")
        #expect(run.standardError.contains("journal of 2027-summer ends at record \(first)"), "\(run.standardError)")
        #expect(run.standardError.contains("records \(first + 1)–\(second) are missing"), "\(run.standardError)")
        #expect(run.standardError.contains("journal.tsv from a backup"))
        #expect(season.exists("inbox/colleges/计算机科学与技术学院/roster/roster-cs.xlsx"))
        #expect(season.outboxListing() == outbox)
        #expect(season.journalLines("2027-summer") == first + 1)
        let verify = season.lixiao(["verify"])
        #expect(verify.status == 65, "\(verify.standardOutput)\(verify.standardError)")
        #expect(verify.standardError.contains("are missing"))
    }

    @Test("a lost registry.tsv is refused naming the archived registry export; a root that never took one is not")
    func registryReferenceLost() throws {
        let season = try Season.started()
        let outbox = season.outboxListing()
        unlink(season.path("ledger/registry.tsv"))
        try season.drop("roster-cs.xlsx", into: "colleges/计算机科学与技术学院/roster")
        let run = season.run()
        #expect(run.status == 65, "\(run.standardError)")
        #expect(run.standardError.contains("registry.tsv cannot be read: it is missing"), "\(run.standardError)")
        #expect(run.standardError.contains("「registry.xlsx」 from inbox/registry/"), "\(run.standardError)")
        #expect(season.exists("inbox/colleges/计算机科学与技术学院/roster/roster-cs.xlsx"))
        #expect(season.outboxListing() == outbox)
        #expect(!season.exists("ledger/registry.tsv"), "nothing was created in its place")
        #expect(season.lixiao(["verify"]).status == 65)

        // A fresh root has no registry.tsv and no registry export in its archive: it runs.
        let fresh = Season()
        try fresh.drop("roster-cs.xlsx", into: "colleges/计算机科学与技术学院/roster")
        #expect(fresh.run().status == 0)
    }

    @Test("outputs built at a later ledger position than the journal's end show records are missing")
    func journalShorterThanOutputs() throws {
        let (season, first, second) = try Season.twoRounds()
        let outbox = season.outboxListing()
        try season.cutJournal("2027-summer", after: first)
        unlink(season.path("ledger/2027-summer/snapshot.tsv"))
        let run = season.run()
        #expect(run.status == 65, "\(run.standardError)")
        #expect(run.standardError.contains("outputs.tsv shows \(second)"), "\(run.standardError)")
        #expect(season.outboxListing() == outbox)
    }

    @Test("with the snapshot and outputs record gone too, the archive's processed.tsv shows the missing records")
    func journalShorterThanArchive() throws {
        let (season, first, second) = try Season.twoRounds()
        let outbox = season.outboxListing()
        try season.cutJournal("2027-summer", after: first)
        unlink(season.path("ledger/2027-summer/snapshot.tsv"))
        unlink(season.path("ledger/outputs.tsv"))
        for command in [["run", "--settle", "0"], ["verify"]] {
            let run = season.lixiao(command)
            #expect(run.status == 65, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("processed.tsv shows \(second)"), "\(run.standardError)")
            #expect(run.standardError.contains("records \(first + 1)–\(second) are missing"))
        }
        #expect(season.outboxListing() == outbox)
    }

    @Test("a deleted ledger folder is refused (78) while the outbox shows a season ran; nothing is recreated")
    func ledgerDeleted() throws {
        let season = try Season.started()
        let outbox = season.outboxListing()
        try FileManager.default.removeItem(atPath: season.path("ledger"))
        try season.drop("registry-update.xlsx", into: "registry")
        let run = season.run()
        #expect(run.status == 78, "\(run.standardError)")
        #expect(run.standardError.contains("the ledger folder \(season.path("ledger")) is missing"))
        #expect(run.standardError.contains("lixiao init"))
        #expect(!season.exists("ledger"))
        #expect(season.exists("inbox/registry/registry-update.xlsx"))
        #expect(season.outboxListing() == outbox)
        #expect(season.lixiao(["verify"]).status == 78)
        // Starting over is init's job: after it, the ledger is fresh and run works again.
        #expect(season.lixiao(["init"]).status == 0)
        #expect(season.run().status == 0)
    }

    @Test("a root whose outbox holds only the blank templates starts a fresh ledger: nothing was recorded yet")
    func onlyTemplates() throws {
        let season = Season()
        #expect(season.lixiao(["init"]).status == 0)
        #expect(season.run().status == 0)
        #expect(season.exists("outbox/templates/离校人员导入模板.xlsx"))
        try FileManager.default.removeItem(atPath: season.path("ledger"))
        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        #expect(season.exists("ledger/2027-summer/journal.tsv"))
    }

    @Test("a deleted batch folder is refused (78) while outputs.tsv lists that batch's outputs")
    func batchFolderDeleted() throws {
        let season = try Season.started()
        let outbox = season.outboxListing()
        try FileManager.default.removeItem(atPath: season.path("ledger/2027-summer"))
        let run = season.run()
        #expect(run.status == 78, "\(run.standardError)")
        #expect(
            run.standardError.contains(
                "ledger folder of batch 2027-summer, \(season.path("ledger/2027-summer")), is missing"))
        #expect(run.standardError.contains("outputs.tsv records"))
        #expect(!season.exists("ledger/2027-summer"))
        #expect(season.outboxListing() == outbox)
    }

    @Test("a snapshot with a byte flipped in a value is refused when opened (65), naming the file")
    func snapshotDamaged() throws {
        let season = try Season.started()
        let outbox = season.outboxListing()
        let snapshot = season.path("ledger/2027-summer/snapshot.tsv")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: snapshot)))
        let lines = bytes.indices.filter { bytes[$0] == 0x0A }
        let target = lines[3] + 3  // inside the third person's 学工号
        bytes[target] = bytes[target] == 0x31 ? 0x32 : 0x31
        try Data(bytes).write(to: URL(fileURLWithPath: snapshot))
        for command in [["run", "--settle", "0"], ["show", "2023110101"]] {
            let run = season.lixiao(command)
            #expect(run.status == 65, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("snapshot \(snapshot) is damaged"), "\(run.standardError)")
            #expect(run.standardError.contains("delete it and lixiao rebuilds it from the journal"))
        }
        #expect(season.outboxListing() == outbox)
        // Deleting the snapshot is safe: it is rebuilt from the journal.
        unlink(snapshot)
        #expect(season.run().status == 0)
        #expect(season.lixiao(["verify"]).status == 0)
    }

    @Test("a registry reference that cannot be read stops the round; it is never taken for empty")
    func registryUnreadable() throws {
        let season = try Season.started()
        let reference = season.path("ledger/registry.tsv")
        let kept = try Data(contentsOf: URL(fileURLWithPath: reference))
        try (kept + Data("only two\tfields\n".utf8)).write(to: URL(fileURLWithPath: reference))
        try season.drop("registry-update.xlsx", into: "registry")
        let damaged = season.run()
        #expect(damaged.status == 65, "\(damaged.standardError)")
        #expect(damaged.standardError.contains("registry.tsv cannot be read"), "\(damaged.standardError)")
        #expect(season.exists("inbox/registry/registry-update.xlsx"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: reference)) == kept + Data("only two\tfields\n".utf8))
        // A folder where the file should be is an I/O error, not an empty reference either.
        try FileManager.default.removeItem(atPath: reference)
        try FileManager.default.createDirectory(atPath: reference, withIntermediateDirectories: false)
        let unreadable = season.run()
        #expect(unreadable.status == 74, "\(unreadable.standardError)")
        #expect(unreadable.standardError.contains("registry.tsv"))
        #expect(season.exists("inbox/registry/registry-update.xlsx"))
    }

    @Test("a notices record that cannot be read stops regeneration; no kept notice is deleted")
    func noticesUnreadable() throws {
        let season = try Season.started()
        #expect(season.lixiao(["notice", "2023110101"]).status == 0)
        let outbox = season.outboxListing()
        #expect(outbox.keys.contains { $0.hasPrefix("notices/") })
        let notices = season.path("ledger/notices.tsv")
        try FileManager.default.removeItem(atPath: notices)
        try FileManager.default.createDirectory(atPath: notices, withIntermediateDirectories: false)
        let run = season.run()
        #expect(run.status == 74, "\(run.standardError)")
        #expect(run.standardError.contains("notices.tsv"))
        #expect(season.outboxListing() == outbox)
    }

    @Test("a journal record lixiao cannot decode is damage for run and verify, never skipped")
    func undecodableRecord() throws {
        let season = try Season.started()
        let records = season.journalLines("2027-summer") - 1
        // The ledger probe appends a well-chained record whose status is not 1, 2 or 3.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: LedgerFailureTests.probe)
        probe.arguments = ["append", season.path("ledger"), "2027-summer", "1"]
        probe.standardOutput = Pipe()
        try probe.run()
        probe.waitUntilExit()
        #expect(probe.terminationStatus == 0)
        for command in [["run", "--settle", "0"], ["verify"]] {
            let run = season.lixiao(command)
            #expect(run.status == 65, "\(command): \(run.standardOutput)\(run.standardError)")
            #expect(run.standardError.contains("(record \(records + 1))"), "\(run.standardError)")
            #expect(run.standardError.contains("cannot be decoded"), "\(run.standardError)")
        }
    }
}
