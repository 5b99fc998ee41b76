/*
 * parser.c - the front end's entry point (ad_parse) and the machinery every grammar file
 * shares: the lazily filled token buffer, syntax errors placed as CPython 3.11 places them,
 * node allocation, and assignment targets (validation, context, CPython's messages).
 *
 * The parser is hand-written recursive descent over grammar/python.gram; each function
 * cites its rule. Tokens are read on demand, so a lexical error surfaces when the parser
 * first needs that token, as in CPython; after a parser error the rest of the source is
 * still tokenised, and a lexical error found there takes precedence (CPython's
 * _PyPegen_tokenize_full_source_to_check_for_errors). Everything the tree holds lives in
 * one arena, freed whole on error.
 */
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens --------------------------------------------------------------------------- */

static bool grow_chunks(AdParser *p) {
    AdToken **chunks = realloc(p->chunks, sizeof *chunks * (size_t)(p->nchunks + 1));
    if (!chunks)
        return false;
    p->chunks = chunks;
    chunks[p->nchunks] = malloc(sizeof(AdToken) * AD_PARSE_TOK_CHUNK);
    if (!chunks[p->nchunks])
        return false;
    p->nchunks++;
    return true;
}

static void set_lex_error(AdParser *p) {
    if (p->lex_error)
        return;
    *p->err = p->lx->err;
    p->error = true;
    p->lex_error = true;
}

AdToken *ad_parse_fill(AdParser *p, int index) {
    while (p->ntoks <= index) {
        if (p->ntoks / AD_PARSE_TOK_CHUNK >= p->nchunks && !grow_chunks(p)) {
            ad_parse_oom(p);
            p->lex_error = true;
            p->err_tok.type = AD_TOK_ERROR;
            return &p->err_tok;
        }
        AdToken *t = ad_parse_tok(p, p->ntoks);
        if (p->ntoks > 0) {
            AdToken *last = ad_parse_tok(p, p->ntoks - 1);
            if (last->type == AD_TOK_ENDMARKER || last->type == AD_TOK_ERROR) {
                *t = *last;
                p->ntoks++;
                continue;
            }
        }
        if (ad_lex_next(p->lx, t) == AD_TOK_ERROR) {
            AdSyntaxError *e = &p->lx->err;
            /* At the REPL the source ending inside a bracket or string only means more
             * lines are to come; parsing on to an end marker lets an error before it be
             * the parser's, as CPython's REPL reports it without reading further. */
            if (p->mode == 3 && (p->lx->eof_error || p->lx->eof_string)) {
                t->type = AD_TOK_ENDMARKER;
                t->start = p->lx->end;
                t->len = 0;
                t->lineno = t->end_lineno = e->lineno;
                t->col = t->end_col = e->col_offset;
                t->level = p->lx->level;
                p->eof_tok = p->ntoks + 1;
                p->ntoks++;
                continue;
            }
            t->type = AD_TOK_ERROR;
            t->start = p->lx->cur;
            t->len = 0;
            t->lineno = t->end_lineno = e->lineno;
            t->col = t->end_col = e->col_offset;
            t->level = p->lx->level;
            set_lex_error(p);
        }
        p->ntoks++;
    }
    return ad_parse_tok(p, index);
}

bool ad_parse_is_word(AdParser *p, int k, const char *word) {
    AdToken *t = ad_parse_peek(p, k);
    size_t n = strlen(word);
    return t->type == AD_TOK_NAME && (size_t)t->len == n && memcmp(t->start, word, n) == 0;
}

/* ---- errors --------------------------------------------------------------------------- */

static void *verror(AdParser *p, int line, int col, int end_line, int end_col, bool indentation,
                    const char *fmt, va_list ap) {
    if (p->error)
        return NULL;
    AdSyntaxError *e = p->err;
    memset(e, 0, sizeof *e);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->lineno = line;
    e->col_offset = col;
    e->end_lineno = end_line;
    e->end_col_offset = end_col;
    e->indentation = indentation;
    p->error = true;
    p->generic_error = false;
    return NULL;
}

void *ad_parse_error(AdParser *p, int line, int col, int end_line, int end_col, bool indentation,
                     const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, line, col, end_line, end_col, indentation, fmt, ap);
    va_end(ap);
    return NULL;
}

