/*
 * setup.h - the per-file setup functions vm_state.c calls, in this order, to build a VM.
 * Before the first one runs, every builtin type object exists raw (zeroed, type = `type`)
 * and every name in AD_NAMES is interned; the collector is off until the last one returns.
 * Each returns false with an exception pending (in practice only MemoryError).
 */
#ifndef ADDER_SETUP_H
#define ADDER_SETUP_H

#include "vm.h"

AD_FUNC bool ad_type_setup(AdThread *t);     /* obj_type.c: type, object, None, descriptors */
AD_FUNC bool ad_str_setup(AdThread *t);      /* obj_str.c */
AD_FUNC bool ad_int_setup(AdThread *t);      /* obj_int.c: int, bool */
AD_FUNC bool ad_float_setup(AdThread *t);    /* obj_float.c */
AD_FUNC bool ad_tuple_setup(AdThread *t);    /* obj_tuple.c */
AD_FUNC bool ad_list_setup(AdThread *t);     /* obj_list.c */
AD_FUNC bool ad_dict_setup(AdThread *t);     /* obj_dict.c */
AD_FUNC bool ad_set_setup(AdThread *t);      /* obj_set.c */
AD_FUNC bool ad_bytes_setup(AdThread *t);    /* obj_bytes.c: bytes, bytearray */
AD_FUNC bool ad_range_setup(AdThread *t);    /* obj_range.c */
AD_FUNC bool ad_slice_setup(AdThread *t);    /* obj_slice.c */
AD_FUNC bool ad_iter_setup(AdThread *t);     /* obj_iter.c: enumerate, zip, map, ... */
AD_FUNC bool ad_func_setup(AdThread *t);     /* obj_func.c: function, method, cell, code */
AD_FUNC bool ad_gen_setup(AdThread *t);      /* obj_gen.c: generator, coroutine */
AD_FUNC bool ad_module_setup(AdThread *t);   /* obj_module.c */
AD_FUNC bool ad_exc_setup(AdThread *t);      /* obj_exc.c: exception classes, traceback */
AD_FUNC bool ad_builtins_setup(AdThread *t); /* builtins.c: the builtins module */
AD_FUNC bool ad_sys_setup(AdThread *t);      /* mod_sys.c: sys, sys.modules, std streams */


/* mod_sys.c: sys.argv and sys.path from vm->argc/argv/stdlib_dir; the host calls it (through
 * api.c) after setting those and before running anything. */
AD_FUNC bool ad_sys_configure(AdThread *t);
/* modules.c: the native modules `import` can find, NULL-terminated. */
AD_FUNC const AdNativeModule *ad_native_module_table(void);
/* mod_io.c: sys.stdout, sys.stderr and sys.stdin. */
AD_FUNC bool ad_io_make_std_streams(AdThread *t, AdValue *out, AdValue *err, AdValue *in);

#endif
