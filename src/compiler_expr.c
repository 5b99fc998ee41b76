/*
 * compiler_expr.c - expressions to bytecode: operators, displays with * and ** unpacking,
 * calls (method calls through LOAD_METHOD, keyword calls with a constant tuple of names,
 * star calls through CALL_FUNCTION_EX), comprehensions as nested functions, f-strings,
 * await and yield; plus assignment and deletion targets and conditional jumps.
 *
 * Every expression leaves exactly one value on the stack. Line numbers: instructions get
 * the line of the innermost expression being compiled, restored on the way out, so the
 * CALL of a call spanning lines carries the line where the call starts (as CPython).
 */
#include <string.h>

#include "compiler.h"

static bool compile_expr(AdCompiler *c, AdExpr *e);

bool ad_comp_expr(AdCompiler *c, AdExpr *e) {
    if (c->failed) return false;
    AdCompUnit *u = c->u;
    int saved = u->lineno;
    u->lineno = e->pos.lineno;
    bool ok = compile_expr(c, e);
    c->u->lineno = saved;
    return ok;
}

bool ad_comp_is_const_true(const AdExpr *e) {
    if (e->kind != AD_EXPR_CONSTANT) return false;
    const AdConst *k = &e->u.constant;
    return k->kind == AD_CONST_TRUE || (k->kind == AD_CONST_INT && !k->big && k->ival != 0);
}

/* ---- conditions ------------------------------------------------------------------------ */

bool ad_comp_jump_if(AdCompiler *c, AdExpr *e, int label, bool cond) {
    AdCompUnit *u = c->u;
    int saved = u->lineno;
    u->lineno = e->pos.lineno;
    bool ok = true;
    switch (e->kind) {
    case AD_EXPR_UNARYOP:
        if (e->u.unaryop.op == AD_UNARY_NOT) {
            ok = ad_comp_jump_if(c, e->u.unaryop.operand, label, !cond);
            break;
        }
        goto generic;
    case AD_EXPR_BOOLOP: {
        AdExprList *vals = &e->u.boolop.values;
        bool cond2 = e->u.boolop.op == AD_BOOL_OR;
        int next2 = label;
        if (cond2 != cond) next2 = ad_comp_new_label(c);
        for (int i = 0; ok && i < vals->n - 1; i++)
            ok = ad_comp_jump_if(c, vals->items[i], next2, cond2);
        if (ok) ok = ad_comp_jump_if(c, vals->items[vals->n - 1], label, cond);
        if (ok && next2 != label) ok = ad_comp_bind(c, next2);
        break;
    }
    case AD_EXPR_IFEXP: {
        int end = ad_comp_new_label(c), next2 = ad_comp_new_label(c);
        ok = ad_comp_jump_if(c, e->u.ifexp.test, next2, false) &&
             ad_comp_jump_if(c, e->u.ifexp.body, label, cond) &&
             ad_comp_emit(c, AD_OP_JUMP, end) && ad_comp_bind(c, next2) &&
             ad_comp_jump_if(c, e->u.ifexp.orelse, label, cond) && ad_comp_bind(c, end);
        break;
    }
    default:
    generic:
        ok = compile_expr(c, e) &&
             ad_comp_emit(c, cond ? AD_OP_POP_JUMP_IF_TRUE : AD_OP_POP_JUMP_IF_FALSE, label);
        break;
    }
    c->u->lineno = saved;
    return ok;
}

/* ---- targets -------------------------------------------------------------------------------- */

/* UNPACK_SEQUENCE / UNPACK_EX for a target list. */
static bool unpack_helper(AdCompiler *c, AdExprList *elts, AdPos pos) {
    int n = elts->n;
    bool seen_star = false;
    for (int i = 0; i < n; i++) {
        AdExpr *elt = elts->items[i];
        if (elt->kind != AD_EXPR_STARRED) continue;
        if (seen_star) return ad_comp_error(c, pos, "multiple starred expressions in assignment");
        if (i >= 256 || n - i - 1 >= (1 << 16))
            return ad_comp_error(c, pos, "too many expressions in star-unpacking assignment");
        EMIT(c, UNPACK_EX, i | ((n - i - 1) << 8));
        seen_star = true;
    }
    if (!seen_star) EMIT(c, UNPACK_SEQUENCE, n);
    return true;
}

