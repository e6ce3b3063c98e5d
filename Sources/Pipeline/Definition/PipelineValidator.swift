import Clearance

/// Checks a decoded pipeline file for what TOML types cannot express, and builds the university.
struct PipelineValidator {
    let file: PipelineFile
    let locator: SourceLocator
    let source: String

    func validate() throws(PipelineError) -> PipelineDefinition {
        let levels = file.university.levels
        try require(!levels.isEmpty, "[university] levels must name at least one level", section: "university")
        try unique(levels, what: "level", section: "university", key: "levels")
        try safeName(file.university.name, what: "university name", section: "university", key: "name")

        try require(!file.batches.isEmpty, "at least one [[batches]] is required", section: nil)
        var batches: [Batch] = []
        for (index, entry) in file.batches.enumerated() {
            try safeName(entry.id, what: "batch id", section: "batches", index: index, key: "id")
            try safeName(entry.name, what: "batch name", section: "batches", index: index, key: "name")
            let deadline = Day(year: entry.deadline.year, month: entry.deadline.month, day: entry.deadline.day)
            batches.append(Batch(id: entry.id, name: entry.name, deadline: deadline))
        }
        try unique(batches.map(\.id), what: "batch id", section: "batches", key: "id")
        try unique(batches.map(\.name), what: "batch name", section: "batches", key: "name")

        try require(!file.colleges.isEmpty, "at least one [[colleges]] is required", section: nil)
        var colleges: [College] = []
        for (index, entry) in file.colleges.enumerated() {
            try safeName(entry.id, what: "college id", section: "colleges", index: index, key: "id")
            try safeName(entry.name, what: "college name", section: "colleges", index: index, key: "name")
            if let folder = entry.folder {
                try safeName(folder, what: "folder name", section: "colleges", index: index, key: "folder")
            }
            colleges.append(College(id: entry.id, name: entry.name, folder: entry.folder))
        }
        try unique(colleges.map(\.id), what: "college id", section: "colleges", key: "id")
        try unique(colleges.map(\.name), what: "college name", section: "colleges", key: "name")
        try unique(colleges.map(\.folder), what: "college folder", section: "colleges", key: "folder")

        var items: [Item] = []
        for (index, entry) in file.items.enumerated() {
            items.append(try item(entry, index: index, levels: levels))
        }
        try require(!items.isEmpty, "at least one [[items]] is required", section: nil)
        try unique(items.map(\.id.rawValue), what: "item id", section: "items", key: "id")
        try unique(items.map(\.name), what: "item name", section: "items", key: "name")
        try unique(items.map(\.folder), what: "item folder", section: "items", key: "folder")
        let apartments = items.indices.filter { items[$0].role == .apartment }
        if apartments.count > 1 {
            throw fail(
                "only one item may have role = \"apartment\"", section: "items", index: apartments[1], key: "role")
        }

        let folders = file.folders
        let definedFolders = PipelineDefinition.Folders(
            inbox: folders?.inbox ?? "inbox", outbox: folders?.outbox ?? "outbox", ledger: folders?.ledger ?? "ledger")
        for (key, value) in [
            ("inbox", definedFolders.inbox), ("outbox", definedFolders.outbox),
            ("ledger", definedFolders.ledger),
        ] where value.isEmpty {
            throw fail("folder \(key) must not be empty", section: "folders", key: key)
        }
        let retention = file.retention?.days ?? PipelineDefinition.defaultRetentionDays
        try require(
            (0...36_500).contains(retention), "[retention] days must be a number of days from 0 to 36500",
            section: "retention")
        let university = University(
            name: file.university.name, levels: levels, batches: batches, colleges: colleges, items: items)
        var definition = PipelineDefinition(university: university, folders: definedFolders, source: source)
        definition.retentionDays = retention
        return definition
    }

    private func item(_ entry: PipelineFile.ItemEntry, index: Int, levels: [String]) throws(PipelineError) -> Item {
        try safeName(entry.id, what: "item id", section: "items", index: index, key: "id")
        try safeName(entry.name, what: "item name", section: "items", index: index, key: "name")
        if let folder = entry.folder {
            try safeName(folder, what: "folder name", section: "items", index: index, key: "folder")
        }
        guard let scope = Item.Scope(rawValue: entry.scope ?? "school") else {
            throw fail(
                "scope must be \"school\", \"college\" or \"advisor\", not \"\(entry.scope ?? "")\"",
                section: "items", index: index, key: "scope")
        }
        guard let role = Item.Role(rawValue: entry.role ?? "ordinary") else {
            throw fail(
                "role must be \"ordinary\" or \"apartment\", not \"\(entry.role ?? "")\"",
                section: "items", index: index, key: "role")
        }
        var rule = Applicability.everyone
        if let applies = entry.applies {
            if let ruleLevels = applies.levels {
                for level in ruleLevels where !levels.contains(level) {
                    throw fail(
                        "applies.levels names \"\(level)\", which is not in [university] levels",
                        section: "items", index: index, key: "applies")
                }
                rule.levels = Set(ruleLevels)
            }
            rule.residentsOnly = applies.residents ?? false
            rule.advisorOnly = applies.advisor ?? false
        }
        if scope == .advisor, !rule.advisorOnly {
            throw fail(
                "an item with scope = \"advisor\" must have applies = { advisor = true }",
                section: "items", index: index, key: "scope")
        }
        return Item(
            id: ItemID(entry.id), name: entry.name, folder: entry.folder, scope: scope, rule: rule,
            location: entry.location ?? "", role: role)
    }

    /// Names become folder names: refuse empty names, separators, `.`/`..`, leading dots and control characters.
    private func safeName(_ name: String, what: String, section: String, index: Int? = nil, key: String)
        throws(PipelineError)
    {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let problem: String? =
            if trimmed.isEmpty { "must not be empty" } else if name != trimmed {
                "must not begin or end with spaces"
            } else if name.contains("/") || name.contains("\\") {
                "must not contain / or \\"
            } else if name == "." || name == ".." || name.contains("..") {
                "must not contain .."
            } else if name.hasPrefix(".") {
                "must not begin with a dot"
            } else if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                "must not contain control characters"
            } else if name.utf8.count > 200 { "is too long (over 200 bytes)" } else { nil }
        if let problem { throw fail("\(what) \"\(name)\" \(problem)", section: section, index: index, key: key) }
    }

    private func unique(_ values: [String], what: String, section: String, key: String) throws(PipelineError) {
        var seen = Set<String>()
        for (index, value) in values.enumerated() where !seen.insert(value.lowercased()).inserted {
            throw fail(
                "\(what) \"\(value)\" is used twice (names and ids must be unique)",
                section: section, index: section == "university" ? nil : index, key: key)
        }
    }

    private func require(_ condition: Bool, _ reason: String, section: String?) throws(PipelineError) {
        if !condition { throw fail(reason, section: section, key: nil) }
    }

    private func fail(_ reason: String, section: String?, index: Int? = nil, key: String?) -> PipelineError {
        PipelineError(file: source, line: locator.line(section: section, index: index, key: key), reason: reason)
    }
}

extension String {
    fileprivate func trimmingCharacters(in _: WhitespaceSet) -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

private enum WhitespaceSet { case whitespaces }
