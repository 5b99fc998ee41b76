/*
 * lexer.h - the tokenizer of the front end: source text to tokens, one at a time, as
 * CPython 3.11's tokenizer cuts them (INDENT/DEDENT, implicit joining inside brackets,
 * backslash continuation, whole string literals as one STRING token, f-strings included).
 * It depends on libc and ast.h only, so parser and lexer are unit-tested without a VM.
 *
 * Invariant: every token carries the position the AST reports (1-based lines, 0-based byte
 * columns of the ORIGINAL source, even when a uniformly indented source was dedented before
 * tokenising). The lexer keeps no state outside AdLexer and AdLexSource.
 */
#ifndef ADDER_LEXER_H
#define ADDER_LEXER_H

#include "ast.h"

#ifndef AD_FUNC
#define AD_FUNC __attribute__((visibility("hidden"))) extern
#endif

/* CPython's tokenizer limits (Parser/tokenizer.h): MAXINDENT and MAXLEVEL. */
#define AD_LEX_MAX_INDENT 100
#define AD_LEX_MAX_LEVEL 200

typedef enum {
    AD_TOK_ENDMARKER,
    AD_TOK_NAME,
    AD_TOK_NUMBER,
    AD_TOK_STRING,
    AD_TOK_NEWLINE,
    AD_TOK_INDENT,
    AD_TOK_DEDENT,
    AD_TOK_ERROR,   /* the lexer failed: AdLexer.err holds the message */
    AD_TOK_UNKNOWN, /* a character no rule accepts ($ ? ` and a lone !): "invalid syntax" */
    /* operators and delimiters */
    AD_TOK_LPAR,
    AD_TOK_RPAR,
    AD_TOK_LSQB,
    AD_TOK_RSQB,
    AD_TOK_LBRACE,
    AD_TOK_RBRACE,
    AD_TOK_COLON,
    AD_TOK_COMMA,
    AD_TOK_SEMI,
    AD_TOK_PLUS,
    AD_TOK_MINUS,
    AD_TOK_STAR,
    AD_TOK_SLASH,
    AD_TOK_VBAR,
    AD_TOK_AMPER,
    AD_TOK_LESS,
    AD_TOK_GREATER,
    AD_TOK_EQUAL,
    AD_TOK_DOT,
    AD_TOK_PERCENT,
    AD_TOK_EQEQUAL,
    AD_TOK_NOTEQUAL,
    AD_TOK_LESSEQUAL,
    AD_TOK_GREATEREQUAL,
    AD_TOK_TILDE,
    AD_TOK_CIRCUMFLEX,
    AD_TOK_LEFTSHIFT,
    AD_TOK_RIGHTSHIFT,
    AD_TOK_DOUBLESTAR,
    AD_TOK_PLUSEQUAL,
    AD_TOK_MINEQUAL,
    AD_TOK_STAREQUAL,
    AD_TOK_SLASHEQUAL,
    AD_TOK_PERCENTEQUAL,
    AD_TOK_AMPEREQUAL,
    AD_TOK_VBAREQUAL,
    AD_TOK_CIRCUMFLEXEQUAL,
    AD_TOK_LEFTSHIFTEQUAL,
    AD_TOK_RIGHTSHIFTEQUAL,
    AD_TOK_DOUBLESTAREQUAL,
    AD_TOK_DOUBLESLASH,
    AD_TOK_DOUBLESLASHEQUAL,
    AD_TOK_AT,
    AD_TOK_ATEQUAL,
    AD_TOK_RARROW,
    AD_TOK_ELLIPSIS,
    AD_TOK_COLONEQUAL,
    AD_TOK_EXCLAMATION, /* '!' only inside f-string replacement fields */
    /* hard keywords (soft keywords match/case/_ stay NAME) */
    AD_TOK_FALSE,
    AD_TOK_NONE,
    AD_TOK_TRUE,
    AD_TOK_AND,
    AD_TOK_AS,
    AD_TOK_ASSERT,
    AD_TOK_ASYNC,
    AD_TOK_AWAIT,
    AD_TOK_BREAK,
    AD_TOK_CLASS,
    AD_TOK_CONTINUE,
    AD_TOK_DEF,
    AD_TOK_DEL,
    AD_TOK_ELIF,
    AD_TOK_ELSE,
    AD_TOK_EXCEPT,
    AD_TOK_FINALLY,
    AD_TOK_FOR,
    AD_TOK_FROM,
    AD_TOK_GLOBAL,
    AD_TOK_IF,
    AD_TOK_IMPORT,
    AD_TOK_IN,
    AD_TOK_IS,
    AD_TOK_LAMBDA,
    AD_TOK_NONLOCAL,
    AD_TOK_NOT,
    AD_TOK_OR,
    AD_TOK_PASS,
    AD_TOK_RAISE,
    AD_TOK_RETURN,
    AD_TOK_TRY,
    AD_TOK_WHILE,
    AD_TOK_WITH,
    AD_TOK_YIELD,
    AD_TOK_COUNT
} AdTokType;

typedef struct AdToken {
    AdTokType type;
    const char *start; /* the token's text inside the lexer's buffer */
    int len;
    int lineno, col, end_lineno, end_col; /* AST positions; see ad_lex_next for the odd ones */
    int level; /* bracket depth after the token, as CPython's tok->level */
} AdToken;

