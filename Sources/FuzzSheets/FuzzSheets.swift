import Glibc
import Reports
import Sheets

/// libFuzzer's entry: every input is written to a private file and read whole, as `read-sheet` would read it —
/// whichever format its bytes are (xlsx, xls through FreeXL, CSV in UTF-8 or GB18030) — and then decoded as a
/// returned export is: every cell's 导出编号, and the hidden origin sheet.
///
/// Built only by `make fuzz` (with `LIXIAO_FUZZ=1`, `-sanitize=fuzzer,address` and `-parse-as-library`, since
/// libFuzzer supplies `main`). A refusal (`SheetError`) is the expected answer to a broken file; a crash, a
/// sanitizer report or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/dev/shm/lixiao-fuzz-\(getpid()).xls"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return 0 }
    var written = 0
    while written < size {
        let count = write(descriptor, data + written, size - written)
        guard count > 0 else { break }
        written += count
    }
    close(descriptor)
    defer { unlink(path) }
    // The export-code parser over the raw bytes as text, as a CSV cell would carry them.
    _ = ExportCode.find(
        in: String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self), signer: signer)
    do {
        let reader = try SpreadsheetReader(path: path, displayName: "fuzz.xls")
        for index in reader.sheets.indices {
            try reader.forEachRow(inSheet: index) { row in
                for cell in row.cells { _ = ExportCode.find(in: cell.text, signer: signer) }
            }
        }
        // The origin decoder: the hidden sheet, its fields and every row's values.
        _ = try? Origin.read(from: reader, signer: signer)
    } catch {
        _ = error
    }
    return 0
}

/// A signer whose code is a fixed text, so that the fuzzer can learn it and reach past the check into the decoder.
let signer = OriginSigner { _ in String(repeating: "0", count: 64) }

/// libFuzzer's driver, exported by its runtime (`-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The entry SwiftPM links an executable target through (it renames `main` to `<Target>_main`); it hands over
/// to libFuzzer's driver, since `-parse-as-library` leaves the target without a `main` of its own.
@_cdecl("FuzzSheets_main")
public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzSheets(data, size) }
}
