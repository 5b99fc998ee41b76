/*
 * test_lexer.c - unit tests of src/lexer.c: token streams, indentation, source preparation
 * (BOM, CRLF, NBSP, uniform indent), number and string decoding, and the lexical errors
 * with CPython 3.11's wording and caret positions. Needs nothing but the lexer and ast.c.
 *
 * Build: gcc -std=c11 -D_GNU_SOURCE -Isrc tests/unit/test_lexer.c src/lexer.c src/ast.c
 *        -lcmocka -o /tmp/test_lexer
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

/* The token stream of src as one string: NAME(x) OP(=) NUMBER(1) NEWLINE ... ENDMARKER, or
 * "ERROR msg @line:col" at the first error. */
static char *tokens_n(const char *src, size_t len) {
    static char out[4096]; /* test-only scratch */
    AdLexSource s;
    AdSyntaxError err;
    out[0] = '\0';
    if (!ad_lex_prepare(&s, src, len, "<test>", &err)) {
        snprintf(out, sizeof out, "PREP %s", err.msg);
        return out;
    }
    AdLexer *lx = malloc(sizeof *lx);
    ad_lex_init(lx, &s);
    size_t n = 0;
    for (;;) {
        AdToken t;
        AdTokType ty = ad_lex_next(lx, &t);
        const char *sep = n ? " " : "";
        if (n > sizeof out - 300) /* long streams: keep the tail */
            n = (size_t)snprintf(out, sizeof out, "...");
        if (ty == AD_TOK_ERROR) {
            n += (size_t)snprintf(out + n, sizeof out - n, "%sERROR %s @%d:%d", sep, lx->err.msg,
                                  lx->err.lineno, lx->err.col_offset);
            break;
        }
        if (ty == AD_TOK_NAME || ty == AD_TOK_NUMBER || ty == AD_TOK_STRING)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s(%.*s)", sep, ad_lex_token_name(ty),
                                  t.len, t.start);
        else
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", sep, ad_lex_token_name(ty));
        if (ty == AD_TOK_ENDMARKER)
            break;
    }
    free(lx);
    ad_lex_source_free(&s);
    return out;
}

static char *tokens(const char *src) {
    return tokens_n(src, strlen(src));
}

/* Positions of the tokens of src: "line:col-endline:endcol" each. */
static char *positions(const char *src) {
    static char out[4096];
    AdLexSource s;
    AdSyntaxError err;
    assert_true(ad_lex_prepare(&s, src, strlen(src), "<test>", &err));
    AdLexer *lx = malloc(sizeof *lx);
    ad_lex_init(lx, &s);
    size_t n = 0;
    out[0] = '\0';
    for (;;) {
        AdToken t;
        AdTokType ty = ad_lex_next(lx, &t);
        if (ty == AD_TOK_ENDMARKER || ty == AD_TOK_ERROR)
            break;
        if (ty == AD_TOK_NEWLINE || ty == AD_TOK_INDENT || ty == AD_TOK_DEDENT)
            continue;
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%d:%d-%d:%d", n ? " " : "", t.lineno,
                              t.col, t.end_lineno, t.end_col);
    }
    free(lx);
    ad_lex_source_free(&s);
    return out;
}

static void test_simple(void **state) {
    (void)state;
    assert_string_equal(tokens("x = 1\n"), "NAME(x) = NUMBER(1) NEWLINE ENDMARKER");
    assert_string_equal(tokens("x=1"), "NAME(x) = NUMBER(1) NEWLINE ENDMARKER");
    assert_string_equal(tokens("a**=b//c->d...e:=f!=g"),
                        "NAME(a) **= NAME(b) // NAME(c) -> NAME(d) ... NAME(e) := NAME(f) != "
                        "NAME(g) NEWLINE ENDMARKER");
    assert_string_equal(tokens("if not x is None: pass"),
                        "if not NAME(x) is None : pass NEWLINE ENDMARKER");
    assert_string_equal(tokens("match _ case"), "NAME(match) NAME(_) NAME(case) NEWLINE ENDMARKER");
    assert_string_equal(tokens(""), "ENDMARKER");
    assert_string_equal(tokens("\n\n  \n# only a comment\n"), "ENDMARKER");
}

