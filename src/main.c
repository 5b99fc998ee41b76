/*
 * main.c - the `adder` command: Adder's first embedder, like lua.c is Lua's.
 *
 * It includes only adder.h, libc and GNU readline, so everything it does a host program
 * can do too: parse the command line the way python3 does, find the stdlib beside the
 * executable, make a VM, run one thing in it or the interactive REPL (or both, with -i),
 * print what escaped and choose the exit status. The library never prints on its own or
 * exits; that policy lives here.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "adder.h"

static const char *progname = "adder";

/* The VM Ctrl-C goes to. A signal handler can only find it through a static; the handler
 * runs on the main thread, the only one of ours with SIGINT unblocked (the library's
 * threads start with it blocked). */
static AdderVM *volatile interrupt_vm;

/* While the REPL waits for a line, Ctrl-C abandons the line. Out of readline the handler
 * jumps back to the prompt loop (AT_PROMPT_JUMP); a read(2) without a terminal it only
 * interrupts, and read_line sees the flag (AT_PROMPT_FLAG). */
enum { NOT_AT_PROMPT, AT_PROMPT_JUMP, AT_PROMPT_FLAG };
static sigjmp_buf prompt_jump;
static volatile sig_atomic_t at_prompt, prompt_interrupted;

static void on_sigint(int sig) {
    (void)sig;
    if (at_prompt == AT_PROMPT_JUMP) {
        at_prompt = NOT_AT_PROMPT;
        siglongjmp(prompt_jump, 1);
    }
    if (at_prompt == AT_PROMPT_FLAG) {
        prompt_interrupted = 1;
        return;
    }
    AdderVM *vm = interrupt_vm;
    if (vm != NULL)
        adder_interrupt(vm);
}

/* No SA_RESTART: a blocking read or select in the script returns early, as under CPython. */
static void catch_sigint(AdderVM *vm) {
    interrupt_vm = vm;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* Stops the handler reaching [vm] before it is freed. A Ctrl-C from here on stays pending
 * until release_sigint, and then ends the process the default way. */
static void hold_sigint(sigset_t *old) {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, old);
    interrupt_vm = NULL;
    signal(SIGINT, SIG_DFL);
}

static void release_sigint(const sigset_t *old) {
    sigprocmask(SIG_SETMASK, old, NULL);
}

/* The lines typed into the REPL for the statement being read. */
typedef struct {
    char *text;
    size_t len, cap;
} Pending;

static bool pending_add(Pending *p, const char *line, size_t n) {
    if (p->len + n + 2 > p->cap) {
        size_t cap = (p->len + n + 2) * 2;
        char *bigger = realloc(p->text, cap);
        if (bigger == NULL)
            return false;
        p->text = bigger;
        p->cap = cap;
    }
    memcpy(p->text + p->len, line, n);
    p->len += n;
    p->text[p->len++] = '\n';
    p->text[p->len] = '\0';
    return true;
}

/* Reads one line without its newline into a malloc'd string; NULL at EOF or when Ctrl-C
 * interrupted the read (then prompt_interrupted is set). Without a terminal, as python3
 * does, the prompt goes to stderr and there is no line editing; the read is byte by byte
 * through read(2), so that Ctrl-C makes it return (no SA_RESTART) and nothing past the
 * line is consumed. */
static char *read_line(const char *prompt, bool tty) {
    if (tty) {
        at_prompt = AT_PROMPT_JUMP;
        char *line = readline(prompt);
        at_prompt = NOT_AT_PROMPT;
        return line;
    }
    prompt_interrupted = 0;
    at_prompt = AT_PROMPT_FLAG;
    fputs(prompt, stderr);
    fflush(stderr);
    size_t len = 0, cap = 128;
    char *line = malloc(cap);
    if (line == NULL)
        return NULL;
    for (;;) {
        char c;
        ssize_t n = prompt_interrupted ? -1 : read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR && !prompt_interrupted)
            continue;
        if (prompt_interrupted || (n <= 0 && len == 0)) {
            at_prompt = NOT_AT_PROMPT;
            free(line);
            return NULL;
        }
        if (n <= 0)
            break;
        if (c == '\n')
            break;
        if (len + 2 > cap) {
            char *bigger = realloc(line, cap *= 2);
            if (bigger == NULL) {
                free(line);
                return NULL;
            }
            line = bigger;
        }
        line[len++] = c;
    }
    at_prompt = NOT_AT_PROMPT;
    line[len] = '\0';
    return line;
}

