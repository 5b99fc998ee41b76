/*
 * parser_string.c - number and string literals: implicit concatenation of adjacent
 * literals, escape decoding, and f-strings as CPython 3.11 parses them (Parser/string_parser.c:
 * the whole f-string is one token; its replacement fields are cut out by scanning and each
 * expression is parsed by a sub-parser over the same buffer, so its nodes get their real
 * positions). The Constant and FormattedValue parts of a JoinedStr carry the position of
 * the whole group of literals, as in CPython 3.11.
 *
 * Invariant: decoded text is built in a malloc'd AdLexBuf and copied into the arena once
 * complete; nothing here outlives the parse except arena nodes.
 */
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

AdExpr *ad_parse_number(AdParser *p) {
    AdToken *t = ad_parse_peek(p, 0);
    p->pos++;
    AdPos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_CONSTANT, pos);
    if (e && !ad_lex_number(t->start, t->len, p->arena, &e->u.constant))
        return ad_parse_oom(p);
    return e;
}

/* The parts of one JoinedStr being built: finished nodes, and literal text still pending. */
typedef struct {
    AdParser *p;
    AdPVec parts;
    AdLexBuf lit;
    AdPos pos; /* of the whole group of literals: where the parts are placed */
} FStr;

static bool decode_into(FStr *b, const char *s, size_t n, bool raw) {
    char msg[200];
    if (!ad_lex_decode(&b->lit, s, n, raw, false, msg, sizeof msg)) {
        ad_parse_error_last(b->p, "%s", msg);
        return false;
    }
    return true;
}

static AdExpr *str_node(AdParser *p, const char *s, size_t n, AdPos pos, bool bytes) {
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_CONSTANT, pos);
    if (!e)
        return NULL;
    char *copy = ad_arena_strndup(p->arena, s ? s : "", n);
    if (!copy)
        return ad_parse_oom(p);
    e->u.constant.kind = bytes ? AD_CONST_BYTES : AD_CONST_STR;
    e->u.constant.str = copy;
    e->u.constant.len = n;
    return e;
}

/* Turn pending literal text into a Constant part (empty text makes none). CPython places
 * it at the whole group of literals when a replacement field follows, and at `at` when it
 * ends the f-string (lit_pos: the group, or a format spec's own token). */
static bool flush_literal(FStr *b, AdPos at) {
    if (b->lit.oom)
        return ad_parse_oom(b->p) != NULL;
    if (b->lit.len == 0)
        return true;
    AdExpr *c = str_node(b->p, b->lit.data, b->lit.len, at, false);
    b->lit.len = 0;
    return c && ad_parse_push(b->p, &b->parts, c);
}

/* Where pointer q (inside string token t) is: its line and the start of that line. */
static void locate(AdParser *p, const AdToken *t, const char *q, int *line, const char **ls) {
    int l = t->lineno;
    int shift = (p->lx->shift && l <= p->lx->nshift) ? p->lx->shift[l] : 0;
    const char *start = t->start - (t->col - shift);
    for (const char *c = t->start; c < q; c++) {
        if (*c == '\n') {
            l++;
            start = c + 1;
        }
    }
    *line = l;
    *ls = start;
}

