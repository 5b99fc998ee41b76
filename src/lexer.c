/*
 * lexer.c - source text to tokens, following CPython 3.11's Parser/tokenizer.c closely
 * enough that its error messages and caret positions come out the same.
 *
 * Owns: source preparation (BOM, line ends, the uniform indent of pasted notes), the token
 * loop (indentation stack, bracket stack, names, numbers, strings, operators) and decoding
 * of literal text (numbers, escapes) for the parser. Non-breaking spaces (U+00A0) outside
 * string literals are plain spaces here. Invariant: a token's text is a slice of the
 * prepared buffer and its positions are in the caller's (undedented) coordinates.
 * Leaves to parser.c: grammar, f-string structure, concatenation of literals.
 */
#include "lexer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small byte buffer ---------------------------------------------------------------- */

void ad_lexbuf_put(AdLexBuf *b, const char *s, size_t n) {
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->oom = true;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ad_lexbuf_putc(AdLexBuf *b, int c) {
    char ch = (char)c;
    ad_lexbuf_put(b, &ch, 1);
}

void ad_lexbuf_free(AdLexBuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Append code point cp as UTF-8. Lone surrogates (from \ud800 escapes) are written in the
 * 3-byte form, as CPython's 'surrogatepass' would. */
static void put_utf8(AdLexBuf *b, uint32_t cp) {
    char s[4];
    if (cp < 0x80) {
        s[0] = (char)cp;
        ad_lexbuf_put(b, s, 1);
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        ad_lexbuf_put(b, s, 2);
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        ad_lexbuf_put(b, s, 3);
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        ad_lexbuf_put(b, s, 4);
    }
}

/* ---- UTF-8 ---------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 when invalid. */
static int utf8_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    int len;
    uint32_t min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    uint32_t cp = c & (0x3F >> (len - 1));
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Decode the (valid) UTF-8 sequence at s; *len receives its length. */
static uint32_t utf8_decode(const char *s, int *len) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    int n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
    uint32_t cp = u[0] & (0x3F >> (n - 1));
    for (int i = 1; i < n; i++)
        cp = (cp << 6) | (u[i] & 0x3F);
    *len = n;
    return cp;
}

static bool is_nbsp(const char *p, const char *end) {
    return p + 1 < end && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0;
}

/* ---- source preparation --------------------------------------------------------------- */

static void prep_error(AdSyntaxError *err, int lineno, int col, const char *msg) {
    memset(err, 0, sizeof *err);
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    err->lineno = err->end_lineno = lineno;
    err->col_offset = err->end_col_offset = col;
}

/* Validate bytes (no NUL, UTF-8) and copy them with LF line ends and a final LF. */
static bool copy_normalised(AdLexSource *s, const char *src, size_t len, const char *filename,
                            AdSyntaxError *err) {
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        src += 3;
        len -= 3;
    }
    char *out = malloc(len + 2);
    if (!out) {
        prep_error(err, 1, 0, "out of memory");
        return false;
    }
    size_t n = 0;
    int lineno = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)src[i];
        if (c == 0) {
            free(out);
            prep_error(err, lineno, 0, "source code cannot contain null bytes");
            return false;
        }
        if (c == '\r') {
            out[n++] = '\n';
            i += (i + 1 < len && src[i + 1] == '\n') ? 2 : 1;
            lineno++;
            continue;
        }
        int l = utf8_len((const unsigned char *)src + i, len - i);
        if (l == 0) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no "
                     "encoding declared; see https://peps.python.org/pep-0263/ for details",
                     c, filename ? filename : "<string>", lineno);
            free(out);
            prep_error(err, lineno, 0, msg);
            return false;
        }
        if (c == '\n')
            lineno++;
        memcpy(out + n, src + i, (size_t)l);
        n += (size_t)l;
        i += (size_t)l;
    }
    if (n == 0 || out[n - 1] != '\n')
        out[n++] = '\n';
    out[n] = '\0';
    s->text = out;
    s->len = n;
    return true;
}

/* Leading whitespace of the line at p: sets *kinds to its characters normalised (NBSP as a
 * space) into buf (at most cap), returns how many; *rest points after it. */
static int leading_ws(const char *p, const char *end, char *buf, int cap, const char **rest) {
    int n = 0;
    while (p < end) {
        char k;
        if (*p == ' ' || *p == '\t' || *p == '\f') {
            k = *p++;
        } else if (is_nbsp(p, end)) {
            k = ' ';
            p += 2;
        } else {
            break;
        }
        if (n < cap)
            buf[n] = k;
        n++;
    }
    *rest = p;
    return n < cap ? n : cap;
}

/* The common indent of a pasted snippet: the longest whitespace prefix shared (after
 * normalising NBSP) by every line that is not blank. Lines inside string literals count
 * too (the lexer has not run yet), so a snippet whose strings go back to column 0 is
 * left alone and reported as CPython would. */
static int common_indent(const AdLexSource *s, char *prefix, int cap) {
    const char *p = s->text, *end = s->text + s->len;
    int plen = -1;
    char buf[256];
    while (p < end) {
        const char *rest;
        int n = leading_ws(p, end, buf, cap, &rest);
        const char *eol = strchr(rest, '\n'); /* the text ends with LF and has no NUL */
        /* Comment-only lines do not count: a note pasted with its code indented often
         * keeps a heading comment at the margin, and the comment changes nothing. */
        if (rest < eol && *rest != '#') {
            if (plen < 0) {
                memcpy(prefix, buf, (size_t)n);
                plen = n;
            } else {
                int k = 0;
                while (k < plen && k < n && prefix[k] == buf[k])
                    k++;
                plen = k;
            }
            if (plen == 0)
                return 0;
        }
        p = eol + 1;
    }
    return plen < 0 ? 0 : plen;
}

/* Remove the common indent from every line (as much of it as a blank line has), recording
 * per line how many bytes went. */
static bool strip_indent(AdLexSource *s, const char *prefix, int plen, AdSyntaxError *err) {
    int nlines = 0;
    for (size_t i = 0; i < s->len; i++)
        nlines += s->text[i] == '\n';
    int *shift = calloc((size_t)nlines + 2, sizeof(int));
    if (!shift) {
        prep_error(err, 1, 0, "out of memory");
        return false;
    }
    char *out = s->text; /* in place: output never overtakes input */
    const char *p = s->text, *end = s->text + s->len;
    size_t n = 0;
    int line = 1;
    while (p < end) {
        const char *q = p;
        int k = 0;
        while (k < plen && q < end) {
            if (is_nbsp(q, end) && prefix[k] == ' ') {
                q += 2;
            } else if (*q == prefix[k]) {
                q++;
            } else {
                break;
            }
            k++;
        }
        shift[line] = (int)(q - p);
        const char *eol = strchr(q, '\n');
        size_t l = (size_t)(eol - q) + 1;
        memmove(out + n, q, l);
        n += l;
        p = eol + 1;
        line++;
    }
    out[n] = '\0';
    s->len = n;
    s->shift = shift;
    s->nlines = nlines;
    return true;
}

