/*
 * runtime.h - the semantics of Python operations, shared by the VM, builtins and modules.
 * Each function does the full protocol (dunder lookup through the MRO, reflected operands,
 * NotImplemented, descriptors) and CPython's error messages; the VM adds fast paths in
 * front for exact builtin types. All may run script code, so all may raise and allocate.
 */
#ifndef ADDER_RUNTIME_H
#define ADDER_RUNTIME_H

#include "vm.h"

/* attributes (runtime.c) */
AD_FUNC AdValue ad_rt_getattr(AdThread *t, AdValue obj, AdStr *name) AD_RAISES;
/* 1 found (*out set), 0 absent (no exception: AttributeError swallowed), -1 other error */
AD_FUNC int ad_rt_lookup_attr(AdThread *t, AdValue obj, AdStr *name, AdValue *out) AD_RAISES;
AD_FUNC bool ad_rt_setattr(AdThread *t, AdValue obj, AdStr *name, AdValue value) AD_RAISES;
AD_FUNC bool ad_rt_delattr(AdThread *t, AdValue obj, AdStr *name) AD_RAISES;
/* object.__getattribute__ / __setattr__ proper, for the generic path and super(). */
AD_FUNC int ad_rt_generic_getattr(AdThread *t, AdValue obj, AdStr *name, AdValue *out) AD_RAISES;
AD_FUNC bool ad_rt_generic_setattr(AdThread *t, AdValue obj, AdStr *name, AdValue value) AD_RAISES;
/* Apply the descriptor protocol to `attr` found on a class: attr.__get__(obj, type). */
AD_FUNC AdValue ad_rt_descr_get(AdThread *t, AdValue attr, AdValue obj, AdType *type) AD_RAISES;
/* For LOAD_METHOD: if `name` resolves to a plain function on the type (and not shadowed in the
 * instance dict), store it in *meth and return 1 (call with self prepended, no bound method
 * made); otherwise store the attribute value in *meth and return 0; -1 on error. */
AD_FUNC int ad_rt_load_method(AdThread *t, AdValue obj, AdStr *name, AdValue *meth) AD_RAISES;

/* calls (call.c). `args` need not be rooted: they are copied to the thread stack first. */
AD_FUNC AdValue ad_rt_call(AdThread *t, AdValue callable, const AdValue *args, int nargs,
                           AdTuple *kwnames) AD_RAISES;
AD_FUNC AdValue ad_rt_call0(AdThread *t, AdValue callable) AD_RAISES;
AD_FUNC AdValue ad_rt_call1(AdThread *t, AdValue callable, AdValue a) AD_RAISES;
AD_FUNC AdValue ad_rt_call2(AdThread *t, AdValue callable, AdValue a, AdValue b) AD_RAISES;
/* Look `name` up on obj's type (not the instance) and call it with obj prepended;
 * AttributeError-style TypeError if missing is the caller's business: returns AD_NULLV with
 * no exception set when the method does not exist. */
AD_FUNC AdValue ad_rt_call_special(AdThread *t, AdValue obj, AdStr *name, const AdValue *args,
                                   int nargs) AD_RAISES;
AD_FUNC AdValue ad_rt_call_method(AdThread *t, AdValue obj, AdStr *name, const AdValue *args,
                                  int nargs, AdTuple *kwnames) AD_RAISES; /* obj.name(*args) */
AD_FUNC bool ad_rt_callable(AdThread *t, AdValue v);
/* Call with a tuple of positionals and a dict of keywords (either may be NULL). */
AD_FUNC AdValue ad_rt_call_ex(AdThread *t, AdValue callable, AdValue args_tuple,
                              AdValue kwargs_dict) AD_RAISES;

/* operators (operators.c) */
AD_FUNC AdValue ad_rt_binop(AdThread *t, int op, AdValue a, AdValue b) AD_RAISES; /* op may be inplace */
AD_FUNC AdValue ad_rt_unary(AdThread *t, int op, AdValue v) AD_RAISES;
AD_FUNC AdValue ad_rt_compare(AdThread *t, int op, AdValue a, AdValue b) AD_RAISES;
AD_FUNC int ad_rt_compare_bool(AdThread *t, int op, AdValue a, AdValue b) AD_RAISES; /* -1 err */
AD_FUNC int ad_rt_eq(AdThread *t, AdValue a, AdValue b) AD_RAISES; /* identity shortcut, then == */
AD_FUNC int ad_rt_truthy(AdThread *t, AdValue v) AD_RAISES;
AD_FUNC bool ad_rt_hash(AdThread *t, AdValue v, int64_t *out) AD_RAISES; /* TypeError: unhashable */
AD_FUNC bool ad_rt_index(AdThread *t, AdValue v, int64_t *out) AD_RAISES; /* __index__ to int64 */
AD_FUNC AdValue ad_rt_index_value(AdThread *t, AdValue v) AD_RAISES; /* __index__ as int value */

/* conversions (runtime.c) */
AD_FUNC AdValue ad_rt_repr(AdThread *t, AdValue v) AD_RAISES; /* a str value */
AD_FUNC AdValue ad_rt_str(AdThread *t, AdValue v) AD_RAISES;  /* a str value */
AD_FUNC AdValue ad_rt_format(AdThread *t, AdValue v, AdValue spec) AD_RAISES; /* format(v, spec) */
AD_FUNC AdValue ad_rt_ascii(AdThread *t, AdValue v) AD_RAISES;

/* containers and iteration (runtime.c) */
AD_FUNC AdValue ad_rt_getitem(AdThread *t, AdValue obj, AdValue key) AD_RAISES;
AD_FUNC bool ad_rt_setitem(AdThread *t, AdValue obj, AdValue key, AdValue value) AD_RAISES;
AD_FUNC bool ad_rt_delitem(AdThread *t, AdValue obj, AdValue key) AD_RAISES;
AD_FUNC int ad_rt_contains(AdThread *t, AdValue container, AdValue item) AD_RAISES;
AD_FUNC int64_t ad_rt_len(AdThread *t, AdValue v) AD_RAISES; /* -1 on error */
AD_FUNC AdValue ad_rt_getiter(AdThread *t, AdValue v) AD_RAISES;
/* 1: *out is the next item; 0: exhausted (StopIteration swallowed); -1: error */
AD_FUNC int ad_rt_next(AdThread *t, AdValue iter, AdValue *out) AD_RAISES;
/* isinstance / issubclass with tuples and __instancecheck__ / __subclasscheck__ */
AD_FUNC int ad_rt_isinstance(AdThread *t, AdValue obj, AdValue cls) AD_RAISES;
AD_FUNC int ad_rt_issubclass(AdThread *t, AdValue cls, AdValue base) AD_RAISES;

/* output through sys.stdout (or the host's writer while sys is not set up) */
AD_FUNC bool ad_rt_print_str(AdThread *t, const char *s, size_t n, bool to_stderr) AD_RAISES;

#endif