void *ad_parse_error_tok(AdParser *p, const AdToken *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, t->lineno, t->col, t->end_lineno, t->end_col, false, fmt, ap);
    va_end(ap);
    return NULL;
}

void *ad_parse_error_pos(AdParser *p, AdPos at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, at.lineno, at.col_offset, at.end_lineno, at.end_col_offset, false, fmt, ap);
    va_end(ap);
    return NULL;
}

static AdToken *last_read(AdParser *p) {
    if (p->ntoks == 0)
        ad_parse_fill(p, 0);
    return ad_parse_tok(p, p->ntoks - 1);
}

void *ad_parse_error_last(AdParser *p, const char *fmt, ...) {
    AdToken *t = last_read(p);
    va_list ap;
    va_start(ap, fmt);
    verror(p, t->lineno, t->col, t->end_lineno, t->end_col, false, fmt, ap);
    va_end(ap);
    return NULL;
}

/* The generic error: CPython puts it on the last token its first pass read (its second
 * pass, which only words errors, may have read further). */
void *ad_parse_fail(AdParser *p) {
    if (p->error)
        return NULL;
    AdToken *t = p->furthest < p->ntoks ? ad_parse_tok(p, p->furthest) : last_read(p);
    /* CPython raises these two without looking at the rest of the source */
    if (t->type == AD_TOK_INDENT || t->type == AD_TOK_DEDENT) {
        ad_parse_error(p, t->lineno, t->col, t->end_lineno, t->end_col, true,
                       t->type == AD_TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        p->final_error = true;
        return NULL;
    }
    if (t->type == AD_TOK_ENDMARKER && !p->in_fstring) /* CPython: no column (offset 0) */
        ad_parse_error(p, t->lineno, -1, t->end_lineno, -1, false, "invalid syntax");
    else
        ad_parse_error_tok(p, t, "invalid syntax");
    p->generic_error = true;
    return NULL;
}

bool ad_parse_keep_specific(AdParser *p, int pos) {
    if (p->error && (!p->generic_error || p->lex_error))
        return false;
    ad_parse_rollback(p, pos);
    return true;
}

void *ad_parse_oom(AdParser *p) {
    if (!p->error)
        ad_parse_error(p, 0, 0, 0, 0, false, "out of memory");
    p->lex_error = true; /* never rolled back */
    return NULL;
}

bool ad_parse_rollback(AdParser *p, int pos) {
    if (p->error && p->lex_error)
        return false;
    p->error = false;
    p->final_error = false;
    p->pos = pos;
    return true;
}

bool ad_parse_enter(AdParser *p) {
    if (++*p->depth > AD_PARSE_MAX_DEPTH) {
        (*p->depth)--;
        AdToken *t = ad_parse_peek(p, 0);
        ad_parse_error_tok(p, t, "too many nested expressions");
        p->lex_error = true; /* retrying cannot help */
        return false;
    }
    return true;
}

/* ---- nodes ---------------------------------------------------------------------------- */

/* CPython's EXTRA: from the rule's first token to its last token that is not NEWLINE,
 * INDENT or DEDENT (so a compound statement ends with its last statement, ';' included). */
AdPos ad_parse_span(AdParser *p, int start_tok) {
    AdToken *s = ad_parse_tok(p, start_tok);
    int last = p->pos - 1;
    while (last > start_tok) {
        AdTokType t = ad_parse_tok(p, last)->type;
        if (t != AD_TOK_NEWLINE && t != AD_TOK_INDENT && t != AD_TOK_DEDENT)
            break;
        last--;
    }
    AdToken *e = last >= start_tok ? ad_parse_tok(p, last) : s;
    AdPos r = {s->lineno, s->col, e->end_lineno, e->end_col};
    return r;
}

void *ad_parse_alloc(AdParser *p, size_t size) {
    void *m = ad_arena_alloc(p->arena, size);
    if (!m)
        ad_parse_oom(p);
    return m;
}

AdExpr *ad_parse_expr_node(AdParser *p, AdExprKind kind, AdPos pos) {
    AdExpr *e = ad_parse_alloc(p, sizeof *e);
    if (e) {
        e->kind = kind;
        e->pos = pos;
    }
    return e;
}

AdStmt *ad_parse_stmt_node(AdParser *p, AdStmtKind kind, AdPos pos) {
    AdStmt *s = ad_parse_alloc(p, sizeof *s);
    if (s) {
        s->kind = kind;
        s->pos = pos;
    }
    return s;
}

const char *ad_parse_ident(AdParser *p, const AdToken *t) {
    char *s = ad_arena_strndup(p->arena, t->start, (size_t)t->len);
    if (!s)
        ad_parse_oom(p);
    return s;
}

/* Doubling inside the arena: the old array stays behind as garbage, which is at most the
 * size of the final one. */
bool ad_parse_push(AdParser *p, AdPVec *v, void *item) {
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void **items = ad_parse_alloc(p, sizeof *items * (size_t)cap);
        if (!items)
            return false;
        if (v->n)
            memcpy(items, v->items, sizeof *items * (size_t)v->n);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
    return true;
}

/* ---- targets -------------------------------------------------------------------------- */

const char *ad_parse_expr_name(const AdExpr *e) {
    switch (e->kind) {
    case AD_EXPR_ATTRIBUTE:
        return "attribute";
    case AD_EXPR_SUBSCRIPT:
        return "subscript";
    case AD_EXPR_STARRED:
        return "starred";
    case AD_EXPR_NAME:
        return "name";
    case AD_EXPR_LIST:
        return "list";
    case AD_EXPR_TUPLE:
        return "tuple";
    case AD_EXPR_LAMBDA:
        return "lambda";
    case AD_EXPR_CALL:
        return "function call";
    case AD_EXPR_BOOLOP:
    case AD_EXPR_BINOP:
    case AD_EXPR_UNARYOP:
        return "expression";
    case AD_EXPR_GENERATOREXP:
        return "generator expression";
    case AD_EXPR_YIELD:
    case AD_EXPR_YIELDFROM:
        return "yield expression";
    case AD_EXPR_AWAIT:
        return "await expression";
    case AD_EXPR_LISTCOMP:
        return "list comprehension";
    case AD_EXPR_SETCOMP:
        return "set comprehension";
    case AD_EXPR_DICTCOMP:
        return "dict comprehension";
    case AD_EXPR_DICT:
        return "dict literal";
    case AD_EXPR_SET:
        return "set display";
    case AD_EXPR_JOINEDSTR:
    case AD_EXPR_FORMATTEDVALUE:
        return "f-string expression";
    case AD_EXPR_CONSTANT:
        switch (e->u.constant.kind) {
        case AD_CONST_NONE:
            return "None";
        case AD_CONST_TRUE:
            return "True";
        case AD_CONST_FALSE:
            return "False";
        case AD_CONST_ELLIPSIS:
            return "ellipsis";
        default:
            return "literal";
        }
    case AD_EXPR_COMPARE:
        return "comparison";
    case AD_EXPR_IFEXP:
        return "conditional expression";
    case AD_EXPR_NAMEDEXPR:
        return "named expression";
    case AD_EXPR_SLICE:
        return "slice";
    }
    return "expression";
}

/* CPython's _PyPegen_get_invalid_target. */
const AdExpr *ad_parse_invalid_target(const AdExpr *e, AdTargetsKind kind) {
    if (!e)
        return NULL;
    switch (e->kind) {
    case AD_EXPR_LIST:
    case AD_EXPR_TUPLE:
        for (int i = 0; i < e->u.list.elts.n; i++) {
            const AdExpr *bad = ad_parse_invalid_target(e->u.list.elts.items[i], kind);
            if (bad)
                return bad;
        }
        return NULL;
    case AD_EXPR_STARRED:
        if (kind == AD_TARGETS_DEL)
            return e;
        return ad_parse_invalid_target(e->u.starred.value, kind);
    case AD_EXPR_COMPARE:
        /* `for x in y` came in as a comparison: the target is on its left */
        if (kind == AD_TARGETS_FOR) {
            if (e->u.compare.ops[0] == AD_CMPOP_IN)
                return ad_parse_invalid_target(e->u.compare.left, kind);
            return NULL;
        }
        return e;
    case AD_EXPR_NAME:
    case AD_EXPR_SUBSCRIPT:
    case AD_EXPR_ATTRIBUTE:
        return NULL;
    default:
        return e;
    }
}

void ad_parse_set_context(AdExpr *e, AdExprCtx ctx) {
    switch (e->kind) {
    case AD_EXPR_NAME:
        e->u.name.ctx = ctx;
        break;
    case AD_EXPR_ATTRIBUTE:
        e->u.attribute.ctx = ctx;
        break;
    case AD_EXPR_SUBSCRIPT:
        e->u.subscript.ctx = ctx;
        break;
    case AD_EXPR_STARRED:
        e->u.starred.ctx = ctx;
        ad_parse_set_context(e->u.starred.value, ctx);
        break;
    case AD_EXPR_LIST:
    case AD_EXPR_TUPLE:
        e->u.list.ctx = ctx;
        for (int i = 0; i < e->u.list.elts.n; i++)
            ad_parse_set_context(e->u.list.elts.items[i], ctx);
        break;
    default:
        break;
    }
}

/* star_target: '*' (!'*' star_target) | target_with_star_atom. The atom is read as a
 * bitwise_or, which covers names, attributes, subscripts and bracketed target lists and
 * stops before 'in' and '='; what is not a target is reported afterwards. */
static AdExpr *star_target_raw(AdParser *p) {
    int start = p->pos;
    if (ad_parse_accept(p, AD_TOK_STAR)) {
        if (ad_parse_is(p, AD_TOK_STAR))
            return ad_parse_fail(p);
        AdExpr *v = star_target_raw(p);
        if (!v)
            return NULL;
        AdExpr *s = ad_parse_expr_node(p, AD_EXPR_STARRED, ad_parse_span(p, start));
        if (s)
            s->u.starred.value = v;
        return s;
    }
    return ad_parse_bitwise_or(p);
}

AdExpr *ad_parse_star_target(AdParser *p) {
    AdExpr *e = star_target_raw(p);
    if (!e)
        return NULL;
    const AdExpr *bad = ad_parse_invalid_target(e, AD_TARGETS_STAR);
    if (bad)
        return ad_parse_error_pos(p, bad->pos, "cannot assign to %s", ad_parse_expr_name(bad));
    ad_parse_set_context(e, AD_CTX_STORE);
    return e;
}

/* star_targets before 'in' (for_stmt, for_if_clause); on failure, invalid_for_target:
 * 'for' star_expressions, reporting the first thing that cannot be assigned to. */
AdExpr *ad_parse_for_targets(AdParser *p) {
    int start = p->pos;
    AdPVec elts = {0};
    bool comma = false;
    AdExpr *e = NULL;
    for (;;) {
        AdExpr *t = star_target_raw(p);
        if (!t || !ad_parse_push(p, &elts, t))
            break;
        if (!ad_parse_accept(p, AD_TOK_COMMA))
            break;
        comma = true;
        AdTokType next = ad_parse_at(p);
        if (next != AD_TOK_STAR && !ad_parse_starts_expr(next))
            break;
    }
    if (!p->error) {
        if (!comma) {
            e = elts.items[0];
        } else if ((e = ad_parse_expr_node(p, AD_EXPR_TUPLE, ad_parse_span(p, start)))) {
            e->u.tuple.elts = AD_PLIST(AdExprList, elts);
        }
    }
    if (e && ad_parse_is(p, AD_TOK_IN) && !ad_parse_invalid_target(e, AD_TARGETS_FOR)) {
        ad_parse_set_context(e, AD_CTX_STORE);
        return e;
    }
    if (p->error && !ad_parse_rollback(p, start))
        return NULL;
    p->pos = start;
    p->diag++;
    AdExpr *x = ad_parse_star_expressions(p);
    p->diag--;
    if (!x)
        return NULL;
    const AdExpr *bad = ad_parse_invalid_target(x, AD_TARGETS_FOR);
    if (bad)
        return ad_parse_error_pos(p, bad->pos, "cannot assign to %s", ad_parse_expr_name(bad));
    return ad_parse_fail(p);
}

/* ---- tree depth ------------------------------------------------------------------------ */

typedef struct {
    const AdExpr *e;
    int depth;
} DepthItem;

typedef struct {
    DepthItem *items;
    int n, cap;
    bool oom;
} DepthStack;

static void depth_push(DepthStack *s, const AdExpr *e, int depth) {
    if (!e || s->oom)
        return;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        DepthItem *items = realloc(s->items, sizeof *items * (size_t)cap);
        if (!items) {
            s->oom = true;
            return;
        }
        s->items = items;
        s->cap = cap;
    }
    s->items[s->n].e = e;
    s->items[s->n].depth = depth;
    s->n++;
}

