internal import CXlsxWriter

/// The document properties Excel shows under File › Info: title, author and the like.
public struct DocumentProperties: Hashable, Sendable {
    public var title: String?
    public var subject: String?
    /// Shown by Excel as the author (`dc:creator`).
    public var author: String?
    public var manager: String?
    public var company: String?
    public var category: String?
    public var keywords: String?
    public var comments: String?
    /// The creation time recorded in the file, in seconds since 1970-01-01 UTC (`Date.timeIntervalSince1970`),
    /// or `nil` for the time of writing.
    ///
    /// Not a `Date`: importing Foundation next to libxml2's ICU headers breaks clean builds of this module.
    public var createdUnixTime: Int64?

    public init(
        title: String? = nil, subject: String? = nil, author: String? = nil, manager: String? = nil,
        company: String? = nil, category: String? = nil, keywords: String? = nil, comments: String? = nil,
        createdUnixTime: Int64? = nil
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.createdUnixTime = createdUnixTime
    }
}

extension WorkbookWriter {
    /// Sets the workbook's document properties, replacing any set before.
    ///
    /// libxlsxwriter copies the texts; it fails only when out of memory. The corresponding C function is
    /// `workbook_set_properties`.
    public func setProperties(_ properties: DocumentProperties) throws(XlsxWriterError) {
        requireOpen()
        var arena = CStringArena()
        var values = lxw_doc_properties()
        values.title = arena.copy(properties.title)
        values.subject = arena.copy(properties.subject)
        values.author = arena.copy(properties.author)
        values.manager = arena.copy(properties.manager)
        values.company = arena.copy(properties.company)
        values.category = arena.copy(properties.category)
        values.keywords = arena.copy(properties.keywords)
        values.comments = arena.copy(properties.comments)
        if let created = properties.createdUnixTime { values.created = .init(created) }
        guard let handle else { return }
        try XlsxWriterError.check(workbook_set_properties(handle, &values), "setting the properties of \(path)")
    }
}