static bool store_elts(AdCompiler *c, AdExprList *elts, AdPos pos) {
    TRY(unpack_helper(c, elts, pos));
    for (int i = 0; i < elts->n; i++) {
        AdExpr *elt = elts->items[i];
        TRY(ad_comp_store(c, elt->kind == AD_EXPR_STARRED ? elt->u.starred.value : elt));
    }
    return true;
}

bool ad_comp_store(AdCompiler *c, AdExpr *t) {
    AdCompUnit *u = c->u;
    int saved = u->lineno;
    u->lineno = t->pos.lineno;
    bool ok;
    switch (t->kind) {
    case AD_EXPR_NAME: ok = ad_comp_nameop(c, t->u.name.id, AD_CTX_STORE); break;
    case AD_EXPR_ATTRIBUTE: {
        ok = ad_comp_expr(c, t->u.attribute.value);
        int name = ok ? ad_comp_name(c, t->u.attribute.attr) : -1;
        ok = ok && ad_comp_emit(c, AD_OP_STORE_ATTR, name);
        break;
    }
    case AD_EXPR_SUBSCRIPT:
        ok = ad_comp_expr(c, t->u.subscript.value) && ad_comp_expr(c, t->u.subscript.slice) &&
             ad_comp_emit(c, AD_OP_STORE_SUBSCR, 0);
        break;
    case AD_EXPR_TUPLE: ok = store_elts(c, &t->u.tuple.elts, t->pos); break;
    case AD_EXPR_LIST: ok = store_elts(c, &t->u.list.elts, t->pos); break;
    case AD_EXPR_STARRED:
        ok = ad_comp_error(c, t->pos, "starred assignment target must be in a list or tuple");
        break;
    default: ok = ad_comp_error(c, t->pos, "cannot assign to expression"); break;
    }
    c->u->lineno = saved;
    return ok;
}

bool ad_comp_delete(AdCompiler *c, AdExpr *t) {
    AdCompUnit *u = c->u;
    u->lineno = t->pos.lineno;
    switch (t->kind) {
    case AD_EXPR_NAME: return ad_comp_nameop(c, t->u.name.id, AD_CTX_DEL);
    case AD_EXPR_ATTRIBUTE:
        TRY(ad_comp_expr(c, t->u.attribute.value));
        EMIT(c, DELETE_ATTR, ad_comp_name(c, t->u.attribute.attr));
        return true;
    case AD_EXPR_SUBSCRIPT:
        TRY(ad_comp_expr(c, t->u.subscript.value));
        TRY(ad_comp_expr(c, t->u.subscript.slice));
        EMIT(c, DELETE_SUBSCR, 0);
        return true;
    case AD_EXPR_TUPLE:
        for (int i = 0; i < t->u.tuple.elts.n; i++) TRY(ad_comp_delete(c, t->u.tuple.elts.items[i]));
        return true;
    case AD_EXPR_LIST:
        for (int i = 0; i < t->u.list.elts.n; i++) TRY(ad_comp_delete(c, t->u.list.elts.items[i]));
        return true;
    default: return ad_comp_error(c, t->pos, "cannot delete expression");
    }
}

/* ---- displays -------------------------------------------------------------------------------- */

static bool has_starred(const AdExprList *l) {
    for (int i = 0; i < l->n; i++)
        if (l->items[i]->kind == AD_EXPR_STARRED) return true;
    return false;
}