static void test_indentation(void **state) {
    (void)state;
    assert_string_equal(tokens("if x:\n    y\n    z\nw\n"),
                        "if NAME(x) : NEWLINE INDENT NAME(y) NEWLINE NAME(z) NEWLINE DEDENT "
                        "NAME(w) NEWLINE ENDMARKER");
    assert_string_equal(tokens("if a:\n  if b:\n    c\n"),
                        "if NAME(a) : NEWLINE INDENT if NAME(b) : NEWLINE INDENT NAME(c) "
                        "NEWLINE DEDENT DEDENT ENDMARKER");
    /* blank lines and comments at any indentation do not count */
    assert_string_equal(tokens("if a:\n    b\n\n  # c\n        \n    d\n"),
                        "if NAME(a) : NEWLINE INDENT NAME(b) NEWLINE NAME(d) NEWLINE DEDENT "
                        "ENDMARKER");
    /* a tab goes to the next multiple of 8, consistently */
    assert_string_equal(tokens("if a:\n\tb\n        c\n"),
                        "if NAME(a) : NEWLINE INDENT NAME(b) NEWLINE ERROR inconsistent use of "
                        "tabs and spaces in indentation @3:0");
    assert_string_equal(tokens("if a:\n\tb\n\tc\n"),
                        "if NAME(a) : NEWLINE INDENT NAME(b) NEWLINE NAME(c) NEWLINE DEDENT "
                        "ENDMARKER");
    assert_string_equal(tokens("if a:\n    b\n  c\n"),
                        "if NAME(a) : NEWLINE INDENT NAME(b) NEWLINE ERROR unindent does not "
                        "match any outer indentation level @3:3");
    /* inside brackets, newlines and indentation are ignored */
    assert_string_equal(tokens("x = (1,\n        2)\ny\n"),
                        "NAME(x) = ( NUMBER(1) , NUMBER(2) ) NEWLINE NAME(y) NEWLINE ENDMARKER");
    assert_string_equal(tokens("x = 1 + \\\n  2\n"),
                        "NAME(x) = NUMBER(1) + NUMBER(2) NEWLINE ENDMARKER");
}

static void test_indent_limit(void **state) {
    (void)state;
    char *src = malloc(200 * 110); /* 101 nested ifs */
    size_t n = 0;
    for (int i = 0; i < 101; i++) {
        memset(src + n, ' ', (size_t)i);
        n += (size_t)i;
        memcpy(src + n, "if x:\n", 6);
        n += 6;
    }
    memset(src + n, ' ', 101);
    n += 101;
    memcpy(src + n, "pass\n", 6);
    const char *t = tokens(src);
    assert_non_null(strstr(t, "ERROR too many levels of indentation @101:0"));
    free(src);
}

static void test_nbsp_and_prefix(void **state) {
    (void)state;
    /* NBSP (C2 A0) is a space outside strings, also in indentation and after keywords */
    assert_string_equal(tokens("def\xc2\xa0"
                               "f():\n\xc2\xa0\xc2\xa0return\xc2\xa0\"\xc2\xa0\"\n"),
                        "def NAME(f) ( ) : NEWLINE INDENT return STRING(\"\xc2\xa0\") NEWLINE "
                        "DEDENT ENDMARKER");
    /* a uniformly indented snippet is dedented, columns stay those of the source */
    assert_string_equal(tokens("    x = 1\n    if x:\n        y\n"),
                        "NAME(x) = NUMBER(1) NEWLINE if NAME(x) : NEWLINE INDENT NAME(y) NEWLINE "
                        "DEDENT ENDMARKER");
    assert_string_equal(positions("    x = 1\n    y\n"), "1:4-1:5 1:6-1:7 1:8-1:9 2:4-2:5");
    /* NBSP in the shared prefix counts as a space; comment-only lines do not decide the
     * shared prefix, so a heading comment at the margin still lets the snippet run */
    assert_string_equal(tokens("\xc2\xa0 a\n  # c\n  b\n"),
                        "NAME(a) NEWLINE NAME(b) NEWLINE ENDMARKER");
    assert_string_equal(tokens("  a\n# c\n  b\n"), "NAME(a) NEWLINE NAME(b) NEWLINE ENDMARKER");
    /* no shared prefix: indentation is an error as usual */
    assert_string_equal(tokens("  a\nb\n"), "INDENT NAME(a) NEWLINE DEDENT NAME(b) NEWLINE "
                                            "ENDMARKER");
    /* BOM, CRLF, missing final newline */
    assert_string_equal(tokens("\xef\xbb\xbfx\r\ny\rz"),
                        "NAME(x) NEWLINE NAME(y) NEWLINE NAME(z) NEWLINE ENDMARKER");
    assert_string_equal(tokens_n("a\0b", 3), "PREP source code cannot contain null bytes");
    assert_non_null(strstr(tokens("x = '\xff'"), "PREP Non-UTF-8 code starting with '\\xff'"));
}

