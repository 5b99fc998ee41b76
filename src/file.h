/*
 * file.h - file objects (obj_file.c) and the in-memory streams of the io module (mod_io.c),
 * as the builtins (print, input, open) and the std streams use them.
 *
 * One AdFile type family serves open() and sys.stdout/stderr/stdin: text files are
 * TextIOWrapper, binary ones BufferedReader/Writer/Random, as CPython names them. A file
 * buffers bytes on both sides; a text file translates newlines on reading and encodes or
 * decodes at its edge. `.buffer` of a text file is a binary view that shares its parent's
 * buffers, so text and bytes written through either stay in order.
 */
#ifndef ADDER_FILE_H
#define ADDER_FILE_H

#include "vm.h"

enum { AD_FILE_TEXT = 1, AD_FILE_BINARY = 2 };
enum { AD_STD_NONE = -1, AD_STD_IN = 0, AD_STD_OUT = 1, AD_STD_ERR = 2 };

typedef struct AdFile {
    AdObj obj;
    int fd;               /* -1 once closed */
    int kind;             /* AD_FILE_TEXT / AD_FILE_BINARY */
    int std;              /* AD_STD_*: writes of out/err go through vm->write_out/err if set */
    bool readable, writable, appending, seekable;
    bool closefd, closed;
    bool line_buffering;  /* flush after a write holding a newline (a tty's stdout) */
    bool write_through;   /* flush after every write (stderr) */
    bool translate_read;  /* universal newlines on reading (newline=None) */
    bool pending_cr;      /* text read: the last chunk ended in '\r' (already made '\n') */
    bool eof;             /* the last read from fd returned 0 */
    bool utf8;            /* text encoding is UTF-8 (else a single-byte codec) */
    AdValue name;         /* str or int */
    AdStr *mode;          /* as given to open() */
    AdStr *encoding;      /* text files; NULL for binary */
    AdStr *errors;        /* text files; NULL for binary */
    AdStr *write_newline; /* text files: what '\n' becomes when written, or NULL */
    struct AdFile *parent; /* `.buffer` views: all I/O goes to the parent's fd and buffers */
    AdValue buffer;       /* text files: the `.buffer` view once made, else AD_NULLV */
    char *wbuf;
    size_t wlen, wcap;
    char *rbuf;
    size_t rpos, rlen, rcap;
} AdFile;

/* obj_file.c */
AD_FUNC bool ad_file_setup(AdThread *t);           /* the file types; from ad_builtins_setup */
AD_FUNC AdValue ad_file_open(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames) AD_RAISES; /* open() */
/* `f` is an AdFile of an exact file type (not a subclass), so callers may bypass .write. */
AD_FUNC bool ad_file_is_native(AdThread *t, AdValue f);
/* Writes text (UTF-8) to a native text file, or bytes to a native binary one. */
AD_FUNC bool ad_file_write_raw(AdThread *t, AdFile *f, const char *s, size_t n) AD_RAISES;
AD_FUNC bool ad_file_flush(AdThread *t, AdFile *f) AD_RAISES;
/* sys.stdout and sys.stderr (and the original std streams) flushed; errors swallowed. At
 * exit and before reading stdin. */
AD_FUNC void ad_io_flush_std(AdThread *t);
/* One line from `f` (a native readable file) as str/bytes, "" / b"" at EOF. */
AD_FUNC AdValue ad_file_readline(AdThread *t, AdFile *f, int64_t limit) AD_RAISES;

/* mod_io.c */
AD_FUNC bool ad_io_types_setup(AdThread *t); /* StringIO, BytesIO; from ad_builtins_setup */
AD_FUNC AdModule *ad_mod_io_init(AdThread *t) AD_RAISES;

/* writelines() for any stream: calls `write` (its own write method) for each item. */
AD_FUNC AdValue ad_io_writelines(AdThread *t, AdValue self, AdValue iterable, AdCFunc write) AD_RAISES;

#endif