/* List, set or tuple display; `pushed` items are already on the stack. */
static bool starunpack(AdCompiler *c, AdExprList *elts, int pushed, int build, int add,
                       int extend, bool tuple) {
    int n = elts->n;
    if (!has_starred(elts)) {
        for (int i = 0; i < n; i++) TRY(ad_comp_expr(c, elts->items[i]));
        if (tuple) EMIT(c, BUILD_TUPLE, n + pushed);
        else TRY(ad_comp_emit(c, build, n + pushed));
        return true;
    }
    bool built = false;
    for (int i = 0; i < n; i++) {
        AdExpr *elt = elts->items[i];
        if (elt->kind == AD_EXPR_STARRED) {
            if (!built) {
                TRY(ad_comp_emit(c, build, i + pushed));
                built = true;
            }
            TRY(ad_comp_expr(c, elt->u.starred.value));
            TRY(ad_comp_emit(c, extend, 1));
        } else {
            TRY(ad_comp_expr(c, elt));
            if (built) TRY(ad_comp_emit(c, add, 1));
        }
    }
    if (tuple) EMIT(c, LIST_TO_TUPLE, 0);
    return true;
}

static bool compile_dict(AdCompiler *c, AdExpr *e) {
    AdExprList *keys = &e->u.dict.keys, *values = &e->u.dict.values;
    int pending = 0;
    bool have = false;
    for (int i = 0; i < values->n; i++) {
        AdExpr *key = i < keys->n ? keys->items[i] : NULL;
        if (!key) {
            if (pending) {
                EMIT(c, BUILD_MAP, pending);
                if (have) EMIT(c, DICT_UPDATE, 1);
                have = true;
                pending = 0;
            }
            if (!have) {
                EMIT(c, BUILD_MAP, 0);
                have = true;
            }
            TRY(ad_comp_expr(c, values->items[i]));
            EMIT(c, DICT_UPDATE, 1);
        } else {
            TRY(ad_comp_expr(c, key));
            TRY(ad_comp_expr(c, values->items[i]));
            pending++;
        }
    }
    if (pending || !have) {
        EMIT(c, BUILD_MAP, pending);
        if (have) EMIT(c, DICT_UPDATE, 1);
    }
    return true;
}

static bool emit_compare(AdCompiler *c, AdCmpOpKind op) {
    switch (op) {
    case AD_CMPOP_IS: EMIT(c, IS_OP, 0); return true;
    case AD_CMPOP_IS_NOT: EMIT(c, IS_OP, 1); return true;
    case AD_CMPOP_IN: EMIT(c, CONTAINS_OP, 0); return true;
    case AD_CMPOP_NOT_IN: EMIT(c, CONTAINS_OP, 1); return true;
    default: EMIT(c, COMPARE_OP, (int)op); return true;
    }
}

/* a < b < c: each middle operand is evaluated once; the chain stops at the first false. */
static bool compile_compare(AdCompiler *c, AdExpr *e) {
    int n = e->u.compare.nops;
    AdExprList *cmps = &e->u.compare.comparators;
    int line = e->pos.lineno;
    TRY(ad_comp_expr(c, e->u.compare.left));
    if (n == 1) {
        TRY(ad_comp_expr(c, cmps->items[0]));
        c->u->lineno = line;
        return emit_compare(c, e->u.compare.ops[0]);
    }
    int cleanup = ad_comp_new_label(c), end = ad_comp_new_label(c);
    for (int i = 0; i < n - 1; i++) {
        TRY(ad_comp_expr(c, cmps->items[i]));
        c->u->lineno = line;
        EMIT(c, SWAP, 2);
        EMIT(c, COPY, 2);
        TRY(emit_compare(c, e->u.compare.ops[i]));
        EMIT(c, JUMP_IF_FALSE_OR_POP, cleanup);
    }
    TRY(ad_comp_expr(c, cmps->items[n - 1]));
    c->u->lineno = line;
    TRY(emit_compare(c, e->u.compare.ops[n - 1]));
    EMIT(c, JUMP, end);
    TRY(ad_comp_bind(c, cleanup));
    EMIT(c, SWAP, 2);
    EMIT(c, POP_TOP, 0);
    return ad_comp_bind(c, end);
}

