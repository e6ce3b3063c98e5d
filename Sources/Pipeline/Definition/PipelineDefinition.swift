public import Clearance
import Foundation
import Glibc
import TOMLKit

/// A pipeline file decoded and validated: the university, and where its folders live.
public struct PipelineDefinition: Sendable, Hashable {
    public var university: University
    public var folders: Folders
    /// How many days after a batch is closed `lixiao purge` lets its personal data go (`[retention] days`;
    /// 1095, three years, when the file does not say).
    public var retentionDays = PipelineDefinition.defaultRetentionDays
    /// Where the definition came from, for messages: a path, or "built-in default".
    public var source: String

    /// The folder roots, relative to `--root` unless absolute.
    public struct Folders: Sendable, Hashable {
        public var inbox: String
        public var outbox: String
        public var ledger: String
    }

    public static let defaultRetentionDays = 1095

    /// The bundled example university (a copy of `pipelines/default.toml` built into the binary).
    public static func builtIn() throws(PipelineError) -> PipelineDefinition {
        try decode(DefaultPipeline.text, source: "built-in default (pipelines/default.toml)")
    }

    /// Reads and validates the pipeline file at `path`.
    public static func load(path: String) throws(PipelineError) -> PipelineDefinition {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw PipelineError(file: path, line: nil, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw PipelineError(file: path, line: nil, reason: "is not a file (give the path of a .toml pipeline file)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(file: path, line: nil, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(file: path, line: nil, reason: "is not UTF-8 text")
        }
        return try decode(text, source: path)
    }

    /// Decodes `text` through the Codable model, then checks what Codable cannot: uniqueness, folder names,
    /// references to levels.
    public static func decode(_ text: String, source: String) throws(PipelineError) -> PipelineDefinition {
        let locator = SourceLocator(text: text)
        let file: PipelineFile
        do {
            file = try TOMLDecoder(strictDecoding: true).decode(PipelineFile.self, from: text)
        } catch let error as TOMLParseError {
            throw PipelineError(file: source, line: error.source.begin.line, reason: error.description)
        } catch let error as DecodingError {
            throw locator.error(for: error, file: source)
        } catch let error as UnexpectedKeysError {
            throw locator.error(for: error, file: source)
        } catch {
            throw PipelineError(file: source, line: nil, reason: "\(error)")
        }
        return try PipelineValidator(file: file, locator: locator, source: source).validate()
    }
}

/// A refused pipeline file: which file, which line (when known), and why.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// The file's shape, exactly as TOML spells it; decoded in this one place.
struct PipelineFile: Decodable {
    struct UniversitySection: Decodable {
        var name: String
        var levels: [String]
    }

    struct FoldersSection: Decodable {
        var inbox: String?
        var outbox: String?
        var ledger: String?
    }

    struct BatchEntry: Decodable {
        var id: String
        var name: String
        var deadline: TOMLDate
    }

    struct CollegeEntry: Decodable {
        var id: String
        var name: String
        var folder: String?
    }

    struct ItemEntry: Decodable {
        var id: String
        var name: String
        var folder: String?
        var scope: String?
        var role: String?
        var location: String?
        var applies: Rule?
    }

    struct Rule: Decodable {
        var levels: [String]?
        var residents: Bool?
        var advisor: Bool?
    }

    struct RetentionSection: Decodable {
        var days: Int?
    }

    var university: UniversitySection
    var folders: FoldersSection?
    var retention: RetentionSection?
    var batches: [BatchEntry]
    var colleges: [CollegeEntry]
    var items: [ItemEntry]
}
