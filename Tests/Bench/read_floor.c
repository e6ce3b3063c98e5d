/* The read floor: inflate an xlsx's first worksheet and its shared strings with libzip and stream them through
 * libxml2's SAX2 push parser, touching every cell's bytes. What any reader of the same file cannot beat.
 *
 * usage: read_floor FILE.xlsx   (prints the cells and text bytes seen) */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

static long cells, textBytes;
static unsigned long checksum;

static void start(void *context, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int namespaces,
                  const xmlChar **namespaceList, int attributes, int defaulted, const xmlChar **attributeList) {
    (void)context; (void)prefix; (void)uri; (void)namespaces; (void)namespaceList; (void)defaulted;
    if (name[0] == 'c' && name[1] == 0) cells++;
    for (int i = 0; i < attributes; i++) {
        const xmlChar *value = attributeList[i * 5 + 3], *end = attributeList[i * 5 + 4];
        for (const xmlChar *p = value; p < end; p++) checksum += *p;
    }
}

static void characters(void *context, const xmlChar *text, int length) {
    (void)context;
    textBytes += length;
    for (int i = 0; i < length; i++) checksum += text[i];
}

static int stream(zip_t *archive, const char *name) {
    zip_file_t *file = zip_fopen(archive, name, 0);
    if (!file) return 0;
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = start;
    handler.characters = characters;
    xmlParserCtxtPtr parser = xmlCreatePushParserCtxt(&handler, NULL, NULL, 0, name);
    xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_HUGE);
    char buffer[1 << 16];
    zip_int64_t count;
    while ((count = zip_fread(file, buffer, sizeof buffer)) > 0) xmlParseChunk(parser, buffer, (int)count, 0);
    xmlParseChunk(parser, NULL, 0, 1);
    xmlFreeParserCtxt(parser);
    zip_fclose(file);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: read_floor FILE.xlsx\n"); return 64; }
    int error = 0;
    zip_t *archive = zip_open(argv[1], ZIP_RDONLY, &error);
    if (!archive) { fprintf(stderr, "cannot open %s\n", argv[1]); return 66; }
    stream(archive, "xl/sharedStrings.xml");
    if (!stream(archive, "xl/worksheets/sheet1.xml")) { fprintf(stderr, "no first worksheet\n"); return 65; }
    zip_close(archive);
    printf("%ld cells, %ld text bytes (checksum %lu)\n", cells, textBytes, checksum);
    return 0;
}