static void test_numbers_tokens(void **state) {
    (void)state;
    assert_string_equal(tokens("1_000 0x_fF 0o17 0b1 1.5e-3 .5 5. 1j 1E5J 0 00 0.0"),
                        "NUMBER(1_000) NUMBER(0x_fF) NUMBER(0o17) NUMBER(0b1) NUMBER(1.5e-3) "
                        "NUMBER(.5) NUMBER(5.) NUMBER(1j) NUMBER(1E5J) NUMBER(0) NUMBER(00) "
                        "NUMBER(0.0) NEWLINE ENDMARKER");
    /* numbers directly followed by a keyword are accepted (CPython only warns) */
    assert_string_equal(tokens("1if x else 2"),
                        "NUMBER(1) if NAME(x) else NUMBER(2) NEWLINE ENDMARKER");
    assert_string_equal(tokens("x = 1a"), "NAME(x) = ERROR invalid decimal literal @1:4");
    assert_string_equal(tokens("x = 1_"), "NAME(x) = ERROR invalid decimal literal @1:5");
    assert_string_equal(tokens("x = 1__0"), "NAME(x) = ERROR invalid decimal literal @1:5");
    assert_string_equal(tokens("x = 0x"), "NAME(x) = ERROR invalid hexadecimal literal @1:5");
    assert_string_equal(tokens("x = 0b12"),
                        "NAME(x) = ERROR invalid digit '2' in binary literal @1:7");
    assert_string_equal(tokens("x = 0o8"),
                        "NAME(x) = ERROR invalid digit '8' in octal literal @1:6");
    assert_string_equal(tokens("x = 1.5e"), "NAME(x) = ERROR invalid decimal literal @1:6");
    assert_string_equal(tokens("x = 5j3"), "NAME(x) = ERROR invalid imaginary literal @1:5");
    assert_string_equal(tokens("x = 0777"),
                        "NAME(x) = ERROR leading zeros in decimal integer literals are not "
                        "permitted; use an 0o prefix for octal integers @1:4");
}

static AdConst number(const char *s, AdArena *a) {
    AdConst c;
    assert_true(ad_lex_number(s, (int)strlen(s), a, &c));
    return c;
}

static void test_number_values(void **state) {
    (void)state;
    AdArena a;
    ad_arena_init(&a);
    AdConst c = number("1_000", &a);
    assert_int_equal(c.kind, AD_CONST_INT);
    assert_int_equal(c.ival, 1000);
    assert_int_equal(number("0xff", &a).ival, 255);
    assert_int_equal(number("0o17", &a).ival, 15);
    assert_int_equal(number("0B101", &a).ival, 5);
    assert_int_equal(number("9223372036854775807", &a).ival, INT64_MAX);
    c = number("9223372036854775808", &a);
    assert_string_equal(c.big, "9223372036854775808");
    assert_int_equal(c.base, 10);
    c = number("0x_1_0000_0000_0000_0000", &a);
    assert_string_equal(c.big, "10000000000000000");
    assert_int_equal(c.base, 16);
    c = number("1.5e3", &a);
    assert_int_equal(c.kind, AD_CONST_FLOAT);
    assert_true(c.fval == 1500.0);
    c = number("1_0.2_5", &a);
    assert_true(c.fval == 10.25);
    c = number("2.5j", &a);
    assert_int_equal(c.kind, AD_CONST_IMAG);
    assert_true(c.fval == 2.5);
    c = number("1e400", &a);
    assert_true(c.fval > 1e308);
    ad_arena_free(&a);
}

static void test_strings_tokens(void **state) {
    (void)state;
    assert_string_equal(tokens("'a' \"b\" '''c\nd''' rb'\\x' F'{x}' Rb\"\" u'u'"),
                        "STRING('a') STRING(\"b\") STRING('''c\nd''') STRING(rb'\\x') "
                        "STRING(F'{x}') STRING(Rb\"\") STRING(u'u') NEWLINE ENDMARKER");
    assert_string_equal(tokens("'it\\'s' 'a\\\nb'"),
                        "STRING('it\\'s') STRING('a\\\nb') NEWLINE ENDMARKER");
    assert_string_equal(positions("x = '''a\nbc''' + 1"),
                        "1:0-1:1 1:2-1:3 1:4-2:5 2:6-2:7 2:8-2:9");
    /* ur is no prefix: u then a raw string... CPython reads NAME(ur) then STRING */
    assert_string_equal(tokens("ur'x'"), "NAME(ur) STRING('x') NEWLINE ENDMARKER");
    assert_string_equal(tokens("s = \"abc"),
                        "NAME(s) = ERROR unterminated string literal (detected at line 1) @1:4");
    assert_string_equal(tokens("s = '''abc\n\ndef"),
                        "NAME(s) = ERROR unterminated triple-quoted string literal (detected at "
                        "line 3) @1:4");
}

