/* core.h - every internal header, for files that use most of the runtime. */
#ifndef ADDER_CORE_H
#define ADDER_CORE_H
#include "error.h"
#include "gc.h"
#include "interp.h"
#include "object.h"
#include "opcodes.h"
#include "runtime.h"
#include "value.h"
#include "vm.h"
#endif
