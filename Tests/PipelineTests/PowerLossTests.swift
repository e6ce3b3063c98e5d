import Foundation
import Ledger
import Testing

@testable import Pipeline

/// DESIGN.md §4 under power cuts: the season of `FaultLoopTests` is played until the power goes off after its
/// Kth storage call (``PowerLoss``: what was not synced is lost, or torn), the disk is left as a power cut leaves
/// it, and the season is finished with the power back. Every time the season invariant holds for everything
/// acknowledged: `verify` passes, every file has exactly one receipt and a finished archive record, the states
/// and the outbox equal an uninterrupted season's.
///
/// `LIXIAO_POWER_STEP` sets the stride over the calls (default: about 12 points per mode; `make test-long` 4).
@Suite("Power loss over a season", .serialized)
struct PowerLossTests {
    @Test("the power cut after every storage call of a season, writes not synced dropped or torn")
    func powerLoss() throws {
        let waves = try FaultLoopTests.waves()
        let (expected, calls) = try FaultLoopTests.uninterrupted(waves)
        let step = ProcessInfo.processInfo.environment["LIXIAO_POWER_STEP"].flatMap(Int.init) ?? max(1, calls / 12)
        var cuts = 0
        var lost = 0
        for mode in [PowerLoss.Mode.dropping, .tearing] {
            for call in stride(from: step / 2, to: calls, by: step) {
                let workspace = try FaultLoopTests.root()
                defer { try? FileManager.default.removeItem(atPath: workspace.root) }
                let power = PowerLoss(after: call, mode: mode)
                let (dropped, _) = FaultLoopTests.play(
                    waves, in: workspace, fileSystem: FileSystem.live.losingPower(power))
                #expect(power.isOff, "the power never went off at call \(call)")
                lost += power.restart()
                // The power back: the next start recovers, the season is finished.
                try FaultLoopTests.round(workspace, fileSystem: .live)
                try FaultLoopTests.finish(waves, from: dropped, in: workspace)
                try FaultLoopTests.checkInvariant(
                    workspace, waves: waves, reference: expected, context: "power cut after call \(call) (\(mode))")
                cuts += 1
            }
        }
        // The cuts did undo something: files not yet synced, renames and removals whose folder was not.
        #expect(lost > cuts / 2, "only \(lost) paths changed in \(cuts) cuts")
        print("power loss: \(cuts) cuts over \(calls) storage calls, step \(step); \(lost) paths lost or torn")
    }
}
