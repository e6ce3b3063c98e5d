import Glibc
import Sheets

/// libFuzzer's entry: every input is written to a private file and read whole, as `read-sheet` would read it.
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
    do {
        let reader = try SpreadsheetReader(path: path, displayName: "fuzz.xls")
        for index in reader.sheets.indices {
            try reader.forEachRow(inSheet: index) { row in _ = row.cells.count }
        }
    } catch {
        _ = error
    }
    return 0
}

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
