/*
 * symtable.c - scope analysis, following CPython 3.11's symtable.c: a first walk over the
 * AST records, per scope, every name and how it is used (flags); a second pass resolves
 * each name to local / global / free / cell by passing the set of names bound in
 * enclosing functions down the tree and the set of free names back up.
 *
 * Class bodies do not bind names for their methods; a method that says `super` or
 * `__class__` captures an implicit `__class__` cell of the class. Comprehensions are
 * functions of their own whose first iterable is evaluated outside; a walrus inside one
 * binds in the nearest enclosing function (or module).
 *
 * Only plain C memory is used: the compiler calls this before it allocates objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symtable.h"

/* ---- small utilities ----------------------------------------------------------------- */

static bool set_error(AdSymTable *st, AdPos pos, const char *fmt, const char *name) {
    if (st->failed) return false;
    st->failed = true;
    snprintf(st->err.msg, sizeof st->err.msg, fmt, name ? name : "");
    st->err.lineno = pos.lineno;
    st->err.col_offset = pos.col_offset;
    st->err.end_lineno = pos.end_lineno;
    st->err.end_col_offset = pos.end_col_offset;
    return false;
}

static bool set_oom(AdSymTable *st) {
    st->failed = st->oom = true;
    return false;
}

static bool grow(AdSymTable *st, void **p, int *cap, int need, size_t elem) {
    if (need <= *cap) return true;
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < need) ncap *= 2;
    void *q = realloc(*p, (size_t)ncap * elem);
    if (!q) return set_oom(st);
    *p = q;
    *cap = ncap;
    return true;
}

