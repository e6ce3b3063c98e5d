import Foundation
import Glibc

/// A one-line progress counter on standard error, shown only when it is a terminal.
enum TerminalProgress {
    /// A reporter for `done, total` counts, or `nil` when standard error is not a terminal.
    static func reporter(_ label: String) -> (@Sendable (Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return { done, total in
            guard total >= 20, done == total || done % max(1, total / 100) == 0 else { return }
            FileHandle.standardError.write(Data("\r\(label): \(done)/\(total)\u{1B}[K".utf8))
        }
    }

    /// Ends the progress line.
    static func finish() {
        if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