/* The interactive loop, as python3's: returns the exit status. */
static int repl(AdderVM *vm, bool banner) {
    bool tty = isatty(STDIN_FILENO);
    if (banner)
        fprintf(stderr, "Python %s on linux\nType \"exit()\" or Ctrl-D (i.e. EOF) to exit.\n",
                adder_version());
    if (tty) {
        rl_catch_signals = 0; /* our handler deals with Ctrl-C at the prompt */
        /* A bracketed paste would come back as one line holding the pasted newlines;
         * python3 turns it off too, so a pasted block is read line by line. */
        rl_variable_bind("enable-bracketed-paste", "off");
    }
    Pending pending = {NULL, 0, 0};
    int status = 0;
    for (;;) {
        bool continuing = pending.len > 0;
        if (sigsetjmp(prompt_jump, 1)) {
            adder_acquire_gil(vm);
            rl_free_line_state();
            rl_cleanup_after_signal();
            fputs("\nKeyboardInterrupt\n", stderr);
            pending.len = 0;
            continue;
        }
        /* Threads the session started run while it waits for a line. */
        adder_release_gil(vm);
        char *line = read_line(continuing ? "... " : ">>> ", tty);
        adder_acquire_gil(vm);
        if (line == NULL && prompt_interrupted) {
            prompt_interrupted = 0;
            fputs("\nKeyboardInterrupt\n", stderr);
            pending.len = 0;
            continue;
        }
        bool eof = line == NULL;
        if (eof) {
            fputs("\n", stderr);
            if (pending.len == 0)
                break;
            /* EOF ends a statement as an empty line does. */
            line = strdup("");
            if (line == NULL)
                break;
        }
        if (tty && line[0] != '\0')
            add_history(line);
        bool ok = pending_add(&pending, line, strlen(line));
        free(line);
        if (!ok) {
            fprintf(stderr, "%s: out of memory\n", progname);
            status = 1;
            break;
        }
        AdderStatus st = adder_run_interactive(vm, pending.text, "<stdin>");
        /* What EOF leaves unfinishable (an open bracket or string, a block with no body) is
         * compiled as it stands, without the empty line, for the SyntaxError python3
         * shows; being incomplete, it cannot compile and run. */
        if (eof && (st == ADDER_INCOMPLETE || st == ADDER_SYNTAX)) {
            pending.text[--pending.len] = '\0';
            st = adder_run_string(vm, pending.text, "<stdin>");
        }
        if (st == ADDER_INCOMPLETE)
            continue;
        pending.len = 0;
        if (st == ADDER_EXIT) {
            status = adder_exit_code(vm);
            break;
        }
        if (st == ADDER_ERROR || st == ADDER_SYNTAX)
            adder_print_error(vm);
    }
    free(pending.text);
    return status;
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
            "Options:\n"
            "-c cmd : program passed in as string (terminates option list)\n"
            "-h     : print this help message and exit (also --help)\n"
            "-m mod : run library module as a script (terminates option list)\n"
            "-V     : print the Python version number and exit (also --version)\n"
            "-i     : inspect interactively after running script; the REPL even if stdin\n"
            "         is not a terminal\n"
            "-q     : don't print version and copyright messages on interactive startup\n"
            "-B -E -I -s -S -u : accepted and ignored, for command lines written for python3\n"
            "file   : program read from script file\n"
            "-      : program read from stdin (default; interactive mode if a tty)\n"
            "arg ...: arguments passed to program in sys.argv[1:]\n"
            "\n"
            "Environment variables:\n"
            "ADDERPATH       : ':'-separated list of directories searched for modules\n"
            "                  before the standard library\n"
            "ADDER_GC_STRESS : if 1, collect garbage on every allocation (for testing)\n",
            progname);
}

static void usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, fmt, arg);
    fprintf(stderr,
            "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
            "Try `%s -h' for more information.\n",
            progname, progname);
}

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Fills [out] with the stdlib directory for this executable and returns it, or NULL if
 * there is none. In the source tree the binary sits beside stdlib/; installed, it is in
 * PREFIX/bin and the stdlib in PREFIX/share/adder/stdlib. Looking relative to the
 * executable (not a compiled-in path) keeps a build tree and an install both working, and
 * lets a tree be moved. */
static const char *find_stdlib(char *out, size_t size) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return NULL;
    *slash = '\0';

    static const char *const candidates[] = {"%s/stdlib", "%s/../share/adder/stdlib"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, candidates[i], exe);
        if (is_dir(path) && realpath(path, out) != NULL && strlen(out) < size)
            return out;
    }
    return NULL;
}

/* Reads all of [f] into a NUL-terminated malloc'd buffer; NULL on a read error or when
 * memory runs out. */
