public import Clearance
public import Sheets

/// The apartment centre's per-building overview (公寓办理概况), for `outbox/apartment/<批次>/` and nowhere else.
///
/// Sheets: 楼栋统计 (per building: residents, cleared by the apartment centre, pending, rate; 合计; a stacked
/// bar per building, top down) and 房间明细 (per room: residents, pending count and the pending people's names
/// and IDs). The apartment centre is the item whose role is `.apartment`; a resident the item does not apply
/// to has nothing to clear and counts as cleared. Without such an item, only residents are counted. Buildings
/// and rooms are in natural order (2号楼 before 10号楼).
public enum ApartmentOverview {
    /// Writes the overview to `path` (the caller publishes it atomically).
    ///
    /// One pass over the batch; the room sheet is written in constant-memory mode above 2,000 rooms.
    public static func write(_ context: OutputContext, to path: String) throws {
        try model(context).write(to: path)
    }

    /// The overview as a workbook model.
    public static func model(_ context: OutputContext) throws -> WorkbookModel {
        let apartment = context.university.items.first { $0.role == .apartment }
        var rooms: [RoomKey: Room] = [:]
        for record in context.state.records.values where context.state.isMember(record) {
            let person = record.person
            guard person.isResident else { continue }
            let key = RoomKey(building: person.building, room: person.room)
            rooms[key, default: Room()].residents += 1
            if let apartment, apartment.applies(to: person), !record.state(of: apartment.id).status.isCleared {
                rooms[key, default: Room()].pending.append(person)
            }
        }
        let roomKeys = rooms.keys.sorted { left, right in
            left.building != right.building
                ? NaturalOrder.precedes(left.building, right.building) : NaturalOrder.precedes(left.room, right.room)
        }
        var buildings: [(name: String, residents: Int, pending: Int)] = []
        for key in roomKeys {
            let room = rooms[key] ?? Room()
            if buildings.last?.name != key.building { buildings.append((key.building, 0, 0)) }
            buildings[buildings.count - 1].residents += room.residents
            buildings[buildings.count - 1].pending += room.pending.count
        }

        let workbook = WorkbookBuilder(constantMemory: roomKeys.count > 2_000)
        try workbook.setProperties(
            OutputNaming.properties(
                context, title: Text.title(context), subject: Text.subject))
        try writeBuildings(
            buildings, hasApartmentItem: apartment != nil, context, in: try workbook.addSheet(Text.buildingsSheet))
        try writeRooms(
            roomKeys.map { ($0, rooms[$0] ?? Room()) }, hasApartmentItem: apartment != nil, context,
            in: try workbook.addSheet(Text.roomsSheet))
        return workbook.model
    }

    private typealias Text = StatisticsText.Apartment

    /// `公寓办理概况-<批次>.xlsx`.
    public static func fileName(batch: Batch) -> String {
        OutputNaming.fileName([Text.fileNamePrefix, batch.name])
    }

    struct RoomKey: Hashable {
        var building: String
        var room: String
    }

    struct Room {
        var residents = 0
        /// Residents whose apartment item is still 未办理, in no particular order.
        var pending: [Person] = []
    }

    private static func writeBuildings(
        _ buildings: [(name: String, residents: Int, pending: Int)], hasApartmentItem: Bool,
        _ context: OutputContext, in sheet: SheetBuilder
    ) throws(XlsxWriterError) {
        let headers = hasApartmentItem ? Text.buildingHeaders : Text.residentsOnlyHeaders
        var notes = [StatisticsText.deadlineLine(context)]
        if !hasApartmentItem { notes.append(Text.noApartmentItem) }
        let heading = SheetHeading(title: Text.buildingsTitle, notes: notes, headers: headers)
        try heading.write(in: sheet)
        let total = buildings.reduce(into: (name: StatisticsText.total, residents: 0, pending: 0)) {
            $0.residents += $1.residents
            $0.pending += $1.pending
        }
        for (index, building) in (buildings + [total]).enumerated() {
            let row = heading.firstDataRow + index
            let bold = index == buildings.count
            try sheet.write(building.name, row: row, column: 0, style: CellStyle(bold: bold, border: .thin))
            var count = ReportStyle.count
            count.bold = bold
            try sheet.write(Double(building.residents), row: row, column: 1, style: count)
            guard hasApartmentItem else { continue }
            try sheet.write(Double(building.residents - building.pending), row: row, column: 2, style: count)
            try sheet.write(Double(building.pending), row: row, column: 3, style: count)
            var percent = ReportStyle.percent
            percent.bold = bold
            if building.residents > 0 {
                let rate = Double(building.residents - building.pending) / Double(building.residents)
                try sheet.write(rate, row: row, column: 4, style: percent)
            } else {
                try sheet.writeBlank(row: row, column: 4, style: percent)
            }
        }
        if !buildings.isEmpty {
            let rows = heading.firstDataRow...(heading.firstDataRow + buildings.count - 1)
            let columns =
                hasApartmentItem
                ? [(2, ChartLayout.Color.done), (3, ChartLayout.Color.pending)] : [(1, ChartLayout.Color.neutral)]
            let series = columns.map { column, color in
                ChartSeries(
                    name: headers[column], sheet: sheet, categories: ColumnCells(column: 0, rows: rows),
                    values: ColumnCells(column: column, rows: rows), color: color)
            }
            try sheet.insertChart(
                ChartLayout.bars(
                    title: hasApartmentItem ? Text.buildingsChart : Text.residentsChart, series: series,
                    count: buildings.count, categoryTitle: Text.building, valueTitle: StatisticsText.people,
                    stacked: true, widthScale: 1.5),
                row: heading.headerRow, column: headers.count + 1)
        }
        try heading.finishList(in: sheet, rowCount: buildings.count + 1, landscape: true, footer: Text.buildingsTitle)
    }

    private static func writeRooms(
        _ rooms: [(key: RoomKey, room: Room)], hasApartmentItem: Bool, _ context: OutputContext,
        in sheet: SheetBuilder
    ) throws(XlsxWriterError) {
        let headers = Text.roomHeaders + (hasApartmentItem ? Text.pendingHeaders : [])
        let heading = SheetHeading(
            title: Text.roomsTitle, notes: [Text.roomsLine(context, count: rooms.count)], headers: headers)
        try heading.write(in: sheet)
        for (index, entry) in rooms.enumerated() {
            let row = heading.firstDataRow + index
            try sheet.write(entry.key.building, row: row, column: 0, style: ReportStyle.text)
            try sheet.writeID(
                entry.key.room.isEmpty ? Text.noRoom : entry.key.room, row: row, column: 1, style: ReportStyle.id)
            try sheet.write(Double(entry.room.residents), row: row, column: 2, style: ReportStyle.count)
            guard hasApartmentItem else { continue }
            let pending = entry.room.pending.sorted { $0.id < $1.id }
            let style = pending.isEmpty ? ReportStyle.count : ReportStyle.warning.with(numberFormat: .integer)
            try sheet.write(Double(pending.count), row: row, column: 3, style: style)
            let names = pending.map(Text.pendingPerson).joined(separator: Text.pendingSeparator)
            try sheet.write(names, row: row, column: 4, style: ReportStyle.text)
        }
        try heading.finishList(in: sheet, rowCount: rooms.count, landscape: true, footer: Text.roomsFooter)
    }
}
