/*
 * compiler_unparse.c - expressions back to source text, for `from __future__ import
 * annotations` (PEP 563): annotations are then stored as strings, spelled as CPython's
 * ast_unparse.c spells them (its precedence table, spacing and special cases), so that
 * __annotations__ read the same.
 *
 * Writes into an AdBuf; literals are rendered by their repr, so this may allocate.
 */
#include <stdio.h>
#include <string.h>

#include "compiler.h"

enum {
    PR_TUPLE, PR_TEST, PR_OR, PR_AND, PR_NOT, PR_CMP, PR_EXPR, PR_BOR = PR_EXPR, PR_BXOR,
    PR_BAND, PR_SHIFT, PR_ARITH, PR_TERM, PR_FACTOR, PR_POWER, PR_AWAIT, PR_ATOM
};

typedef struct Unparser {
    AdCompiler *c;
    AdBuf *out;
} Unparser;

static bool unparse(Unparser *w, const AdExpr *e, int level);

static bool put(Unparser *w, const char *s) {
    return ad_buf_adds(w->c->t, w->out, s);
}

static bool put_if(Unparser *w, bool cond, const char *s) {
    return !cond || put(w, s);
}

/* repr() of a literal, through the runtime so that strings and floats read as in Python. */
static bool put_repr(Unparser *w, AdValue v) {
    AdThread *t = w->c->t;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, v);
    AdValue r = ad_rt_repr(t, v);
    ad_gc_root_restore(t, mark);
    if (AD_IS_NULL(r)) return false;
    AdStr *s = AD_AS(AdStr, r);
    return ad_buf_add(t, w->out, s->data, s->len);
}

static bool put_constant(Unparser *w, const AdConst *k) {
    AdThread *t = w->c->t;
    switch (k->kind) {
    case AD_CONST_NONE: return put(w, "None");
    case AD_CONST_TRUE: return put(w, "True");
    case AD_CONST_FALSE: return put(w, "False");
    case AD_CONST_ELLIPSIS: return put(w, "...");
    case AD_CONST_INT:
        if (!k->big) return ad_buf_addf(t, w->out, "%lld", (long long)k->ival);
        {
            AdValue v = ad_int_from_str(t, k->big, strlen(k->big), k->base ? k->base : 10);
            return !AD_IS_NULL(v) && put_repr(w, v);
        }
    case AD_CONST_FLOAT:
    case AD_CONST_IMAG: {
        /* inf has no literal: CPython writes 1e309, which reads back as inf */
        double d = k->fval;
        if (d == d && (d > 1.7976931348623157e308 || d < -1.7976931348623157e308))
            TRY(put(w, d < 0 ? "-1e309" : "1e309"));
        else if (k->kind == AD_CONST_IMAG && d == (double)(long long)d && d < 1e16 && d > -1e16)
            TRY(ad_buf_addf(t, w->out, "%lld", (long long)d)); /* 2j, not 2.0j */
        else
            TRY(put_repr(w, ad_float(d)));
        return k->kind != AD_CONST_IMAG || put(w, "j");
    }
    case AD_CONST_STR: {
        AdStr *s = ad_str_new(t, k->str ? k->str : "", k->len);
        return s && put_repr(w, ad_obj(s));
    }
    case AD_CONST_BYTES: {
        AdBytes *b = ad_bytes_new(t, k->str ? k->str : "", k->len);
        return b && put_repr(w, ad_obj(b));
    }
    }
    return true;
}

static bool put_seq(Unparser *w, const AdExprList *l, int level) {
    for (int i = 0; i < l->n; i++) {
        TRY(put_if(w, i > 0, ", "));
        TRY(unparse(w, l->items[i], level));
    }
    return true;
}

static bool put_arg(Unparser *w, const AdArg *a) {
    TRY(put(w, a->arg));
    if (!a->annotation) return true;
    return put(w, ": ") && unparse(w, a->annotation, PR_TEST);
}

static bool put_args(Unparser *w, const AdArguments *a) {
    bool first = true;
    int npos = a->posonlyargs.n, nargs = a->args.n, ndef = a->defaults.n;
    for (int i = 0; i < npos + nargs; i++) {
        TRY(put_if(w, !first, ", "));
        first = false;
        TRY(put_arg(w, i < npos ? a->posonlyargs.items[i] : a->args.items[i - npos]));
        int di = i - npos - nargs + ndef;
        if (di >= 0) TRY(put(w, "=") && unparse(w, a->defaults.items[di], PR_TEST));
        if (npos && i + 1 == npos) TRY(put(w, ", /"));
    }
    if (a->vararg || a->kwonlyargs.n) {
        TRY(put_if(w, !first, ", "));
        first = false;
        TRY(put(w, "*"));
        if (a->vararg) TRY(put_arg(w, a->vararg));
    }
    for (int i = 0; i < a->kwonlyargs.n; i++) {
        TRY(put(w, ", "));
        TRY(put_arg(w, a->kwonlyargs.items[i]));
        AdExpr *d = i < a->kw_defaults.n ? a->kw_defaults.items[i] : NULL;
        if (d) TRY(put(w, "=") && unparse(w, d, PR_TEST));
    }
    if (a->kwarg) {
        TRY(put_if(w, !first, ", "));
        TRY(put(w, "**") && put_arg(w, a->kwarg));
    }
    return true;
}

