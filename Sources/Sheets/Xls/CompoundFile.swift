/// Reads one stream out of an OLE2 compound file ([MS-CFB]) held in memory, trusting no size it declares.
///
/// A legacy `.xls` is a small FAT file system: a 512-byte header, sectors of 512 or 4,096 bytes, a sector
/// allocation table (FAT) whose own sectors are listed by the header and a DIFAT chain, a directory of
/// 128-byte entries, and a mini stream of 64-byte sectors for streams under the cutoff (4,096 bytes). Every
/// chain is followed at most as many steps as the file has sectors, so a loop or a chain into nowhere ends in
/// `.damaged`, never in a hang.
struct CompoundFile {
    private static let endOfChain = 0xFFFF_FFFE
    private static let freeSector = 0xFFFF_FFFF

    private let reader: LittleEndianReader
    private let sectorSize: Int
    private let sectorCount: Int
    private var fat: [Int] = []
    private var miniFat: [Int] = []
    private var miniStream: [UInt8] = []
    private let miniCutoff: Int
    /// The directory's stream entries: name, first sector, declared size.
    private(set) var streams: [(name: String, start: Int, size: Int)] = []

    /// Parses the header, the FAT, the directory and the mini stream.
    init(_ bytes: UnsafeRawBufferPointer) throws(SheetError.Problem) {
        reader = LittleEndianReader(bytes)
        guard bytes.count >= 512, reader.u32(0) == 0xE011_CFD0, reader.u32(4) == 0xE11A_B1A1 else {
            throw .damaged(detail: "no compound-file header")
        }
        let shift = reader.u16(0x1E)
        guard shift == 9 || shift == 12 else { throw .damaged(detail: "compound-file sector size 2^\(shift)") }
        sectorSize = 1 << shift
        // A short last sector is read as far as it goes (some writers trim the file).
        sectorCount = max(0, bytes.count - 1) / sectorSize  // sector n starts at (n + 1) × size
        miniCutoff = reader.u32(0x38) == 0 ? 4096 : min(reader.u32(0x38), 1 << 20)

        // The FAT's own sectors: 109 in the header, then the DIFAT chain.
        var fatSectors: [Int] = []
        for index in 0..<109 {
            let sector = reader.u32(0x4C + index * 4)
            if sector < sectorCount { fatSectors.append(sector) }
        }
        var difat = reader.u32(0x44)
        var steps = 0
        let perDifat = sectorSize / 4 - 1
        while difat < sectorCount {
            steps += 1
            guard steps <= sectorCount else { throw .damaged(detail: "the compound file's DIFAT chain loops") }
            let base = (difat + 1) * sectorSize
            for index in 0..<perDifat {
                let sector = reader.u32(base + index * 4)
                if sector < sectorCount { fatSectors.append(sector) }
            }
            difat = reader.u32(base + perDifat * 4)
        }
        guard !fatSectors.isEmpty, fatSectors.count <= sectorCount else {
            throw .damaged(detail: "the compound file's allocation table is missing")
        }
        var fat: [Int] = []
        fat.reserveCapacity(min(fatSectors.count * sectorSize / 4, sectorCount + 128))
        for sector in fatSectors {
            let base = (sector + 1) * sectorSize
            for index in 0..<(sectorSize / 4) {
                guard base + index * 4 + 4 <= bytes.count else { break }
                fat.append(reader.u32(base + index * 4))
            }
        }
        self.fat = fat

        // The directory.
        let directory = try chain(from: reader.u32(0x30), byteLimit: bytes.count)
        var streams: [(name: String, start: Int, size: Int)] = []
        var rootStart = Self.endOfChain
        var rootSize = 0
        var entryIndex = 0
        directory.withUnsafeBytes { raw in
            let entries = LittleEndianReader(raw)
            while (entryIndex + 1) * 128 <= raw.count {
                let base = entryIndex * 128
                entryIndex += 1
                let type = Int(raw[base + 66])
                let nameBytes = min(max(entries.u16(base + 64), 2), 64) - 2
                var units: [UInt16] = []
                for offset in stride(from: 0, to: nameBytes, by: 2) {
                    units.append(UInt16(entries.u16(base + offset)))
                }
                let name = String(decoding: units, as: UTF16.self)
                let start = entries.u32(base + 116)
                let size = entries.u32(base + 120)  // the high half is unused in version 3 and a limit in 4
                if type == 5, rootStart == Self.endOfChain {
                    rootStart = start
                    rootSize = size
                } else if type == 2 {
                    streams.append((name, start, size))
                }
            }
        }
        self.streams = streams
        if rootStart < sectorCount, rootSize > 0 {
            miniStream = try chain(from: rootStart, byteLimit: min(rootSize, bytes.count))
            let miniFatBytes = try chain(from: reader.u32(0x3C), byteLimit: bytes.count)
            var miniFat: [Int] = []
            miniFat.reserveCapacity(miniFatBytes.count / 4)
            var offset = 0
            while offset + 4 <= miniFatBytes.count {
                miniFat.append(
                    Int(miniFatBytes[offset]) | Int(miniFatBytes[offset + 1]) << 8
                        | Int(miniFatBytes[offset + 2]) << 16 | Int(miniFatBytes[offset + 3]) << 24)
                offset += 4
            }
            self.miniFat = miniFat
        }
    }

    /// The bytes of the first stream whose name is one of `names` (compared without case), tried in order.
    func stream(named names: [String]) throws(SheetError.Problem) -> [UInt8]? {
        for wanted in names {
            guard let entry = streams.first(where: { $0.name.lowercased() == wanted.lowercased() }) else { continue }
            if entry.size < miniCutoff {
                return try miniChain(from: entry.start, size: entry.size)
            }
            return try chain(from: entry.start, byteLimit: min(entry.size, reader.count))
        }
        return nil
    }

    /// Follows a FAT chain from `start`, collecting at most `byteLimit` bytes.
    private func chain(from start: Int, byteLimit: Int) throws(SheetError.Problem) -> [UInt8] {
        var result: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != Self.endOfChain, sector != Self.freeSector, result.count < byteLimit {
            guard sector < sectorCount, sector < fat.count else {
                throw .damaged(detail: "a compound-file chain points outside the file")
            }
            steps += 1
            guard steps <= sectorCount else { throw .damaged(detail: "a compound-file chain loops") }
            let base = (sector + 1) * sectorSize
            let end = min(base + sectorSize, reader.count, base + byteLimit - result.count)
            if base < end { result.append(contentsOf: reader.bytes[base..<end]) }
            sector = fat[sector]
        }
        return result
    }

    /// Follows a mini-FAT chain from `start` through the mini stream, collecting `size` bytes at most.
    private func miniChain(from start: Int, size: Int) throws(SheetError.Problem) -> [UInt8] {
        var result: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != Self.endOfChain, sector != Self.freeSector, result.count < size {
            guard sector < miniFat.count, sector * 64 < miniStream.count else {
                throw .damaged(detail: "a compound-file mini chain points outside the mini stream")
            }
            steps += 1
            guard steps <= miniFat.count else { throw .damaged(detail: "a compound-file mini chain loops") }
            let base = sector * 64
            let end = min(base + 64, miniStream.count, base + size - result.count)
            result.append(contentsOf: miniStream[base..<end])
            sector = miniFat[sector]
        }
        return result
    }
}