static void depth_push_list(DepthStack *s, const AdExprList *l, int depth) {
    for (int i = 0; i < l->n; i++)
        depth_push(s, l->items[i], depth);
}

static void depth_push_args(DepthStack *s, const AdArguments *a, int depth) {
    const AdArgList *lists[] = {&a->posonlyargs, &a->args, &a->kwonlyargs};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < lists[k]->n; i++)
            depth_push(s, lists[k]->items[i]->annotation, depth);
    }
    if (a->vararg)
        depth_push(s, a->vararg->annotation, depth);
    if (a->kwarg)
        depth_push(s, a->kwarg->annotation, depth);
    depth_push_list(s, &a->defaults, depth);
    depth_push_list(s, &a->kw_defaults, depth);
}

static void depth_push_children(DepthStack *s, const AdExpr *e, int d) {
    switch (e->kind) {
    case AD_EXPR_BOOLOP:
        depth_push_list(s, &e->u.boolop.values, d);
        break;
    case AD_EXPR_NAMEDEXPR:
        depth_push(s, e->u.namedexpr.target, d);
        depth_push(s, e->u.namedexpr.value, d);
        break;
    case AD_EXPR_BINOP:
        depth_push(s, e->u.binop.left, d);
        depth_push(s, e->u.binop.right, d);
        break;
    case AD_EXPR_UNARYOP:
        depth_push(s, e->u.unaryop.operand, d);
        break;
    case AD_EXPR_LAMBDA:
        depth_push_args(s, e->u.lambda.args, d);
        depth_push(s, e->u.lambda.body, d);
        break;
    case AD_EXPR_IFEXP:
        depth_push(s, e->u.ifexp.test, d);
        depth_push(s, e->u.ifexp.body, d);
        depth_push(s, e->u.ifexp.orelse, d);
        break;
    case AD_EXPR_DICT:
        depth_push_list(s, &e->u.dict.keys, d);
        depth_push_list(s, &e->u.dict.values, d);
        break;
    case AD_EXPR_SET:
        depth_push_list(s, &e->u.set.elts, d);
        break;
    case AD_EXPR_LISTCOMP:
    case AD_EXPR_SETCOMP:
    case AD_EXPR_GENERATOREXP:
    case AD_EXPR_DICTCOMP:
        depth_push(s, e->u.comp.elt, d);
        depth_push(s, e->u.comp.value, d);
        for (int i = 0; i < e->u.comp.generators.n; i++) {
            const AdComprehension *c = e->u.comp.generators.items[i];
            depth_push(s, c->target, d);
            depth_push(s, c->iter, d);
            depth_push_list(s, &c->ifs, d);
        }
        break;
    case AD_EXPR_AWAIT:
        depth_push(s, e->u.await_.value, d);
        break;
    case AD_EXPR_YIELD:
        depth_push(s, e->u.yield.value, d);
        break;
    case AD_EXPR_YIELDFROM:
        depth_push(s, e->u.yieldfrom.value, d);
        break;
    case AD_EXPR_COMPARE:
        depth_push(s, e->u.compare.left, d);
        depth_push_list(s, &e->u.compare.comparators, d);
        break;
    case AD_EXPR_CALL:
        depth_push(s, e->u.call.func, d);
        depth_push_list(s, &e->u.call.args, d);
        for (int i = 0; i < e->u.call.keywords.n; i++)
            depth_push(s, e->u.call.keywords.items[i]->value, d);
        break;
    case AD_EXPR_FORMATTEDVALUE:
        depth_push(s, e->u.formattedvalue.value, d);
        depth_push(s, e->u.formattedvalue.format_spec, d);
        break;
    case AD_EXPR_JOINEDSTR:
        depth_push_list(s, &e->u.joinedstr.values, d);
        break;
    case AD_EXPR_ATTRIBUTE:
        depth_push(s, e->u.attribute.value, d);
        break;
    case AD_EXPR_SUBSCRIPT:
        depth_push(s, e->u.subscript.value, d);
        depth_push(s, e->u.subscript.slice, d);
        break;
    case AD_EXPR_STARRED:
        depth_push(s, e->u.starred.value, d);
        break;
    case AD_EXPR_LIST:
    case AD_EXPR_TUPLE:
        depth_push_list(s, &e->u.list.elts, d);
        break;
    case AD_EXPR_SLICE:
        depth_push(s, e->u.slice.lower, d);
        depth_push(s, e->u.slice.upper, d);
        depth_push(s, e->u.slice.step, d);
        break;
    case AD_EXPR_CONSTANT:
    case AD_EXPR_NAME:
        break;
    }
}

