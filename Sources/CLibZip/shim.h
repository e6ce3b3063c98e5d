#ifndef LIXIAO_CLIBZIP_SHIM_H
#define LIXIAO_CLIBZIP_SHIM_H
#include <zip.h>
#endif
