import Synchronization

extension FileSystem {
    /// A file system like this one, except that calls of `operation` fail with `errno`.
    ///
    /// The first `calls` matching calls succeed; the next `times` fail (all of them by default, as a full disk
    /// would); later ones succeed again. With a `suffix`, only calls on paths ending with it match; calls on a
    /// descriptor match by the path it was opened with. The failure happens instead of the call: nothing is done.
    public func failing(
        _ operation: Operation, with errno: Int32, after calls: Int = 0, times: Int = .max,
        onPathsEndingWith suffix: String = ""
    ) -> FileSystem {
        let fault = Fault(operation: operation, errno: errno, after: calls, times: times, suffix: suffix)
        return injecting(fault)
    }

    /// A file system like this one whose storage calls of any kind, counted from this one on, succeed `calls`
    /// times and then fail with `errno` — `times` in a row (once, or from then on by default) — as an I/O error
    /// or a full disk meeting whatever the program does next. The fault loops walk `calls` over a whole season.
    public func failingCall(after calls: Int, with errno: Int32, times: Int = .max) -> FileSystem {
        injecting(Fault(operation: nil, errno: errno, after: calls, times: times, suffix: ""))
    }

    /// A file system like this one that counts its storage calls of every kind in `counter`.
    public func counting(into counter: CallCounter) -> FileSystem {
        injecting(Fault(operation: nil, errno: 0, after: .max, times: 0, suffix: ""), counter: counter)
    }

    /// A file system like this one on a disk that accepts only `bytes` more bytes of writes, then fails with `errno`.
    ///
    /// The write that crosses the limit is short (it writes what still fits), as a real disk's is; every later
    /// write fails. With a `suffix`, only writes to files whose paths end with it count and fail.
    public func fillingUp(after bytes: Int, with errno: Int32, onPathsEndingWith suffix: String = "") -> FileSystem {
        var fault = Fault(operation: .write, errno: errno, after: .max, times: .max, suffix: suffix)
        fault.byteLimit = bytes
        return injecting(fault)
    }

    /// A file system like this one whose every write call writes at most `size` bytes (a short write), as a
    /// signal or some file systems cause; the ledger must loop until all is written.
    ///
    /// With it a process killed mid-append leaves a torn record on the disk, which is how the crash tests make
    /// recovery meet real torn tails.
    public func splittingWrites(into size: Int) -> FileSystem {
        let base = calls
        let size = max(size, 1)
        var wrapped = base
        wrapped.write = { (descriptor, bytes, offset) throws(Errno) in
            try base.write(descriptor, UnsafeRawBufferPointer(rebasing: bytes.prefix(size)), offset)
        }
        return FileSystem(calls: wrapped)
    }

    private func injecting(_ fault: Fault, counter: CallCounter? = nil) -> FileSystem {
        let base = calls
        let state = FaultState(fault, counter: counter)
        var wrapped = base
        wrapped.open = { (path, flags, mode) throws(Errno) in
            try state.check(.open, path: path)
            let descriptor = try base.open(path, flags, mode)
            state.opened(descriptor, path: path)
            return descriptor
        }
        wrapped.close = { (descriptor) throws(Errno) in
            // Like Linux, release the descriptor even when reporting a failure.
            let fault = Result { () throws(Errno) in try state.check(.close, descriptor: descriptor) }
            state.closed(descriptor)
            try base.close(descriptor)
            try fault.get()
        }
        wrapped.read = { (descriptor, buffer, offset) throws(Errno) in
            try state.check(.read, descriptor: descriptor)
            return try base.read(descriptor, buffer, offset)
        }
        wrapped.write = { (descriptor, bytes, offset) throws(Errno) in
            try state.check(.write, descriptor: descriptor)
            let allowed = try state.allowedBytes(bytes.count, descriptor: descriptor)
            let written = try base.write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[0..<allowed]), offset)
            state.wrote(written, descriptor: descriptor)
            return written
        }
        wrapped.truncate = { (descriptor, length) throws(Errno) in
            try state.check(.truncate, descriptor: descriptor)
            try base.truncate(descriptor, length)
        }
        wrapped.fsync = { (descriptor) throws(Errno) in
            try state.check(.fsync, descriptor: descriptor)
            try base.fsync(descriptor)
        }
        wrapped.rename = { (source, destination) throws(Errno) in
            try state.check(.rename, path: destination, alternative: source)
            try base.rename(source, destination)
        }
        wrapped.unlink = { (path) throws(Errno) in
            try state.check(.unlink, path: path)
            try base.unlink(path)
        }
        wrapped.makeDirectory = { (path, mode) throws(Errno) in
            try state.check(.makeDirectory, path: path)
            try base.makeDirectory(path, mode)
        }
        wrapped.lock = { (descriptor, operation) throws(Errno) in
            try state.check(.lock, descriptor: descriptor)
            try base.lock(descriptor, operation)
        }
        wrapped.statusOfDescriptor = { (descriptor) throws(Errno) in
            try state.check(.status, descriptor: descriptor)
            return try base.statusOfDescriptor(descriptor)
        }
        wrapped.statusOfPath = { (path) throws(Errno) in
            try state.check(.status, path: path)
            return try base.statusOfPath(path)
        }
        wrapped.listDirectory = { (path) throws(Errno) in
            try state.check(.listDirectory, path: path)
            return try base.listDirectory(path)
        }
        return FileSystem(calls: wrapped)
    }
}

