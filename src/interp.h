/*
 * interp.h - entry points of the dispatch loop (vm.c) and of generators (obj_gen.c).
 * Script-to-script calls never come through here: the loop pushes frames itself. These are
 * for C code that needs to run script code and get the answer back.
 */
#ifndef ADDER_INTERP_H
#define ADDER_INTERP_H

#include "vm.h"

/* Run a module body, class body or exec()'d code with the given namespaces (locals may be
 * the same dict as globals). Returns the value of the code's RETURN_VALUE (None for a
 * module), or AD_NULLV with an exception pending. */
AD_FUNC AdValue ad_vm_run_code(AdThread *t, AdCode *code, AdDict *globals, AdDict *locals) AD_RAISES;

/* Call a script function from C. Binds arguments (defaults, *args, **kwargs, keyword-only,
 * errors worded as CPython's), and for a generator/coroutine function returns the new
 * generator object without running it. */
AD_FUNC AdValue ad_vm_call_function(AdThread *t, AdFunc *f, const AdValue *args, int nargs,
                                    AdTuple *kwnames) AD_RAISES;

/* Run a class body: `f`'s code with `locals` as its namespace (the *_NAME ops) and f's
 * closure. Returns the body's return value (the __classcell__ business is the caller's). */
AD_FUNC AdValue ad_vm_call_with_locals(AdThread *t, AdFunc *f, AdDict *locals) AD_RAISES;

/* Called by the dispatch loop when t->eval_breaker is set (at backward jumps and calls):
 * GIL hand-off, pending signals (KeyboardInterrupt). false with an exception pending when
 * the loop should raise. vm_breaker.c has the stub; the GIL/signals code replaces it. */
AD_FUNC bool ad_vm_handle_breaker(AdThread *t) AD_RAISES;

/* Resume a generator/coroutine: send `value` (None for next()), or throw `exc` when it is
 * not AD_NULLV. Returns 1 if it yielded (*out = yielded value), 0 if it returned (*out =
 * return value), -1 on error (a StopIteration escaping the body becomes RuntimeError,
 * as PEP 479 says). */
AD_FUNC int ad_gen_resume(AdThread *t, AdGen *g, AdValue value, AdValue exc, AdValue *out) AD_RAISES;
/* generator.close(): throw GeneratorExit and expect it to finish. */
AD_FUNC bool ad_gen_close(AdThread *t, AdGen *g) AD_RAISES;

/* compiler.c: source text to a code object. mode: AD_MODE_EXEC (module / exec), AD_MODE_EVAL
 * (one expression / eval), AD_MODE_SINGLE (compile(..., 'single'): expression statements
 * print), AD_MODE_INTERACTIVE (a statement typed at the REPL: as single, with the errors
 * CPython's REPL gives for what follows a complete statement). Raises SyntaxError /
 * IndentationError with filename, line, column and the source line. */
enum { AD_MODE_EXEC, AD_MODE_EVAL, AD_MODE_SINGLE, AD_MODE_INTERACTIVE };
AD_FUNC AdCode *ad_compile(AdThread *t, const char *source, size_t len, const char *filename,
                           int mode) AD_RAISES;
/* compiler_dis.c: a readable listing of `code` and its nested code objects (debugging). */
AD_FUNC bool ad_code_disassemble(AdThread *t, AdCode *code, AdBuf *out) AD_RAISES;

/* import.c */
AD_FUNC AdValue ad_import_name(AdThread *t, AdStr *name, AdDict *globals, AdValue fromlist,
                               int level) AD_RAISES; /* what IMPORT_NAME / __import__ do */
AD_FUNC AdValue ad_import_module(AdThread *t, const char *name) AD_RAISES; /* importlib.import_module */
/* Run a source file as module `name` (e.g. "__main__"), registered in sys.modules. */
AD_FUNC AdValue ad_run_file_as_module(AdThread *t, const char *path, const char *name) AD_RAISES;

#endif