/* ---- calls ------------------------------------------------------------------------------------ */

static bool validate_keywords(AdCompiler *c, AdKeywordList *kws) {
    for (int i = 0; i < kws->n; i++) {
        AdKeyword *k = kws->items[i];
        if (!k->arg) continue;
        for (int j = i + 1; j < kws->n; j++) {
            AdKeyword *o = kws->items[j];
            if (o->arg && strcmp(o->arg, k->arg) == 0)
                return ad_comp_error(c, o->pos, "keyword argument repeated: %s", k->arg);
        }
    }
    return true;
}

static bool has_double_star(const AdKeywordList *kws) {
    for (int i = 0; i < kws->n; i++)
        if (!kws->items[i]->arg) return true;
    return false;
}

static int kwnames_const(AdCompiler *c, AdKeywordList *kws) {
    const char *names[kws->n > 0 ? kws->n : 1];
    for (int i = 0; i < kws->n; i++) names[i] = kws->items[i]->arg;
    return ad_comp_const_str_tuple(c, names, kws->n);
}

/* The keywords of a CALL_FUNCTION_EX: a dict built from name=value runs and merged **maps. */
static bool compile_ex_kwargs(AdCompiler *c, AdKeywordList *kws) {
    int pending = 0;
    bool have = false;
    for (int i = 0; i < kws->n; i++) {
        AdKeyword *k = kws->items[i];
        if (!k->arg) {
            if (pending) {
                EMIT(c, BUILD_MAP, pending);
                if (have) EMIT(c, DICT_MERGE, 1);
                have = true;
                pending = 0;
            }
            if (!have) {
                EMIT(c, BUILD_MAP, 0);
                have = true;
            }
            TRY(ad_comp_expr(c, k->value));
            EMIT(c, DICT_MERGE, 1);
        } else {
            EMIT_CONST(c, ad_comp_const_str(c, k->arg, strlen(k->arg)));
            TRY(ad_comp_expr(c, k->value));
            pending++;
        }
    }
    if (pending) {
        EMIT(c, BUILD_MAP, pending);
        if (have) EMIT(c, DICT_MERGE, 1);
    }
    return true;
}

bool ad_comp_call_helper(AdCompiler *c, int npushed, AdExprList *args, AdKeywordList *kws,
                         AdPos pos) {
    TRY(validate_keywords(c, kws));
    int line = pos.lineno;
    if (!has_starred(args) && !has_double_star(kws)) {
        for (int i = 0; i < args->n; i++) TRY(ad_comp_expr(c, args->items[i]));
        for (int i = 0; i < kws->n; i++) TRY(ad_comp_expr(c, kws->items[i]->value));
        c->u->lineno = line;
        int n = npushed + args->n + kws->n;
        if (kws->n) {
            EMIT_CONST(c, kwnames_const(c, kws));
            EMIT(c, CALL_KW, n);
        } else {
            EMIT(c, CALL, n);
        }
        return true;
    }
    /* f(*a, **k): [f, args tuple, (kwargs dict)]. A lone *a goes as it is, as in CPython:
     * CALL_FUNCTION_EX takes any iterable (and reads it after the keywords are evaluated). */
    if (npushed == 0 && args->n == 1 && args->items[0]->kind == AD_EXPR_STARRED) {
        TRY(ad_comp_expr(c, args->items[0]->u.starred.value));
    } else {
        bool built = false;
        for (int i = 0; i < args->n; i++) {
            AdExpr *arg = args->items[i];
            if (arg->kind == AD_EXPR_STARRED) {
                if (!built) {
                    EMIT(c, BUILD_LIST, npushed + i);
                    built = true;
                }
                TRY(ad_comp_expr(c, arg->u.starred.value));
                EMIT(c, LIST_EXTEND, 1);
            } else {
                TRY(ad_comp_expr(c, arg));
                if (built) EMIT(c, LIST_APPEND, 1);
            }
        }
        if (!built) EMIT(c, BUILD_LIST, npushed + args->n);
        EMIT(c, LIST_TO_TUPLE, 0);
    }
    if (kws->n) TRY(compile_ex_kwargs(c, kws));
    c->u->lineno = line;
    EMIT(c, CALL_FUNCTION_EX, kws->n ? 1 : 0);
    return true;
}

