#ifndef LIXIAO_CXLSXWRITER_SHIM_H
#define LIXIAO_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
