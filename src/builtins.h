/*
 * builtins.h - what builtins.c and builtins_exec.c share: the namespace builtins, which
 * builtins_exec.c implements and builtins.c lists in the module's table.
 */
#ifndef ADDER_BUILTINS_H
#define ADDER_BUILTINS_H

#include "vm.h"

AD_FUNC AdValue ad_bi_globals(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_locals(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_vars(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_dir(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_eval(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_exec(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_compile(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_import(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
AD_FUNC AdValue ad_bi_build_class(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);

/* The namespace locals() shows for frame `f`: its locals dict (module, class, exec), or
 * for a function frame its snapshot dict (kept in f->locals, which function code never
 * reads) refreshed from its bound locals, cells and free variables. */
AD_FUNC AdDict *ad_frame_locals(AdThread *t, AdFrame *f) AD_RAISES;

#endif
