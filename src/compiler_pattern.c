/*
 * compiler_pattern.c - the match statement, ported from CPython 3.11's compiler.
 *
 * A pattern consumes the subject on top of the stack. Values it captures are not bound
 * at once: each is rotated down beneath the items still being matched, and only when the
 * whole case pattern succeeds are they stored, in order. A failing test jumps to a
 * "fail_pop" label that pops exactly what is on the stack at that point (captures plus
 * in-flight items, counted by pc->on_top) and falls to the next case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

typedef struct PatternCtx {
    const char **stores; /* captured names; stores[0] is nearest the top of the stack */
    int nstores, stores_cap;
    bool allow_irrefutable;
    int *fail_pop; /* fail_pop[n]: pop n items, then fail */
    int nfail_pop, fail_pop_cap;
    int on_top; /* items above the captures that a failure must pop too */
} PatternCtx;

static bool compile_pattern(AdCompiler *c, AdPattern *p, PatternCtx *pc);

static bool is_wildcard(const AdPattern *p) {
    return p->kind == AD_PAT_AS && !p->u.as.pattern && !p->u.as.name;
}

static bool is_star_wildcard(const AdPattern *p) {
    return p->kind == AD_PAT_STAR && !p->u.star.name;
}

static bool ensure_fail_pop(AdCompiler *c, PatternCtx *pc, int n) {
    while (pc->nfail_pop < n + 1) {
        if (pc->nfail_pop == pc->fail_pop_cap) {
            int cap = pc->fail_pop_cap ? pc->fail_pop_cap * 2 : 8;
            int *p = realloc(pc->fail_pop, (size_t)cap * sizeof *p);
            if (!p) return ad_comp_nomem(c);
            pc->fail_pop = p;
            pc->fail_pop_cap = cap;
        }
        pc->fail_pop[pc->nfail_pop++] = ad_comp_new_label(c);
    }
    return true;
}

static bool jump_to_fail_pop(AdCompiler *c, PatternCtx *pc, int op) {
    int pops = pc->on_top + pc->nstores;
    TRY(ensure_fail_pop(c, pc, pops));
    return ad_comp_emit(c, op, pc->fail_pop[pops]);
}

static bool emit_and_reset_fail_pop(AdCompiler *c, PatternCtx *pc) {
    if (!pc->nfail_pop) return true;
    for (int n = pc->nfail_pop - 1; n > 0; n--) {
        TRY(ad_comp_bind(c, pc->fail_pop[n]));
        EMIT(c, POP_TOP, 0);
    }
    TRY(ad_comp_bind(c, pc->fail_pop[0]));
    free(pc->fail_pop);
    pc->fail_pop = NULL;
    pc->nfail_pop = pc->fail_pop_cap = 0;
    return true;
}

/* Moves TOS down `count` places (the count-1 items above it move up). */
static bool rotate(AdCompiler *c, int count) {
    while (count > 1) EMIT(c, SWAP, count--);
    return true;
}

static int find_store(const PatternCtx *pc, const char *name) {
    for (int i = 0; i < pc->nstores; i++)
        if (strcmp(pc->stores[i], name) == 0) return i;
    return -1;
}

static bool append_store(AdCompiler *c, PatternCtx *pc, const char *name) {
    if (pc->nstores == pc->stores_cap) {
        int cap = pc->stores_cap ? pc->stores_cap * 2 : 8;
        const char **p = realloc(pc->stores, (size_t)cap * sizeof *p);
        if (!p) return ad_comp_nomem(c);
        pc->stores = p;
        pc->stores_cap = cap;
    }
    pc->stores[pc->nstores++] = name;
    return true;
}

static bool store_name(AdCompiler *c, const char *name, PatternCtx *pc, AdPos pos) {
    if (!name) {
        EMIT(c, POP_TOP, 0);
        return true;
    }
    if (find_store(pc, name) >= 0)
        return ad_comp_error(c, pos, "multiple assignments to name '%s' in pattern", name);
    TRY(rotate(c, pc->on_top + pc->nstores + 1));
    return append_store(c, pc, name);
}

