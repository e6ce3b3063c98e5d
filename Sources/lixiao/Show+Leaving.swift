import Clearance
import Pipeline

/// What `show` says about a person's moves between batches and a withdrawal (撤销离校): as text lines and as the
/// JSON fields `status`, `withdrawal`, `movedIn` and `movedOut`, with times in `zone`.
struct ShowLeaving {
    let session: LedgerSession
    let state: BatchState
    let record: PersonRecord
    let zone: LocalZone

    private var university: University { session.workspace.university }

    /// `departing`, or `withdrawn` when the person's college withdrew them and they depart nowhere now.
    var status: String { record.withdrawal == nil ? "departing" : "withdrawn" }

    /// Each line `show` prints (none for a person who never moved and was never withdrawn).
    var lines: [String] {
        var lines: [String] = []
        if let withdrawal = record.withdrawal {
            lines.append(
                "status: 已撤销离校 (withdrawn) by \(LeavingText.who(withdrawal.actor, university)) "
                    + "(\(withdrawal.actor)) at \(zone.text(ledger: withdrawal.time)), file "
                    + "\(session.droppedName(withdrawal.source)); reason: \(withdrawal.reason)")
        }
        if let transfer = record.movedIn(to: state.batch.id) {
            lines.append(
                "moved in (转入) from \(LeavingText.batchName(transfer.from, university)) " + described(transfer))
        }
        // The move that brought them here is said once, from this side.
        let arrival = record.movedIn(to: state.batch.id)
        for (batch, transfer) in session.movesOut(record.person.id) where transfer != arrival {
            lines.append(
                "moved out (转出) of \(batch.name) to \(LeavingText.batchName(transfer.to, university)) "
                    + described(transfer))
        }
        return lines
    }

    private func described(_ transfer: Transfer) -> String {
        "at \(zone.text(ledger: transfer.time)) by \(transfer.actor), file \(session.droppedName(transfer.source))"
    }

    /// The JSON fields, each `"name": value`, joined by the caller.
    var jsonFields: [String] {
        let withdrawal = record.withdrawal.map { withdrawal in
            "{\"time\": \(JSONText.quote(zone.text(ledger: withdrawal.time))), "
                + "\"by\": \(JSONText.quote(withdrawal.actor)), "
                + "\"college\": \(JSONText.quote(LeavingText.who(withdrawal.actor, university))), "
                + "\"file\": \(JSONText.quote(session.droppedName(withdrawal.source))), "
                + "\"reason\": \(JSONText.quote(withdrawal.reason))}"
        }
        let movedIn = record.movedIn(to: state.batch.id).map { transfer in
            "{\"from\": \(JSONText.quote(LeavingText.batchName(transfer.from, university))), "
                + "\"fromId\": \(JSONText.quote(transfer.from)), " + transferJSON(transfer) + "}"
        }
        let movedOut = session.movesOut(record.person.id).map { batch, transfer in
            "{\"batch\": \(JSONText.quote(batch.name)), \"batchId\": \(JSONText.quote(batch.id)), "
                + "\"to\": \(JSONText.quote(LeavingText.batchName(transfer.to, university))), "
                + transferJSON(transfer) + "}"
        }
        return [
            "\"status\": \(JSONText.quote(status))", "\"withdrawal\": \(withdrawal ?? "null")",
            "\"movedIn\": \(movedIn ?? "null")", "\"movedOut\": [\(movedOut.joined(separator: ", "))]",
        ]
    }

    private func transferJSON(_ transfer: Transfer) -> String {
        "\"time\": \(JSONText.quote(zone.text(ledger: transfer.time))), \"by\": \(JSONText.quote(transfer.actor)), "
            + "\"file\": \(JSONText.quote(session.droppedName(transfer.source)))"
    }
}