static char *decode(const char *s, bool raw, bool bytes) {
    static char out[256];
    AdLexBuf b = {0};
    char msg[200];
    if (!ad_lex_decode(&b, s, strlen(s), raw, bytes, msg, sizeof msg))
        snprintf(out, sizeof out, "ERR %s", msg);
    else
        snprintf(out, sizeof out, "%.*s", (int)b.len, b.data ? b.data : "");
    ad_lexbuf_free(&b);
    return out;
}

static void test_escapes(void **state) {
    (void)state;
    assert_string_equal(decode("a\\tb\\n\\\\\\'\\\"", false, false), "a\tb\n\\'\"");
    assert_string_equal(decode("\\a\\b\\f\\v\\r", false, false), "\a\b\f\v\r");
    assert_string_equal(decode("\\101\\60\\x41\\u00e9\\U0001F600", false, false),
                        "A0A\xc3\xa9\xf0\x9f\x98\x80");
    assert_string_equal(decode("\\q\\d", false, false), "\\q\\d");
    assert_string_equal(decode("a\\\nb", false, false), "ab");
    assert_string_equal(decode("\\n\\x41", true, false), "\\n\\x41");
    assert_string_equal(decode("\\u0041\\x41\\101", false, true), "\\u0041AA");
    assert_string_equal(decode("\\x4", false, false),
                        "ERR (unicode error) 'unicodeescape' codec can't decode bytes in "
                        "position 0-2: truncated \\xXX escape");
    assert_string_equal(decode("\\U00110000", false, false),
                        "ERR (unicode error) 'unicodeescape' codec can't decode bytes in "
                        "position 0-9: illegal Unicode character");
    assert_string_equal(
        decode("\\N{BULLET}\\N{greek small letter pi}\\N{DIGIT SEVEN}", false, false),
        "\xe2\x80\xa2\xcf\x80"
        "7");
    assert_non_null(strstr(decode("\\N{NO SUCH NAME}", false, false),
                           "ERR (unicode error) 'unicodeescape' codec can't decode bytes in "
                           "position 0-15: unknown Unicode character name"));
}

static void test_brackets_and_chars(void **state) {
    (void)state;
    assert_string_equal(tokens("x = 1)"), "NAME(x) = NUMBER(1) ERROR unmatched ')' @1:5");
    assert_string_equal(tokens("x = [1)"),
                        "NAME(x) = [ NUMBER(1) ERROR closing parenthesis ')' does not match "
                        "opening parenthesis '[' @1:6");
    assert_string_equal(tokens("x = (1\n]"),
                        "NAME(x) = ( NUMBER(1) ERROR closing parenthesis ']' does not match "
                        "opening parenthesis '(' on line 1 @2:0");
    assert_string_equal(tokens("x = (1 +"),
                        "NAME(x) = ( NUMBER(1) + ERROR '(' was never closed @1:4");
    assert_string_equal(tokens("x = \\ 1"),
                        "NAME(x) = ERROR unexpected character after line continuation character "
                        "@1:5");
    assert_string_equal(tokens("x = 1 \\"),
                        "NAME(x) = NUMBER(1) ERROR unexpected EOF while parsing @1:7");
    assert_string_equal(tokens("x = \xe2\x82\xac"),
                        "NAME(x) = ERROR invalid character '\xe2\x82\xac' (U+20AC) @1:4");
    assert_string_equal(tokens("x = \x01"),
                        "NAME(x) = ERROR invalid non-printable character U+0001 @1:4");
    assert_string_equal(tokens("caf\xc3\xa9 = 1"),
                        "NAME(caf\xc3\xa9) = NUMBER(1) NEWLINE ENDMARKER");
    assert_string_equal(tokens("$ ? `"), "ERRORTOKEN ERRORTOKEN ERRORTOKEN NEWLINE ENDMARKER");
    char deep[300];
    memset(deep, '(', 201);
    deep[201] = '\0';
    assert_non_null(strstr(tokens(deep), "ERROR too many nested parentheses @1:200"));
}

static void test_positions(void **state) {
    (void)state;
    assert_string_equal(positions("if x:\n    foo(a, 'b')\n"),
                        "1:0-1:2 1:3-1:4 1:4-1:5 2:4-2:7 2:7-2:8 2:8-2:9 2:9-2:10 2:11-2:14 "
                        "2:14-2:15");
    /* byte columns: a 2-byte character counts 2 */
    assert_string_equal(positions("\xc3\xa9 = 1"), "1:0-1:2 1:3-1:4 1:5-1:6");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_indentation),
        cmocka_unit_test(test_indent_limit),
        cmocka_unit_test(test_nbsp_and_prefix),
        cmocka_unit_test(test_numbers_tokens),
        cmocka_unit_test(test_number_values),
        cmocka_unit_test(test_strings_tokens),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_brackets_and_chars),
        cmocka_unit_test(test_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