static bool compile_subpattern(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    bool saved = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    bool ok = compile_pattern(c, p, pc);
    pc->allow_irrefutable = saved;
    return ok;
}

static bool pattern_as(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    if (!p->u.as.pattern) {
        if (!pc->allow_irrefutable) {
            if (p->u.as.name)
                return ad_comp_error(c, p->pos, "name capture '%s' makes remaining patterns "
                                     "unreachable", p->u.as.name);
            return ad_comp_error(c, p->pos, "wildcard makes remaining patterns unreachable");
        }
        return store_name(c, p->u.as.name, pc, p->pos);
    }
    pc->on_top++;
    EMIT(c, COPY, 1);
    TRY(compile_pattern(c, p->u.as.pattern, pc));
    pc->on_top--;
    return store_name(c, p->u.as.name, pc, p->pos);
}

static bool pattern_sequence(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    AdPatternList *pats = &p->u.sequence.patterns;
    int size = pats->n, star = -1;
    bool only_wildcard = true;
    for (int i = 0; i < size; i++) {
        AdPattern *sub = pats->items[i];
        if (sub->kind == AD_PAT_STAR) {
            if (star >= 0)
                return ad_comp_error(c, sub->pos, "multiple starred names in sequence pattern");
            only_wildcard = only_wildcard && is_star_wildcard(sub);
            star = i;
            continue;
        }
        only_wildcard = only_wildcard && is_wildcard(sub);
    }
    pc->on_top++;
    EMIT(c, MATCH_SEQUENCE, 0);
    TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    if (star < 0) {
        EMIT(c, GET_LEN, 0);
        EMIT_CONST(c, ad_comp_const_int(c, size));
        EMIT(c, COMPARE_OP, AD_CMP_EQ);
        TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    } else if (size - 1 > 0) {
        EMIT(c, GET_LEN, 0);
        EMIT_CONST(c, ad_comp_const_int(c, size - 1));
        EMIT(c, COMPARE_OP, AD_CMP_GE);
        TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    }
    pc->on_top--;
    if (only_wildcard) {
        EMIT(c, POP_TOP, 0);
        return true;
    }
    if (star >= 0) {
        if (star >= 256 || size - star - 1 >= (1 << 16))
            return ad_comp_error(c, p->pos, "too many expressions in star-unpacking sequence pattern");
        EMIT(c, UNPACK_EX, star | ((size - star - 1) << 8));
    } else {
        EMIT(c, UNPACK_SEQUENCE, size);
    }
    pc->on_top += size;
    for (int i = 0; i < size; i++) {
        pc->on_top--;
        TRY(compile_subpattern(c, pats->items[i], pc));
    }
    return true;
}

/* For the duplicate-key check of mapping patterns: literal keys, compared by value. */
static bool same_literal(const AdExpr *a, const AdExpr *b) {
    if (a->kind != AD_EXPR_CONSTANT || b->kind != AD_EXPR_CONSTANT) return false;
    const AdConst *x = &a->u.constant, *y = &b->u.constant;
    if (x->kind != y->kind) return false;
    switch (x->kind) {
    case AD_CONST_INT:
        if (x->big || y->big) return x->big && y->big && strcmp(x->big, y->big) == 0;
        return x->ival == y->ival;
    case AD_CONST_FLOAT: return x->fval == y->fval;
    case AD_CONST_STR:
    case AD_CONST_BYTES: return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
    default: return true;
    }
}

