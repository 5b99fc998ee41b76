/*
 * bytes_impl.h - private helpers shared by obj_bytes.c (the bytes and bytearray types) and
 * bytes_methods.c (their text-like methods). Not a contract with the rest of Adder.
 *
 * Every method works on a borrowed view (pointer + length) of its operands and builds its
 * result with make_like(), so bytes and bytearray share one implementation and a method of
 * a bytearray returns a bytearray. A view into a bytearray is only valid until the next
 * call that may run script code or resize it: methods take views after such calls.
 */
#ifndef ADDER_BYTES_IMPL_H
#define ADDER_BYTES_IMPL_H

#include "core.h"

typedef struct AdByteView {
    const uint8_t *p;
    size_t n;
} AdByteView;

/* bytes, bytearray or a subclass: 1 with *out set, 0 otherwise (no exception). */
AD_FUNC bool ad_bytes_view(AdThread *t, AdValue v, AdByteView *out);
AD_FUNC bool ad_is_bytearray(AdThread *t, AdValue v);
/* A new exact bytes or bytearray holding data[0..len) (data may be NULL when len is 0). */
AD_FUNC AdValue ad_bytes_make_like(AdThread *t, bool bytearray, const void *data,
                                   size_t len) AD_RAISES;
/* A new bytes / bytearray of `len` unset bytes, for the caller to fill at once. */
AD_FUNC AdValue ad_bytes_alloc_like(AdThread *t, bool bytearray, size_t len,
                                    uint8_t **data) AD_RAISES;
/* The prologue of a native method of both types: binds `self` (a view of args[0]) and
 * `is_ba`, or raises CPython's descriptor TypeError. */
#define VIEW_SELF(name)                                                                     \
    AdByteView self;                                                                        \
    if (nargs < 1 || !ad_bytes_view(t, args[0], &self))                                     \
        return ad_err_raise_v(t, t->vm->exc_TypeError,                                      \
                              "descriptor '%s' requires a 'bytes' object", name);           \
    bool is_ba = ad_is_bytearray(t, args[0]);                                               \
    (void)is_ba
#define ARGS(name, min, max)                                                                \
    if (!ad_args_check(t, name, nargs - 1, kwnames, min, max)) return AD_NULLV

/* Methods shared by bytes and bytearray (bytes_methods.c). */
AD_FUNC const AdMethodDef ad_bytes_text_methods[];

#endif