/* Drain the stack; false (error set at `at`) when some expression is too deep. Iterative,
 * so arbitrarily deep input cannot exhaust the C stack here. */
static bool depth_drain(AdParser *p, DepthStack *s, AdPos at) {
    while (s->n > 0 && !s->oom) {
        DepthItem it = s->items[--s->n];
        if (it.depth > AD_PARSE_MAX_TREE_DEPTH) {
            ad_parse_error_pos(p, at, "too many nested expressions");
            return false;
        }
        depth_push_children(s, it.e, it.depth + 1);
    }
    if (s->oom)
        ad_parse_oom(p);
    return !s->oom;
}

static bool check_stmts(AdParser *p, DepthStack *s, const AdStmtList *l, int depth);

/* One statement: its expressions, then its nested blocks (whose depth the indentation
 * limit already bounds, so plain recursion is safe). */
static bool check_stmt(AdParser *p, DepthStack *s, const AdStmt *st, int d) {
    int e = d + 1;
    switch (st->kind) {
    case AD_STMT_FUNCTIONDEF:
        depth_push_args(s, st->u.functiondef.args, e);
        depth_push_list(s, &st->u.functiondef.decorator_list, e);
        depth_push(s, st->u.functiondef.returns, e);
        return depth_drain(p, s, st->pos) && check_stmts(p, s, &st->u.functiondef.body, e);
    case AD_STMT_CLASSDEF:
        depth_push_list(s, &st->u.classdef.bases, e);
        depth_push_list(s, &st->u.classdef.decorator_list, e);
        for (int i = 0; i < st->u.classdef.keywords.n; i++)
            depth_push(s, st->u.classdef.keywords.items[i]->value, e);
        return depth_drain(p, s, st->pos) && check_stmts(p, s, &st->u.classdef.body, e);
    case AD_STMT_RETURN:
        depth_push(s, st->u.return_.value, e);
        break;
    case AD_STMT_DELETE:
        depth_push_list(s, &st->u.delete_.targets, e);
        break;
    case AD_STMT_ASSIGN:
        depth_push_list(s, &st->u.assign.targets, e);
        depth_push(s, st->u.assign.value, e);
        break;
    case AD_STMT_AUGASSIGN:
        depth_push(s, st->u.augassign.target, e);
        depth_push(s, st->u.augassign.value, e);
        break;
    case AD_STMT_ANNASSIGN:
        depth_push(s, st->u.annassign.target, e);
        depth_push(s, st->u.annassign.annotation, e);
        depth_push(s, st->u.annassign.value, e);
        break;
    case AD_STMT_FOR:
        depth_push(s, st->u.for_.target, e);
        depth_push(s, st->u.for_.iter, e);
        return depth_drain(p, s, st->pos) && check_stmts(p, s, &st->u.for_.body, e) &&
               check_stmts(p, s, &st->u.for_.orelse, e);
    case AD_STMT_WHILE:
    case AD_STMT_IF:
        depth_push(s, st->u.if_.test, e);
        return depth_drain(p, s, st->pos) && check_stmts(p, s, &st->u.if_.body, e) &&
               check_stmts(p, s, &st->u.if_.orelse, e);
    case AD_STMT_WITH:
        for (int i = 0; i < st->u.with.items.n; i++) {
            depth_push(s, st->u.with.items.items[i]->context_expr, e);
            depth_push(s, st->u.with.items.items[i]->optional_vars, e);
        }
        return depth_drain(p, s, st->pos) && check_stmts(p, s, &st->u.with.body, e);
    case AD_STMT_MATCH:
        depth_push(s, st->u.match.subject, e);
        for (int i = 0; i < st->u.match.cases.n; i++)
            depth_push(s, st->u.match.cases.items[i]->guard, e);
        if (!depth_drain(p, s, st->pos))
            return false;
        for (int i = 0; i < st->u.match.cases.n; i++) {
            if (!check_stmts(p, s, &st->u.match.cases.items[i]->body, e))
                return false;
        }
        return true;
    case AD_STMT_RAISE:
        depth_push(s, st->u.raise.exc, e);
        depth_push(s, st->u.raise.cause, e);
        break;
    case AD_STMT_TRY:
        for (int i = 0; i < st->u.try_.handlers.n; i++)
            depth_push(s, st->u.try_.handlers.items[i]->type, e);
        if (!depth_drain(p, s, st->pos) || !check_stmts(p, s, &st->u.try_.body, e) ||
            !check_stmts(p, s, &st->u.try_.orelse, e) ||
            !check_stmts(p, s, &st->u.try_.finalbody, e))
            return false;
        for (int i = 0; i < st->u.try_.handlers.n; i++) {
            if (!check_stmts(p, s, &st->u.try_.handlers.items[i]->body, e))
                return false;
        }
        return true;
    case AD_STMT_ASSERT:
        depth_push(s, st->u.assert_.test, e);
        depth_push(s, st->u.assert_.msg, e);
        break;
    case AD_STMT_EXPR:
        depth_push(s, st->u.expr.value, e);
        break;
    default:
        break;
    }
    return depth_drain(p, s, st->pos);
}

