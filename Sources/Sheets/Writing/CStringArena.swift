import Glibc

/// C copies of Swift strings that stay valid until the arena goes away, for C structs that hold `char *`.
///
/// libxlsxwriter copies what it keeps, so an arena only has to outlive the call that reads the struct.
struct CStringArena: ~Copyable {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    init() {}

    /// A NUL-terminated copy of `text` owned by the arena. The corresponding C function is `strdup`.
    mutating func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard let pointer = strdup(text) else { return nil }
        pointers.append(pointer)
        return pointer
    }

    /// `copy(text)`, or `nil` for `nil`.
    mutating func copy(_ text: String?) -> UnsafeMutablePointer<CChar>? {
        text.flatMap { copy($0) }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
