internal import CXlsxWriter

extension CellStyle {
    /// Sets every property of this style on a fresh libxlsxwriter format.
    ///
    /// The corresponding C functions are `format_set_bold`, `format_set_num_format_index` (49 is `@`),
    /// `format_set_num_format`, `format_set_unlocked` and their neighbours.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, lxw_color_t(fontColor & 0xFF_FFFF)) }
        if let fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fillColor & 0xFF_FFFF))
        }
        switch horizontalAlignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if verticallyCentered { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if wrapsText { format_set_text_wrap(format) }
        if border == .thin { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        switch numberFormat {
        case .general: break
        case .text: format_set_num_format_index(format, 49)
        default: numberFormat.code.map { format_set_num_format(format, $0) }
        }
        if !locked { format_set_unlocked(format) }
    }
}
