internal import CLibXML2

/// Receives the events of one XML part, element by element, as libxml2's SAX2 push parser reports them.
///
/// Names and text arrive as borrowed UTF-8 bytes valid only during the call, so handlers compare and copy
/// only what they keep. A handler stops the parse by answering `shouldStop`.
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// Set to stop parsing at once; the caller of `feed` then reads why from the handler.
    var shouldStop: Bool { get }
}

/// A streaming, non-validating XML parser over libxml2's SAX2 push interface, hardened for hostile input.
///
/// It is fed inflated chunks as they come out of the zip entry, so no part is ever held whole. Any document
/// type declaration stops it at once: xlsx parts never carry one, and the billion-laughs and XXE attacks need
/// one. It also never substitutes entities, loads DTDs or touches the network.
final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    private let box: Box
    private let part: String

    /// What the C callbacks reach through libxml2's user-data pointer.
    fileprivate final class Box {
        let handler: any XMLEventHandler
        let part: String
        var context: xmlParserCtxtPtr?
        var refusal: SheetError.Problem?
        var xmlError: XMLError?
        init(handler: any XMLEventHandler, part: String) {
            self.handler = handler
            self.part = part
        }
    }

    /// Creates a parser for the part named `part` (used in messages) that reports to `handler`.
    ///
    /// The corresponding C functions are `xmlCreatePushParserCtxt` and `xmlCtxtUseOptions`.
    init(part: String, handler: any XMLEventHandler) throws(SheetError.Problem) {
        XMLPushParser.initializeOnce
        self.part = part
        box = Box(handler: handler, part: part)
        var sax = xmlSAXHandler()
        sax.initialized = lixiao_xml_sax2_magic()
        sax.startElementNs = { context, localname, _, _, _, _, count, _, attributes in
            guard let context, let localname else { return }
            let box = Unmanaged<Box>.fromOpaque(context).takeUnretainedValue()
            box.handler.startElement(XMLName(localname), XMLAttributes(attributes, count: Int(count)))
            box.stopIfFailed()
        }
        sax.endElementNs = { context, localname, _, _ in
            guard let context, let localname else { return }
            let box = Unmanaged<Box>.fromOpaque(context).takeUnretainedValue()
            box.handler.endElement(XMLName(localname))
            box.stopIfFailed()
        }
        let characters: charactersSAXFunc = { context, text, length in
            guard let context, let text, length > 0 else { return }
            let box = Unmanaged<Box>.fromOpaque(context).takeUnretainedValue()
            box.handler.characters(UnsafeBufferPointer(start: text, count: Int(length)))
            box.stopIfFailed()
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<Box>.fromOpaque(context).takeUnretainedValue().refuseDocumentType()
        }
        sax.entityDecl = { context, _, _, _, _, _ in
            guard let context else { return }
            Unmanaged<Box>.fromOpaque(context).takeUnretainedValue().refuseDocumentType()
        }
        sax.serror = { context, error in
            guard let context, let error else { return }
            let box = Unmanaged<Box>.fromOpaque(context).takeUnretainedValue()
            if box.xmlError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                box.xmlError = XMLError(error)
            }
        }
        let userData = Unmanaged.passUnretained(box).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, part) else {
            throw .xml(part: part, XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not create a parser"))
        }
        xmlCtxtUseOptions(context, lixiao_xml_safe_options())
        box.context = context
        self.context = context
    }

    deinit { xmlFreeParserCtxt(context) }

    /// Parses the next chunk of the document; returns early, without error, once the handler asks to stop.
    ///
    /// The corresponding C function is `xmlParseChunk`.
    func feed(_ chunk: UnsafeRawBufferPointer) throws(SheetError.Problem) {
        guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
        var offset = 0
        while offset < chunk.count {
            let length = min(chunk.count - offset, Int(Int32.max))
            let status = xmlParseChunk(context, (base + offset).assumingMemoryBound(to: CChar.self), Int32(length), 0)
            try check(status)
            if box.handler.shouldStop { return }
            offset += length
        }
    }

    /// Ends the document, reporting an error if it is incomplete.
    func finish() throws(SheetError.Problem) {
        try check(xmlParseChunk(context, nil, 0, 1))
    }

    private func check(_ status: Int32) throws(SheetError.Problem) {
        if let refusal = box.refusal { throw refusal }
        if box.handler.shouldStop { return }
        if status != 0 || box.xmlError != nil {
            let error = box.xmlError ?? XMLError(code: status, line: 0, column: 0, message: "XML error \(status)")
            throw .xml(part: part, error)
        }
    }

    /// libxml2 must be initialised once, on one thread, before parsers run concurrently.
    private static let initializeOnce: Void = { xmlInitParser() }()

    /// Parses a whole in-memory part in one call.
    static func parse(_ bytes: [UInt8], part: String, handler: any XMLEventHandler) throws(SheetError.Problem) {
        let parser = try XMLPushParser(part: part, handler: handler)
        var failure: SheetError.Problem?
        bytes.withUnsafeBytes { raw in
            do throws(SheetError.Problem) { try parser.feed(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        try parser.finish()
    }
}

extension XMLPushParser.Box {
    fileprivate func stopIfFailed() {
        if handler.shouldStop, let context { xmlStopParser(context) }
    }

    fileprivate func refuseDocumentType() {
        if refusal == nil { refusal = .documentTypeDeclaration(part: part) }
        if let context { xmlStopParser(context) }
    }
}