static bool compile_call(AdCompiler *c, AdExpr *e) {
    AdExpr *func = e->u.call.func;
    AdExprList *args = &e->u.call.args;
    AdKeywordList *kws = &e->u.call.keywords;
    if (func->kind == AD_EXPR_ATTRIBUTE && func->u.attribute.ctx == AD_CTX_LOAD &&
        !has_starred(args) && !has_double_star(kws)) {
        TRY(validate_keywords(c, kws));
        TRY(ad_comp_expr(c, func->u.attribute.value));
        /* A method chain split over lines reports the line of the method name. */
        int line = func->pos.end_lineno > func->pos.lineno ? func->pos.end_lineno : e->pos.lineno;
        c->u->lineno = line;
        EMIT(c, LOAD_METHOD, ad_comp_name(c, func->u.attribute.attr));
        for (int i = 0; i < args->n; i++) TRY(ad_comp_expr(c, args->items[i]));
        for (int i = 0; i < kws->n; i++) TRY(ad_comp_expr(c, kws->items[i]->value));
        c->u->lineno = line;
        int n = args->n + kws->n;
        if (kws->n) {
            EMIT_CONST(c, kwnames_const(c, kws));
            EMIT(c, CALL_METHOD_KW, n);
        } else {
            EMIT(c, CALL_METHOD, n);
        }
        return true;
    }
    TRY(ad_comp_expr(c, func));
    return ad_comp_call_helper(c, 0, args, kws, e->pos);
}

/* ---- comprehensions ------------------------------------------------------------------------ */

static bool comprehension_loop(AdCompiler *c, AdExpr *e, int kind, int gen_index, int depth) {
    AdComprehensionList *gens = &e->u.comp.generators;
    AdComprehension *gen = gens->items[gen_index];
    int start = ad_comp_new_label(c), if_cleanup = ad_comp_new_label(c),
        anchor = ad_comp_new_label(c);
    if (gen_index == 0) {
        TRY(ad_comp_nameop(c, ".0", AD_CTX_LOAD));
    } else {
        TRY(ad_comp_expr(c, gen->iter));
        c->u->lineno = e->pos.lineno;
        if (gen->is_async) EMIT(c, GET_AITER, 0);
        else EMIT(c, GET_ITER, 0);
    }
    depth++;
    TRY(ad_comp_bind(c, start));
    if (gen->is_async) {
        TRY(ad_comp_check_blocks(c, e->pos, 1));
        EMIT(c, SETUP_FINALLY, anchor);
        EMIT(c, GET_ANEXT, 0);
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        TRY(ad_comp_yield_from_loop(c));
        EMIT(c, POP_BLOCK, 0);
    } else {
        EMIT(c, FOR_ITER, anchor);
    }
    TRY(ad_comp_store(c, gen->target));
    for (int i = 0; i < gen->ifs.n; i++) TRY(ad_comp_jump_if(c, gen->ifs.items[i], if_cleanup, false));
    if (gen_index + 1 < gens->n) {
        TRY(comprehension_loop(c, e, kind, gen_index + 1, depth));
    } else {
        switch (kind) {
        case AD_COMP_GEN:
            TRY(ad_comp_expr(c, e->u.comp.elt));
            EMIT(c, YIELD_VALUE, 0);
            EMIT(c, POP_TOP, 0);
            break;
        case AD_COMP_LIST:
            TRY(ad_comp_expr(c, e->u.comp.elt));
            EMIT(c, LIST_APPEND, depth + 1);
            break;
        case AD_COMP_SET:
            TRY(ad_comp_expr(c, e->u.comp.elt));
            EMIT(c, SET_ADD, depth + 1);
            break;
        default:
            TRY(ad_comp_expr(c, e->u.comp.elt));
            TRY(ad_comp_expr(c, e->u.comp.value));
            EMIT(c, MAP_ADD, depth + 1);
            break;
        }
    }
    TRY(ad_comp_bind(c, if_cleanup));
    c->u->lineno = e->pos.lineno;
    EMIT(c, JUMP, start);
    TRY(ad_comp_bind(c, anchor));
    if (gen->is_async) EMIT(c, END_ASYNC_FOR, 0);
    return true;
}

