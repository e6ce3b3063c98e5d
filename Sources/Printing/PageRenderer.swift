import CPangoCairo
import Glibc

extension PrintedPage {
    /// Writes the page as a one-page A4 PDF at `path` (the caller publishes it atomically): text through pango
    /// with the installed CJK font, embedded as a subset with a Unicode map (so text can be searched and copied),
    /// the QR code as vector squares, and the page's properties (title, author, subject, keywords, creation date).
    ///
    /// Throws ``PrintingError`` when the file cannot be written or no installed font shows some of the text.
    ///
    /// The file is created here, new (`O_EXCL`), never through a link (`O_NOFOLLOW`) and readable by its owner
    /// only until the caller publishes it; cairo writes into it through a stream.
    public func write(to path: String) throws(PrintingError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PrintingError(.cannotWrite(path: path, reason: String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        let sink = PageSink(descriptor: descriptor)
        let closure = Unmanaged.passRetained(sink)
        defer { closure.release() }
        let layout = PageGeometry()
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                PageSink.write, closure.toOpaque(), layout.width, layout.height)
        else {
            throw PrintingError(.cannotWrite(path: path, reason: "cairo returned no surface"))
        }
        defer { cairo_surface_destroy(surface) }
        try Self.check(cairo_surface_status(surface), path: path)
        setProperties(of: surface)
        guard let context = cairo_create(surface) else {
            throw PrintingError(.cannotWrite(path: path, reason: "cairo returned no context"))
        }
        defer { cairo_destroy(context) }
        var renderer = PageRenderer(context: context)
        try renderer.draw(self, in: layout)
        cairo_show_page(context)
        try Self.check(cairo_status(context), path: path)
        cairo_surface_finish(surface)
        if let failure = sink.failure {
            throw PrintingError(.cannotWrite(path: path, reason: String(cString: strerror(failure))))
        }
        try Self.check(cairo_surface_status(surface), path: path)
    }

    private func setProperties(of surface: OpaquePointer) {
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "lixiao")
        if !keywords.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, keywords) }
        // A fixed creation date (the stamp's) keeps the file the same when the page is printed again.
        if created.utf8.count == 19 {
            let date = String(created.map { $0 == " " ? "T" : $0 })
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
        }
    }

    private static func check(_ status: cairo_status_t, path: String) throws(PrintingError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw PrintingError(.cannotWrite(path: path, reason: String(cString: cairo_status_to_string(status))))
    }
}

/// Where cairo's PDF stream goes: a file descriptor, and the first write error.
private final class PageSink {
    let descriptor: Int32
    var failure: Int32?

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// cairo's write function: every byte, retrying short writes and interruptions.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<PageSink>.fromOpaque(closure).takeUnretainedValue()
        var written = 0
        while written < Int(length) {
            let count = Glibc.write(sink.descriptor, data + written, Int(length) - written)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                sink.failure = count < 0 ? errno : ENOSPC
                return CAIRO_STATUS_WRITE_ERROR
            }
            written += count
        }
        return CAIRO_STATUS_SUCCESS
    }
}

/// A4 in points, the margins, and the code's square.
struct PageGeometry {
    let width = 595.2756
    let height = 841.8898
    let margin = 56.0
    let top = 48.0
    let bottom = 40.0
    let codeSide = 128.0

    var contentWidth: Double { width - 2 * margin }
}

/// Lays blocks out top to bottom with pango and draws them with cairo.
struct PageRenderer {
    let context: OpaquePointer
    /// The font families asked of fontconfig, in order: the Noto CJK fonts Debian ships first.
    static let families = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, Droid Sans Fallback, sans-serif"
    private static let border: UInt32 = 0x808080
    private static let shade: UInt32 = 0xEFEFEF
    /// Text every page has, to tell whether a CJK font is installed.
    private static let probe = "离校通知单办理状态"

    init(context: OpaquePointer) {
        self.context = context
    }

    mutating func draw(_ page: PrintedPage, in geometry: PageGeometry) throws(PrintingError) {
        // Without a CJK font every Chinese character would print as a box: refuse rather than print that. Other
        // text no font has (an emoji in a remark) prints as a box and does not cost the page.
        guard try unknownGlyphs(in: Self.probe) == 0 else { throw PrintingError(.missingGlyphs(text: Self.probe)) }
        var available = geometry.height - geometry.top - geometry.bottom
        if page.code != nil { available -= geometry.codeSide + 12 }
        // Shrink the whole flow until it fits above the code: the width it wraps to grows as it shrinks.
        var scale = 1.0
        for _ in 0..<6 {
            let height = try flow(page.blocks, width: geometry.contentWidth / scale, drawing: false)
            guard height * scale > available else { break }
            scale *= max(0.5, available / (height * scale)) * 0.995
        }
        cairo_save(context)
        cairo_translate(context, geometry.margin, geometry.top)
        cairo_scale(context, scale, scale)
        _ = try flow(page.blocks, width: geometry.contentWidth / scale, drawing: true)
        cairo_restore(context)
        if let code = page.code { try draw(code, in: geometry) }
    }