/* fstring_compile_expr: parse the replacement field text [s, e) as an expression. */
static AdExpr *field_expression(FStr *b, const AdToken *t, const char *s, const char *e) {
    AdParser *p = b->p;
    const char *q = s;
    while (q < e && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f'))
        q++;
    if (q == e)
        return ad_parse_error_last(p, "f-string: empty expression not allowed");
    int line;
    const char *ls;
    locate(p, t, s, &line, &ls);
    AdLexer *lx = malloc(sizeof *lx);
    if (!lx)
        return ad_parse_oom(p);
    ad_lex_init_expr(lx, s, e, line, ls, p->lx->shift, p->lx->nshift);
    AdSyntaxError err;
    AdParser sub;
    memset(&sub, 0, sizeof sub);
    sub.arena = p->arena;
    sub.lx = lx;
    sub.err = &err;
    sub.depth = p->depth;
    sub.mode = p->mode;
    sub.in_fstring = true;
    sub.memo_pos = -1;
    AdExpr *x = ad_parse_is(&sub, AD_TOK_YIELD) ? ad_parse_yield_expr(&sub)
                                                : ad_parse_star_expressions(&sub);
    if (x && !ad_parse_is(&sub, AD_TOK_ENDMARKER))
        x = ad_parse_fail(&sub);
    ad_parse_free_tokens(&sub);
    free(lx);
    if (!x && !p->error) {
        *p->err = err;
        if (strncmp(err.msg, "f-string", 8) != 0) {
            size_t room = sizeof err.msg - 11;
            snprintf(p->err->msg, sizeof p->err->msg, "f-string: %.*s", (int)room, err.msg);
        }
        p->error = true;
        p->lex_error = sub.lex_error;
    }
    return x;
}

static bool fstring_parse(FStr *b, const AdToken *t, const char **sp, const char *end, bool raw,
                          int level);

/* fstring_find_expr: the replacement field at *sp ('{'), through its '}'. */
static bool fstring_field(FStr *b, const AdToken *t, const char **sp, const char *end, bool raw,
                          int level) {
    AdParser *p = b->p;
    const char *s = *sp;
    if (level >= 2) {
        ad_parse_error_last(p, "f-string: expressions nested too deeply");
        return false;
    }
    const char *expr_start = ++s;
    char quote = 0, parens[AD_LEX_MAX_LEVEL];
    int string_type = 0, depth = 0;
    while (s < end) {
        char ch = *s;
        if (ch == '\\') {
            ad_parse_error_last(p, "f-string expression part cannot include a backslash");
            return false;
        }
        if (quote) {
            if (ch == quote) {
                if (string_type == 3) {
                    if (s + 2 < end && s[1] == ch && s[2] == ch) {
                        s += 3;
                        quote = 0;
                        continue;
                    }
                } else {
                    s++;
                    quote = 0;
                    continue;
                }
            }
            s++;
            continue;
        }
        if (ch == '\'' || ch == '"') {
            if (s + 2 < end && s[1] == ch && s[2] == ch) {
                string_type = 3;
                s += 2;
            } else {
                string_type = 1;
            }
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= AD_LEX_MAX_LEVEL) {
                ad_parse_error_last(p, "f-string: too many nested parenthesis");
                return false;
            }
            parens[depth++] = ch;
        } else if (ch == '#') {
            ad_parse_error_last(p, "f-string expression part cannot include '#'");
            return false;
        } else if (depth == 0 && strchr("!:}=<>", ch)) {
            if (s + 1 < end && s[1] == '=' && ch != ':' && ch != '}') {
                s += 2; /* != == <= >= */
                continue;
            }
            if (ch == '>' || ch == '<') {
                s++;
                continue;
            }
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (!depth) {
                ad_parse_error_last(p, "f-string: unmatched '%c'", ch);
                return false;
            }
            char open = parens[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') ||
                  (open == '{' && ch == '}'))) {
                ad_parse_error_last(p,
                                    "f-string: closing parenthesis '%c' does not match opening "
                                    "parenthesis '%c'",
                                    ch, open);
                return false;
            }
        }
        s++;
    }
    const char *expr_end = s;
    if (quote) {
        ad_parse_error_last(p, "f-string: unterminated string");
        return false;
    }
    if (depth) {
        ad_parse_error_last(p, "f-string: unmatched '%c'", parens[depth - 1]);
        return false;
    }
    if (s >= end)
        goto expecting_brace;
    AdExpr *value = field_expression(b, t, expr_start, expr_end);
    if (!value)
        return false;
    const char *debug_end = NULL;
    if (*s == '=') {
        s++;
        while (s < end && strchr(" \t\n\r\f\v", *s))
            s++;
        if (s >= end)
            goto expecting_brace;
        debug_end = s;
    }
    int conversion = -1;
    if (*s == '!') {
        if (++s >= end)
            goto expecting_brace;
        conversion = (unsigned char)*s++;
        if (conversion != 's' && conversion != 'r' && conversion != 'a') {
            ad_parse_error_last(p, "f-string: invalid conversion character: expected 's', 'r', "
                                   "or 'a'");
            return false;
        }
    }
    AdExpr *spec = NULL;
    if (s < end && *s == ':') {
        if (++s >= end)
            goto expecting_brace;
        AdPos tpos = {t->lineno, t->col, t->end_lineno, t->end_col};
        FStr sb = {p, {0}, {0}, b->pos};
        bool ok = fstring_parse(&sb, t, &s, end, raw, level + 1) && flush_literal(&sb, tpos);
        ad_lexbuf_free(&sb.lit);
        if (!ok)
            return false;
        if (!(spec = ad_parse_expr_node(p, AD_EXPR_JOINEDSTR, tpos)))
            return false;
        spec->u.joinedstr.values = AD_PLIST(AdExprList, sb.parts);
    }
    if (s >= end || *s != '}')
        goto expecting_brace;
    s++;
    if (debug_end) {
        ad_lexbuf_put(&b->lit, expr_start, (size_t)(debug_end - expr_start));
        if (!spec && conversion == -1)
            conversion = 'r';
    }
    if (!flush_literal(b, b->pos))
        return false;
    AdExpr *fv = ad_parse_expr_node(p, AD_EXPR_FORMATTEDVALUE, b->pos);
    if (!fv || !ad_parse_push(p, &b->parts, fv))
        return false;
    fv->u.formattedvalue.value = value;
    fv->u.formattedvalue.conversion = conversion;
    fv->u.formattedvalue.format_spec = spec;
    *sp = s;
    return true;
