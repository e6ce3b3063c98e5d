#ifndef LIXIAO_CLIBXML2_SHIM_H
#define LIXIAO_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>

/// The options every lixiao XML parser uses: no network, no entity substitution, no DTD loading, quiet.
static inline int lixiao_xml_safe_options(void) {
    return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
}

/// The SAX2 magic number, which is a macro Swift cannot import.
static inline unsigned int lixiao_xml_sax2_magic(void) { return XML_SAX2_MAGIC; }
#endif
