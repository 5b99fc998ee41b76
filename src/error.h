/*
 * error.h - raising, inspecting and formatting exceptions.
 *
 * The error path never jumps: a function that fails sets t->exc (the pending exception)
 * and returns its sentinel (false, -1, NULL or AD_NULLV); its caller checks and returns at
 * once. The dispatch loop is the one place that catches: it finds a handler block in the
 * frame or pops the frame and adds a traceback entry (vm.c).
 */
#ifndef ADDER_ERROR_H
#define ADDER_ERROR_H

#include "vm.h"

/* Raise `type(message)`, message from a printf format (%s, %d, %ld, %zu, %lld, %c, %%, and
 * %R / %S: the repr / str of an AdValue argument, %T: the type name of an AdValue). Sets
 * __context__ from the exception being handled. Always returns false / AD_NULLV / NULL. */
AD_FUNC bool ad_err_raise(AdThread *t, AdType *type, const char *fmt, ...);
AD_FUNC AdValue ad_err_raise_v(AdThread *t, AdType *type, const char *fmt, ...);
AD_FUNC void *ad_err_raise_p(AdThread *t, AdType *type, const char *fmt, ...);
/* Raise an exception instance, or a class (instantiated with no arguments). A value that is
 * neither raises TypeError "exceptions must derive from BaseException". */
AD_FUNC bool ad_err_raise_obj(AdThread *t, AdValue exc);
AD_FUNC bool ad_err_nomemory(AdThread *t);
AD_FUNC bool ad_err_occurred(AdThread *t);
AD_FUNC bool ad_err_matches(AdThread *t, AdType *type); /* pending exception is a `type` */
AD_FUNC AdValue ad_err_fetch(AdThread *t);            /* take the pending exception */
AD_FUNC void ad_err_clear(AdThread *t);

/* Exception objects (obj_exc.c). */
AD_FUNC AdValue ad_exc_new(AdThread *t, AdType *type, AdTuple *args) AD_RAISES;
AD_FUNC AdValue ad_exc_new_msg(AdThread *t, AdType *type, const char *msg) AD_RAISES;
AD_FUNC bool ad_exc_add_traceback(AdThread *t, AdValue exc, AdCode *code, int lineno) AD_RAISES;
/* StopIteration carrying `value` (what `return value` in a generator raises). */
AD_FUNC bool ad_err_stop_iteration(AdThread *t, AdValue value);

/* CPython-style report of an exception: chained causes/contexts, "Traceback (most recent
 * call last):", one entry per frame with its source line, and the final "Type: message".
 * SyntaxError gets its file/line/caret form. Appends to `out`. */
AD_FUNC bool ad_err_format(AdThread *t, AdValue exc, AdBuf *out) AD_RAISES;

/* Argument parsing for natives. `names` has `n` entries; out[0..n) receive the arguments,
 * AD_NULLV for omitted optional ones. The first `npos` may be given positionally (the rest
 * are keyword-only); the first `nrequired` must be given. Errors read as CPython's:
 * "f() takes at most 2 arguments (3 given)", "f() got an unexpected keyword argument 'x'",
 * "f() missing required argument 'x' (pos 1)". `fname` is the name shown. */
AD_FUNC bool ad_args_parse(AdThread *t, const char *fname, AdValue *args, int nargs,
                           AdTuple *kwnames, const char *const *names, int n, int npos,
                           int nrequired, AdValue *out) AD_RAISES;
/* Shorthand for natives taking only positionals: checks min <= nargs <= max and no
 * keywords, with CPython's messages ("f expected at most 2 arguments, got 3",
 * "f() takes no keyword arguments"). */
AD_FUNC bool ad_args_check(AdThread *t, const char *fname, int nargs, AdTuple *kwnames,
                           int min, int max) AD_RAISES;

/* Raise the OSError subclass CPython maps `err` (an errno value) to, e.g. FileNotFoundError
 * for ENOENT: "[Errno 2] No such file or directory: 'x'" (`filename` may be NULL).
 * Always returns false. */
AD_FUNC bool ad_err_from_errno(AdThread *t, int err, const char *filename);
/* Raise a SyntaxError (or `type`: IndentationError, TabError) with CPython's fields, as the
 * compiler does: lineno/offset/end_* are 1-based (0 = unknown), `text` is the source line
 * (may be NULL), `filename` may be NULL. Always returns false. */
AD_FUNC bool ad_err_raise_syntax(AdThread *t, AdType *type, const char *msg, const char *filename,
                                 int lineno, int offset, const char *text, int end_lineno,
                                 int end_offset);

/* The message formatter of ad_err_raise, for building text the same way: printf
 * conversions plus %R / %S (repr / str of an AdValue) and %T (its type's name). */
AD_FUNC AdStr *ad_err_strformat(AdThread *t, const char *fmt, ...) AD_RAISES;
AD_FUNC AdStr *ad_err_vstrformat(AdThread *t, const char *fmt, va_list ap) AD_RAISES;

#endif