static void literal_repr(const AdExpr *e, char *buf, size_t n) {
    const AdConst *k = &e->u.constant;
    switch (k->kind) {
    case AD_CONST_INT:
        if (k->big) snprintf(buf, n, "%s", k->big);
        else snprintf(buf, n, "%lld", (long long)k->ival);
        break;
    case AD_CONST_FLOAT: snprintf(buf, n, "%.17g", k->fval); break;
    case AD_CONST_STR: snprintf(buf, n, "'%.*s'", (int)k->len, k->str); break;
    case AD_CONST_BYTES: snprintf(buf, n, "b'%.*s'", (int)k->len, k->str); break;
    case AD_CONST_NONE: snprintf(buf, n, "None"); break;
    case AD_CONST_TRUE: snprintf(buf, n, "True"); break;
    case AD_CONST_FALSE: snprintf(buf, n, "False"); break;
    default: snprintf(buf, n, "..."); break;
    }
}

static bool pattern_mapping(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    AdExprList *keys = &p->u.mapping.keys;
    AdPatternList *pats = &p->u.mapping.patterns;
    int size = keys->n;
    const char *rest = p->u.mapping.rest;
    pc->on_top++;
    EMIT(c, MATCH_MAPPING, 0);
    TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    if (!size && !rest) {
        pc->on_top--;
        EMIT(c, POP_TOP, 0);
        return true;
    }
    if (size) {
        EMIT(c, GET_LEN, 0);
        EMIT_CONST(c, ad_comp_const_int(c, size));
        EMIT(c, COMPARE_OP, AD_CMP_GE);
        TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    }
    for (int i = 0; i < size; i++) {
        AdExpr *key = keys->items[i];
        if (key->kind == AD_EXPR_CONSTANT) {
            for (int j = 0; j < i; j++) {
                if (same_literal(keys->items[j], key)) {
                    char buf[128];
                    literal_repr(key, buf, sizeof buf);
                    return ad_comp_error(c, p->pos, "mapping pattern checks duplicate key (%s)",
                                         buf);
                }
            }
        } else if (key->kind != AD_EXPR_ATTRIBUTE && key->kind != AD_EXPR_UNARYOP &&
                   key->kind != AD_EXPR_BINOP) {
            return ad_comp_error(c, key->pos, "mapping pattern keys may only match literals and "
                                 "attribute lookups");
        }
        TRY(ad_comp_expr(c, key));
    }
    c->u->lineno = p->pos.lineno;
    EMIT(c, BUILD_TUPLE, size);
    EMIT(c, MATCH_KEYS, 0);
    /* [subj, keys, values-or-None] */
    pc->on_top += 2;
    EMIT(c, COPY, 1);
    EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    EMIT(c, IS_OP, 1);
    TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    EMIT(c, UNPACK_SEQUENCE, size);
    pc->on_top += size - 1;
    for (int i = 0; i < size; i++) {
        pc->on_top--;
        TRY(compile_subpattern(c, pats->items[i], pc));
    }
    /* [subj, keys]: whatever follows consumes both */
    pc->on_top -= 2;
    if (rest) {
        EMIT(c, COPY_DICT_WITHOUT_KEYS, 0); /* [subj, rest] */
        EMIT(c, SWAP, 2);
        EMIT(c, POP_TOP, 0);
        return store_name(c, rest, pc, p->pos);
    }
    EMIT(c, POP_TOP, 0);
    EMIT(c, POP_TOP, 0);
    return true;
}