    /// Lays out (and when `drawing`, draws) the blocks from the current origin; returns their height.
    private func flow(_ blocks: [PageBlock], width: Double, drawing: Bool) throws(PrintingError) -> Double {
        var y = 0.0
        for block in blocks {
            switch block {
            case .gap(let points):
                y += points
            case .text(let text):
                let height = try paragraph(
                    text.text, style: text.style, x: 0, y: y, width: width, drawing: drawing)
                y += height + text.style.size * 0.35
            case .table(let table):
                y += try self.table(table, y: y, width: width, drawing: drawing) + 6
            }
        }
        return y
    }

    /// One table from `y`; returns its height.
    private func table(_ table: PageTable, y top: Double, width: Double, drawing: Bool) throws(PrintingError)
        -> Double
    {
        let total = table.weights.reduce(0, +)
        let widths = table.weights.map { $0 / total * width }
        let padding = 4.0
        let style = TextStyle(size: table.textSize)
        var rows = table.rows
        if !table.header.isEmpty { rows.insert(table.header.map { PageCell($0, shaded: true) }, at: 0) }
        var y = top
        for row in rows {
            var height = 0.0
            for (cell, columnWidth) in zip(row, widths) {
                let cellHeight = try paragraph(
                    cell.text, style: style, x: 0, y: 0, width: columnWidth - 2 * padding, drawing: false)
                height = max(height, cellHeight + 2 * padding)
            }
            if drawing {
                var x = 0.0
                for (cell, columnWidth) in zip(row, widths) {
                    if cell.shaded {
                        setColor(Self.shade)
                        cairo_rectangle(context, x, y, columnWidth, height)
                        cairo_fill(context)
                    }
                    setColor(Self.border)
                    cairo_set_line_width(context, 0.6)
                    cairo_rectangle(context, x, y, columnWidth, height)
                    cairo_stroke(context)
                    var cellStyle = style
                    cellStyle.color = cell.color
                    _ = try paragraph(
                        cell.text, style: cellStyle, x: x + padding, y: y + padding,
                        width: columnWidth - 2 * padding, drawing: true)
                    x += columnWidth
                }
            }
            y += height
        }
        return y - top
    }

    /// The QR code in the bottom right corner, its caption to the left, a rule above both.
    private func draw(_ code: PageCode, in geometry: PageGeometry) throws(PrintingError) {
        let matrix = try QRMatrix(code.payload)
        let side = geometry.codeSide
        let originX = geometry.width - geometry.margin - side
        let originY = geometry.height - geometry.bottom - side
        setColor(Self.border)
        cairo_set_line_width(context, 0.5)
        cairo_move_to(context, geometry.margin, originY - 6)
        cairo_line_to(context, geometry.width - geometry.margin, originY - 6)
        cairo_stroke(context)
        // Four modules of quiet zone on every side, inside the square.
        let module = side / Double(matrix.size + 8)
        setColor(0x000000)
        for row in 0..<matrix.size {
            for column in 0..<matrix.size where matrix.isDark(row: row, column: column) {
                cairo_rectangle(
                    context, originX + Double(column + 4) * module, originY + Double(row + 4) * module, module,
                    module)
            }
        }
        cairo_fill(context)
        var y = originY + 4 * module
        let captionWidth = side == 0 ? geometry.contentWidth : geometry.contentWidth - side - 16
        for line in code.caption {
            y +=
                try paragraph(
                    line, style: TextStyle(size: 8.5, color: 0x404040), x: geometry.margin, y: y,
                    width: captionWidth, drawing: true) + 3
        }
    }

    /// Lays out one wrapped paragraph at (`x`, `y`) `width` wide; draws it when `drawing`; returns its height.
    private func paragraph(
        _ text: String, style: TextStyle, x: Double, y: Double, width: Double, drawing: Bool
    ) throws(PrintingError) -> Double {
        guard !text.isEmpty else { return style.size * 1.3 }
        guard let layout = pango_cairo_create_layout(context) else {
            throw PrintingError(.cannotWrite(path: "", reason: "pango returned no layout"))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_from_string(Self.families)
        defer { pango_font_description_free(font) }
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, font)
        pango_layout_set_width(layout, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, style.alignment == .center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        pango_layout_set_text(layout, text, -1)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        if drawing {
            setColor(style.color)
            cairo_move_to(context, x, y)
            pango_cairo_show_layout(context, layout)
        }
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    /// How many characters of `text` no installed font shows.
    private func unknownGlyphs(in text: String) throws(PrintingError) -> Int32 {
        guard let layout = pango_cairo_create_layout(context) else {
            throw PrintingError(.cannotWrite(path: "", reason: "pango returned no layout"))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_from_string(Self.families)
        defer { pango_font_description_free(font) }
        pango_layout_set_font_description(layout, font)
        pango_layout_set_text(layout, text, -1)
        return pango_layout_get_unknown_glyphs_count(layout)
    }

    private func setColor(_ rgb: UInt32) {
        cairo_set_source_rgb(
            context, Double((rgb >> 16) & 0xFF) / 255, Double((rgb >> 8) & 0xFF) / 255, Double(rgb & 0xFF) / 255)
    }
}