bool ad_lex_prepare(AdLexSource *s, const char *src, size_t len, const char *filename,
                    AdSyntaxError *err) {
    memset(s, 0, sizeof *s);
    if (!copy_normalised(s, src, len, filename, err))
        return false;
    char prefix[256];
    int plen = common_indent(s, prefix, (int)sizeof prefix);
    if (plen > 0 && !strip_indent(s, prefix, plen, err)) {
        ad_lex_source_free(s);
        return false;
    }
    return true;
}

void ad_lex_source_free(AdLexSource *s) {
    free(s->text);
    free(s->shift);
    memset(s, 0, sizeof *s);
}

/* ---- lexer state ---------------------------------------------------------------------- */

void ad_lex_init(AdLexer *lx, const AdLexSource *src) {
    memset(lx, 0, sizeof *lx);
    lx->cur = lx->line_start = src->text;
    lx->end = src->text + src->len;
    lx->lineno = 1;
    lx->shift = src->shift;
    lx->nshift = src->nlines;
    lx->at_bol = true;
}

void ad_lex_init_expr(AdLexer *lx, const char *start, const char *end, int lineno,
                      const char *line_start, const int *shift, int nshift) {
    memset(lx, 0, sizeof *lx);
    lx->cur = start;
    lx->end = end;
    lx->line_start = line_start;
    lx->lineno = lineno;
    lx->shift = shift;
    lx->nshift = nshift;
    lx->expr_mode = true;
}

int ad_lex_col(const AdLexer *lx, int lineno, const char *line_start, const char *p) {
    int col = (int)(p - line_start);
    if (lx->shift && lineno >= 1 && lineno <= lx->nshift)
        col += lx->shift[lineno];
    return col;
}

static int col_of(const AdLexer *lx, const char *p) {
    return ad_lex_col(lx, lx->lineno, lx->line_start, p);
}

static AdTokType fail_range(AdLexer *lx, int lineno, int col, int end_lineno, int end_col,
                            const char *fmt, ...) {
    AdSyntaxError *e = &lx->err;
    memset(e, 0, sizeof *e);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->lineno = lineno;
    e->col_offset = col;
    e->end_lineno = end_lineno;
    e->end_col_offset = end_col;
    lx->failed = true;
    return AD_TOK_ERROR;
}

/* IndentationError (or TabError) from the indentation stack. */
static AdTokType fail_indent(AdLexer *lx, int col, int end_col, bool tab, const char *msg) {
    fail_range(lx, lx->lineno, col, lx->lineno, end_col, "%s", msg);
    lx->err.indentation = true;
    lx->err.tab = tab;
    lx->quiet_error = true;
    return AD_TOK_ERROR;
}

/* CPython's syntaxerror(tok): the caret on the last character consumed (p is the first
 * unconsumed one). */
#define FAIL_BEFORE(lx, p, ...)                                                                    \
    fail_range(lx, (lx)->lineno, col_of(lx, p) - 1, (lx)->lineno, col_of(lx, p) - 1, __VA_ARGS__)

static bool is_id_start_ascii(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(int c) {
    return c >= '0' && c <= '9';
}

static bool is_xdigit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* CPython's is_potential_identifier_char, with NBSP counted as the space it stands for. */
static bool potential_id_char(const char *p, const char *end) {
    if (p >= end)
        return false;
    unsigned char c = (unsigned char)*p;
    if (c >= 128)
        return !is_nbsp(p, end);
    return is_id_start_ascii(c) || is_digit(c);
}

/* Characters that CPython reports as non-printable, for "invalid non-printable character". */
static bool is_nonprintable(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

/* An approximation of Unicode's XID_Continue for non-ASCII code points: letters of every
 * script are accepted; punctuation, symbols and emoji blocks are not. */
static bool is_id_nonascii(uint32_t cp) {
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB7;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x206F)
        return cp == 0x203F || cp == 0x2040 || cp == 0x2054;
    if ((cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x23FF) ||
        (cp >= 0x2400 && cp <= 0x245F) || (cp >= 0x2500 && cp <= 0x2BFF) ||
        (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x3004) ||
        (cp >= 0x3008 && cp <= 0x3020) || (cp >= 0xE000 && cp <= 0xF8FF) ||
        (cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE50 && cp <= 0xFE6F) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40 && cp != 0xFF3F) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0x1F000 && cp <= 0x1FAFF))
        return false;
    return !is_nonprintable(cp);
}

static AdTokType fail_bad_char(AdLexer *lx, const char *p) {
    int n;
    uint32_t cp = utf8_decode(p, &n);
    int col = col_of(lx, p);
    if (is_nonprintable(cp))
        return fail_range(lx, lx->lineno, col, lx->lineno, col,
                          "invalid non-printable character U+%04X", (unsigned)cp);
    return fail_range(lx, lx->lineno, col, lx->lineno, col, "invalid character '%.*s' (U+%04X)", n,
                      p, (unsigned)cp);
}

/* ---- keywords ------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    AdTokType type;
} Keyword;

static const Keyword keywords[] = {
    {"False", AD_TOK_FALSE},
    {"None", AD_TOK_NONE},
    {"True", AD_TOK_TRUE},
    {"and", AD_TOK_AND},
    {"as", AD_TOK_AS},
    {"assert", AD_TOK_ASSERT},
    {"async", AD_TOK_ASYNC},
    {"await", AD_TOK_AWAIT},
    {"break", AD_TOK_BREAK},
    {"class", AD_TOK_CLASS},
    {"continue", AD_TOK_CONTINUE},
    {"def", AD_TOK_DEF},
    {"del", AD_TOK_DEL},
    {"elif", AD_TOK_ELIF},
    {"else", AD_TOK_ELSE},
    {"except", AD_TOK_EXCEPT},
    {"finally", AD_TOK_FINALLY},
    {"for", AD_TOK_FOR},
    {"from", AD_TOK_FROM},
    {"global", AD_TOK_GLOBAL},
    {"if", AD_TOK_IF},
    {"import", AD_TOK_IMPORT},
    {"in", AD_TOK_IN},
    {"is", AD_TOK_IS},
    {"lambda", AD_TOK_LAMBDA},
    {"nonlocal", AD_TOK_NONLOCAL},
    {"not", AD_TOK_NOT},
    {"or", AD_TOK_OR},
    {"pass", AD_TOK_PASS},
    {"raise", AD_TOK_RAISE},
    {"return", AD_TOK_RETURN},
    {"try", AD_TOK_TRY},
    {"while", AD_TOK_WHILE},
    {"with", AD_TOK_WITH},
    {"yield", AD_TOK_YIELD},
};

static AdTokType keyword_type(const char *s, int len) {
    if (len < 2 || len > 8 ||
        !((s[0] >= 'a' && s[0] <= 'z') || s[0] == 'F' || s[0] == 'N' || s[0] == 'T'))
        return AD_TOK_NAME;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if ((int)strlen(keywords[i].name) == len && memcmp(keywords[i].name, s, (size_t)len) == 0)
            return keywords[i].type;
    }
    return AD_TOK_NAME;
}

/* ---- operators ------------------------------------------------------------------------ */