/// Which calls an injected fault hits.
private struct Fault: Sendable {
    /// `nil`: every operation.
    var operation: FileSystem.Operation?
    var errno: Int32
    var after: Int
    var times: Int
    var suffix: String
    var byteLimit: Int?
}

/// The counters of one injected fault, shared by all copies of the file system that carries it.
private final class FaultState: Sendable {
    private struct Counters {
        var paths: [Int32: String] = [:]
        var matchingCalls = 0
        var failures = 0
        var bytesWritten = 0
    }

    private let fault: Fault
    private let counters = Mutex(Counters())
    private let counter: CallCounter?

    init(_ fault: Fault, counter: CallCounter? = nil) {
        self.fault = fault
        self.counter = counter
    }

    func opened(_ descriptor: Int32, path: String) {
        counters.withLock { $0.paths[descriptor] = path }
    }

    func closed(_ descriptor: Int32) {
        _ = counters.withLock { $0.paths.removeValue(forKey: descriptor) }
    }

    func check(_ operation: FileSystem.Operation, descriptor: Int32) throws(Errno) {
        let path = counters.withLock { $0.paths[descriptor] }
        try check(operation, path: path ?? "")
    }

    /// Throws the fault's `errno` when this call is one the fault hits.
    func check(_ operation: FileSystem.Operation, path: String, alternative: String? = nil) throws(Errno) {
        counter?.count()
        guard fault.operation == nil || operation == fault.operation, fault.byteLimit == nil else { return }
        guard path.hasSuffix(fault.suffix) || (alternative?.hasSuffix(fault.suffix) ?? false) else { return }
        let fails = counters.withLock { counters -> Bool in
            counters.matchingCalls += 1
            guard counters.matchingCalls > fault.after, counters.failures < fault.times else { return false }
            counters.failures += 1
            return true
        }
        if fails { throw Errno(code: fault.errno) }
    }

    /// How many of `count` bytes a write may still put on the disk; throws once nothing fits.
    func allowedBytes(_ count: Int, descriptor: Int32) throws(Errno) -> Int {
        guard let limit = fault.byteLimit else { return count }
        let remaining = counters.withLock { counters -> Int? in
            guard (counters.paths[descriptor] ?? "").hasSuffix(fault.suffix) else { return nil }
            return limit - counters.bytesWritten
        }
        guard let remaining else { return count }
        if remaining <= 0 && count > 0 { throw Errno(code: fault.errno) }
        return min(count, remaining)
    }

    func wrote(_ count: Int, descriptor: Int32) {
        guard fault.byteLimit != nil else { return }
        counters.withLock { counters in
            if (counters.paths[descriptor] ?? "").hasSuffix(fault.suffix) { counters.bytesWritten += count }
        }
    }
}

/// How many storage calls a counting file system (``FileSystem/counting(into:)``) has made.
public final class CallCounter: Sendable {
    private let calls = Mutex(0)

    public init() {}

    public var value: Int { calls.withLock { $0 } }

    func count() { calls.withLock { $0 += 1 } }
}
