#ifndef LIXIAO_CPANGOCAIRO_SHIM_H
#define LIXIAO_CPANGOCAIRO_SHIM_H
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#endif