typedef struct {
    const char *text;
    AdTokType type;
} Operator;

/* Longest first, so the first match is the right one. */
static const Operator operators[] = {
    {"**=", AD_TOK_DOUBLESTAREQUAL},
    {"//=", AD_TOK_DOUBLESLASHEQUAL},
    {"<<=", AD_TOK_LEFTSHIFTEQUAL},
    {">>=", AD_TOK_RIGHTSHIFTEQUAL},
    {"...", AD_TOK_ELLIPSIS},
    {"!=", AD_TOK_NOTEQUAL},
    {"%=", AD_TOK_PERCENTEQUAL},
    {"&=", AD_TOK_AMPEREQUAL},
    {"**", AD_TOK_DOUBLESTAR},
    {"*=", AD_TOK_STAREQUAL},
    {"+=", AD_TOK_PLUSEQUAL},
    {"-=", AD_TOK_MINEQUAL},
    {"->", AD_TOK_RARROW},
    {"//", AD_TOK_DOUBLESLASH},
    {"/=", AD_TOK_SLASHEQUAL},
    {":=", AD_TOK_COLONEQUAL},
    {"<<", AD_TOK_LEFTSHIFT},
    {"<=", AD_TOK_LESSEQUAL},
    {"<>", AD_TOK_UNKNOWN},
    {"==", AD_TOK_EQEQUAL},
    {">=", AD_TOK_GREATEREQUAL},
    {">>", AD_TOK_RIGHTSHIFT},
    {"@=", AD_TOK_ATEQUAL},
    {"^=", AD_TOK_CIRCUMFLEXEQUAL},
    {"|=", AD_TOK_VBAREQUAL},
    {"%", AD_TOK_PERCENT},
    {"&", AD_TOK_AMPER},
    {"(", AD_TOK_LPAR},
    {")", AD_TOK_RPAR},
    {"*", AD_TOK_STAR},
    {"+", AD_TOK_PLUS},
    {",", AD_TOK_COMMA},
    {"-", AD_TOK_MINUS},
    {".", AD_TOK_DOT},
    {"/", AD_TOK_SLASH},
    {":", AD_TOK_COLON},
    {";", AD_TOK_SEMI},
    {"<", AD_TOK_LESS},
    {"=", AD_TOK_EQUAL},
    {">", AD_TOK_GREATER},
    {"@", AD_TOK_AT},
    {"[", AD_TOK_LSQB},
    {"]", AD_TOK_RSQB},
    {"^", AD_TOK_CIRCUMFLEX},
    {"{", AD_TOK_LBRACE},
    {"|", AD_TOK_VBAR},
    {"}", AD_TOK_RBRACE},
    {"~", AD_TOK_TILDE},
    {"!", AD_TOK_EXCLAMATION},
    {"$", AD_TOK_UNKNOWN},
    {"?", AD_TOK_UNKNOWN},
    {"`", AD_TOK_UNKNOWN},
};

const char *ad_lex_token_name(AdTokType t) {
    switch (t) {
    case AD_TOK_ENDMARKER:
        return "ENDMARKER";
    case AD_TOK_NAME:
        return "NAME";
    case AD_TOK_NUMBER:
        return "NUMBER";
    case AD_TOK_STRING:
        return "STRING";
    case AD_TOK_NEWLINE:
        return "NEWLINE";
    case AD_TOK_INDENT:
        return "INDENT";
    case AD_TOK_DEDENT:
        return "DEDENT";
    case AD_TOK_ERROR:
        return "ERRORTOKEN";
    case AD_TOK_UNKNOWN:
        return "ERRORTOKEN";
    default:
        break;
    }
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        if (operators[i].type == t)
            return operators[i].text;
    }
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (keywords[i].type == t)
            return keywords[i].name;
    }
    return "?";
}

/* ---- the token loop ------------------------------------------------------------------- */

static void set_tok(AdLexer *lx, AdToken *tok, AdTokType type, const char *start, int line,
                    int col) {
    tok->type = type;
    tok->start = start;
    tok->len = (int)(lx->cur - start);
    tok->lineno = line;
    tok->col = col;
    tok->end_lineno = lx->lineno;
    tok->end_col = col_of(lx, lx->cur);
    tok->level = lx->level;
}

/* A token without text (INDENT, DEDENT, ENDMARKER): CPython reports errors at these from
 * the tokenizer's current position, with no end. */
static AdTokType empty_tok(AdLexer *lx, AdToken *tok, AdTokType type, int line, int col) {
    tok->type = type;
    tok->start = lx->cur;
    tok->len = 0;
    tok->lineno = tok->end_lineno = line;
    tok->col = col;
    tok->end_col = -2;
    tok->level = lx->level;
    return type;
}

static void newline_passed(AdLexer *lx, const char *after) {
    lx->prev_line_start = lx->line_start;
    lx->lineno++;
    lx->line_start = after;
}

/* At the start of a logical line: measure its indentation against the stack and queue the
 * INDENT/DEDENTs (CPython's tabsize 8 column, and a tabsize 1 "alt" column whose
 * disagreement is the TabError). Blank and comment lines are skipped whole. Returns
 * AD_TOK_ERROR on an indentation error, else AD_TOK_COUNT. */
