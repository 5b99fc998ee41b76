/*
 * adder.h - the whole public contract of Adder, an embeddable Python 3.11 interpreter.
 *
 * A host (src/main.c is the first one) includes only this header and links libadder. Every
 * type here is opaque; the host never sees an internal struct, so the library can change
 * its insides without breaking hosts. Conventions:
 *
 *   - No global state: everything lives in an AdderVM, and a process may hold several VMs.
 *   - Every call that runs Python code returns an AdderStatus. An uncaught exception is not
 *     printed and does not end the process: the host asks for the text and decides.
 *   - The library never calls exit(), and writes only through the host's [write_out] and
 *     [write_err] callbacks (or stdout/stderr when those are NULL).
 *   - Strings passed in are borrowed: the library copies what it keeps. Strings handed out
 *     belong to the library and say how long they stay valid.
 */
#ifndef ADDER_H
#define ADDER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the exported functions; the library builds everything else hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define ADDER_API __attribute__((visibility("default")))
#else
#define ADDER_API
#endif

/* One interpreter: its modules, heap, threads and GIL. Made by adder_new, ended by
 * adder_free. Several may live in one process; they share nothing. */
typedef struct AdderVM AdderVM;

/* What a run ended with. */
typedef enum {
    ADDER_OK = 0,     /* the code ran to its end */
    ADDER_ERROR = 1,  /* an exception escaped: see adder_error_text */
    ADDER_EXIT = 2,   /* SystemExit escaped (sys.exit()): see adder_exit_code */
    ADDER_SYNTAX = 3, /* the code did not compile: see adder_error_text */
    ADDER_INCOMPLETE = 4, /* adder_run_interactive: the statement needs more lines */
} AdderStatus;

/* How a VM is set up. Fill it with adder_config_init, then change the fields you need; the
 * library reads it only during adder_new, so it may live on the host's stack. */
typedef struct AdderConfig {
    /* sys.argv. [argv] holds [argc] strings, copied by adder_new. argc == 0 (the default)
     * makes sys.argv == [''], as CPython does for an interactive session. */
    int argc;
    char **argv;

    /* Directory holding Adder's pure-Python standard library (functools.py, collections/...).
     * Copied. NULL (the default) means none: only built-in C modules, the modules on
     * ADDERPATH and those on sys.path set by the script can be imported. The environment
     * variable ADDERPATH (':'-separated directories) is read by the library itself and is
     * searched before this directory. */
    const char *stdlib_dir;

    /* Where print() and sys.stdout, and tracebacks and sys.stderr, go. Each call hands [n]
     * bytes at [s] (not NUL-terminated, valid only during the call) and the host's [ud].
     * NULL (the default) writes to the process's stdout / stderr. */
    void (*write_out)(void *ud, const char *s, size_t n);
    void (*write_err)(void *ud, const char *s, size_t n);
    void *ud;
} AdderConfig;

/* Sets every field of [cfg] to its default: no arguments, no stdlib directory, output to
 * stdout/stderr. Call it before filling in fields, so that fields added in later versions
 * get their defaults too. */
ADDER_API void adder_config_init(AdderConfig *cfg);

/* Makes a VM set up as [cfg] says (NULL means all defaults). Returns NULL only when memory
 * runs out. The VM has run no user code yet; __main__ is empty. */
ADDER_API AdderVM *adder_new(const AdderConfig *cfg);

/* Ends [vm] and frees everything it owns, including any text adder_error_text handed out.
 * NULL is allowed and does nothing. Must not be called while [vm] is running code. As
 * CPython at exit, it first waits for the non-daemon threads the script started (calling
 * threading._shutdown). Daemon threads still running are not waited for: they are left
 * blocked, and the VM's memory with them, until the process exits. */
ADDER_API void adder_free(AdderVM *vm);

/* Compiles [source] (UTF-8, NUL-terminated) and runs it as module __main__; [filename] is
 * what tracebacks and __file__ show (NULL means "<string>"). Both are borrowed. Runs in the
 * same __main__ namespace as earlier runs on this VM, like lines typed into a REPL.
 * Returns ADDER_OK, ADDER_ERROR (uncaught exception), ADDER_EXIT (SystemExit) or
 * ADDER_SYNTAX (the source did not compile; nothing ran). The VM stays usable after any
 * of these. */
ADDER_API AdderStatus adder_run_string(AdderVM *vm, const char *source, const char *filename);

/* One step of a REPL. [source] is what the user has typed for the current statement so
 * far, every line newline-ended (the first line alone, then the first two, ...). Returns
 * ADDER_INCOMPLETE, and runs nothing, while more lines could complete it, as CPython's
 * REPL shows "... " for: a bracket or triple-quoted string left open, a line ending in a
 * backslash, a block header or decorator with no body yet, and any compound statement
 * (if, for, def, class, ...) until an empty line ends it. Otherwise it compiles the
 * statement in "single" mode and runs it in __main__ like adder_run_string: an expression
 * statement's value, unless None, goes to sys.displayhook (which prints its repr through
 * write_out and sets builtins._). Returns ADDER_OK, ADDER_ERROR, ADDER_EXIT or
 * ADDER_SYNTAX as adder_run_string does, and flushes sys.stdout and sys.stderr after the
 * run as CPython does between prompts. Line numbers in tracebacks count from the first
 * line of [source]; [filename] NULL means "<stdin>". As in files, non-breaking spaces
 * count as spaces and lines sharing one leading indent are taken as dedented. */
ADDER_API AdderStatus adder_run_interactive(AdderVM *vm, const char *source,
                                            const char *filename);

