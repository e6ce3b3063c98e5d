import Glibc

/// Every reader message in both languages, kept together so wording changes in one place.
extension SheetError: CustomStringConvertible {
    /// The English message for logs and the command line, naming the file, sheet and cell.
    public var description: String {
        var place = file
        if let sheet { place += ", sheet \"\(sheet)\"" }
        if let cell { place += ", cell \(cell)" }
        return place + ": " + problem.english
    }

    /// The Chinese message for staff-facing receipts, naming the file, sheet and cell.
    public var staffMessage: String {
        var place = "文件「\(file)」"
        if let sheet { place += "工作表「\(sheet)」" }
        if let cell { place += "单元格 \(cell)" }
        return place + "：" + problem.chinese
    }
}

extension SheetError.Problem {
    var english: String {
        switch self {
        case .unreadable(let reason): "cannot be read: \(reason)"
        case .notRegularFile: "is not a regular file (links, folders and devices are never read)"
        case .emptyFile: "is empty"
        case .fileTooLarge(let bytes, let limit): "is \(bytes) bytes, over the limit of \(limit)"
        case .foreignFormat(let format): "is \(format.english), not a spreadsheet lixiao reads; save it as .xlsx"
        case .encrypted: "is password-protected; remove the password and save it again"
        case .damaged(let detail): "is damaged or incomplete (\(detail)); save it again and re-drop it"
        case .missingPart(let part): "is not a complete xlsx workbook: part \(part) is missing"
        case .noWorksheet: "holds no worksheet"
        case .zip(let error): "\(error)"
        case .tooManyEntries(let count, let limit): "has \(count) zip entries, over the limit of \(limit)"
        case .unsafeEntryName(let name): "has a zip entry with an unsafe name \"\(name)\""
        case .duplicateEntry(let name): "has two zip entries named \"\(name)\""
        case .overlappingEntries(let first, let second): "has overlapping zip entries \"\(first)\" and \"\(second)\""
        case .entryTooLarge(let entry, let limit): "zip entry \(entry) inflates beyond the limit of \(limit) bytes"
        case .compressionRatio(let entry, let ratio, let limit):
            "zip entry \(entry) has a compression ratio of \(ratio):1, over the limit of \(limit):1"
        case .entryLargerThanDeclared(let entry, let declared):
            "zip entry \(entry) inflates beyond the \(declared) bytes its header declares"
        case .xml(let part, let error): "\(part) is not well-formed XML at \(error)"
        case .documentTypeDeclaration(let part):
            "\(part) contains a document type or entity declaration, which is never processed"
        case .sharedStringOutOfRange(let index, let count):
            "refers to shared string \(index), but the workbook has only \(count)"
        case .cellReferenceOutOfRange(let reference): "has a cell reference \(reference) beyond XFD1048576"
        case .cellTooLong(let characters, let limit): "holds \(characters) characters, over Excel's limit of \(limit)"
        case .excel95Format:
            "is in an Excel format older than Excel 95, which lixiao does not read; save it as .xlsx in Excel or WPS"
        case .csv(let error): "is not valid CSV: \(error)"
        case .undecodableText(let offset):
            "is neither UTF-8 nor GB18030/GBK text (first undecodable byte at offset \(offset))"
        case .relayed(let english, _): english
        case .readerFailed(let failure): "cannot be read: the isolated reader \(failure.english)"
        }
    }