/* A source made ready for tokenising: BOM dropped, CRLF/CR turned into LF, a final LF
 * added, and a uniform indent shared by every non-blank line removed (notes are pasted
 * indented). shift[line] tells how many bytes left line `line` so positions
 * can be reported in the caller's coordinates. Both arrays are malloc'd. */
typedef struct AdLexSource {
    char *text; /* NUL-terminated; ends with '\n' */
    size_t len;
    int *shift; /* shift[1..nlines]; NULL when nothing was removed */
    int nlines;
} AdLexSource;

/* Fills *s from the raw bytes. Fails (false, *err filled) on NUL bytes or invalid UTF-8,
 * or when malloc fails (then err->msg says so). */
AD_FUNC bool ad_lex_prepare(AdLexSource *s, const char *src, size_t len, const char *filename,
                            AdSyntaxError *err);
AD_FUNC void ad_lex_source_free(AdLexSource *s);

typedef struct AdLexer {
    const char *cur, *end;  /* unread text; end is exclusive */
    const char *line_start; /* first byte of the current physical line */
    const char *prev_line_start;
    int lineno;
    const int *shift; /* AdLexSource.shift or NULL */
    int nshift;
    bool expr_mode; /* an f-string replacement field: no NEWLINE/INDENT/comments */
    bool at_bol;    /* at the start of a logical line: measure indentation */
    int pending;    /* INDENTs (>0) or DEDENTs (<0) still to emit */
    int indent;     /* top of indstack */
    int indstack[AD_LEX_MAX_INDENT + 1], altstack[AD_LEX_MAX_INDENT + 1];
    int level; /* open brackets */
    char paren[AD_LEX_MAX_LEVEL];
    int paren_line[AD_LEX_MAX_LEVEL], paren_col[AD_LEX_MAX_LEVEL];
    bool cont_line;   /* the last line ended with a backslash */
    bool eof_error;   /* failed at EOF inside brackets or after a backslash */
    bool eof_string;  /* failed at EOF inside a triple-quoted string */
    bool quiet_error; /* an error CPython's tokenizer reports through the parser only
                         (indentation, line continuation): a later scan of the rest
                         of the source does not let it replace a syntax error */
    bool done;        /* ENDMARKER was produced */
    bool failed;
    AdSyntaxError err; /* valid once failed */
} AdLexer;

/* Tokenise src->text from the beginning. */
AD_FUNC void ad_lex_init(AdLexer *lx, const AdLexSource *src);
/* Tokenise [start, end) of a buffer already known to the caller, as the inside of an f-string
 * replacement field: positions continue from (lineno, line_start), no NEWLINE or INDENT is
 * produced and '#' is an error. */
AD_FUNC void ad_lex_init_expr(AdLexer *lx, const char *start, const char *end, int lineno,
                              const char *line_start, const int *shift, int nshift);
/* Produce the next token. After ENDMARKER it keeps returning ENDMARKER. On a lexical error
 * it returns AD_TOK_ERROR with lx->err filled (and lx->failed set), and keeps doing so. */
AD_FUNC AdTokType ad_lex_next(AdLexer *lx, AdToken *tok);

/* Column (0-based, caller's coordinates) of byte p on the line starting at line_start. */
AD_FUNC int ad_lex_col(const AdLexer *lx, int lineno, const char *line_start, const char *p);

/* ---- literal decoding, shared by parser and f-string scanner -------------------------- */

/* Decode a NUMBER token into c (kind INT, FLOAT or IMAG). Digits of ints that do not fit in
 * int64 are copied into the arena. Returns false only when the arena cannot allocate. */
AD_FUNC bool ad_lex_number(const char *s, int len, AdArena *arena, AdConst *c);

/* The parts of a STRING token: prefix flags and the body between the quotes. */
typedef struct AdStrTok {
    bool raw, bytes, fstr, unicode;
    int quote_len;    /* 1 or 3 */
    const char *body; /* first byte after the opening quote(s) */
    int body_len;
} AdStrTok;
AD_FUNC void ad_lex_split_string(const AdToken *tok, AdStrTok *st);

/* A growable byte buffer, malloc'd: what string decoding writes into. */
typedef struct AdLexBuf {
    char *data;
    size_t len, cap;
    bool oom;
} AdLexBuf;
AD_FUNC void ad_lexbuf_put(AdLexBuf *b, const char *s, size_t n);
AD_FUNC void ad_lexbuf_putc(AdLexBuf *b, int c);
AD_FUNC void ad_lexbuf_free(AdLexBuf *b);

/* Append the value of the literal text [s, s+n) to out, processing escapes unless raw.
 * bytes: \u \U \N are not escapes and the result is bytes. On a bad escape returns false
 * with a CPython-worded message in msg (msgsize bytes). */
AD_FUNC bool ad_lex_decode(AdLexBuf *out, const char *s, size_t n, bool raw, bool bytes, char *msg,
                           size_t msgsize);

/* Readable name of a token type for messages ("'('", "NAME"...). */
AD_FUNC const char *ad_lex_token_name(AdTokType t);

#endif
