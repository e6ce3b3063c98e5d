#ifndef LIXIAO_CLIBXML2_SHIM_H
#define LIXIAO_CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU, and its encoding header then includes the system's ICU headers, whose
   UErrorCode clashes with Foundation's bundled ICU in any Swift module that sees both. lixiao never touches
   libxml2's encoding handlers (only pointers to them), so their ICU fields are left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
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
