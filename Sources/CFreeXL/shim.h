#ifndef LIXIAO_CFREEXL_SHIM_H
#define LIXIAO_CFREEXL_SHIM_H
#include <freexl.h>
#endif