static bool compile_comprehension(AdCompiler *c, AdExpr *e, int kind) {
    static const char *const names[] = {"", "<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    AdComprehension *outer = e->u.comp.generators.items[0];
    TRY(ad_comp_unit_enter(c, AD_UNIT_COMPREHENSION, e, names[kind], e->pos.lineno));
    AdCompUnit *u = c->u;
    u->argcount = 1;
    u->flags |= AD_CODE_FUNCTION;
    bool is_async = u->ste->coroutine;
    if (kind == AD_COMP_GEN) u->flags |= is_async ? AD_CODE_ASYNC_GENERATOR : AD_CODE_GENERATOR;
    else if (is_async) u->flags |= AD_CODE_COROUTINE;
    switch (kind) {
    case AD_COMP_LIST: EMIT(c, BUILD_LIST, 0); break;
    case AD_COMP_SET: EMIT(c, BUILD_SET, 0); break;
    case AD_COMP_DICT: EMIT(c, BUILD_MAP, 0); break;
    default: break;
    }
    TRY(comprehension_loop(c, e, kind, 0, 0));
    if (kind == AD_COMP_GEN) EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    EMIT(c, RETURN_VALUE, 0);
    int idx = ad_comp_unit_exit(c);
    if (idx < 0) return false;

    TRY(ad_comp_make_function(c, idx, 0));
    TRY(ad_comp_expr(c, outer->iter));
    c->u->lineno = e->pos.lineno;
    if (outer->is_async) EMIT(c, GET_AITER, 0);
    else EMIT(c, GET_ITER, 0);
    EMIT(c, CALL, 1);
    if (is_async && kind != AD_COMP_GEN) {
        EMIT(c, GET_AWAITABLE, 0);
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        TRY(ad_comp_yield_from_loop(c));
    }
    return true;
}

/* ---- the rest ------------------------------------------------------------------------------- */

static bool compile_joinedstr(AdCompiler *c, AdExpr *e) {
    AdExprList *vals = &e->u.joinedstr.values;
    if (vals->n == 0) {
        EMIT_CONST(c, ad_comp_const_str(c, "", 0));
        return true;
    }
    for (int i = 0; i < vals->n; i++) TRY(ad_comp_expr(c, vals->items[i]));
    bool lone_str = vals->n == 1 && (vals->items[0]->kind == AD_EXPR_FORMATTEDVALUE ||
                                     (vals->items[0]->kind == AD_EXPR_CONSTANT &&
                                      vals->items[0]->u.constant.kind == AD_CONST_STR));
    if (!lone_str) EMIT(c, BUILD_STRING, vals->n);
    return true;
}

static bool compile_formatted(AdCompiler *c, AdExpr *e) {
    TRY(ad_comp_expr(c, e->u.formattedvalue.value));
    int arg = 0;
    switch (e->u.formattedvalue.conversion) {
    case 's': arg = 1; break;
    case 'r': arg = 2; break;
    case 'a': arg = 3; break;
    default: break;
    }
    if (e->u.formattedvalue.format_spec) {
        TRY(ad_comp_expr(c, e->u.formattedvalue.format_spec));
        arg |= 4;
    }
    c->u->lineno = e->pos.lineno;
    EMIT(c, FORMAT_VALUE, arg);
    return true;
}

static bool compile_constant(AdCompiler *c, AdExpr *e) {
    const AdConst *k = &e->u.constant;
    if (k->kind == AD_CONST_IMAG) {
        /* No complex type in the core: complex(0.0, imag) if the builtins offer one. */
        EMIT(c, LOAD_GLOBAL, ad_comp_name(c, "complex"));
        EMIT(c, LOAD_CONST, ad_comp_const_value(c, ad_float(0.0)));
        EMIT(c, LOAD_CONST, ad_comp_const_value(c, ad_float(k->fval)));
        EMIT(c, CALL, 2);
        return true;
    }
    EMIT_CONST(c, ad_comp_const_ast(c, k));
    return true;
}

static bool is_function_scope(AdCompiler *c) {
    return c->u->ste->block == AD_SYMBLOCK_FUNCTION;
}

static bool compile_expr(AdCompiler *c, AdExpr *e) {
    AdCompUnit *u = c->u;
    switch (e->kind) {
    case AD_EXPR_BOOLOP: {
        AdExprList *vals = &e->u.boolop.values;
        int end = ad_comp_new_label(c);
        int op = e->u.boolop.op == AD_BOOL_AND ? AD_OP_JUMP_IF_FALSE_OR_POP
                                               : AD_OP_JUMP_IF_TRUE_OR_POP;
        for (int i = 0; i < vals->n - 1; i++) {
            TRY(ad_comp_expr(c, vals->items[i]));
            TRY(ad_comp_emit(c, op, end));
        }
        TRY(ad_comp_expr(c, vals->items[vals->n - 1]));
        return ad_comp_bind(c, end);
    }
    case AD_EXPR_NAMEDEXPR:
        TRY(ad_comp_expr(c, e->u.namedexpr.value));
        EMIT(c, COPY, 1);
        return ad_comp_store(c, e->u.namedexpr.target);
    case AD_EXPR_BINOP:
        TRY(ad_comp_expr(c, e->u.binop.left));
        TRY(ad_comp_expr(c, e->u.binop.right));
        EMIT(c, BINARY_OP, e->u.binop.op);
        return true;
    case AD_EXPR_UNARYOP:
        if (e->u.unaryop.op == AD_UNARY_NEG && e->u.unaryop.operand->kind == AD_EXPR_CONSTANT) {
            /* -1.5, -3: the negated literal is the constant (as CPython folds it) */
            const AdConst *k = &e->u.unaryop.operand->u.constant;
            if (k->kind == AD_CONST_FLOAT) {
                EMIT(c, LOAD_CONST, ad_comp_const_value(c, ad_float(-k->fval)));
                return true;
            }
            if (k->kind == AD_CONST_INT && !k->big) {
                EMIT(c, LOAD_CONST, ad_comp_const_int(c, -k->ival));
                return true;
            }
        }
        TRY(ad_comp_expr(c, e->u.unaryop.operand));
        EMIT(c, UNARY_OP, e->u.unaryop.op);
        return true;
    case AD_EXPR_LAMBDA: return ad_comp_lambda(c, e);
    case AD_EXPR_IFEXP: {
        int orelse = ad_comp_new_label(c), end = ad_comp_new_label(c);
        TRY(ad_comp_jump_if(c, e->u.ifexp.test, orelse, false));
        TRY(ad_comp_expr(c, e->u.ifexp.body));
        EMIT(c, JUMP, end);
        TRY(ad_comp_bind(c, orelse));
        TRY(ad_comp_expr(c, e->u.ifexp.orelse));
        return ad_comp_bind(c, end);
    }
    case AD_EXPR_DICT: return compile_dict(c, e);
    case AD_EXPR_SET:
        return starunpack(c, &e->u.set.elts, 0, AD_OP_BUILD_SET, AD_OP_SET_ADD, AD_OP_SET_UPDATE,
                          false);
    case AD_EXPR_LISTCOMP: return compile_comprehension(c, e, AD_COMP_LIST);
    case AD_EXPR_SETCOMP: return compile_comprehension(c, e, AD_COMP_SET);
    case AD_EXPR_DICTCOMP: return compile_comprehension(c, e, AD_COMP_DICT);
    case AD_EXPR_GENERATOREXP: return compile_comprehension(c, e, AD_COMP_GEN);
    case AD_EXPR_AWAIT:
        if (!is_function_scope(c)) return ad_comp_error(c, e->pos, "'await' outside function");
        if (u->kind != AD_UNIT_ASYNC_FUNCTION && u->kind != AD_UNIT_COMPREHENSION)
            return ad_comp_error(c, e->pos, "'await' outside async function");
        TRY(ad_comp_expr(c, e->u.await_.value));
        EMIT(c, GET_AWAITABLE, 0);
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        return ad_comp_yield_from_loop(c);
    case AD_EXPR_YIELD:
        if (!is_function_scope(c)) return ad_comp_error(c, e->pos, "'yield' outside function");
        if (e->u.yield.value) TRY(ad_comp_expr(c, e->u.yield.value));
        else EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        EMIT(c, YIELD_VALUE, 0);
        return true;
    case AD_EXPR_YIELDFROM:
        if (!is_function_scope(c)) return ad_comp_error(c, e->pos, "'yield' outside function");
        if (u->kind == AD_UNIT_ASYNC_FUNCTION)
            return ad_comp_error(c, e->pos, "'yield from' inside async function");
        TRY(ad_comp_expr(c, e->u.yieldfrom.value));
        EMIT(c, GET_YIELD_FROM_ITER, 0);
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        return ad_comp_yield_from_loop(c);
    case AD_EXPR_COMPARE: return compile_compare(c, e);
    case AD_EXPR_CALL: return compile_call(c, e);
    case AD_EXPR_FORMATTEDVALUE: return compile_formatted(c, e);
    case AD_EXPR_JOINEDSTR: return compile_joinedstr(c, e);
    case AD_EXPR_CONSTANT: return compile_constant(c, e);
    case AD_EXPR_ATTRIBUTE:
        TRY(ad_comp_expr(c, e->u.attribute.value));
        if (e->pos.end_lineno > e->pos.lineno) u->lineno = e->pos.end_lineno;
        EMIT(c, LOAD_ATTR, ad_comp_name(c, e->u.attribute.attr));
        return true;
    case AD_EXPR_SUBSCRIPT:
        TRY(ad_comp_expr(c, e->u.subscript.value));
        TRY(ad_comp_expr(c, e->u.subscript.slice));
        EMIT(c, BINARY_SUBSCR, 0);
        return true;
    case AD_EXPR_STARRED: return ad_comp_error(c, e->pos, "can't use starred expression here");
    case AD_EXPR_NAME: return ad_comp_nameop(c, e->u.name.id, AD_CTX_LOAD);
    case AD_EXPR_LIST:
        return starunpack(c, &e->u.list.elts, 0, AD_OP_BUILD_LIST, AD_OP_LIST_APPEND,
                          AD_OP_LIST_EXTEND, false);
    case AD_EXPR_TUPLE: {
        int k = ad_comp_const_fold(c, e);
        if (k == -1) return false;
        if (k >= 0) {
            EMIT(c, LOAD_CONST, k);
            return true;
        }
        return starunpack(c, &e->u.tuple.elts, 0, AD_OP_BUILD_LIST, AD_OP_LIST_APPEND,
                          AD_OP_LIST_EXTEND, true);
    }
    case AD_EXPR_SLICE: {
        int n = 2;
        if (e->u.slice.lower) TRY(ad_comp_expr(c, e->u.slice.lower));
        else EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        if (e->u.slice.upper) TRY(ad_comp_expr(c, e->u.slice.upper));
        else EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        if (e->u.slice.step) {
            TRY(ad_comp_expr(c, e->u.slice.step));
            n = 3;
        }
        EMIT(c, BUILD_SLICE, n);
        return true;
    }
    }
    return ad_comp_error(c, e->pos, "internal compiler error: unknown expression");
}