static bool put_comprehensions(Unparser *w, const AdComprehensionList *gens) {
    for (int i = 0; i < gens->n; i++) {
        AdComprehension *g = gens->items[i];
        TRY(put(w, g->is_async ? " async for " : " for "));
        TRY(unparse(w, g->target, PR_TUPLE));
        TRY(put(w, " in "));
        TRY(unparse(w, g->iter, PR_TEST + 1));
        for (int k = 0; k < g->ifs.n; k++)
            TRY(put(w, " if ") && unparse(w, g->ifs.items[k], PR_TEST + 1));
    }
    return true;
}

static bool put_fstring_body(Unparser *w, const AdExpr *e);

static bool put_fstring_part(Unparser *w, const AdExpr *e) {
    AdThread *t = w->c->t;
    if (e->kind == AD_EXPR_CONSTANT && e->u.constant.kind == AD_CONST_STR) {
        const AdConst *k = &e->u.constant;
        for (size_t i = 0; i < k->len; i++) {
            char ch = k->str[i];
            TRY(ad_buf_addc(t, w->out, ch));
            if (ch == '{' || ch == '}') TRY(ad_buf_addc(t, w->out, ch));
        }
        return true;
    }
    if (e->kind == AD_EXPR_JOINEDSTR) return put_fstring_body(w, e);
    if (e->kind != AD_EXPR_FORMATTEDVALUE) return true;
    /* the value is unparsed separately so that a leading brace can be spaced off */
    AdBuf inner;
    ad_buf_init(&inner);
    Unparser sub = {w->c, &inner};
    bool ok = unparse(&sub, e->u.formattedvalue.value, PR_TEST + 1);
    if (ok) {
        ok = put(w, "{") && (inner.len == 0 || inner.data[0] != '{' || put(w, " ")) &&
             ad_buf_add(t, w->out, inner.data, inner.len);
    }
    ad_buf_free(&inner);
    TRY(ok);
    int conv = e->u.formattedvalue.conversion;
    if (conv == 's' || conv == 'r' || conv == 'a') TRY(ad_buf_addf(t, w->out, "!%c", conv));
    if (e->u.formattedvalue.format_spec) {
        TRY(put(w, ":"));
        TRY(put_fstring_part(w, e->u.formattedvalue.format_spec));
    }
    return put(w, "}");
}

static bool put_fstring_body(Unparser *w, const AdExpr *e) {
    for (int i = 0; i < e->u.joinedstr.values.n; i++)
        TRY(put_fstring_part(w, e->u.joinedstr.values.items[i]));
    return true;
}

/* f-strings: the body is built first, then written as f + repr(body). */
static bool put_fstring(Unparser *w, const AdExpr *e) {
    AdThread *t = w->c->t;
    AdBuf body;
    ad_buf_init(&body);
    Unparser sub = {w->c, &body};
    bool ok = e->kind == AD_EXPR_JOINEDSTR ? put_fstring_body(&sub, e) : put_fstring_part(&sub, e);
    AdStr *s = ok ? ad_str_new(t, body.data ? body.data : "", body.len) : NULL;
    ad_buf_free(&body);
    return s && put(w, "f") && put_repr(w, ad_obj(s));
}

static const char *binop_text(int op, int *pr, bool *rassoc) {
    *rassoc = false;
    switch (op) {
    case AD_BINOP_ADD: *pr = PR_ARITH; return " + ";
    case AD_BINOP_SUB: *pr = PR_ARITH; return " - ";
    case AD_BINOP_MUL: *pr = PR_TERM; return " * ";
    case AD_BINOP_MATMUL: *pr = PR_TERM; return " @ ";
    case AD_BINOP_TRUEDIV: *pr = PR_TERM; return " / ";
    case AD_BINOP_MOD: *pr = PR_TERM; return " % ";
    case AD_BINOP_FLOORDIV: *pr = PR_TERM; return " // ";
    case AD_BINOP_LSHIFT: *pr = PR_SHIFT; return " << ";
    case AD_BINOP_RSHIFT: *pr = PR_SHIFT; return " >> ";
    case AD_BINOP_OR: *pr = PR_BOR; return " | ";
    case AD_BINOP_XOR: *pr = PR_BXOR; return " ^ ";
    case AD_BINOP_AND: *pr = PR_BAND; return " & ";
    default: *pr = PR_POWER; *rassoc = true; return " ** ";
    }
}