static bool pattern_class(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    AdPatternList *pats = &p->u.cls.patterns, *kwpats = &p->u.cls.kwd_patterns;
    AdNameList *attrs = &p->u.cls.kwd_attrs;
    int nargs = pats->n, nattrs = attrs->n;
    if (nattrs != kwpats->n)
        return ad_comp_error(c, p->pos, "kwd_attrs (%d) / kwd_patterns (%d) length mismatch in "
                             "class pattern", nattrs, kwpats->n);
    for (int i = 0; i < nattrs; i++)
        for (int j = i + 1; j < nattrs; j++)
            if (strcmp(attrs->items[i], attrs->items[j]) == 0)
                return ad_comp_error(c, kwpats->items[j]->pos,
                                     "attribute name repeated in class pattern: %s",
                                     attrs->items[i]);
    TRY(ad_comp_expr(c, p->u.cls.cls));
    c->u->lineno = p->pos.lineno;
    EMIT_CONST(c, ad_comp_const_str_tuple(c, attrs->items, nattrs));
    EMIT(c, MATCH_CLASS, nargs);
    EMIT(c, COPY, 1);
    EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    EMIT(c, IS_OP, 1);
    pc->on_top++;
    TRY(jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE));
    EMIT(c, UNPACK_SEQUENCE, nargs + nattrs);
    pc->on_top += nargs + nattrs - 1;
    for (int i = 0; i < nargs + nattrs; i++) {
        pc->on_top--;
        AdPattern *sub = i < nargs ? pats->items[i] : kwpats->items[i - nargs];
        if (is_wildcard(sub)) {
            EMIT(c, POP_TOP, 0);
            continue;
        }
        TRY(compile_subpattern(c, sub, pc));
    }
    return true;
}

static void ctx_free(PatternCtx *pc) {
    free(pc->stores);
    free(pc->fail_pop);
    pc->stores = NULL;
    pc->fail_pop = NULL;
}

/* `a | b | c`: each alternative must bind the same names; their captures are reordered
 * to the first alternative's order so that one store sequence serves them all. */
static bool pattern_or(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    AdPatternList *alts = &p->u.or_.patterns;
    int end = ad_comp_new_label(c);
    PatternCtx control = {0};
    bool have_control = false, ok = false;
    for (int i = 0; i < alts->n; i++) {
        AdPattern *alt = alts->items[i];
        c->u->lineno = alt->pos.lineno;
        PatternCtx apc = {0};
        apc.allow_irrefutable = (i == alts->n - 1) && pc->allow_irrefutable;
        if (!ad_comp_emit(c, AD_OP_COPY, 1) || !compile_pattern(c, alt, &apc)) {
            ctx_free(&apc);
            goto out;
        }
        if (!have_control) {
            control.stores = apc.stores;
            control.nstores = apc.nstores;
            apc.stores = NULL;
            have_control = true;
        } else if (apc.nstores != control.nstores) {
            ctx_free(&apc);
            ad_comp_error(c, alt->pos, "alternative patterns bind different names");
            goto out;
        } else if (apc.nstores) {
            for (int icontrol = control.nstores - 1; icontrol >= 0; icontrol--) {
                int istores = find_store(&apc, control.stores[icontrol]);
                if (istores < 0) {
                    ctx_free(&apc);
                    ad_comp_error(c, alt->pos, "alternative patterns bind different names");
                    goto out;
                }
                if (icontrol == istores) continue;
                /* rotated = stores[:r]; del stores[:r]; stores[ic-is:ic-is] = rotated */
                int rotations = istores + 1;
                const char *tmp[rotations];
                memcpy(tmp, apc.stores, (size_t)rotations * sizeof *tmp);
                memmove(apc.stores, apc.stores + rotations,
                        (size_t)(apc.nstores - rotations) * sizeof *tmp);
                int at = icontrol - istores;
                memmove(apc.stores + at + rotations, apc.stores + at,
                        (size_t)(apc.nstores - rotations - at) * sizeof *tmp);
                memcpy(apc.stores + at, tmp, (size_t)rotations * sizeof *tmp);
                while (rotations--) {
                    if (!rotate(c, icontrol + 1)) {
                        ctx_free(&apc);
                        goto out;
                    }
                }
            }
        }
        if (!ad_comp_emit(c, AD_OP_JUMP, end) || !emit_and_reset_fail_pop(c, &apc)) {
            ctx_free(&apc);
            goto out;
        }
        ctx_free(&apc);
    }
    /* No alternative matched: pop the subject copy and fail. */
    if (!ad_comp_emit(c, AD_OP_POP_TOP, 0) || !jump_to_fail_pop(c, pc, AD_OP_JUMP)) goto out;
    if (!ad_comp_bind(c, end)) goto out;
    int nrots = control.nstores + 1 + pc->on_top + pc->nstores;
    for (int i = 0; i < control.nstores; i++) {
        if (!rotate(c, nrots)) goto out;
        const char *name = control.stores[i];
        if (find_store(pc, name) >= 0) {
            ad_comp_error(c, p->pos, "multiple assignments to name '%s' in pattern", name);
            goto out;
        }
        if (!append_store(c, pc, name)) goto out;
    }
    ok = ad_comp_emit(c, AD_OP_POP_TOP, 0); /* the subject */
out:
    ctx_free(&control);
    return ok;
}