static uint32_t hash_str(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static uint32_t hash_ptr(const void *p) {
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

const char *ad_sym_mangle(AdArena *arena, const char *private_name, const char *name) {
    if (!private_name || !name || name[0] != '_' || name[1] != '_') return name;
    size_t nlen = strlen(name);
    if (name[nlen - 1] == '_' && name[nlen - 2] == '_') return name;
    if (strchr(name, '.')) return name;
    while (*private_name == '_') private_name++;
    if (!*private_name) return name;
    size_t plen = strlen(private_name);
    char *out = ad_arena_alloc(arena, 1 + plen + nlen + 1);
    if (!out) return NULL;
    out[0] = '_';
    memcpy(out + 1, private_name, plen);
    memcpy(out + 1 + plen, name, nlen + 1);
    return out;
}

/* ---- scopes and symbols ---------------------------------------------------------------- */

AdSymbol *ad_sym_lookup(const AdSymScope *s, const char *name) {
    if (!s->hash_cap) return NULL;
    uint32_t mask = (uint32_t)s->hash_cap - 1;
    for (uint32_t i = hash_str(name) & mask;; i = (i + 1) & mask) {
        int slot = s->hash[i];
        if (!slot) return NULL;
        if (strcmp(s->syms[slot - 1].name, name) == 0) return &s->syms[slot - 1];
    }
}

int ad_sym_scope(const AdSymScope *s, const char *name) {
    AdSymbol *sym = ad_sym_lookup(s, name);
    return sym ? sym->scope : AD_SCOPE_UNKNOWN;
}

static bool rehash(AdSymTable *st, AdSymScope *s) {
    int cap = s->hash_cap ? s->hash_cap * 2 : 16;
    int *h = calloc((size_t)cap, sizeof *h);
    if (!h) return set_oom(st);
    uint32_t mask = (uint32_t)cap - 1;
    for (int k = 0; k < s->nsyms; k++) {
        uint32_t i = hash_str(s->syms[k].name) & mask;
        while (h[i]) i = (i + 1) & mask;
        h[i] = k + 1;
    }
    free(s->hash);
    s->hash = h;
    s->hash_cap = cap;
    return true;
}

/* The symbol for `name` in `s`, created (flags 0) when new. NULL when out of memory. */
static AdSymbol *get_symbol(AdSymTable *st, AdSymScope *s, const char *name) {
    AdSymbol *sym = ad_sym_lookup(s, name);
    if (sym) return sym;
    if ((s->nsyms + 1) * 2 > s->hash_cap && !rehash(st, s)) return NULL;
    if (!grow(st, (void **)&s->syms, &s->syms_cap, s->nsyms + 1, sizeof *s->syms)) return NULL;
    sym = &s->syms[s->nsyms++];
    memset(sym, 0, sizeof *sym);
    sym->name = name;
    uint32_t mask = (uint32_t)s->hash_cap - 1;
    uint32_t i = hash_str(name) & mask;
    while (s->hash[i]) i = (i + 1) & mask;
    s->hash[i] = s->nsyms;
    return sym;
}

static bool map_put(AdSymTable *st, const void *key, AdSymScope *scope) {
    if ((st->map_n + 1) * 2 > st->map_cap) {
        int cap = st->map_cap ? st->map_cap * 2 : 64;
        AdSymScope **m = calloc((size_t)cap, sizeof *m);
        if (!m) return set_oom(st);
        for (int k = 0; k < st->map_cap; k++) {
            AdSymScope *e = st->map[k];
            if (!e) continue;
            uint32_t i = hash_ptr(e->key) & (uint32_t)(cap - 1);
            while (m[i]) i = (i + 1) & (uint32_t)(cap - 1);
            m[i] = e;
        }
        free(st->map);
        st->map = m;
        st->map_cap = cap;
    }
    uint32_t mask = (uint32_t)st->map_cap - 1;
    uint32_t i = hash_ptr(key) & mask;
    while (st->map[i]) i = (i + 1) & mask;
    st->map[i] = scope;
    st->map_n++;
    return true;
}

AdSymScope *ad_sym_scope_of(const AdSymTable *st, const void *node) {
    if (!st->map_cap) return NULL;
    uint32_t mask = (uint32_t)st->map_cap - 1;
    for (uint32_t i = hash_ptr(node) & mask;; i = (i + 1) & mask) {
        AdSymScope *e = st->map[i];
        if (!e) return NULL;
        if (e->key == node) return e;
    }
}

static void scope_free(AdSymScope *s) {
    if (!s) return;
    for (int i = 0; i < s->nchildren; i++) scope_free(s->children[i]);
    free(s->children);
    free(s->syms);
    free(s->hash);
    free(s->params);
    free(s);
}

void ad_sym_free(AdSymTable *st) {
    scope_free(st->top);
    st->top = NULL;
    free(st->map);
    st->map = NULL;
    st->map_cap = st->map_n = 0;
}

static bool enter_block(AdSymTable *st, const char *name, int block, const void *key,
                        AdPos pos) {
    AdSymScope *s = calloc(1, sizeof *s);
    if (!s) return set_oom(st);
    s->block = block;
    s->name = name;
    s->key = key;
    s->pos = pos;
    s->parent = st->cur;
    if (st->cur) {
        AdSymScope *p = st->cur;
        if (!grow(st, (void **)&p->children, &p->children_cap, p->nchildren + 1,
                  sizeof *p->children)) {
            free(s);
            return false;
        }
        p->children[p->nchildren++] = s;
    } else {
        st->top = s;
    }
    st->cur = s;
    return map_put(st, key, s);
}

static void exit_block(AdSymTable *st) {
    st->cur = st->cur->parent;
}

/* Records one use/definition of `name` in scope `s` (CPython's symtable_add_def_helper). */
static bool add_def_in(AdSymTable *st, AdSymScope *s, const char *name, uint32_t flag,
                       AdPos pos) {
    const char *mangled = ad_sym_mangle(st->arena, st->private_name, name);
    if (!mangled) return set_oom(st);
    AdSymbol *sym = get_symbol(st, s, mangled);
    if (!sym) return false;
    if ((flag & AD_SYM_DEF_PARAM) && (sym->flags & AD_SYM_DEF_PARAM))
        return set_error(st, pos,
                         "duplicate argument '%s' in function definition", mangled);
    sym->flags |= flag;
    if (flag & AD_SYM_DEF_PARAM) {
        const char **p = realloc(s->params, (size_t)(s->nparams + 1) * sizeof *p);
        if (!p) return set_oom(st);
        s->params = p;
        p[s->nparams++] = mangled;
    } else if (flag & AD_SYM_DEF_GLOBAL) {
        /* The module records every name declared global anywhere (CPython does). */
        AdSymbol *g = get_symbol(st, st->top, mangled);
        if (!g) return false;
        g->flags |= AD_SYM_DEF_GLOBAL;
    }
    return true;
}

static bool add_def(AdSymTable *st, const char *name, uint32_t flag, AdPos pos) {
    return add_def_in(st, st->cur, name, flag, pos);
}

static void record_directive(AdSymTable *st, const char *name, AdPos pos) {
    const char *mangled = ad_sym_mangle(st->arena, st->private_name, name);
    AdSymbol *sym = mangled ? ad_sym_lookup(st->cur, mangled) : NULL;
    if (sym && !sym->dir_pos.lineno) sym->dir_pos = pos;
}

static uint32_t lookup_flags(AdSymTable *st, const char *name) {
    const char *mangled = ad_sym_mangle(st->arena, st->private_name, name);
    if (!mangled) return 0;
    AdSymbol *sym = ad_sym_lookup(st->cur, mangled);
    return sym ? sym->flags : 0;
}

/* ---- the walk ------------------------------------------------------------------------ */

static bool visit_expr(AdSymTable *st, AdExpr *e);
static bool visit_stmts(AdSymTable *st, AdStmtList *l);
static bool visit_pattern(AdSymTable *st, AdPattern *p);

static bool visit_exprs(AdSymTable *st, AdExprList *l) {
    for (int i = 0; i < l->n; i++)
        if (l->items[i] && !visit_expr(st, l->items[i])) return false;
    return true;
}

static bool visit_keywords(AdSymTable *st, AdKeywordList *l) {
    for (int i = 0; i < l->n; i++)
        if (!visit_expr(st, l->items[i]->value)) return false;
    return true;
}

static bool visit_params(AdSymTable *st, AdArguments *a) {
    for (int i = 0; i < a->posonlyargs.n; i++)
        if (!add_def(st, a->posonlyargs.items[i]->arg, AD_SYM_DEF_PARAM, a->posonlyargs.items[i]->pos))
            return false;
    for (int i = 0; i < a->args.n; i++)
        if (!add_def(st, a->args.items[i]->arg, AD_SYM_DEF_PARAM, a->args.items[i]->pos))
            return false;
    for (int i = 0; i < a->kwonlyargs.n; i++)
        if (!add_def(st, a->kwonlyargs.items[i]->arg, AD_SYM_DEF_PARAM, a->kwonlyargs.items[i]->pos))
            return false;
    if (a->vararg) {
        if (!add_def(st, a->vararg->arg, AD_SYM_DEF_PARAM, a->vararg->pos)) return false;
        st->cur->varargs = true;
    }
    if (a->kwarg) {
        if (!add_def(st, a->kwarg->arg, AD_SYM_DEF_PARAM, a->kwarg->pos)) return false;
        st->cur->varkeywords = true;
    }
    return true;
}

static bool visit_arg_annotations(AdSymTable *st, AdArgList *l) {
    for (int i = 0; i < l->n; i++)
        if (l->items[i]->annotation && !visit_expr(st, l->items[i]->annotation)) return false;
    return true;
}

static bool visit_annotations(AdSymTable *st, AdArguments *a, AdExpr *returns) {
    if (!visit_arg_annotations(st, &a->posonlyargs) || !visit_arg_annotations(st, &a->args))
        return false;
    if (a->vararg && a->vararg->annotation && !visit_expr(st, a->vararg->annotation)) return false;
    if (!visit_arg_annotations(st, &a->kwonlyargs)) return false;
    if (a->kwarg && a->kwarg->annotation && !visit_expr(st, a->kwarg->annotation)) return false;
    return !returns || visit_expr(st, returns);
}

static const char *comp_yield_message(int kind) {
    switch (kind) {
    case AD_COMP_LIST: return "'yield' inside list comprehension";
    case AD_COMP_SET: return "'yield' inside set comprehension";
    case AD_COMP_DICT: return "'yield' inside dict comprehension";
    default: return "'yield' inside generator expression";
    }
}

/* A walrus inside a comprehension binds in the nearest enclosing function or module. */
static bool extend_namedexpr_scope(AdSymTable *st, AdExpr *target) {
    const char *name = target->u.name.id;
    for (AdSymScope *s = st->cur; s; s = s->parent) {
        if (s->comp_kind) {
            const char *mangled = ad_sym_mangle(st->arena, st->private_name, name);
            if (!mangled) return set_oom(st);
            AdSymbol *sym = ad_sym_lookup(s, mangled);
            if (sym && (sym->flags & AD_SYM_DEF_COMP_ITER))
                return set_error(st, target->pos,
                                 "assignment expression cannot rebind comprehension "
                                 "iteration variable '%s'", name);
            continue;
        }
        if (s->block == AD_SYMBLOCK_FUNCTION) {
            const char *mangled = ad_sym_mangle(st->arena, st->private_name, name);
            if (!mangled) return set_oom(st);
            AdSymbol *sym = ad_sym_lookup(s, mangled);
            uint32_t how = sym && (sym->flags & AD_SYM_DEF_GLOBAL) ? AD_SYM_DEF_GLOBAL
                                                                   : AD_SYM_DEF_NONLOCAL;
            if (!add_def(st, name, how, target->pos)) return false;
            record_directive(st, name, target->pos);
            return add_def_in(st, s, name, AD_SYM_DEF_LOCAL, target->pos);
        }
        if (s->block == AD_SYMBLOCK_MODULE) {
            if (!add_def(st, name, AD_SYM_DEF_GLOBAL, target->pos)) return false;
            record_directive(st, name, target->pos);
            return add_def_in(st, s, name, AD_SYM_DEF_GLOBAL, target->pos);
        }
        return set_error(st, target->pos,
                         "assignment expression within a comprehension cannot be used in "
                         "a class body", NULL);
    }
    return true;
}

static bool visit_comprehension(AdSymTable *st, AdExpr *e, const char *scope_name,
                                int kind) {
    AdComprehensionList *gens = &e->u.comp.generators;
    AdComprehension *outer = gens->items[0];
    st->cur->comp_iter_expr++;
    bool ok = visit_expr(st, outer->iter);
    st->cur->comp_iter_expr--;
    if (!ok) return false;
    if (!enter_block(st, scope_name, AD_SYMBLOCK_FUNCTION, e, e->pos)) return false;
    AdSymScope *s = st->cur;
    s->comp_kind = kind;
    if (outer->is_async) s->coroutine = true;
    if (!add_def(st, ".0", AD_SYM_DEF_PARAM, e->pos)) return false;
    s->comp_iter_target = 1;
    if (!visit_expr(st, outer->target)) return false;
    s->comp_iter_target = 0;
    if (!visit_exprs(st, &outer->ifs)) return false;
    for (int i = 1; i < gens->n; i++) {
        AdComprehension *g = gens->items[i];
        s->comp_iter_target = 1;
        if (!visit_expr(st, g->target)) return false;
        s->comp_iter_target = 0;
        if (!visit_expr(st, g->iter) || !visit_exprs(st, &g->ifs)) return false;
        if (g->is_async) s->coroutine = true;
    }
    if (e->u.comp.value && !visit_expr(st, e->u.comp.value)) return false;
    if (!visit_expr(st, e->u.comp.elt)) return false;
    bool is_gen = kind == AD_COMP_GEN;
    s->generator = is_gen;
    bool is_async = s->coroutine && !is_gen;
    exit_block(st);
    if (is_async) {
        AdSymScope *p = st->cur;
        bool async_def = p->block == AD_SYMBLOCK_FUNCTION && p->coroutine;
        if (!async_def && !p->comp_kind)
            return set_error(st, e->pos,
                             "asynchronous comprehension outside of an asynchronous function",
                             NULL);
        p->coroutine = true;
    }
    return true;
}

static bool visit_expr(AdSymTable *st, AdExpr *e) {
    if (st->failed) return false;
    switch (e->kind) {
    case AD_EXPR_BOOLOP: return visit_exprs(st, &e->u.boolop.values);
    case AD_EXPR_NAMEDEXPR: {
        if (st->cur->comp_iter_expr > 0)
            return set_error(st, e->pos,
                             "assignment expression cannot be used in a comprehension "
                             "iterable expression", NULL);
        if (st->cur->comp_kind && e->u.namedexpr.target->kind == AD_EXPR_NAME &&
            !extend_namedexpr_scope(st, e->u.namedexpr.target))
            return false;
        return visit_expr(st, e->u.namedexpr.value) && visit_expr(st, e->u.namedexpr.target);
    }
    case AD_EXPR_BINOP: return visit_expr(st, e->u.binop.left) && visit_expr(st, e->u.binop.right);
    case AD_EXPR_UNARYOP: return visit_expr(st, e->u.unaryop.operand);
    case AD_EXPR_LAMBDA: {
        AdArguments *a = e->u.lambda.args;
        if (!visit_exprs(st, &a->defaults) || !visit_exprs(st, &a->kw_defaults)) return false;
        if (!enter_block(st, "lambda", AD_SYMBLOCK_FUNCTION, e, e->pos)) return false;
        if (!visit_params(st, a) || !visit_expr(st, e->u.lambda.body)) return false;
        exit_block(st);
        return true;
    }
    case AD_EXPR_IFEXP:
        return visit_expr(st, e->u.ifexp.test) && visit_expr(st, e->u.ifexp.body) &&
               visit_expr(st, e->u.ifexp.orelse);
    case AD_EXPR_DICT: return visit_exprs(st, &e->u.dict.keys) && visit_exprs(st, &e->u.dict.values);
    case AD_EXPR_SET: return visit_exprs(st, &e->u.set.elts);
    case AD_EXPR_LISTCOMP: return visit_comprehension(st, e, "listcomp", AD_COMP_LIST);
    case AD_EXPR_SETCOMP: return visit_comprehension(st, e, "setcomp", AD_COMP_SET);
    case AD_EXPR_DICTCOMP: return visit_comprehension(st, e, "dictcomp", AD_COMP_DICT);
    case AD_EXPR_GENERATOREXP: return visit_comprehension(st, e, "genexpr", AD_COMP_GEN);
    case AD_EXPR_AWAIT:
        if (!visit_expr(st, e->u.await_.value)) return false;
        st->cur->coroutine = true;
        return true;
    case AD_EXPR_YIELD:
    case AD_EXPR_YIELDFROM:
        if (e->u.yield.value && !visit_expr(st, e->u.yield.value)) return false;
        st->cur->generator = true;
        if (st->cur->comp_kind)
            return set_error(st, e->pos,
                             comp_yield_message(st->cur->comp_kind), NULL);
        return true;
    case AD_EXPR_COMPARE:
        return visit_expr(st, e->u.compare.left) && visit_exprs(st, &e->u.compare.comparators);
    case AD_EXPR_CALL:
        return visit_expr(st, e->u.call.func) && visit_exprs(st, &e->u.call.args) &&
               visit_keywords(st, &e->u.call.keywords);
    case AD_EXPR_FORMATTEDVALUE:
        return visit_expr(st, e->u.formattedvalue.value) &&
               (!e->u.formattedvalue.format_spec ||
                visit_expr(st, e->u.formattedvalue.format_spec));
    case AD_EXPR_JOINEDSTR: return visit_exprs(st, &e->u.joinedstr.values);
    case AD_EXPR_CONSTANT: return true;
    case AD_EXPR_ATTRIBUTE: return visit_expr(st, e->u.attribute.value);
    case AD_EXPR_SUBSCRIPT:
        return visit_expr(st, e->u.subscript.value) && visit_expr(st, e->u.subscript.slice);
    case AD_EXPR_STARRED: return visit_expr(st, e->u.starred.value);
    case AD_EXPR_SLICE:
        return (!e->u.slice.lower || visit_expr(st, e->u.slice.lower)) &&
               (!e->u.slice.upper || visit_expr(st, e->u.slice.upper)) &&
               (!e->u.slice.step || visit_expr(st, e->u.slice.step));
    case AD_EXPR_NAME: {
        uint32_t flag = e->u.name.ctx == AD_CTX_LOAD ? AD_SYM_USE : AD_SYM_DEF_LOCAL;
        if (flag == AD_SYM_DEF_LOCAL && st->cur->comp_iter_target) flag |= AD_SYM_DEF_COMP_ITER;
        if (!add_def(st, e->u.name.id, flag, e->pos)) return false;
        /* super() without arguments needs the __class__ cell of the enclosing class. */
        if (e->u.name.ctx == AD_CTX_LOAD && st->cur->block == AD_SYMBLOCK_FUNCTION &&
            strcmp(e->u.name.id, "super") == 0)
            return add_def(st, "__class__", AD_SYM_USE, e->pos);
        return true;
    }
    case AD_EXPR_LIST: return visit_exprs(st, &e->u.list.elts);
    case AD_EXPR_TUPLE: return visit_exprs(st, &e->u.tuple.elts);
    }
    return true;
}

static bool visit_patterns(AdSymTable *st, AdPatternList *l) {
    for (int i = 0; i < l->n; i++)
        if (!visit_pattern(st, l->items[i])) return false;
    return true;
}

static bool visit_pattern(AdSymTable *st, AdPattern *p) {
    switch (p->kind) {
    case AD_PAT_VALUE: return visit_expr(st, p->u.value.value);
    case AD_PAT_SINGLETON: return true;
    case AD_PAT_SEQUENCE: return visit_patterns(st, &p->u.sequence.patterns);
    case AD_PAT_MAPPING:
        if (!visit_exprs(st, &p->u.mapping.keys) || !visit_patterns(st, &p->u.mapping.patterns))
            return false;
        return !p->u.mapping.rest || add_def(st, p->u.mapping.rest, AD_SYM_DEF_LOCAL, p->pos);
    case AD_PAT_CLASS:
        return visit_expr(st, p->u.cls.cls) && visit_patterns(st, &p->u.cls.patterns) &&
               visit_patterns(st, &p->u.cls.kwd_patterns);
    case AD_PAT_STAR:
        return !p->u.star.name || add_def(st, p->u.star.name, AD_SYM_DEF_LOCAL, p->pos);
    case AD_PAT_AS:
        if (p->u.as.pattern && !visit_pattern(st, p->u.as.pattern)) return false;
        return !p->u.as.name || add_def(st, p->u.as.name, AD_SYM_DEF_LOCAL, p->pos);
    case AD_PAT_OR: return visit_patterns(st, &p->u.or_.patterns);
    }
    return true;
}

static bool visit_alias(AdSymTable *st, AdAlias *a, AdPos pos) {
    if (strcmp(a->name, "*") == 0) {
        if (st->cur->block != AD_SYMBLOCK_MODULE)
            return set_error(st, pos,
                             "import * only allowed at module level", NULL);
        return true;
    }
    const char *store = a->asname;
    if (!store) {
        const char *dot = strchr(a->name, '.');
        store = dot ? ad_arena_strndup(st->arena, a->name, (size_t)(dot - a->name)) : a->name;
        if (!store) return set_oom(st);
    }
    return add_def(st, store, AD_SYM_DEF_IMPORT, pos);
}

static bool check_declaration(AdSymTable *st, AdStmt *s, const char *name, bool global) {
    uint32_t cur = lookup_flags(st, name);
    if (!(cur & (AD_SYM_DEF_PARAM | AD_SYM_DEF_LOCAL | AD_SYM_USE | AD_SYM_DEF_ANNOT)))
        return true;
    const char *msg;
    if (cur & AD_SYM_DEF_PARAM)
        msg = global ? "name '%s' is parameter and global" : "name '%s' is parameter and nonlocal";
    else if (cur & AD_SYM_USE)
        msg = global ? "name '%s' is used prior to global declaration"
                     : "name '%s' is used prior to nonlocal declaration";
    else if (cur & AD_SYM_DEF_ANNOT)
        msg = global ? "annotated name '%s' can't be global"
                     : "annotated name '%s' can't be nonlocal";
    else
        msg = global ? "name '%s' is assigned to before global declaration"
                     : "name '%s' is assigned to before nonlocal declaration";
    return set_error(st, s->pos, msg, name);
}

static bool visit_stmt(AdSymTable *st, AdStmt *s) {
    if (st->failed) return false;
    switch (s->kind) {
    case AD_STMT_FUNCTIONDEF: {
        AdArguments *a = s->u.functiondef.args;
        if (!add_def(st, s->u.functiondef.name, AD_SYM_DEF_LOCAL, s->pos)) return false;
        if (!visit_exprs(st, &a->defaults) || !visit_exprs(st, &a->kw_defaults)) return false;
        if (!visit_annotations(st, a, s->u.functiondef.returns)) return false;
        if (!visit_exprs(st, &s->u.functiondef.decorator_list)) return false;
        if (!enter_block(st, s->u.functiondef.name, AD_SYMBLOCK_FUNCTION, s, s->pos))
            return false;
        if (s->u.functiondef.is_async) st->cur->coroutine = true;
        if (!visit_params(st, a) || !visit_stmts(st, &s->u.functiondef.body)) return false;
        exit_block(st);
        return true;
    }
    case AD_STMT_CLASSDEF: {
        if (!add_def(st, s->u.classdef.name, AD_SYM_DEF_LOCAL, s->pos)) return false;
        if (!visit_exprs(st, &s->u.classdef.bases) || !visit_keywords(st, &s->u.classdef.keywords))
            return false;
        if (!visit_exprs(st, &s->u.classdef.decorator_list)) return false;
        if (!enter_block(st, s->u.classdef.name, AD_SYMBLOCK_CLASS, s, s->pos)) return false;
        const char *saved = st->private_name;
        st->private_name = s->u.classdef.name;
        bool ok = visit_stmts(st, &s->u.classdef.body);
        st->private_name = saved;
        if (!ok) return false;
        exit_block(st);
        return true;
    }
    case AD_STMT_RETURN:
        if (s->u.return_.value) {
            if (!visit_expr(st, s->u.return_.value)) return false;
            st->cur->returns_value = true;
        }
        return true;
    case AD_STMT_DELETE: return visit_exprs(st, &s->u.delete_.targets);
    case AD_STMT_ASSIGN:
        return visit_exprs(st, &s->u.assign.targets) && visit_expr(st, s->u.assign.value);
    case AD_STMT_AUGASSIGN:
        return visit_expr(st, s->u.augassign.target) && visit_expr(st, s->u.augassign.value);
    case AD_STMT_ANNASSIGN: {
        AdExpr *target = s->u.annassign.target;
        if (target->kind == AD_EXPR_NAME) {
            uint32_t cur = lookup_flags(st, target->u.name.id);
            if ((cur & (AD_SYM_DEF_GLOBAL | AD_SYM_DEF_NONLOCAL)) && st->cur != st->top &&
                s->u.annassign.simple)
                return set_error(st, s->pos,
                                 (cur & AD_SYM_DEF_GLOBAL) ? "annotated name '%s' can't be global"
                                                           : "annotated name '%s' can't be nonlocal",
                                 target->u.name.id);
            if (s->u.annassign.simple) {
                if (!add_def(st, target->u.name.id, AD_SYM_DEF_ANNOT | AD_SYM_DEF_LOCAL, target->pos))
                    return false;
            } else if (s->u.annassign.value) {
                if (!add_def(st, target->u.name.id, AD_SYM_DEF_LOCAL, target->pos)) return false;
            }
        } else if (!visit_expr(st, target)) {
            return false;
        }
        if (!visit_expr(st, s->u.annassign.annotation)) return false;
        return !s->u.annassign.value || visit_expr(st, s->u.annassign.value);
    }
    case AD_STMT_FOR:
        return visit_expr(st, s->u.for_.target) && visit_expr(st, s->u.for_.iter) &&
               visit_stmts(st, &s->u.for_.body) && visit_stmts(st, &s->u.for_.orelse);
    case AD_STMT_WHILE:
        return visit_expr(st, s->u.while_.test) && visit_stmts(st, &s->u.while_.body) &&
               visit_stmts(st, &s->u.while_.orelse);
    case AD_STMT_IF:
        return visit_expr(st, s->u.if_.test) && visit_stmts(st, &s->u.if_.body) &&
               visit_stmts(st, &s->u.if_.orelse);
    case AD_STMT_WITH:
        for (int i = 0; i < s->u.with.items.n; i++) {
            AdWithItem *w = s->u.with.items.items[i];
            if (!visit_expr(st, w->context_expr)) return false;
            if (w->optional_vars && !visit_expr(st, w->optional_vars)) return false;
        }
        return visit_stmts(st, &s->u.with.body);
    case AD_STMT_MATCH:
        if (!visit_expr(st, s->u.match.subject)) return false;
        for (int i = 0; i < s->u.match.cases.n; i++) {
            AdMatchCase *m = s->u.match.cases.items[i];
            if (!visit_pattern(st, m->pattern)) return false;
            if (m->guard && !visit_expr(st, m->guard)) return false;
            if (!visit_stmts(st, &m->body)) return false;
        }
        return true;
    case AD_STMT_RAISE:
        return (!s->u.raise.exc || visit_expr(st, s->u.raise.exc)) &&
               (!s->u.raise.cause || visit_expr(st, s->u.raise.cause));
    case AD_STMT_TRY:
        if (!visit_stmts(st, &s->u.try_.body) || !visit_stmts(st, &s->u.try_.orelse)) return false;
        for (int i = 0; i < s->u.try_.handlers.n; i++) {
            AdExceptHandler *h = s->u.try_.handlers.items[i];
            if (h->type && !visit_expr(st, h->type)) return false;
            if (h->name && !add_def(st, h->name, AD_SYM_DEF_LOCAL, h->pos)) return false;
            if (!visit_stmts(st, &h->body)) return false;
        }
        return visit_stmts(st, &s->u.try_.finalbody);
    case AD_STMT_ASSERT:
        return visit_expr(st, s->u.assert_.test) &&
               (!s->u.assert_.msg || visit_expr(st, s->u.assert_.msg));
    case AD_STMT_IMPORT:
        for (int i = 0; i < s->u.import.names.n; i++)
            if (!visit_alias(st, s->u.import.names.items[i], s->pos)) return false;
        return true;
    case AD_STMT_IMPORTFROM:
        for (int i = 0; i < s->u.importfrom.names.n; i++)
            if (!visit_alias(st, s->u.importfrom.names.items[i], s->pos)) return false;
        return true;
    case AD_STMT_GLOBAL:
        for (int i = 0; i < s->u.global.names.n; i++) {
            const char *name = s->u.global.names.items[i];
            if (!check_declaration(st, s, name, true)) return false;
            if (!add_def(st, name, AD_SYM_DEF_GLOBAL, s->pos)) return false;
            record_directive(st, name, s->pos);
        }
        return true;
    case AD_STMT_NONLOCAL:
        for (int i = 0; i < s->u.nonlocal.names.n; i++) {
            const char *name = s->u.nonlocal.names.items[i];
            if (st->cur->block == AD_SYMBLOCK_MODULE)
                return set_error(st, s->pos,
                                 "nonlocal declaration not allowed at module level", NULL);
            if (!check_declaration(st, s, name, false)) return false;
            if (!add_def(st, name, AD_SYM_DEF_NONLOCAL, s->pos)) return false;
            record_directive(st, name, s->pos);
        }
        return true;
    case AD_STMT_EXPR: return visit_expr(st, s->u.expr.value);
    case AD_STMT_PASS:
    case AD_STMT_BREAK:
    case AD_STMT_CONTINUE: return true;
    }
    return true;
}

static bool visit_stmts(AdSymTable *st, AdStmtList *l) {
    for (int i = 0; i < l->n; i++)
        if (!visit_stmt(st, l->items[i])) return false;
    return true;
}

/* ---- analysis ---------------------------------------------------------------------------
 * Name sets are hashed string sets; the sets passed down are copied per child exactly as
 * CPython copies its sets. */

typedef struct NameSet {
    const char **items; /* insertion order; NULL where an item was discarded */
    int n, cap;
    int *hash;          /* index+1, 0 empty, -1 deleted */
    int hash_cap;
} NameSet;

/* Slot of `name` in the hash, or -1. */
static int set_slot(const NameSet *s, const char *name) {
    if (!s->hash_cap) return -1;
    uint32_t mask = (uint32_t)s->hash_cap - 1;
    for (uint32_t i = hash_str(name) & mask;; i = (i + 1) & mask) {
        int e = s->hash[i];
        if (e == 0) return -1;
        if (e > 0 && strcmp(s->items[e - 1], name) == 0) return (int)i;
    }
}

static bool set_has(const NameSet *s, const char *name) {
    return set_slot(s, name) >= 0;
}

static bool set_add(AdSymTable *st, NameSet *s, const char *name) {
    if (set_has(s, name)) return true;
    if ((s->n + 1) * 2 > s->hash_cap) {
        int cap = s->hash_cap ? s->hash_cap * 2 : 16;
        int *h = calloc((size_t)cap, sizeof *h);
        if (!h) return set_oom(st);
        for (int k = 0; k < s->n; k++) {
            if (!s->items[k]) continue;
            uint32_t i = hash_str(s->items[k]) & (uint32_t)(cap - 1);
            while (h[i]) i = (i + 1) & (uint32_t)(cap - 1);
            h[i] = k + 1;
        }
        free(s->hash);
        s->hash = h;
        s->hash_cap = cap;
    }
    if (!grow(st, (void **)&s->items, &s->cap, s->n + 1, sizeof *s->items)) return false;
    s->items[s->n++] = name;
    uint32_t mask = (uint32_t)s->hash_cap - 1;
    uint32_t i = hash_str(name) & mask;
    while (s->hash[i] > 0) i = (i + 1) & mask;
    s->hash[i] = s->n;
    return true;
}

static void set_discard(NameSet *s, const char *name) {
    int slot = set_slot(s, name);
    if (slot < 0) return;
    s->items[s->hash[slot] - 1] = NULL;
    s->hash[slot] = -1;
}

static bool set_union(AdSymTable *st, NameSet *dst, const NameSet *src) {
    for (int i = 0; i < src->n; i++)
        if (src->items[i] && !set_add(st, dst, src->items[i])) return false;
    return true;
}

static void set_clear(NameSet *s) {
    free(s->items);
    free(s->hash);
    memset(s, 0, sizeof *s);
}

static bool directive_error(AdSymTable *st, AdSymScope *s, AdSymbol *sym, const char *fmt) {
    return set_error(st, sym->dir_pos.lineno ? sym->dir_pos : s->pos, fmt, sym->name);
}

/* bound == NULL means the module (no enclosing function). */
static bool analyze_name(AdSymTable *st, AdSymScope *s, AdSymbol *sym, NameSet *bound,
                         NameSet *local, NameSet *free, NameSet *global) {
    uint32_t flags = sym->flags;
    const char *name = sym->name;
    if (flags & AD_SYM_DEF_GLOBAL) {
        if (flags & AD_SYM_DEF_NONLOCAL)
            return directive_error(st, s, sym, "name '%s' is nonlocal and global");
        sym->scope = AD_SCOPE_GLOBAL_EXPLICIT;
        if (!set_add(st, global, name)) return false;
        if (bound) set_discard(bound, name);
        return true;
    }
    if (flags & AD_SYM_DEF_NONLOCAL) {
        if (!bound)
            return directive_error(st, s, sym, "nonlocal declaration not allowed at module level");
        if (!set_has(bound, name))
            return directive_error(st, s, sym, "no binding for nonlocal '%s' found");
        sym->scope = AD_SCOPE_FREE;
        s->has_free = true;
        return set_add(st, free, name);
    }
    if (flags & AD_SYM_DEF_BOUND) {
        sym->scope = AD_SCOPE_LOCAL;
        if (!set_add(st, local, name)) return false;
        set_discard(global, name);
        return true;
    }
    if (bound && set_has(bound, name)) {
        sym->scope = AD_SCOPE_FREE;
        s->has_free = true;
        return set_add(st, free, name);
    }
    sym->scope = AD_SCOPE_GLOBAL_IMPLICIT;
    return true;
}

static bool analyze_block(AdSymTable *st, AdSymScope *s, NameSet *bound, NameSet *free,
                          NameSet *global);

static bool analyze_child(AdSymTable *st, AdSymScope *child, const NameSet *bound,
                          const NameSet *global, NameSet *child_free) {
    NameSet tb = {0}, tg = {0}, tf = {0};
    bool ok = set_union(st, &tb, bound) && set_union(st, &tg, global) &&
              analyze_block(st, child, &tb, &tf, &tg) && set_union(st, child_free, &tf);
    set_clear(&tb);
    set_clear(&tg);
    set_clear(&tf);
    return ok;
}

static bool analyze_block(AdSymTable *st, AdSymScope *s, NameSet *bound, NameSet *free,
                          NameSet *global) {
    NameSet local = {0}, newbound = {0}, newglobal = {0}, newfree = {0}, allfree = {0};
    bool ok = false;
    bool is_module = s->block == AD_SYMBLOCK_MODULE;
    NameSet *b = is_module ? NULL : bound;

    if (s->block == AD_SYMBLOCK_CLASS) {
        if (!set_union(st, &newglobal, global) || !set_union(st, &newbound, bound)) goto done;
    }
    for (int i = 0; i < s->nsyms; i++)
        if (!analyze_name(st, s, &s->syms[i], b, &local, free, global)) goto done;
    if (s->block != AD_SYMBLOCK_CLASS) {
        if (s->block == AD_SYMBLOCK_FUNCTION && !set_union(st, &newbound, &local)) goto done;
        if (b && !set_union(st, &newbound, b)) goto done;
        if (!set_union(st, &newglobal, global)) goto done;
    } else if (!set_add(st, &newbound, "__class__")) {
        goto done;
    }
    for (int i = 0; i < s->nchildren; i++)
        if (!analyze_child(st, s->children[i], &newbound, &newglobal, &allfree)) goto done;
    if (!set_union(st, &newfree, &allfree)) goto done;

    if (s->block == AD_SYMBLOCK_FUNCTION) {
        /* Locals captured by inner functions become cells. */
        for (int i = 0; i < s->nsyms; i++) {
            AdSymbol *sym = &s->syms[i];
            if (sym->scope == AD_SCOPE_LOCAL && set_has(&newfree, sym->name)) {
                sym->scope = AD_SCOPE_CELL;
                set_discard(&newfree, sym->name);
            }
        }
    } else if (s->block == AD_SYMBLOCK_CLASS && set_has(&newfree, "__class__")) {
        set_discard(&newfree, "__class__");
        s->needs_class_closure = true;
    }
    /* Free names of children that this scope does not define pass through it. */
    for (int i = 0; i < newfree.n; i++) {
        const char *name = newfree.items[i];
        if (!name) continue;
        AdSymbol *sym = ad_sym_lookup(s, name);
        if (sym) {
            if (s->block == AD_SYMBLOCK_CLASS &&
                (sym->flags & (AD_SYM_DEF_BOUND | AD_SYM_DEF_GLOBAL)))
                sym->flags |= AD_SYM_DEF_FREE_CLASS;
            continue;
        }
        if (!b || !set_has(b, name)) continue; /* a global */
        sym = get_symbol(st, s, name);
        if (!sym) goto done;
        sym->scope = AD_SCOPE_FREE;
        s->has_free = true;
    }
    ok = set_union(st, free, &newfree);
done:
    set_clear(&local);
    set_clear(&newbound);
    set_clear(&newglobal);
    set_clear(&newfree);
    set_clear(&allfree);
    return ok;
}

bool ad_sym_build(AdSymTable *st, AdModuleAst *mod) {
    memset(st, 0, sizeof *st);
    st->arena = &mod->arena;
    AdPos pos = {1, 0, 1, 0};
    if (!enter_block(st, "top", AD_SYMBLOCK_MODULE, mod, pos)) return false;
    if (!visit_stmts(st, &mod->body)) return false;
    NameSet global = {0}, free = {0};
    bool ok = analyze_block(st, st->top, NULL, &free, &global);
    set_clear(&global);
    set_clear(&free);
    return ok && !st->failed;
}
