#ifndef LIXIAO_CQRENCODE_SHIM_H
#define LIXIAO_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