static bool compile_pattern(AdCompiler *c, AdPattern *p, PatternCtx *pc) {
    c->u->lineno = p->pos.lineno;
    switch (p->kind) {
    case AD_PAT_VALUE:
        TRY(ad_comp_expr(c, p->u.value.value));
        EMIT(c, COMPARE_OP, AD_CMP_EQ);
        return jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE);
    case AD_PAT_SINGLETON:
        EMIT_CONST(c, ad_comp_const_ast(c, &p->u.singleton.value));
        EMIT(c, IS_OP, 0);
        return jump_to_fail_pop(c, pc, AD_OP_POP_JUMP_IF_FALSE);
    case AD_PAT_SEQUENCE: return pattern_sequence(c, p, pc);
    case AD_PAT_MAPPING: return pattern_mapping(c, p, pc);
    case AD_PAT_CLASS: return pattern_class(c, p, pc);
    case AD_PAT_STAR: return store_name(c, p->u.star.name, pc, p->pos);
    case AD_PAT_AS: return pattern_as(c, p, pc);
    case AD_PAT_OR: return pattern_or(c, p, pc);
    }
    return ad_comp_error(c, p->pos, "internal compiler error: unknown pattern");
}

bool ad_comp_match(AdCompiler *c, AdStmt *s) {
    AdMatchCaseList *cases = &s->u.match.cases;
    int n = cases->n;
    TRY(ad_comp_expr(c, s->u.match.subject));
    int end = ad_comp_new_label(c);
    bool has_default = n > 1 && is_wildcard(cases->items[n - 1]->pattern);
    for (int i = 0; i < n - has_default; i++) {
        AdMatchCase *m = cases->items[i];
        bool last = i == n - has_default - 1;
        c->u->lineno = m->pattern->pos.lineno;
        if (!last) EMIT(c, COPY, 1);
        PatternCtx pc = {0};
        pc.allow_irrefutable = m->guard != NULL || i == n - 1;
        bool ok = compile_pattern(c, m->pattern, &pc);
        for (int k = 0; ok && k < pc.nstores; k++)
            ok = ad_comp_nameop(c, pc.stores[k], AD_CTX_STORE);
        if (ok && m->guard) {
            ok = ensure_fail_pop(c, &pc, 0) &&
                 ad_comp_jump_if(c, m->guard, pc.fail_pop[0], false);
        }
        if (ok && !last) ok = ad_comp_emit(c, AD_OP_POP_TOP, 0);
        ok = ok && ad_comp_stmts(c, &m->body);
        if (ok) {
            c->u->lineno = m->pattern->pos.lineno;
            ok = ad_comp_emit(c, AD_OP_JUMP, end) && emit_and_reset_fail_pop(c, &pc);
        }
        ctx_free(&pc);
        if (!ok) return false;
    }
    if (has_default) {
        AdMatchCase *m = cases->items[n - 1];
        c->u->lineno = m->pattern->pos.lineno;
        if (m->guard) TRY(ad_comp_jump_if(c, m->guard, end, false));
        TRY(ad_comp_stmts(c, &m->body));
    }
    return ad_comp_bind(c, end);
}