static char *read_all(FILE *f) {
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    for (;;) {
        len += fread(buf + len, 1, cap - len - 1, f);
        if (ferror(f)) {
            free(buf);
            return NULL;
        }
        if (feof(f))
            break;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    buf[len] = '\0';
    return buf;
}

/* Turns how a run ended into the process exit status, printing the report of an escaped
 * exception as CPython does (the library has already written a sys.exit("message")). */
static int exit_status(AdderVM *vm, AdderStatus st) {
    switch (st) {
    case ADDER_OK:
        return 0;
    case ADDER_EXIT:
        return adder_exit_code(vm);
    case ADDER_ERROR:
    case ADDER_SYNTAX:
        adder_print_error(vm);
        return adder_exit_code(vm); /* 1, or 130 for KeyboardInterrupt */
    case ADDER_INCOMPLETE:
        break;
    }
    return 1;
}

int main(int argc, char **argv) {
    enum { RUN_FILE, RUN_CODE, RUN_MODULE, RUN_STDIN } mode = RUN_STDIN;
    const char *what = NULL; /* the file, code or module name */
    bool inspect = false, quiet = false;
    int i = 1;

    /* Options come first and end at the first non-option, at -c/-m, or at "-"/"--". */
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("Python %s\n", adder_version());
            return 0;
        }
        if (a[1] == 'c' || a[1] == 'm') {
            /* The argument may be attached (-cCODE) or the next word (-c CODE). */
            if (a[2] != '\0') {
                what = a + 2;
            } else if (i + 1 < argc) {
                what = argv[++i];
            } else {
                usage_error("Argument expected for the %s option\n", a);
                return 2;
            }
            mode = a[1] == 'c' ? RUN_CODE : RUN_MODULE;
            i++;
            break;
        }
        if (strspn(a + 1, "BEIiqsSu") == strlen(a + 1)) {
            inspect |= strchr(a + 1, 'i') != NULL;
            quiet |= strchr(a + 1, 'q') != NULL;
            continue; /* the others change nothing Adder does yet */
        }
        usage_error("Unknown option: %s\n", a);
        return 2;
    }

    if (mode == RUN_STDIN && i < argc && strcmp(argv[i], "-") != 0) {
        mode = RUN_FILE;
        what = argv[i];
    }
    /* No program: the REPL, on a terminal or when -i asks for it. */
    bool interactive = mode == RUN_STDIN && i >= argc && (inspect || isatty(STDIN_FILENO));

    /* sys.argv: the script (or "-c", "-m", "-", "" for piped stdin with no argument) and
     * the words after it. For -m the library replaces argv[0] with the module's path. */
    int rest = i < argc ? argc - i : 0;
    char **sargv = calloc((size_t)rest + 2, sizeof *sargv);
    if (sargv == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return 1;
    }
    int sargc = 0;
    switch (mode) {
    case RUN_CODE:
        sargv[sargc++] = "-c";
        break;
    case RUN_MODULE:
        sargv[sargc++] = "-m";
        break;
    case RUN_STDIN:
        sargv[sargc++] = i < argc ? argv[i++] : "";
        break;
    case RUN_FILE:
        break;
    }
    for (; i < argc; i++)
        sargv[sargc++] = argv[i];

    /* python3 refuses a script it cannot open before starting, with status 2. */
    if (mode == RUN_FILE) {
        FILE *f = fopen(what, "r");
        int err = f == NULL ? errno : is_dir(what) ? EISDIR : 0;
        if (f != NULL)
            fclose(f);
        if (err != 0) {
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", progname, what, err,
                    strerror(err));
            free(sargv);
            return 2;
        }
    }

    char *source = NULL;
    if (mode == RUN_STDIN && !interactive) {
        source = read_all(stdin);
        if (source == NULL) {
            fprintf(stderr, "%s: cannot read the program from stdin\n", progname);
            free(sargv);
            return 1;
        }
    }

    char stdlib_buf[PATH_MAX];
    AdderConfig cfg;
    adder_config_init(&cfg);
    cfg.argc = sargc;
    cfg.argv = sargv;
    cfg.stdlib_dir = find_stdlib(stdlib_buf, sizeof stdlib_buf);

    AdderVM *vm = adder_new(&cfg);
    if (vm == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        free(source);
        free(sargv);
        return 1;
    }

    catch_sigint(vm);
    AdderStatus st = ADDER_OK;
    switch (mode) {
    case RUN_FILE:
        st = adder_run_file(vm, what);
        break;
    case RUN_CODE:
        st = adder_run_string(vm, what, "<string>");
        break;
    case RUN_MODULE:
        st = adder_run_module(vm, what);
        break;
    case RUN_STDIN:
        if (!interactive)
            st = adder_run_string(vm, source, "<stdin>");
        break;
    }
    int status = exit_status(vm, st);
    /* -i: the REPL after the script, even one that called sys.exit (python3 does too). */
    if (inspect || interactive) {
        st = ADDER_OK;
        status = repl(vm, interactive && !quiet);
    }
    adder_join_threads(vm);

    sigset_t old_mask;
    hold_sigint(&old_mask);
    adder_free(vm);
    free(source);
    free(sargv);
    /* Like CPython after an uncaught KeyboardInterrupt: die of SIGINT, so that a shell
     * running us in a loop sees the interrupt and stops too. */
    if (st == ADDER_ERROR && status == 128 + SIGINT) {
        fflush(NULL);
        raise(SIGINT);
    }
    release_sigint(&old_mask);
    return status;
}