static AdTokType measure_indent(AdLexer *lx) {
    for (;;) {
        const char *p = lx->cur;
        int col = 0, altcol = 0;
        for (;;) {
            if (p < lx->end && *p == ' ') {
                col++, altcol++, p++;
            } else if (p < lx->end && *p == '\t') {
                col = (col / 8 + 1) * 8;
                altcol++;
                p++;
            } else if (p < lx->end && *p == '\f') {
                col = altcol = 0;
                p++;
            } else if (is_nbsp(p, lx->end)) {
                col++, altcol++;
                p += 2;
            } else {
                break;
            }
        }
        if (p >= lx->end) {
            lx->cur = p;
            return AD_TOK_COUNT; /* end of input: the caller emits the final DEDENTs */
        }
        if (*p == '#' || *p == '\n') {
            while (*p != '\n')
                p++;
            lx->cur = p + 1;
            newline_passed(lx, lx->cur);
            continue;
        }
        lx->cur = p;
        int top = lx->indstack[lx->indent];
        if (col == top) {
            if (altcol != lx->altstack[lx->indent])
                return fail_indent(lx, 0, -1, true,
                                   "inconsistent use of tabs and spaces in indentation");
        } else if (col > top) {
            if (lx->indent + 1 >= AD_LEX_MAX_INDENT)
                return fail_indent(lx, 0, -1, false, "too many levels of indentation");
            if (altcol <= lx->altstack[lx->indent])
                return fail_indent(lx, 0, -1, true,
                                   "inconsistent use of tabs and spaces in indentation");
            lx->indent++;
            lx->indstack[lx->indent] = col;
            lx->altstack[lx->indent] = altcol;
            lx->pending = 1;
        } else {
            while (lx->indent > 0 && col < lx->indstack[lx->indent]) {
                lx->indent--;
                lx->pending--;
            }
            if (col != lx->indstack[lx->indent]) {
                /* CPython's caret: the end of the offending line */
                const char *eol = strchr(p, '\n');
                return fail_indent(lx, col_of(lx, eol), -2, false,
                                   "unindent does not match any outer indentation level");
            }
            if (altcol != lx->altstack[lx->indent])
                return fail_indent(lx, 0, -1, true,
                                   "inconsistent use of tabs and spaces in indentation");
        }
        return AD_TOK_COUNT;
    }
}

/* CPython's verify_end_of_number: a number directly followed by an identifier character is
 * an error, except before the keywords that may follow a number in valid code. p points at
 * the character after the number. */
static bool number_end_ok(AdLexer *lx, const char *p, const char *kind) {
    const char *e = lx->end;
    bool kw = false;
    if (p < e) {
        /* CPython's lookahead(): the keyword must end there (except for if/in/is) */
        static const char *const words[] = {"and", "else", "for", "or", "not"};
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            size_t n = strlen(words[i]);
            if ((size_t)(e - p) >= n && memcmp(p, words[i], n) == 0 && !potential_id_char(p + n, e))
                kw = true;
        }
        if (*p == 'i' && p + 1 < e && (p[1] == 'f' || p[1] == 'n' || p[1] == 's'))
            kw = true;
    }
    if (kw || !potential_id_char(p, e))
        return true;
    FAIL_BEFORE(lx, p, "invalid %s literal", kind);
    return false;
}

/* Decimal digits with single underscores between them (CPython's tok_decimal_tail); p is at
 * the first digit. Returns the position after them, or NULL after an error. */
static const char *decimal_tail(AdLexer *lx, const char *p) {
    for (;;) {
        while (p < lx->end && is_digit(*p))
            p++;
        if (p >= lx->end || *p != '_')
            return p;
        p++;
        if (p >= lx->end || !is_digit(*p)) {
            FAIL_BEFORE(lx, p, "invalid decimal literal");
            return NULL;
        }
    }
}

/* Digits of a 0x/0o/0b literal; p is after the prefix letter. */
static const char *radix_digits(AdLexer *lx, const char *p, int radix, const char *kind) {
    const char *e = lx->end;
    do {
        if (p < e && *p == '_')
            p++;
        bool ok = p < e && (radix == 16 ? is_xdigit(*p) : (*p >= '0' && *p < '0' + radix));
        if (!ok) {
            if (radix != 16 && p < e && is_digit(*p)) {
                FAIL_BEFORE(lx, p + 1, "invalid digit '%c' in %s literal", *p, kind);
                return NULL;
            }
            FAIL_BEFORE(lx, p, "invalid %s literal", kind);
            return NULL;
        }
        while (p < e && (radix == 16 ? is_xdigit(*p) : (*p >= '0' && *p < '0' + radix)))
            p++;
    } while (p < e && *p == '_');
    if (radix != 16 && p < e && is_digit(*p)) {
        FAIL_BEFORE(lx, p + 1, "invalid digit '%c' in %s literal", *p, kind);
        return NULL;
    }
    if (!number_end_ok(lx, p, kind))
        return NULL;
    return p;
}

/* Fraction, exponent and imaginary suffix after the integer part (p at '.', 'e' or 'j'
 * or elsewhere). Returns the end of the number or NULL. */
static const char *number_rest(AdLexer *lx, const char *p, bool fraction) {
    const char *e = lx->end;
    if (fraction) {
        if (p < e && is_digit(*p) && !(p = decimal_tail(lx, p)))
            return NULL;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        const char *ep = p++;
        if (p < e && (*p == '+' || *p == '-')) {
            p++;
            if (p >= e || !is_digit(*p)) {
                FAIL_BEFORE(lx, p, "invalid decimal literal");
                return NULL;
            }
        } else if (p >= e || !is_digit(*p)) {
            /* "1else": the number ends before the 'e' */
            if (!number_end_ok(lx, ep, "decimal"))
                return NULL;
            return ep;
        }
        if (!(p = decimal_tail(lx, p)))
            return NULL;
    }
    if (p < e && (*p == 'j' || *p == 'J')) {
        p++;
        if (!number_end_ok(lx, p, "imaginary"))
            return NULL;
        return p;
    }
    if (!number_end_ok(lx, p, "decimal"))
        return NULL;
    return p;
}

static AdTokType lex_number(AdLexer *lx, AdToken *tok) {
    const char *start = lx->cur, *p = start, *e = lx->end;
    int col = col_of(lx, start);
    if (*p == '.') {
        p = number_rest(lx, p + 1, true);
    } else if (*p == '0') {
        p++;
        if (p < e && (*p == 'x' || *p == 'X')) {
            p = radix_digits(lx, p + 1, 16, "hexadecimal");
        } else if (p < e && (*p == 'o' || *p == 'O')) {
            p = radix_digits(lx, p + 1, 8, "octal");
        } else if (p < e && (*p == 'b' || *p == 'B')) {
            p = radix_digits(lx, p + 1, 2, "binary");
        } else {
            bool nonzero = false;
            for (;;) {
                if (p < e && *p == '_') {
                    p++;
                    if (p >= e || !is_digit(*p)) {
                        FAIL_BEFORE(lx, p, "invalid decimal literal");
                        return AD_TOK_ERROR;
                    }
                }
                if (p >= e || *p != '0')
                    break;
                p++;
            }
            const char *zeros_end = p;
            if (p < e && is_digit(*p)) {
                nonzero = true;
                if (!(p = decimal_tail(lx, p)))
                    return AD_TOK_ERROR;
            }
            if (p < e && *p == '.') {
                p = number_rest(lx, p + 1, true);
            } else if (p < e && (*p == 'e' || *p == 'E' || *p == 'j' || *p == 'J')) {
                p = number_rest(lx, p, false);
            } else if (nonzero) {
                return fail_range(lx, lx->lineno, col, lx->lineno, col_of(lx, zeros_end),
                                  "leading zeros in decimal integer literals are not "
                                  "permitted; use an 0o prefix for octal integers");
            } else if (!number_end_ok(lx, p, "decimal")) {
                return AD_TOK_ERROR;
            }
        }
    } else {
        if (!(p = decimal_tail(lx, p)))
            return AD_TOK_ERROR;
        if (p < e && *p == '.')
            p = number_rest(lx, p + 1, true);
        else
            p = number_rest(lx, p, false);
    }
    if (!p)
        return AD_TOK_ERROR;
    lx->cur = p;
    set_tok(lx, tok, AD_TOK_NUMBER, start, lx->lineno, col);
    return AD_TOK_NUMBER;
}

