#ifndef LIXIAO_CCSV_SHIM_H
#define LIXIAO_CCSV_SHIM_H
#include <stddef.h>
#include <csv.h>

/// libcsv's option bits are macros; these make them visible to Swift.
static inline unsigned char lixiao_csv_strict_options(void) { return CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL; }
#endif