static bool check_stmts(AdParser *p, DepthStack *s, const AdStmtList *l, int depth) {
    for (int i = 0; i < l->n; i++) {
        if (!check_stmt(p, s, l->items[i], depth))
            return false;
    }
    return true;
}

/* Refuse trees deeper than AD_PARSE_MAX_TREE_DEPTH (a + a + ... with thousands of terms
 * nests that deep without any bracket). */
static bool check_tree_depth(AdParser *p, const AdStmtList *body) {
    DepthStack s = {0};
    bool ok = check_stmts(p, &s, body, 0);
    free(s.items);
    return ok;
}

/* ---- entry point ---------------------------------------------------------------------- */

/* eval: expressions NEWLINE* ENDMARKER */
static bool parse_eval(AdParser *p, AdPVec *body) {
    int start = p->pos;
    AdExpr *e = ad_parse_expressions(p);
    if (!e)
        return false;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_EXPR, ad_parse_span(p, start));
    if (!s)
        return false;
    s->u.expr.value = e;
    while (ad_parse_accept(p, AD_TOK_NEWLINE))
        ;
    if (!ad_parse_is(p, AD_TOK_ENDMARKER)) {
        ad_parse_fail(p);
        return false;
    }
    return ad_parse_push(p, body, s);
}

/* interactive: one statement (a compound one, or a line of simple ones) */
static bool parse_single(AdParser *p, AdPVec *body) {
    while (ad_parse_accept(p, AD_TOK_NEWLINE))
        ;
    if (ad_parse_is(p, AD_TOK_ENDMARKER))
        return true;
    if (!ad_parse_one_statement(p, body))
        return false;
    while (ad_parse_accept(p, AD_TOK_NEWLINE))
        ;
    if (!ad_parse_is(p, AD_TOK_ENDMARKER)) {
        if (!p->error) {
            AdToken *t = ad_parse_peek(p, 0);
            /* At the REPL the statement ended where the user went on without the empty
             * line a compound statement needs. */
            if (t->type != AD_TOK_ERROR)
                ad_parse_error_tok(p, t,
                                   p->mode == 3 ? "invalid syntax"
                                                : "multiple statements found while compiling "
                                                  "a single statement");
        }
        return false;
    }
    return true;
}