/* A string literal; lx->cur is at its opening quote, start at its prefix. */
static AdTokType lex_string(AdLexer *lx, AdToken *tok, const char *start) {
    const char *p = lx->cur, *e = lx->end;
    int line = lx->lineno;
    const char *first_line_start = lx->line_start;
    int col = col_of(lx, start);
    char quote = *p++;
    int qsize = 1;
    if (p + 1 < e && p[0] == quote && p[1] == quote) {
        qsize = 3;
        p += 2;
    }
    int seen = 0;
    if (qsize == 1 && p < e && *p == quote) {
        p++;
        seen = 1; /* the empty string '' */
    }
    while (seen < qsize) {
        if (p >= e || (qsize == 1 && *p == '\n')) {
            int detected = lx->lineno;
            if (p >= e && detected > line && p[-1] == '\n')
                detected--; /* EOF after the last line's LF: that line detected it */
            lx->lineno = line;
            lx->line_start = first_line_start;
            lx->eof_string = qsize == 3;
            return fail_range(lx, line, col, line, col,
                              qsize == 3 ? "unterminated triple-quoted string literal "
                                           "(detected at line %d)"
                                         : "unterminated string literal (detected at line %d)",
                              detected);
        }
        char c = *p++;
        if (c == quote) {
            seen++;
            continue;
        }
        seen = 0;
        if (c == '\n') {
            newline_passed(lx, p);
        } else if (c == '\\' && p < e) {
            if (*p == '\n')
                newline_passed(lx, p + 1);
            p++;
        }
    }
    lx->cur = p;
    set_tok(lx, tok, AD_TOK_STRING, start, line, col);
    return AD_TOK_STRING;
}

/* A name, or the prefix of a string literal. */
static AdTokType lex_name(AdLexer *lx, AdToken *tok) {
    const char *start = lx->cur, *p = start, *e = lx->end;
    /* string prefixes: CPython accepts b, r, u, f in these combinations only */
    bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
    for (;;) {
        char c = *p;
        if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B'))
            saw_b = true;
        else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U'))
            saw_u = true;
        else if (!(saw_r || saw_u) && (c == 'r' || c == 'R'))
            saw_r = true;
        else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F'))
            saw_f = true;
        else
            break;
        p++;
        if (p < e && (*p == '"' || *p == '\'')) {
            lx->cur = p;
            return lex_string(lx, tok, start);
        }
    }
    p = start;
    while (p < e) {
        unsigned char c = (unsigned char)*p;
        if (c < 128) {
            if (!is_id_start_ascii(c) && !is_digit(c))
                break;
            p++;
            continue;
        }
        if (is_nbsp(p, e))
            break;
        int n;
        uint32_t cp = utf8_decode(p, &n);
        if (!is_id_nonascii(cp))
            return fail_bad_char(lx, p);
        p += n;
    }
    lx->cur = p;
    int col = col_of(lx, start);
    set_tok(lx, tok, keyword_type(start, (int)(p - start)), start, lx->lineno, col);
    return tok->type;
}

static AdTokType lex_bracket(AdLexer *lx, AdToken *tok, AdTokType type, const char *start) {
    char c = *start;
    int col = col_of(lx, start);
    if (c == '(' || c == '[' || c == '{') {
        if (lx->level >= AD_LEX_MAX_LEVEL)
            return FAIL_BEFORE(lx, lx->cur, "too many nested parentheses");
        lx->paren[lx->level] = c;
        lx->paren_line[lx->level] = lx->lineno;
        lx->paren_col[lx->level] = col;
        lx->level++;
    } else {
        if (lx->level == 0) {
            if (lx->expr_mode)
                return FAIL_BEFORE(lx, lx->cur, "f-string: unmatched '%c'", c);
            return FAIL_BEFORE(lx, lx->cur, "unmatched '%c'", c);
        }
        lx->level--;
        char open = lx->paren[lx->level];
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
              (open == '{' && c == '}'))) {
            if (lx->paren_line[lx->level] != lx->lineno)
                return FAIL_BEFORE(lx, lx->cur,
                                   "closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c' on line %d",
                                   c, open, lx->paren_line[lx->level]);
            return FAIL_BEFORE(lx, lx->cur,
                               "closing parenthesis '%c' does not match opening parenthesis '%c'",
                               c, open);
        }
    }
    set_tok(lx, tok, type, start, lx->lineno, col);
    return type;
}

/* End of input: NEWLINE was produced by the final LF, so what is left is the DEDENTs and
 * ENDMARKER, or an error when a bracket or a backslash continuation is still open. */
static AdTokType lex_eof(AdLexer *lx, AdToken *tok) {
    /* CPython places these at the last line's LF */
    int line = lx->lineno, col = col_of(lx, lx->cur);
    if (!lx->expr_mode && lx->cur == lx->line_start && lx->prev_line_start) {
        line = lx->lineno - 1;
        col = ad_lex_col(lx, line, lx->prev_line_start, lx->cur - 1);
    }
    if (lx->expr_mode) { /* the end of an f-string replacement field: its '}' or ':' */
        empty_tok(lx, tok, AD_TOK_ENDMARKER, line, col);
        tok->end_col = col + 1;
        return AD_TOK_ENDMARKER;
    }
    if (lx->level > 0) {
        int i = lx->level - 1;
        lx->eof_error = true;
        return fail_range(lx, lx->paren_line[i], lx->paren_col[i], lx->paren_line[i], -1,
                          "'%c' was never closed", lx->paren[i]);
    }
    lx->eof_error = lx->cont_line;
    if (lx->cont_line)
        return fail_range(lx, line, col, line, -2, "unexpected EOF while parsing");
    if (lx->indent > 0) {
        lx->indent--;
        return empty_tok(lx, tok, AD_TOK_DEDENT, line, col);
    }
    lx->done = true;
    return empty_tok(lx, tok, AD_TOK_ENDMARKER, line, col);
}