static const char *const cmp_text[] = {" < ", " <= ", " == ", " != ", " > ", " >= ",
                                       " is ", " is not ", " in ", " not in "};

static bool unparse(Unparser *w, const AdExpr *e, int level) {
    switch (e->kind) {
    case AD_EXPR_BOOLOP: {
        bool is_and = e->u.boolop.op == AD_BOOL_AND;
        int pr = is_and ? PR_AND : PR_OR;
        TRY(put_if(w, level > pr, "("));
        for (int i = 0; i < e->u.boolop.values.n; i++) {
            TRY(put_if(w, i > 0, is_and ? " and " : " or "));
            TRY(unparse(w, e->u.boolop.values.items[i], pr + 1));
        }
        return put_if(w, level > pr, ")");
    }
    case AD_EXPR_NAMEDEXPR:
        return put_if(w, level > PR_TUPLE, "(") && unparse(w, e->u.namedexpr.target, PR_ATOM) &&
               put(w, " := ") && unparse(w, e->u.namedexpr.value, PR_ATOM) &&
               put_if(w, level > PR_TUPLE, ")");
    case AD_EXPR_BINOP: {
        int pr;
        bool rassoc;
        const char *op = binop_text(e->u.binop.op, &pr, &rassoc);
        return put_if(w, level > pr, "(") && unparse(w, e->u.binop.left, pr + rassoc) &&
               put(w, op) && unparse(w, e->u.binop.right, pr + !rassoc) &&
               put_if(w, level > pr, ")");
    }
    case AD_EXPR_UNARYOP: {
        int op = e->u.unaryop.op;
        int pr = op == AD_UNARY_NOT ? PR_NOT : PR_FACTOR;
        const char *text = op == AD_UNARY_NOT ? "not " : op == AD_UNARY_INVERT ? "~"
                           : op == AD_UNARY_POS ? "+" : "-";
        return put_if(w, level > pr, "(") && put(w, text) &&
               unparse(w, e->u.unaryop.operand, pr) && put_if(w, level > pr, ")");
    }
    case AD_EXPR_LAMBDA: {
        AdArguments *a = e->u.lambda.args;
        bool positional = a->args.n + a->posonlyargs.n > 0;
        return put_if(w, level > PR_TEST, "(") && put(w, positional ? "lambda " : "lambda") &&
               put_args(w, a) && put(w, ": ") && unparse(w, e->u.lambda.body, PR_TEST) &&
               put_if(w, level > PR_TEST, ")");
    }
    case AD_EXPR_IFEXP:
        return put_if(w, level > PR_TEST, "(") && unparse(w, e->u.ifexp.body, PR_TEST + 1) &&
               put(w, " if ") && unparse(w, e->u.ifexp.test, PR_TEST + 1) && put(w, " else ") &&
               unparse(w, e->u.ifexp.orelse, PR_TEST) && put_if(w, level > PR_TEST, ")");
    case AD_EXPR_DICT:
        TRY(put(w, "{"));
        for (int i = 0; i < e->u.dict.values.n; i++) {
            TRY(put_if(w, i > 0, ", "));
            AdExpr *k = i < e->u.dict.keys.n ? e->u.dict.keys.items[i] : NULL;
            if (k) TRY(unparse(w, k, PR_TEST) && put(w, ": ") &&
                       unparse(w, e->u.dict.values.items[i], PR_TEST));
            else TRY(put(w, "**") && unparse(w, e->u.dict.values.items[i], PR_EXPR));
        }
        return put(w, "}");
    case AD_EXPR_SET:
        if (!e->u.set.elts.n) return put(w, "{*()}");
        return put(w, "{") && put_seq(w, &e->u.set.elts, PR_TEST) && put(w, "}");
    case AD_EXPR_LISTCOMP:
        return put(w, "[") && unparse(w, e->u.comp.elt, PR_TEST) &&
               put_comprehensions(w, &e->u.comp.generators) && put(w, "]");
    case AD_EXPR_SETCOMP:
        return put(w, "{") && unparse(w, e->u.comp.elt, PR_TEST) &&
               put_comprehensions(w, &e->u.comp.generators) && put(w, "}");
    case AD_EXPR_DICTCOMP:
        return put(w, "{") && unparse(w, e->u.comp.elt, PR_TEST) && put(w, ": ") &&
               unparse(w, e->u.comp.value, PR_TEST) &&
               put_comprehensions(w, &e->u.comp.generators) && put(w, "}");
    case AD_EXPR_GENERATOREXP:
        return put(w, "(") && unparse(w, e->u.comp.elt, PR_TEST) &&
               put_comprehensions(w, &e->u.comp.generators) && put(w, ")");
    case AD_EXPR_AWAIT:
        return put_if(w, level > PR_AWAIT, "(") && put(w, "await ") &&
               unparse(w, e->u.await_.value, PR_ATOM) && put_if(w, level > PR_AWAIT, ")");
    case AD_EXPR_YIELD:
        if (!e->u.yield.value) return put(w, "(yield)");
        return put(w, "(yield ") && unparse(w, e->u.yield.value, PR_TEST) && put(w, ")");
    case AD_EXPR_YIELDFROM:
        return put(w, "(yield from ") && unparse(w, e->u.yieldfrom.value, PR_TEST) && put(w, ")");
    case AD_EXPR_COMPARE:
        TRY(put_if(w, level > PR_CMP, "("));
        TRY(unparse(w, e->u.compare.left, PR_CMP + 1));
        for (int i = 0; i < e->u.compare.nops; i++)
            TRY(put(w, cmp_text[e->u.compare.ops[i]]) &&
                unparse(w, e->u.compare.comparators.items[i], PR_CMP + 1));
        return put_if(w, level > PR_CMP, ")");
    case AD_EXPR_CALL: {
        const AdExprList *args = &e->u.call.args;
        const AdKeywordList *kws = &e->u.call.keywords;
        TRY(unparse(w, e->u.call.func, PR_ATOM));
        if (args->n == 1 && kws->n == 0 && args->items[0]->kind == AD_EXPR_GENERATOREXP)
            return unparse(w, args->items[0], PR_TEST);
        TRY(put(w, "("));
        TRY(put_seq(w, args, PR_TEST));
        for (int i = 0; i < kws->n; i++) {
            TRY(put_if(w, args->n || i, ", "));
            AdKeyword *k = kws->items[i];
            if (k->arg) TRY(put(w, k->arg) && put(w, "="));
            else TRY(put(w, "**"));
            TRY(unparse(w, k->value, PR_TEST));
        }
        return put(w, ")");
    }
    case AD_EXPR_FORMATTEDVALUE:
    case AD_EXPR_JOINEDSTR: return put_fstring(w, e);
    case AD_EXPR_CONSTANT: return put_constant(w, &e->u.constant);
    case AD_EXPR_ATTRIBUTE: {
        const AdExpr *v = e->u.attribute.value;
        bool int_literal = v->kind == AD_EXPR_CONSTANT && v->u.constant.kind == AD_CONST_INT;
        return unparse(w, v, PR_ATOM) && put(w, int_literal ? " ." : ".") &&
               put(w, e->u.attribute.attr);
    }
    case AD_EXPR_SUBSCRIPT: {
        const AdExpr *s = e->u.subscript.slice;
        TRY(unparse(w, e->u.subscript.value, PR_ATOM) && put(w, "["));
        if (s->kind == AD_EXPR_TUPLE && s->u.tuple.elts.n > 0) {
            TRY(put_seq(w, &s->u.tuple.elts, PR_TEST));
            TRY(put_if(w, s->u.tuple.elts.n == 1, ","));
        } else {
            TRY(unparse(w, s, PR_TUPLE));
        }
        return put(w, "]");
    }
    case AD_EXPR_STARRED: return put(w, "*") && unparse(w, e->u.starred.value, PR_EXPR);
    case AD_EXPR_NAME: return put(w, e->u.name.id);
    case AD_EXPR_LIST: return put(w, "[") && put_seq(w, &e->u.list.elts, PR_TEST) && put(w, "]");
    case AD_EXPR_TUPLE:
        if (!e->u.tuple.elts.n) return put(w, "()");
        return put_if(w, level > PR_TUPLE, "(") && put_seq(w, &e->u.tuple.elts, PR_TEST) &&
               put_if(w, e->u.tuple.elts.n == 1, ",") && put_if(w, level > PR_TUPLE, ")");
    case AD_EXPR_SLICE:
        if (e->u.slice.lower) TRY(unparse(w, e->u.slice.lower, PR_TEST));
        TRY(put(w, ":"));
        if (e->u.slice.upper) TRY(unparse(w, e->u.slice.upper, PR_TEST));
        if (e->u.slice.step) TRY(put(w, ":") && unparse(w, e->u.slice.step, PR_TEST));
        return true;
    }
    return true;
}

int ad_comp_const_annotation(AdCompiler *c, AdExpr *e) {
    if (c->failed) return -1;
    AdBuf buf;
    ad_buf_init(&buf);
    Unparser w = {c, &buf};
    int idx = -1;
    if (unparse(&w, e, PR_TEST)) idx = ad_comp_const_str(c, buf.data ? buf.data : "", buf.len);
    else c->failed = true;
    ad_buf_free(&buf);
    return idx;
}
