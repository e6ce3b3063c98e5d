import Foundation
import Glibc
import Ledger
import Testing

/// The content-addressed archive of processed files.
struct ArchiveTests {
    @Test("the same bytes are stored once, whatever they were called, under their SHA-256")
    func storesOnce() throws {
        let folder = try TemporaryFolder("archive")
        let store = try LedgerStore(root: folder("ledger"))
        let source = folder("图书馆 返回.XLSX")
        let bytes = Array("PK fake workbook 图书馆".utf8)
        try Files.write(bytes, to: source)
        let sha = try SHA256Hex.ofFile(source)
        #expect(sha == SHA256Hex.of(bytes))
        #expect(try !store.archive.contains(sha))

        let archived = try store.archive.store(file: source, sha256: sha, originalName: "图书馆 返回.XLSX")
        #expect(archived == folder("ledger") + "/archive/\(sha.prefix(2))/\(sha)")
        #expect(archived == store.archive.folder(for: sha))
        #expect(try store.archive.contains(sha))
        #expect(try Files.bytes(archived + "/source.xlsx") == bytes)
        let inode = Files.inode(archived + "/source.xlsx")

        let copy = folder("copy.csv")
        try Files.write(bytes, to: copy)
        #expect(try store.archive.store(file: copy, sha256: sha, originalName: "copy.csv") == archived)
        #expect(Files.names(in: archived) == ["source.xlsx"])
        #expect(Files.inode(archived + "/source.xlsx") == inode)
        #expect(try Files.bytes(source) == bytes, "the original is never changed")
    }

    @Test("a file that does not have the announced SHA-256 is refused and nothing is stored")
    func changedSource() throws {
        let folder = try TemporaryFolder("archive")
        let store = try LedgerStore(root: folder("ledger"))
        let source = folder("a.csv")
        try Files.write(Array("one".utf8), to: source)
        let announced = SHA256Hex.of(Array("two".utf8))
        let error = #expect(throws: LedgerError.self) {
            try store.archive.store(file: source, sha256: announced, originalName: "a.csv")
        }
        #expect(
            error?.kind == .sourceChanged(path: source, expected: announced, found: SHA256Hex.of(Array("one".utf8))))
        #expect(try !store.archive.contains(announced))
        #expect(Files.names(in: store.archive.folder(for: announced)).isEmpty)
        #expect(throws: LedgerError(.badName("../x"))) {
            try store.archive.store(file: source, sha256: "../x", originalName: "a.csv")
        }
    }

    @Test("processing lines are recorded in order, and one cut by a crash is dropped before the next")
    func processingLines() throws {
        let folder = try TemporaryFolder("archive")
        let store = try LedgerStore(root: folder("ledger"))
        let sha = SHA256Hex.of(Array("x".utf8))
        #expect(try store.archive.processing(sha).isEmpty)
        let first = ["departments/图书馆", "2026-11-29T10:30:00.000+00:00", "返回\t名单.xlsx", "applied 3"]
        let second = ["departments/图书馆", "2026-11-29T11:00:00.000+00:00", "返回 名单.xlsx", "unchanged"]
        try store.archive.recordProcessing(sha, fields: first)
        try store.archive.recordProcessing(sha, fields: second)
        #expect(try store.archive.processing(sha) == [first, second])
        let path = store.archive.folder(for: sha) + "/processed.tsv"
        #expect(try Files.bytes(path).starts(with: [0xEF, 0xBB, 0xBF]))

        try Files.append(Array("torn\tli".utf8), to: path)
        #expect(try store.archive.processing(sha) == [first, second])
        let third = ["colleges/计算机学院/issuance", "t", "n", "rejected"]
        try store.archive.recordProcessing(sha, fields: third)
        #expect(try store.archive.processing(sha) == [first, second, third])
    }

    @Test("a receipt is kept beside the archived source; names that could escape the folder are refused")
    func receipts() throws {
        let folder = try TemporaryFolder("archive")
        let store = try LedgerStore(root: folder("ledger"))
        let sha = SHA256Hex.of(Array("x".utf8))
        try store.archive.storeReceipt(sha, name: "返回.xlsx.回执.xlsx", bytes: [1, 2, 3])
        try store.archive.storeReceipt(sha, name: "返回.xlsx.回执.xlsx", bytes: [4, 5])
        #expect(try Files.bytes(store.archive.folder(for: sha) + "/返回.xlsx.回执.xlsx") == [4, 5])
        try store.archive.storeReceipt(sha, name: "source.xlsx.回执.xlsx", bytes: [6])
        for name in ["../evil", ".hidden", "", "a/b", "processed.tsv", "source.csv", "source"] {
            #expect(throws: LedgerError(.badName(name))) { try store.archive.storeReceipt(sha, name: name, bytes: []) }
        }
    }
}
