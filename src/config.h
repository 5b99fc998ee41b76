/*
 * config.h - every build switch and hard limit of the interpreter, each with what imposes it.
 * Runtime switches (environment variables) are listed here too so there is one place to look.
 */
#ifndef ADDER_CONFIG_H
#define ADDER_CONFIG_H

#define ADDER_VERSION "0.1.0"
#define ADDER_PY_VERSION "3.11.0" /* the CPython whose behaviour we follow */

/* Value slots per thread stack. Frames of script calls live here (locals and operand stack),
 * so this bounds recursion depth together with the recursion limit. Allocated lazily by the
 * OS (calloc of a large block), so unused slots cost address space only. */
#define AD_THREAD_STACK_SLOTS (1u << 20)

/* Frame records per thread: the hard ceiling on Python call depth whatever
 * sys.setrecursionlimit() says. */
#define AD_MAX_FRAMES 100000

/* CPython's default for sys.getrecursionlimit(). */
#define AD_DEFAULT_RECURSION_LIMIT 1000

/* Nested runs of the dispatch loop on the C stack (C code calling back into scripts, e.g.
 * __eq__ from a dict lookup or a sort key). Each costs a few hundred bytes of C stack; the
 * limit keeps runaway recursion through C a RecursionError instead of a segfault. */
#define AD_MAX_C_DEPTH 1000

/* Try/with blocks statically nested in one function: CPython's limit, and the compiler
 * raises the same SyntaxError ("too many statically nested blocks"). */
#define AD_MAX_BLOCKS 20

/* Temporary GC roots a C function may hold at once (see ad_gc_push_root). */
#define AD_MAX_TEMP_ROOTS 4096

/* Bytes allocated between collections start at this and grow with the live heap. */
#define AD_GC_MIN_THRESHOLD (4u << 20)

/*
 * Runtime switches:
 *   ADDER_GC_STRESS=1   collect on every allocation (the test suite must pass under it)
 *   ADDERPATH           extra module directories, ':'-separated, searched before stdlib
 */

#endif