/* Reads the file at [path] and runs it as __main__, as `python3 path` does: sys.path[0]
 * becomes the file's directory. A file that cannot be read is ADDER_ERROR, with the
 * OSError's text available from adder_error_text (CPython prints "can't open file"). */
ADDER_API AdderStatus adder_run_file(AdderVM *vm, const char *path);

/* Finds [module_name] (dotted; a package runs its __main__ submodule) on sys.path and runs
 * it as __main__, as `python3 -m module_name` does. Not found is ADDER_ERROR. */
ADDER_API AdderStatus adder_run_module(AdderVM *vm, const char *module_name);

/* After a run returned ADDER_EXIT: the process exit status SystemExit asks for. None gives
 * 0, an int gives itself; any other value gives 1, and the library has already written
 * str(value) and a newline through write_err (what CPython does for sys.exit("message")).
 * After any other status the result is 0 for ADDER_OK, 130 (128 + SIGINT) when the
 * exception that escaped was KeyboardInterrupt, and 1 otherwise. CPython ends itself with
 * SIGINT in that case, so that a calling shell stops too; src/main.c does the same. */
ADDER_API int adder_exit_code(AdderVM *vm);

/* After a run returned ADDER_ERROR or ADDER_SYNTAX: the report CPython would print for it,
 * "Traceback (most recent call last):" through the last line "TypeError: ...", newline
 * ended. Owned by the VM, valid until the next adder_ call on [vm]. Returns "" (never NULL)
 * when the last run raised nothing. */
ADDER_API const char *adder_error_text(AdderVM *vm);

/* Writes adder_error_text(vm) through the VM's write_err callback (or to stderr). */
ADDER_API void adder_print_error(AdderVM *vm);

/*
 * Threads and signals.
 *
 * A VM runs Python code on one thread at a time: the holder of its global interpreter
 * lock (GIL). The thread that called adder_new holds it from then on, and every call above
 * needs it held by that same thread (adder_new, which takes it, and adder_version excepted).
 * Threads the script starts (threading, concurrent.futures) run while the holder runs Python
 * code (the GIL changes hands every sys.getswitchinterval() seconds) or blocks in it (sleep,
 * I/O, lock waits, join): the library releases the GIL around those itself. Between two
 * calls, though, the host holds it, and script threads wait. A host that goes off to do
 * something long of its own (block in C, wait for an event) should let them run:
 *
 *     adder_release_gil(vm);
 *     wait_for_something();      // no adder_ call in here, except adder_interrupt
 *     adder_acquire_gil(vm);
 */

/* Gives the GIL up, so that threads the script started run while the host blocks. Call
 * from the thread that made [vm], holding the GIL; every adder_ call but adder_interrupt
 * must wait for the matching adder_acquire_gil. */
ADDER_API void adder_release_gil(AdderVM *vm);

/* Takes the GIL back after adder_release_gil, waiting while a script thread holds it. */
ADDER_API void adder_acquire_gil(AdderVM *vm);

/* Waits for the non-daemon threads the script started, as CPython does before it exits
 * (threading._shutdown; nothing if the script never imported threading). An exception
 * escaping the wait (KeyboardInterrupt from Ctrl-C) is written through write_err. adder_free
 * does this too; a host calls it first when it wants the wait done while its SIGINT
 * handler still reaches the VM (see adder_interrupt). */
ADDER_API void adder_join_threads(AdderVM *vm);

/* Reports a SIGINT to [vm]: the running script (its main thread, as in CPython) gets the
 * Python-level SIGINT handler run at its next instruction boundary, or within tens of
 * milliseconds if it is blocked in sleep, a lock wait or join. By default that raises
 * KeyboardInterrupt; signal.signal(SIGINT, ...) in the script can change it. Needs no GIL
 * and is async-signal-safe: the library installs no signal handler of its own, so a host
 * that wants Ctrl-C to interrupt scripts calls this from its SIGINT handler (installed
 * without SA_RESTART, so that blocking system calls return early too). A report that
 * arrives while no code runs is handled at the start of the next run. Must not be
 * called once adder_free has begun: the host's handler has to stop reaching [vm] first. */
ADDER_API void adder_interrupt(AdderVM *vm);

/* The version, as "3.11.0 (adder 0.1.0)": the CPython version whose behaviour Adder
 * follows, then Adder's own. A static string; never NULL. */
ADDER_API const char *adder_version(void);

/*
 * Coming (not declared yet, so nothing links against functions that do not exist). The
 * shape planned, in the style of the calls above:
 *
 *   Values. An AdderValue is a handle the host owns and must release: handles keep their
 *   object alive across collections, so a host never deals with the GC rooting rule.
 *     adder_get_global(vm, "__main__", "name")   -> AdderValue (NULL handle if missing)
 *     adder_new_int / adder_new_float / adder_new_str(vm, utf8, len) / adder_new_bytes,
 *     adder_new_list / adder_new_dict, adder_none(vm)
 *     adder_to_int / adder_to_double / adder_to_str (borrowed UTF-8, valid while the handle
 *     lives), adder_type_name, adder_release(vm, value)
 *
 *   Calling script code:
 *     adder_call(vm, callable, argc, argv, &result) -> AdderStatus, same reporting as runs.
 *
 *   Native functions and modules:
 *     typedef bool (*AdderNativeFn)(AdderVM *vm, int argc, AdderValue *argv, AdderValue *out);
 *     returning false means an exception is pending (set with adder_raise(vm, "ValueError",
 *     "message")).
 *     adder_register_module(vm, "name", table of {name, fn}) makes `import name` work.
 *
 *   Threads: a way to run a host thread inside the VM (calling in from another thread).
 */

#ifdef __cplusplus
}
#endif

#endif /* ADDER_H */