static AdTokType lex_operator(AdLexer *lx, AdToken *tok) {
    const char *p = lx->cur;
    size_t room = (size_t)(lx->end - p);
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i].text);
        if (n <= room && memcmp(p, operators[i].text, n) == 0) {
            lx->cur = p + n;
            AdTokType t = operators[i].type;
            if (t == AD_TOK_LPAR || t == AD_TOK_RPAR || t == AD_TOK_LSQB || t == AD_TOK_RSQB ||
                t == AD_TOK_LBRACE || t == AD_TOK_RBRACE)
                return lex_bracket(lx, tok, t, p);
            set_tok(lx, tok, t, p, lx->lineno, col_of(lx, p));
            return t;
        }
    }
    return fail_bad_char(lx, p);
}

AdTokType ad_lex_next(AdLexer *lx, AdToken *tok) {
    if (lx->failed) {
        tok->type = AD_TOK_ERROR;
        return AD_TOK_ERROR;
    }
    const char *comment = NULL;
    for (;;) {
        if (lx->pending > 0) {
            lx->pending--;
            return empty_tok(lx, tok, AD_TOK_INDENT, lx->lineno, col_of(lx, lx->cur) - 1);
        }
        if (lx->pending < 0) {
            lx->pending++;
            return empty_tok(lx, tok, AD_TOK_DEDENT, lx->lineno, col_of(lx, lx->cur) - 1);
        }
        if (lx->at_bol) {
            lx->at_bol = false;
            if (measure_indent(lx) == AD_TOK_ERROR) {
                tok->type = AD_TOK_ERROR;
                return AD_TOK_ERROR;
            }
            continue;
        }
        const char *p = lx->cur, *e = lx->end;
        while (p < e) {
            if (*p == ' ' || *p == '\t' || *p == '\f')
                p++;
            else if (is_nbsp(p, e))
                p += 2;
            else
                break;
        }
        lx->cur = p;
        if (p >= e) {
            AdTokType t = lex_eof(lx, tok);
            if (t == AD_TOK_ERROR)
                tok->type = AD_TOK_ERROR;
            return t;
        }
        unsigned char c = (unsigned char)*p;
        if (c == '#') {
            if (lx->expr_mode) {
                int col = col_of(lx, p);
                fail_range(lx, lx->lineno, col, lx->lineno, col,
                           "f-string expression part cannot include '#'");
                tok->type = AD_TOK_ERROR;
                return AD_TOK_ERROR;
            }
            comment = p; /* CPython's NEWLINE token starts at the comment */
            while (*p != '\n')
                p++;
            lx->cur = p;
            continue;
        }
        if (c == '\n') {
            lx->cur = p + 1;
            if (lx->level > 0 || lx->expr_mode) {
                newline_passed(lx, lx->cur);
                comment = NULL;
                continue;
            }
            int col = col_of(lx, comment ? comment : p);
            tok->type = AD_TOK_NEWLINE;
            tok->start = p;
            tok->len = 1;
            tok->lineno = tok->end_lineno = lx->lineno;
            tok->col = col;
            tok->end_col = col_of(lx, p);
            tok->level = 0;
            newline_passed(lx, lx->cur);
            lx->at_bol = true;
            lx->cont_line = false;
            return AD_TOK_NEWLINE;
        }
        if (c == '\\') {
            if (p + 1 < e && p[1] == '\n') {
                lx->cur = p + 2;
                newline_passed(lx, lx->cur);
                lx->cont_line = true;
                continue;
            }
            int col = col_of(lx, p) + 1;
            fail_range(lx, lx->lineno, col, lx->lineno, -1,
                       "unexpected character after line continuation character");
            lx->quiet_error = true;
            tok->type = AD_TOK_ERROR;
            return AD_TOK_ERROR;
        }
        lx->cont_line = false;
        AdTokType t;
        if (is_id_start_ascii(c) || c >= 128)
            t = lex_name(lx, tok);
        else if (is_digit(c) || (c == '.' && p + 1 < e && is_digit(p[1])))
            t = lex_number(lx, tok);
        else if (c == '"' || c == '\'')
            t = lex_string(lx, tok, p);
        else if (c < 0x20 || c == 0x7F)
            t = fail_bad_char(lx, p);
        else
            t = lex_operator(lx, tok);
        if (t == AD_TOK_ERROR)
            tok->type = AD_TOK_ERROR;
        return t;
    }
}

/* ---- literal decoding ----------------------------------------------------------------- */