/* After a parser error: did the parse itself reach the end of the source, inside brackets,
 * a triple-quoted string or a backslash continuation, or at the end marker where a block
 * or a statement still had to come? Then more lines might complete it. */
static void note_eof(AdParser *p, bool *at_eof, bool *open) {
    AdLexer *lx = p->lx;
    if (p->eof_tok) {
        *open = *at_eof = p->furthest >= p->eof_tok - 1;
        return;
    }
    *open = p->lex_error && lx->failed && (lx->eof_error || lx->eof_string);
    if (*open) {
        /* Only if the real parse got that far: "(1, 2\n3" is wrong whatever comes next,
         * though the diagnostic parses read on to the end. */
        int e = 0;
        while (e < p->ntoks && ad_parse_tok(p, e)->type != AD_TOK_ERROR)
            e++;
        *open = p->furthest >= e;
    }
    if (*open || p->lex_error || p->furthest >= p->ntoks) {
        *at_eof = *open;
        return;
    }
    /* The end marker, or a DEDENT made at the end of the text (not one before a line). */
    AdToken *t = ad_parse_tok(p, p->furthest);
    *at_eof = t->type == AD_TOK_ENDMARKER || (t->type == AD_TOK_DEDENT && t->start == lx->end);
}

/* After a parser error, tokenise the rest: a lexical error there is what CPython reports
 * instead, except that a bracket left open at EOF only wins when it was opened on an
 * earlier line than the error. */