expecting_brace:
    ad_parse_error_last(p, "f-string: expecting '}'");
    return false;
}

/* fstring_find_literal_and_expr, in a loop: literal text (with {{ }} undoubled at the top
 * level) and replacement fields. In a format spec (level > 0) it stops at the '}' that
 * closes the field, leaving *sp on it. */
static bool fstring_parse(FStr *b, const AdToken *t, const char **sp, const char *end, bool raw,
                          int level) {
    const char *s = *sp;
    while (s < end) {
        const char *lit = s;
        while (s < end) {
            char ch = *s++;
            if (!raw && ch == '\\' && s < end) {
                ch = *s++;
                if (ch == 'N') {
                    /* \N{...}: its braces are no replacement field */
                    if (s < end && *s++ == '{')
                        while (s < end && *s++ != '}')
                            ;
                    continue;
                }
            }
            if (ch == '{' || ch == '}') {
                if (level == 0) {
                    if (s < end && *s == ch) {
                        if (!decode_into(b, lit, (size_t)(s - 1 - lit), raw))
                            return false;
                        ad_lexbuf_putc(&b->lit, ch);
                        lit = ++s;
                        continue;
                    }
                    if (ch == '}') {
                        ad_parse_error_last(b->p, "f-string: single '}' is not allowed");
                        return false;
                    }
                }
                s--;
                break;
            }
        }
        if (!decode_into(b, lit, (size_t)(s - lit), raw))
            return false;
        if (s >= end || *s == '}')
            break;
        if (!fstring_field(b, t, &s, end, raw, level))
            return false;
    }
    *sp = s;
    return true;
}

static bool has_non_ascii(const char *s, int n) {
    for (int i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return true;
    }
    return false;
}

/* strings: (fstring | string)+ -- adjacent literals concatenated: all bytes, or str and
 * f-strings (a JoinedStr as soon as one is an f-string). */
AdExpr *ad_parse_strings(AdParser *p) {
    int start = p->pos, n = 0, nbytes = 0;
    bool any_f = false;
    while (ad_parse_peek(p, n)->type == AD_TOK_STRING) {
        AdStrTok st;
        ad_lex_split_string(ad_parse_peek(p, n), &st);
        nbytes += st.bytes;
        any_f |= st.fstr;
        n++;
    }
    p->pos = start + n;
    ad_parse_peek(p, 0); /* CPython has read the token after the literals */
    if (nbytes && nbytes != n)
        return ad_parse_error_last(p, "cannot mix bytes and nonbytes literals");
    FStr b = {p, {0}, {0}, ad_parse_span(p, start)};
    bool ok = true;
    for (int i = 0; ok && i < n; i++) {
        AdToken *t = ad_parse_tok(p, start + i);
        AdStrTok st;
        ad_lex_split_string(t, &st);
        if (st.bytes) {
            char msg[200];
            if (has_non_ascii(st.body, st.body_len)) {
                ad_parse_error_tok(p, t, "bytes can only contain ASCII literal characters");
                ok = false;
            } else if (!ad_lex_decode(&b.lit, st.body, (size_t)st.body_len, st.raw, true, msg,
                                      sizeof msg)) {
                ad_parse_error_last(p, "%s", msg);
                ok = false;
            }
        } else if (st.fstr) {
            const char *s = st.body;
            ok = fstring_parse(&b, t, &s, st.body + st.body_len, st.raw, 0);
        } else {
            ok = decode_into(&b, st.body, (size_t)st.body_len, st.raw);
        }
    }
    AdExpr *e = NULL;
    if (ok && b.lit.oom) {
        ad_parse_oom(p);
    } else if (ok && !any_f) {
        e = str_node(p, b.lit.data, b.lit.len, b.pos, nbytes > 0);
    } else if (ok && flush_literal(&b, b.pos)) {
        e = ad_parse_expr_node(p, AD_EXPR_JOINEDSTR, b.pos);
        if (e)
            e->u.joinedstr.values = AD_PLIST(AdExprList, b.parts);
    }
    ad_lexbuf_free(&b.lit);
    return e;
}