static int digit_value(int c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

bool ad_lex_number(const char *s, int len, AdArena *arena, AdConst *c) {
    char small[128];
    char *clean = (size_t)len < sizeof small ? small : malloc((size_t)len + 1);
    if (!clean)
        return false;
    int n = 0;
    for (int i = 0; i < len; i++) {
        if (s[i] != '_')
            clean[n++] = s[i];
    }
    clean[n] = '\0';
    memset(c, 0, sizeof *c);
    bool ok = true;
    int base = 10;
    const char *digits = clean;
    if (n >= 2 && clean[0] == '0' && strchr("xXoObB", clean[1])) {
        base = (clean[1] == 'x' || clean[1] == 'X')   ? 16
               : (clean[1] == 'o' || clean[1] == 'O') ? 8
                                                      : 2;
        digits = clean + 2;
    }
    if (base == 10 && (clean[n - 1] == 'j' || clean[n - 1] == 'J')) {
        clean[n - 1] = '\0';
        c->kind = AD_CONST_IMAG;
        c->fval = strtod(clean, NULL);
    } else if (base == 10 && strpbrk(clean, ".eE")) {
        c->kind = AD_CONST_FLOAT;
        c->fval = strtod(clean, NULL);
    } else {
        c->kind = AD_CONST_INT;
        uint64_t v = 0;
        bool overflow = false;
        for (const char *d = digits; *d; d++) {
            uint64_t dv = (uint64_t)digit_value(*d);
            if (v > (UINT64_MAX - dv) / (uint64_t)base) {
                overflow = true;
                break;
            }
            v = v * (uint64_t)base + dv;
        }
        if (overflow || v > (uint64_t)INT64_MAX) {
            /* drop leading zeros so the text is canonical */
            while (digits[0] == '0' && digits[1])
                digits++;
            c->big = ad_arena_strndup(arena, digits, strlen(digits));
            c->base = base;
            ok = c->big != NULL;
        } else {
            c->ival = (int64_t)v;
        }
    }
    if (clean != small)
        free(clean);
    return ok;
}

void ad_lex_split_string(const AdToken *tok, AdStrTok *st) {
    memset(st, 0, sizeof *st);
    const char *p = tok->start;
    while (*p != '\'' && *p != '"') {
        switch (*p) {
        case 'r':
        case 'R':
            st->raw = true;
            break;
        case 'b':
        case 'B':
            st->bytes = true;
            break;
        case 'f':
        case 'F':
            st->fstr = true;
            break;
        case 'u':
        case 'U':
            st->unicode = true;
            break;
        default:
            break;
        }
        p++;
    }
    int prefix = (int)(p - tok->start);
    st->quote_len = (tok->len - prefix >= 6 && p[0] == p[1] && p[1] == p[2]) ? 3 : 1;
    st->body = p + st->quote_len;
    st->body_len = tok->len - prefix - 2 * st->quote_len;
}

/* \N{...} names this lexer knows: Unicode's full name table is too big to carry, so
 * these are the ones notes tend to use; letters and digits are also understood by rule
 * (LATIN SMALL LETTER A, GREEK CAPITAL LETTER OMEGA, DIGIT SEVEN). Others are an error. */
typedef struct {
    const char *name;
    uint32_t cp;
} CharName;

static const CharName char_names[] = {
    {"BULLET", 0x2022},
    {"DEGREE SIGN", 0x00B0},
    {"EM DASH", 0x2014},
    {"EN DASH", 0x2013},
    {"HORIZONTAL ELLIPSIS", 0x2026},
    {"NO-BREAK SPACE", 0x00A0},
    {"COPYRIGHT SIGN", 0x00A9},
    {"REGISTERED SIGN", 0x00AE},
    {"TRADE MARK SIGN", 0x2122},
    {"EURO SIGN", 0x20AC},
    {"POUND SIGN", 0x00A3},
    {"YEN SIGN", 0x00A5},
    {"CENT SIGN", 0x00A2},
    {"SECTION SIGN", 0x00A7},
    {"PILCROW SIGN", 0x00B6},
    {"MICRO SIGN", 0x00B5},
    {"MULTIPLICATION SIGN", 0x00D7},
    {"DIVISION SIGN", 0x00F7},
    {"PLUS-MINUS SIGN", 0x00B1},
    {"MIDDLE DOT", 0x00B7},
    {"LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", 0x00AB},
    {"RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", 0x00BB},
    {"LEFT SINGLE QUOTATION MARK", 0x2018},
    {"RIGHT SINGLE QUOTATION MARK", 0x2019},
    {"LEFT DOUBLE QUOTATION MARK", 0x201C},
    {"RIGHT DOUBLE QUOTATION MARK", 0x201D},
    {"CHECK MARK", 0x2713},
    {"HEAVY CHECK MARK", 0x2714},
    {"BALLOT X", 0x2717},
    {"BLACK STAR", 0x2605},
    {"WHITE STAR", 0x2606},
    {"SNOWMAN", 0x2603},
    {"BLACK HEART SUIT", 0x2665},
    {"HEAVY BLACK HEART", 0x2764},
    {"RIGHTWARDS ARROW", 0x2192},
    {"LEFTWARDS ARROW", 0x2190},
    {"UPWARDS ARROW", 0x2191},
    {"DOWNWARDS ARROW", 0x2193},
    {"INFINITY", 0x221E},
    {"NOT EQUAL TO", 0x2260},
    {"LESS-THAN OR EQUAL TO", 0x2264},
    {"GREATER-THAN OR EQUAL TO", 0x2265},
    {"ALMOST EQUAL TO", 0x2248},
    {"SQUARE ROOT", 0x221A},
    {"INCREMENT", 0x2206},
    {"NABLA", 0x2207},
    {"PARTIAL DIFFERENTIAL", 0x2202},
    {"N-ARY SUMMATION", 0x2211},
    {"N-ARY PRODUCT", 0x220F},
    {"INTEGRAL", 0x222B},
    {"ZERO WIDTH SPACE", 0x200B},
    {"ZERO WIDTH JOINER", 0x200D},
    {"ZERO WIDTH NON-JOINER", 0x200C},
    {"ZERO WIDTH NO-BREAK SPACE", 0xFEFF},
    {"REPLACEMENT CHARACTER", 0xFFFD},
    {"SPACE", 0x0020},
    {"NULL", 0x0000},
    {"LINE FEED", 0x000A},
    {"CARRIAGE RETURN", 0x000D},
    {"CHARACTER TABULATION", 0x0009},
    {"ESCAPE", 0x001B},
    {"DELETE", 0x007F},
    {"BELL", 0x0007},
    {"BACKSPACE", 0x0008},
    {"FORM FEED", 0x000C},
    {"SNAKE", 0x1F40D},
    {"GRINNING FACE", 0x1F600},
    {"SMILING FACE WITH SMILING EYES", 0x1F60A},
    {"THUMBS UP SIGN", 0x1F44D},
    {"FIRE", 0x1F525},
    {"PARTY POPPER", 0x1F389},
    {"WARNING SIGN", 0x26A0},
    {"CROSS MARK", 0x274C},
    {"WHITE HEAVY CHECK MARK", 0x2705},
    {"SPARKLES", 0x2728},
    {"ROCKET", 0x1F680},
    {"HOURGLASS", 0x231B},
    {"WHITE SMILING FACE", 0x263A},
    {"FULL BLOCK", 0x2588},
    {"LIGHT SHADE", 0x2591},
    {"MEDIUM SHADE", 0x2592},
    {"DARK SHADE", 0x2593},
    {"BOX DRAWINGS LIGHT HORIZONTAL", 0x2500},
    {"BOX DRAWINGS LIGHT VERTICAL", 0x2502},
    {"BLACK SQUARE", 0x25A0},
    {"WHITE SQUARE", 0x25A1},
    {"BLACK CIRCLE", 0x25CF},
    {"WHITE CIRCLE", 0x25CB},
    {"LATIN SMALL LETTER E WITH ACUTE", 0x00E9},
    {"LATIN SMALL LETTER A WITH GRAVE", 0x00E0},
    {"LATIN SMALL LETTER U WITH DIAERESIS", 0x00FC},
    {"LATIN SMALL LETTER O WITH DIAERESIS", 0x00F6},
    {"LATIN SMALL LETTER A WITH DIAERESIS", 0x00E4},
    {"LATIN SMALL LETTER SHARP S", 0x00DF},
    {"LATIN SMALL LETTER N WITH TILDE", 0x00F1},
    {"LATIN SMALL LETTER C WITH CEDILLA", 0x00E7},
    {"SUPERSCRIPT TWO", 0x00B2},
    {"SUPERSCRIPT THREE", 0x00B3},
    {"VULGAR FRACTION ONE HALF", 0x00BD},
    {"VULGAR FRACTION ONE QUARTER", 0x00BC},
    {"INVERTED QUESTION MARK", 0x00BF},
    {"INVERTED EXCLAMATION MARK", 0x00A1},
    {"DAGGER", 0x2020},
    {"PER MILLE SIGN", 0x2030},
};

static const char *const greek_letters[] = {
    "ALPHA", "BETA",  "GAMMA", "DELTA",   "EPSILON", "ZETA", "ETA",     "THETA",
    "IOTA",  "KAPPA", "LAMDA", "MU",      "NU",      "XI",   "OMICRON", "PI",
    "RHO",   "SIGMA", "TAU",   "UPSILON", "PHI",     "CHI",  "PSI",     "OMEGA",
};
static const char *const digit_names[] = {"ZERO", "ONE", "TWO",   "THREE", "FOUR",
                                          "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};

/* The code point named [s, s+n) (case-insensitive, as unicodedata.lookup), or -1. */
static long lookup_char_name(const char *s, size_t n) {
    char up[64];
    if (n == 0 || n >= sizeof up)
        return -1;
    for (size_t i = 0; i < n; i++)
        up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    up[n] = '\0';
    for (size_t i = 0; i < sizeof char_names / sizeof char_names[0]; i++) {
        if (strcmp(up, char_names[i].name) == 0)
            return (long)char_names[i].cp;
    }
    for (int cap = 0; cap < 2; cap++) {
        const char *latin = cap ? "LATIN CAPITAL LETTER " : "LATIN SMALL LETTER ";
        size_t ll = strlen(latin);
        if (n == ll + 1 && strncmp(up, latin, ll) == 0 && up[ll] >= 'A' && up[ll] <= 'Z')
            return cap ? up[ll] : up[ll] + 32;
        const char *greek = cap ? "GREEK CAPITAL LETTER " : "GREEK SMALL LETTER ";
        size_t gl = strlen(greek);
        if (n > gl && strncmp(up, greek, gl) == 0) {
            for (int k = 0; k < 24; k++) {
                if (strcmp(up + gl, greek_letters[k]) == 0)
                    /* U+03A2 is unassigned: capitals after RHO skip it */
                    return (cap ? 0x391 : 0x3B1) + k + (k >= 17 ? 1 : 0);
            }
        }
    }
    if (strncmp(up, "DIGIT ", 6) == 0) {
        for (int k = 0; k < 10; k++) {
            if (strcmp(up + 6, digit_names[k]) == 0)
                return '0' + k;
        }
    }
    return -1;
}

static bool hex_escape(AdLexBuf *out, const char *s, size_t n, size_t *i, int digits, bool bytes,
                       char *msg, size_t msgsize, size_t esc_start) {
    uint32_t v = 0;
    for (int k = 0; k < digits; k++) {
        if (*i >= n || !is_xdigit(s[*i])) {
            const char *what = digits == 2   ? "truncated \\xXX escape"
                               : digits == 4 ? "truncated \\uXXXX escape"
                                             : "truncated \\UXXXXXXXX escape";
            if (bytes)
                snprintf(msg, msgsize, "(value error) invalid \\x escape at position %zu",
                         esc_start);
            else
                snprintf(msg, msgsize,
                         "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                         "%zu-%zu: %s",
                         esc_start, *i - 1 > esc_start ? *i - 1 : esc_start + 1, what);
            return false;
        }
        v = v * 16 + (uint32_t)digit_value(s[*i]);
        (*i)++;
    }
    if (bytes) {
        ad_lexbuf_putc(out, (int)v);
        return true;
    }
    if (v > 0x10FFFF) {
        snprintf(msg, msgsize,
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                 "%zu-%zu: illegal Unicode character",
                 esc_start, *i - 1);
        return false;
    }
    put_utf8(out, v);
    return true;
}

bool ad_lex_decode(AdLexBuf *out, const char *s, size_t n, bool raw, bool bytes, char *msg,
                   size_t msgsize) {
    if (raw) {
        ad_lexbuf_put(out, s, n);
        return true;
    }
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && s[run] != '\\')
            run++;
        ad_lexbuf_put(out, s + i, run - i);
        i = run;
        if (i >= n)
            break;
        size_t esc = i++;
        if (i >= n) {
            ad_lexbuf_putc(out, '\\');
            break;
        }
        char c = s[i++];
        switch (c) {
        case '\n':
            break;
        case '\\':
            ad_lexbuf_putc(out, '\\');
            break;
        case '\'':
            ad_lexbuf_putc(out, '\'');
            break;
        case '"':
            ad_lexbuf_putc(out, '"');
            break;
        case 'a':
            ad_lexbuf_putc(out, '\a');
            break;
        case 'b':
            ad_lexbuf_putc(out, '\b');
            break;
        case 'f':
            ad_lexbuf_putc(out, '\f');
            break;
        case 'n':
            ad_lexbuf_putc(out, '\n');
            break;
        case 'r':
            ad_lexbuf_putc(out, '\r');
            break;
        case 't':
            ad_lexbuf_putc(out, '\t');
            break;
        case 'v':
            ad_lexbuf_putc(out, '\v');
            break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            uint32_t v = (uint32_t)(c - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + (uint32_t)(s[i++] - '0');
            if (bytes)
                ad_lexbuf_putc(out, (int)(v & 0xFF));
            else
                put_utf8(out, v);
            break;
        }
        case 'x':
            if (!hex_escape(out, s, n, &i, 2, bytes, msg, msgsize, esc))
                return false;
            break;
        case 'u':
        case 'U':
            if (bytes) {
                ad_lexbuf_putc(out, '\\');
                ad_lexbuf_putc(out, c);
            } else if (!hex_escape(out, s, n, &i, c == 'u' ? 4 : 8, false, msg, msgsize, esc)) {
                return false;
            }
            break;
        case 'N': {
            if (bytes) {
                ad_lexbuf_putc(out, '\\');
                ad_lexbuf_putc(out, 'N');
                break;
            }
            const char *close = i < n && s[i] == '{' ? memchr(s + i, '}', n - i) : NULL;
            long cp = close ? lookup_char_name(s + i + 1, (size_t)(close - s - i - 1)) : -1;
            if (cp < 0) {
                size_t last = close ? (size_t)(close - s) : (i < n ? i : n - 1);
                snprintf(msg, msgsize,
                         "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                         "%zu-%zu: %s",
                         esc, last,
                         close ? "unknown Unicode character name (Adder knows only common "
                                 "\\N{...} names: write the character or use \\u)"
                               : "malformed \\N character escape");
                return false;
            }
            put_utf8(out, (uint32_t)cp);
            i = (size_t)(close - s) + 1;
            break;
        }
        default:
            /* unknown escapes stay as written (CPython warns, then keeps them) */
            ad_lexbuf_putc(out, '\\');
            i--;
            break;
        }
    }
    return true;
}