static void check_rest_of_source(AdParser *p) {
    AdLexer *lx = p->lx;
    if (p->lex_error || p->final_error || lx->failed)
        return;
    AdToken t;
    for (;;) {
        AdTokType ty = ad_lex_next(lx, &t);
        if (ty == AD_TOK_ENDMARKER)
            return;
        if (ty == AD_TOK_ERROR)
            break;
    }
    if (lx->quiet_error)
        return;
    if (lx->eof_error) {
        int err_line = p->ntoks ? ad_parse_tok(p, p->ntoks - 1)->lineno : p->err->lineno;
        if (lx->level > 0 && lx->paren_line[lx->level - 1] < err_line)
            *p->err = lx->err;
        return;
    }
    *p->err = lx->err;
}

void ad_parse_free_tokens(AdParser *p) {
    for (int i = 0; i < p->nchunks; i++)
        free(p->chunks[i]);
    free(p->chunks);
    p->chunks = NULL;
    p->nchunks = p->ntoks = 0;
}

AdModuleAst *ad_parse(const char *source, size_t len, const char *filename, int mode,
                      AdSyntaxError *err) {
    memset(err, 0, sizeof *err);
    AdLexSource src;
    if (!ad_lex_prepare(&src, source, len, filename, err))
        return NULL;
    AdLexer *lx = malloc(sizeof *lx);
    if (!lx) {
        ad_lex_source_free(&src);
        snprintf(err->msg, sizeof err->msg, "out of memory");
        return NULL;
    }
    ad_lex_init(lx, &src);
    AdArena arena;
    ad_arena_init(&arena);
    int depth = 0;
    AdParser p;
    memset(&p, 0, sizeof p);
    p.arena = &arena;
    p.lx = lx;
    p.err = err;
    p.depth = &depth;
    p.mode = mode;
    p.memo_pos = -1;
    AdModuleAst *m = ad_parse_alloc(&p, sizeof *m);
    AdPVec body = {0};
    bool ok = false;
    if (m) {
        if (mode == 1)
            ok = parse_eval(&p, &body);
        else if (mode == 2 || mode == 3)
            ok = parse_single(&p, &body);
        else
            ok = ad_parse_statements(&p, &body, true);
        if (ok) {
            AdStmtList stmts = AD_PLIST(AdStmtList, body);
            ok = check_tree_depth(&p, &stmts);
        } else if (!p.error) {
            ad_parse_fail(&p);
        }
        if (!ok) {
            bool at_eof, open;
            note_eof(&p, &at_eof, &open);
            check_rest_of_source(&p);
            err->at_eof = at_eof;
            err->eof_open = open;
        }
    }
    ad_parse_free_tokens(&p);
    free(lx);
    ad_lex_source_free(&src);
    if (!ok) {
        ad_arena_free(&arena);
        return NULL;
    }
    m->body = AD_PLIST(AdStmtList, body);
    m->arena = arena; /* last: m lives in the arena it now owns */
    return m;
}