    var chinese: String {
        switch self {
        case .unreadable(let reason): "无法读取（\(reason)）"
        case .notRegularFile: "不是普通文件（链接、文件夹和设备文件一律不读取）"
        case .emptyFile: "是空文件"
        case .fileTooLarge(let bytes, let limit): "大小为 \(bytes) 字节，超过上限 \(limit) 字节"
        case .foreignFormat(let format): "是\(format.chinese)，不是可读取的表格文件，请另存为 .xlsx 后重新放入"
        case .encrypted: "设置了打开密码，请取消密码后重新保存并放入"
        case .damaged(let detail): "已损坏或不完整（\(detail)），请重新保存后放入"
        case .missingPart(let part): "不是完整的 xlsx 工作簿（缺少 \(part)）"
        case .noWorksheet: "不含任何工作表"
        case .zip(let error): "压缩包结构错误（\(error)）"
        case .tooManyEntries(let count, let limit): "压缩包内有 \(count) 个条目，超过上限 \(limit)，已拒收"
        case .unsafeEntryName(let name): "压缩包内含不安全的条目名「\(name)」，已拒收"
        case .duplicateEntry(let name): "压缩包内有重名条目「\(name)」，已拒收"
        case .overlappingEntries(let first, let second): "压缩包内条目「\(first)」与「\(second)」相互重叠，已拒收"
        case .entryTooLarge(let entry, let limit): "条目 \(entry) 解压后超过 \(limit) 字节上限，已拒收"
        case .compressionRatio(let entry, let ratio, let limit):
            "条目 \(entry) 压缩比为 \(ratio):1，超过上限 \(limit):1（疑似压缩炸弹），已拒收"
        case .entryLargerThanDeclared(let entry, let declared):
            "条目 \(entry) 解压后超过其声明的 \(declared) 字节（疑似压缩炸弹），已拒收"
        case .xml(let part, let error): "\(part) 的 XML 格式错误（第 \(error.line) 行第 \(error.column) 列）"
        case .documentTypeDeclaration(let part): "\(part) 含有文档类型或实体声明（可能是恶意文件），已拒收"
        case .sharedStringOutOfRange(let index, let count): "引用了第 \(index) 个共享字符串，但文件只有 \(count) 个"
        case .cellReferenceOutOfRange(let reference): "单元格地址 \(reference) 超出 XFD1048576 的范围"
        case .cellTooLong(let characters, let limit): "内容有 \(characters) 个字符，超过 Excel 单元格上限 \(limit)"
        case .excel95Format: "是 Excel 95 之前版本格式的旧文件，请用 Excel 或 WPS 另存为 .xlsx 后重新放入"
        case .csv(let error): "不是有效的 CSV 文件（第 \(error.line) 行附近引号不配对）"
        case .undecodableText(let offset): "既不是 UTF-8 也不是 GB18030/GBK 编码（第 \(offset) 字节无法识别）"
        case .relayed(_, let chinese): chinese
        case .readerFailed(let failure): "文件无法读取（\(failure.chinese)），请用 Excel 或 WPS 打开后另存为 .xlsx 再放入"
        }
    }
}

extension ReaderFailure {
    var english: String {
        switch self {
        case .signalled(let signal) where signal == SIGXCPU: "used up its CPU time limit"
        case .signalled(let signal): "crashed (signal \(signal))"
        case .exited(let status): "exited with status \(status)"
        case .timedOut(let seconds): "was stopped after \(Int(seconds)) s"
        case .incompleteAnswer: "gave an incomplete answer"
        case .notStarted(let reason): "could not be started: \(reason)"
        }
    }

    var chinese: String {
        switch self {
        case .signalled(let signal) where signal == SIGXCPU: "读取超出时间上限"
        case .signalled, .exited, .incompleteAnswer: "读取时出错中止，可能文件已损坏或含有异常内容"
        case .timedOut(let seconds): "读取超过 \(Int(seconds)) 秒仍未完成"
        case .notStarted: "读取程序无法启动"
        }
    }
}

extension ForeignFormat {
    /// What the file is, in English, with an article: "a PDF document".
    public var english: String {
        switch self {
        case .wpsSpreadsheet: "a WPS spreadsheet (.et)"
        case .appleNumbers: "an Apple Numbers document"
        case .openDocument: "an OpenDocument file (.ods/.odt)"
        case .wordDocument: "a Word document"
        case .presentation: "a PowerPoint presentation"
        case .pdf: "a PDF document"
        case .htmlPage: "a web page (HTML) saved with a spreadsheet name, as old portals export"
        case .excel2003XML: "an Excel 2003 XML spreadsheet"
        case .image: "an image"
        case .zipArchive: "a zip archive of other files"
        case .unknownBinary: "a binary file of unknown kind"
        case .plainTextWithSpreadsheetName: "a plain-text file with a spreadsheet name (rename it to .csv)"
        }
    }

    /// What the file is, in Chinese: "PDF 文档".
    public var chinese: String {
        switch self {
        case .wpsSpreadsheet: " WPS 表格文件（.et）"
        case .appleNumbers: " Apple Numbers 文档"
        case .openDocument: " OpenDocument 文件（.ods/.odt）"
        case .wordDocument: " Word 文档"
        case .presentation: " PowerPoint 演示文稿"
        case .pdf: " PDF 文档"
        case .htmlPage: "网页（HTML）文件，只是扩展名为表格"
        case .excel2003XML: " Excel 2003 XML 表格"
        case .image: "图片"
        case .zipArchive: "普通压缩包"
        case .unknownBinary: "无法识别的二进制文件"
        case .plainTextWithSpreadsheetName: "纯文本文件（如为 CSV，请改名为 .csv）"
        }
    }
}
