/*
 * compiler.c - source to code objects: ad_compile() parses (parser.c), builds the symbol
 * table (symtable.c) and walks the tree one unit (module, class body, function, lambda,
 * comprehension) at a time. This file owns the units - emission, labels, constants,
 * names, the unwinding of compile-time blocks, assembly into an AdCode with its exact
 * stack depth - and the definitions that open units (def, lambda, class). Statements,
 * expressions and patterns are in compiler_stmt.c, compiler_expr.c, compiler_pattern.c.
 *
 * GC: each unit's AdCode is allocated and rooted when the unit opens, and every object
 * made during compilation (constants, nested code) is stored into some open unit's code
 * before the next allocation, so a collection at any allocation finds them all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

/* ---- errors --------------------------------------------------------------------------- */

bool ad_comp_error(AdCompiler *c, AdPos pos, const char *fmt, ...) {
    if (c->failed) return false;
    c->failed = c->syntax = true;
    memset(&c->err, 0, sizeof c->err);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
    va_end(ap);
    c->err.lineno = pos.lineno;
    c->err.col_offset = pos.col_offset;
    c->err.end_lineno = pos.end_lineno;
    c->err.end_col_offset = pos.end_col_offset;
    return false;
}

bool ad_comp_nomem(AdCompiler *c) {
    if (!c->failed) {
        c->failed = true;
        if (!ad_err_occurred(c->t)) ad_err_nomemory(c->t);
    }
    return false;
}

/* An exception is pending on the thread (allocation or conversion failed). */
static bool fail_pending(AdCompiler *c) {
    c->failed = true;
    return false;
}

static bool grow(AdCompiler *c, void **p, int *cap, int need, size_t elem) {
    if (need <= *cap) return true;
    int ncap = *cap ? *cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    void *q = realloc(*p, (size_t)ncap * elem);
    if (!q) return ad_comp_nomem(c);
    *p = q;
    *cap = ncap;
    return true;
}

/* ---- name sets -------------------------------------------------------------------------- */

static uint32_t hash_str(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static int names_find(const AdCompNames *m, const char *key) {
    if (!m->hash_cap) return -1;
    uint32_t mask = (uint32_t)m->hash_cap - 1;
    for (uint32_t i = hash_str(key) & mask;; i = (i + 1) & mask) {
        int slot = m->hash[i];
        if (!slot) return -1;
        if (strcmp(m->keys[slot - 1], key) == 0) return slot - 1;
    }
}

/* Index of `key`, added at the end when new; -1 when out of memory. */
static int names_add(AdCompiler *c, AdCompNames *m, const char *key) {
    int found = names_find(m, key);
    if (found >= 0) return found;
    if ((m->n + 1) * 2 > m->hash_cap) {
        int cap = m->hash_cap ? m->hash_cap * 2 : 16;
        int *h = calloc((size_t)cap, sizeof *h);
        if (!h) return ad_comp_nomem(c), -1;
        for (int k = 0; k < m->n; k++) {
            uint32_t i = hash_str(m->keys[k]) & (uint32_t)(cap - 1);
            while (h[i]) i = (i + 1) & (uint32_t)(cap - 1);
            h[i] = k + 1;
        }
        free(m->hash);
        m->hash = h;
        m->hash_cap = cap;
    }
    if (!grow(c, (void **)&m->keys, &m->cap, m->n + 1, sizeof *m->keys)) return -1;
    m->keys[m->n] = key;
    uint32_t mask = (uint32_t)m->hash_cap - 1;
    uint32_t i = hash_str(key) & mask;
    while (m->hash[i]) i = (i + 1) & mask;
    m->hash[i] = ++m->n;
    return m->n - 1;
}

static void names_free(AdCompNames *m) {
    free(m->keys);
    free(m->hash);
    memset(m, 0, sizeof *m);
}

/* ---- emission -------------------------------------------------------------------------- */

static bool is_jump(int op) {
    switch (op) {
    case AD_OP_JUMP:
    case AD_OP_POP_JUMP_IF_FALSE:
    case AD_OP_POP_JUMP_IF_TRUE:
    case AD_OP_JUMP_IF_FALSE_OR_POP:
    case AD_OP_JUMP_IF_TRUE_OR_POP:
    case AD_OP_POP_JUMP_IF_NONE:
    case AD_OP_POP_JUMP_IF_NOT_NONE:
    case AD_OP_FOR_ITER:
    case AD_OP_SEND:
    case AD_OP_SETUP_FINALLY: return true;
    default: return false;
    }
}

bool ad_comp_emit(AdCompiler *c, int op, int arg) {
    if (c->failed) return false;
    AdCompUnit *u = c->u;
    if (arg < 0 || arg > 0xFFFFFF) {
        AdPos pos = {u->lineno, 0, u->lineno, 0};
        return ad_comp_error(c, pos, "too many constants, names or instructions in one block");
    }
    if (u->ninstrs + 1 > u->instrs_cap) {
        int cap = u->instrs_cap ? u->instrs_cap * 2 : 64;
        uint32_t *instrs = realloc(u->instrs, (size_t)cap * sizeof *instrs);
        if (!instrs) return ad_comp_nomem(c);
        u->instrs = instrs;
        int *lines = realloc(u->lines, (size_t)cap * sizeof *lines);
        if (!lines) return ad_comp_nomem(c);
        u->lines = lines;
        u->instrs_cap = cap;
    }
    u->instrs[u->ninstrs] = AD_INSTR(op, arg);
    u->lines[u->ninstrs] = u->lineno;
    u->ninstrs++;
    return true;
}

int ad_comp_new_label(AdCompiler *c) {
    AdCompUnit *u = c->u;
    if (!grow(c, (void **)&u->labels, &u->labels_cap, u->nlabels + 1, sizeof *u->labels))
        return 0; /* c->failed is set: the next emit stops the compilation */
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

bool ad_comp_bind(AdCompiler *c, int label) {
    if (c->failed) return false;
    c->u->labels[label] = c->u->ninstrs;
    return true;
}

/* ---- constants ------------------------------------------------------------------------- */

/* Constants are shared when equal in type and value (0.0 and -0.0 are kept apart). */
static bool const_equal(AdVM *vm, AdValue a, AdValue b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
    case AD_TAG_NONE: return true;
    case AD_TAG_BOOL:
    case AD_TAG_INT: return a.as.i == b.as.i;
    case AD_TAG_FLOAT: return memcmp(&a.as.f, &b.as.f, sizeof(double)) == 0;
    case AD_TAG_OBJ: break;
    default: return false;
    }
    AdObj *x = a.as.o, *y = b.as.o;
    if (x == y) return true;
    if (x->type != y->type) return false;
    if (x->type == vm->type_str) {
        AdStr *s = (AdStr *)x, *r = (AdStr *)y;
        return s->len == r->len && memcmp(s->data, r->data, s->len) == 0;
    }
    if (x->type == vm->type_bytes) {
        AdBytes *s = (AdBytes *)x, *r = (AdBytes *)y;
        return s->len == r->len && memcmp(s->data, r->data, s->len) == 0;
    }
    if (x->type == vm->type_int) return mpz_cmp(((AdBigInt *)x)->z, ((AdBigInt *)y)->z) == 0;
    if (x->type == vm->type_tuple) {
        AdTuple *s = (AdTuple *)x, *r = (AdTuple *)y;
        if (s->len != r->len) return false;
        for (size_t i = 0; i < s->len; i++)
            if (!const_equal(vm, s->items[i], r->items[i])) return false;
        return true;
    }
    return false;
}

static uint64_t mix(uint64_t h, uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

static uint64_t bytes_hash(const void *p, size_t n) {
    const uint8_t *b = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

static uint64_t const_hash_raw(AdVM *vm, AdValue v);

/* A hash consistent with const_equal (equal constants hash alike), well mixed in its low
 * bits (float bit patterns are not). */
static uint64_t const_hash(AdVM *vm, AdValue v) {
    uint64_t x = const_hash_raw(vm, v);
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t const_hash_raw(AdVM *vm, AdValue v) {
    uint64_t h = mix(0, v.tag);
    switch (v.tag) {
    case AD_TAG_BOOL:
    case AD_TAG_INT: return mix(h, (uint64_t)v.as.i);
    case AD_TAG_FLOAT: {
        uint64_t bits;
        memcpy(&bits, &v.as.f, sizeof bits);
        return mix(h, bits);
    }
    case AD_TAG_OBJ: break;
    default: return h;
    }
    AdObj *o = v.as.o;
    h = mix(h, (uint64_t)(uintptr_t)o->type);
    if (o->type == vm->type_str) return mix(h, bytes_hash(((AdStr *)o)->data, ((AdStr *)o)->len));
    if (o->type == vm->type_bytes)
        return mix(h, bytes_hash(((AdBytes *)o)->data, ((AdBytes *)o)->len));
    if (o->type == vm->type_int) return mix(h, mpz_get_ui(((AdBigInt *)o)->z));
    if (o->type == vm->type_tuple) {
        AdTuple *tup = (AdTuple *)o;
        for (size_t i = 0; i < tup->len; i++) h = mix(h, const_hash(vm, tup->items[i]));
        return h;
    }
    return mix(h, (uint64_t)(uintptr_t)o);
}

/* Records consts[idx] in the unit's index (grown and rebuilt as needed). */
static bool const_index_add(AdCompiler *c, AdCompUnit *u, int idx) {
    AdVM *vm = c->t->vm;
    AdCode *code = u->code;
    if ((idx + 1) * 2 > u->const_index_cap) {
        int cap = u->const_index_cap ? u->const_index_cap * 2 : 64;
        int *tab = calloc((size_t)cap, sizeof *tab);
        if (!tab) return ad_comp_nomem(c);
        free(u->const_index);
        u->const_index = tab;
        u->const_index_cap = cap;
        for (int k = 0; k < idx; k++) {
            uint64_t i = const_hash(vm, code->consts[k]) & (uint64_t)(cap - 1);
            while (tab[i]) i = (i + 1) & (uint64_t)(cap - 1);
            tab[i] = k + 1;
        }
    }
    uint64_t mask = (uint64_t)u->const_index_cap - 1;
    uint64_t i = const_hash(vm, code->consts[idx]) & mask;
    while (u->const_index[i]) i = (i + 1) & mask;
    u->const_index[i] = idx + 1;
    return true;
}

int ad_comp_const_value(AdCompiler *c, AdValue v) {
    if (c->failed) return -1;
    AdThread *t = c->t;
    AdCompUnit *u = c->u;
    AdCode *code = u->code;
    if (u->const_index_cap) {
        uint64_t mask = (uint64_t)u->const_index_cap - 1;
        for (uint64_t i = const_hash(t->vm, v) & mask; u->const_index[i]; i = (i + 1) & mask)
            if (const_equal(t->vm, code->consts[u->const_index[i] - 1], v))
                return u->const_index[i] - 1;
    }
    int mark = ad_gc_root_mark(t);
    ad_gc_push_root(t, v);
    size_t n = code->nconsts;
    AdValue *p = ad_mem_realloc(t, code->consts, n * sizeof(AdValue), (n + 1) * sizeof(AdValue));
    ad_gc_root_restore(t, mark);
    if (!p) return fail_pending(c), -1;
    code->consts = p;
    p[n] = v;
    code->nconsts = (uint32_t)(n + 1);
    if (!const_index_add(c, u, (int)n)) return -1;
    return (int)n;
}

int ad_comp_const_none(AdCompiler *c) {
    return ad_comp_const_value(c, AD_NONE);
}

int ad_comp_const_int(AdCompiler *c, int64_t i) {
    return ad_comp_const_value(c, ad_small_int(i));
}

int ad_comp_const_str(AdCompiler *c, const char *s, size_t len) {
    if (c->failed) return -1;
    AdStr *str = ad_str_new(c->t, s, len);
    if (!str) return fail_pending(c), -1;
    return ad_comp_const_value(c, ad_obj(str));
}

/* The value of a literal; allocates; the result is unrooted. */
static bool make_const(AdCompiler *c, const AdConst *k, AdValue *out) {
    AdThread *t = c->t;
    switch (k->kind) {
    case AD_CONST_NONE: *out = AD_NONE; return true;
    case AD_CONST_TRUE: *out = AD_TRUE; return true;
    case AD_CONST_FALSE: *out = AD_FALSE; return true;
    case AD_CONST_ELLIPSIS: *out = t->vm->ellipsis; return true;
    case AD_CONST_INT:
        if (!k->big) {
            *out = ad_small_int(k->ival);
            return true;
        }
        *out = ad_int_from_str(t, k->big, strlen(k->big), k->base ? k->base : 10);
        return !AD_IS_NULL(*out) || fail_pending(c);
    case AD_CONST_FLOAT:
    case AD_CONST_IMAG: *out = ad_float(k->fval); return true;
    case AD_CONST_STR: {
        AdStr *s = ad_str_new(t, k->str ? k->str : "", k->len);
        if (!s) return fail_pending(c);
        *out = ad_obj(s);
        return true;
    }
    case AD_CONST_BYTES: {
        AdBytes *b = ad_bytes_new(t, k->str ? k->str : "", k->len);
        if (!b) return fail_pending(c);
        *out = ad_obj(b);
        return true;
    }
    }
    *out = AD_NONE;
    return true;
}

int ad_comp_const_ast(AdCompiler *c, const AdConst *k) {
    if (c->failed) return -1;
    AdValue v;
    if (!make_const(c, k, &v)) return -1;
    return ad_comp_const_value(c, v);
}

int ad_comp_const_str_tuple(AdCompiler *c, const char *const *items, int n) {
    if (c->failed) return -1;
    AdThread *t = c->t;
    AdTuple *tup = ad_tuple_new(t, (size_t)n);
    if (!tup) return fail_pending(c), -1;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, tup);
    for (int i = 0; i < n; i++) tup->items[i] = AD_NONE;
    for (int i = 0; i < n; i++) {
        AdStr *s = ad_str_intern_cstr(t, items[i]);
        if (!s) {
            ad_gc_root_restore(t, mark);
            return fail_pending(c), -1;
        }
        tup->items[i] = ad_obj(s);
    }
    int idx = ad_comp_const_value(c, ad_obj(tup));
    ad_gc_root_restore(t, mark);
    return idx;
}

static bool is_const_expr(const AdExpr *e) {
    if (e->kind == AD_EXPR_CONSTANT) return e->u.constant.kind != AD_CONST_IMAG;
    if (e->kind != AD_EXPR_TUPLE || e->u.tuple.ctx != AD_CTX_LOAD) return false;
    for (int i = 0; i < e->u.tuple.elts.n; i++)
        if (!is_const_expr(e->u.tuple.elts.items[i])) return false;
    return true;
}

/* Builds the value of a constant expression (is_const_expr); unrooted result. */
static bool fold_value(AdCompiler *c, AdExpr *e, AdValue *out) {
    if (e->kind == AD_EXPR_CONSTANT) return make_const(c, &e->u.constant, out);
    AdThread *t = c->t;
    int n = e->u.tuple.elts.n;
    AdTuple *tup = ad_tuple_new(t, (size_t)n);
    if (!tup) return fail_pending(c);
    for (int i = 0; i < n; i++) tup->items[i] = AD_NONE;
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, tup);
    for (int i = 0; i < n; i++) {
        AdValue v;
        if (!fold_value(c, e->u.tuple.elts.items[i], &v)) {
            ad_gc_root_restore(t, mark);
            return false;
        }
        tup->items[i] = v;
    }
    ad_gc_root_restore(t, mark);
    *out = ad_obj(tup);
    return true;
}

int ad_comp_const_fold(AdCompiler *c, AdExpr *e) {
    if (!is_const_expr(e)) return -2;
    if (c->failed) return -1;
    AdValue v;
    if (!fold_value(c, e, &v)) return -1;
    return ad_comp_const_value(c, v);
}

/* ---- names and variables --------------------------------------------------------------- */

const char *ad_comp_mangle(AdCompiler *c, const char *name) {
    const char *m = ad_sym_mangle(&c->mod->arena, c->u->private_name, name);
    if (!m) ad_comp_nomem(c);
    return m;
}

int ad_comp_name(AdCompiler *c, const char *name) {
    const char *m = ad_comp_mangle(c, name);
    if (!m) return -1;
    return names_add(c, &c->u->names, m);
}

static bool is_function_unit(const AdCompUnit *u) {
    return u->ste->block == AD_SYMBLOCK_FUNCTION;
}

bool ad_comp_nameop(AdCompiler *c, const char *name, AdExprCtx ctx) {
    AdCompUnit *u = c->u;
    const char *mangled = ad_comp_mangle(c, name);
    if (!mangled) return false;
    if (ctx == AD_CTX_LOAD && strcmp(mangled, "__debug__") == 0) {
        EMIT(c, LOAD_CONST, ad_comp_const_value(c, AD_TRUE));
        return true;
    }
    int scope = ad_sym_scope(u->ste, mangled);
    int idx;
    switch (scope) {
    case AD_SCOPE_FREE:
    case AD_SCOPE_CELL:
        idx = names_find(&u->cells, mangled);
        if (idx < 0) {
            idx = names_find(&u->frees, mangled);
            if (idx < 0) break; /* not captured after all: fall back to a name lookup */
            idx += u->cells.n;
        }
        switch (ctx) {
        case AD_CTX_LOAD:
            if (u->ste->block == AD_SYMBLOCK_CLASS) EMIT(c, LOAD_CLASSDEREF, idx);
            else EMIT(c, LOAD_DEREF, idx);
            return true;
        case AD_CTX_STORE: EMIT(c, STORE_DEREF, idx); return true;
        case AD_CTX_DEL: EMIT(c, DELETE_DEREF, idx); return true;
        }
        return true;
    case AD_SCOPE_LOCAL:
        if (!is_function_unit(u)) break;
        idx = names_add(c, &u->locals, mangled);
        if (idx < 0) return false;
        switch (ctx) {
        case AD_CTX_LOAD: EMIT(c, LOAD_FAST, idx); return true;
        case AD_CTX_STORE: EMIT(c, STORE_FAST, idx); return true;
        case AD_CTX_DEL: EMIT(c, DELETE_FAST, idx); return true;
        }
        return true;
    case AD_SCOPE_GLOBAL_IMPLICIT:
        if (!is_function_unit(u)) break;
        /* fallthrough */
    case AD_SCOPE_GLOBAL_EXPLICIT:
        idx = names_add(c, &u->names, mangled);
        if (idx < 0) return false;
        switch (ctx) {
        case AD_CTX_LOAD: EMIT(c, LOAD_GLOBAL, idx); return true;
        case AD_CTX_STORE: EMIT(c, STORE_GLOBAL, idx); return true;
        case AD_CTX_DEL: EMIT(c, DELETE_GLOBAL, idx); return true;
        }
        return true;
    default: break;
    }
    idx = names_add(c, &u->names, mangled);
    if (idx < 0) return false;
    switch (ctx) {
    case AD_CTX_LOAD: EMIT(c, LOAD_NAME, idx); return true;
    case AD_CTX_STORE: EMIT(c, STORE_NAME, idx); return true;
    case AD_CTX_DEL: EMIT(c, DELETE_NAME, idx); return true;
    }
    return true;
}

/* ---- compile-time blocks ---------------------------------------------------------------- */

bool ad_comp_check_blocks(AdCompiler *c, AdPos pos, int extra) {
    AdCompUnit *u = c->u;
    if (u->nfblocks >= AD_MAX_BLOCKS || u->vm_blocks + extra > AD_MAX_BLOCKS)
        return ad_comp_error(c, pos, "too many statically nested blocks");
    return true;
}

AdFBlock *ad_comp_push_fblock(AdCompiler *c, AdPos pos, int kind, int start, int exit,
                              int vm_blocks) {
    if (c->failed || !ad_comp_check_blocks(c, pos, vm_blocks)) return NULL;
    AdCompUnit *u = c->u;
    AdFBlock *fb = &u->fblocks[u->nfblocks++];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->start = start;
    fb->exit = exit;
    fb->lineno = pos.lineno;
    fb->vm_blocks = vm_blocks;
    u->vm_blocks += vm_blocks;
    return fb;
}

void ad_comp_pop_fblock(AdCompiler *c) {
    AdCompUnit *u = c->u;
    AdFBlock *fb = &u->fblocks[--u->nfblocks];
    u->vm_blocks -= fb->vm_blocks;
}

bool ad_comp_call_exit_nones(AdCompiler *c, bool is_async) {
    int none = ad_comp_const_none(c);
    EMIT(c, LOAD_CONST, none);
    EMIT(c, LOAD_CONST, none);
    EMIT(c, LOAD_CONST, none);
    EMIT(c, CALL, 3);
    if (is_async) {
        EMIT(c, GET_AWAITABLE, 0);
        EMIT(c, LOAD_CONST, none);
        TRY(ad_comp_yield_from_loop(c));
    }
    return true;
}

/* What leaving `fb` early needs (CPython's compiler_unwind_fblock). With preserve_tos
 * the return value sits on top and must stay there. */
bool ad_comp_unwind_fblock(AdCompiler *c, AdFBlock *fb, bool preserve_tos) {
    AdCompUnit *u = c->u;
    switch (fb->kind) {
    case AD_FB_WHILE: return true;
    case AD_FB_FOR:
    case AD_FB_POP_VALUE:
        if (preserve_tos) EMIT(c, SWAP, 2);
        EMIT(c, POP_TOP, 0);
        return true;
    case AD_FB_TRY_EXCEPT: EMIT(c, POP_BLOCK, 0); return true;
    case AD_FB_FINALLY_TRY: {
        EMIT(c, POP_BLOCK, 0);
        int saved = u->lineno;
        if (preserve_tos) {
            AdPos pos = {fb->lineno, 0, fb->lineno, 0};
            TRY(ad_comp_push_fblock(c, pos, AD_FB_POP_VALUE, 0, 0, 0));
        }
        bool ok = ad_comp_stmts(c, fb->finalbody);
        if (preserve_tos) ad_comp_pop_fblock(c);
        u->lineno = saved;
        return ok;
    }
    case AD_FB_FINALLY_END:
        if (preserve_tos) EMIT(c, SWAP, 2);
        EMIT(c, POP_TOP, 0); /* the exception */
        EMIT(c, POP_EXCEPT, 0);
        return true;
    case AD_FB_WITH:
    case AD_FB_ASYNC_WITH: {
        int saved = u->lineno;
        u->lineno = fb->lineno;
        EMIT(c, POP_BLOCK, 0);
        if (preserve_tos) EMIT(c, SWAP, 2);
        TRY(ad_comp_call_exit_nones(c, fb->kind == AD_FB_ASYNC_WITH));
        EMIT(c, POP_TOP, 0);
        u->lineno = saved;
        return true;
    }
    case AD_FB_HANDLER_CLEANUP:
        if (fb->name) EMIT(c, POP_BLOCK, 0);
        EMIT(c, POP_EXCEPT, 0);
        if (fb->name) {
            EMIT(c, LOAD_CONST, ad_comp_const_none(c));
            TRY(ad_comp_nameop(c, fb->name, AD_CTX_STORE));
            TRY(ad_comp_nameop(c, fb->name, AD_CTX_DEL));
        }
        return true;
    }
    return true;
}

bool ad_comp_unwind_fblocks(AdCompiler *c, bool preserve_tos, AdFBlock **loop) {
    AdCompUnit *u = c->u;
    if (u->nfblocks == 0) return true;
    AdFBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop && (top->kind == AD_FB_WHILE || top->kind == AD_FB_FOR)) {
        *loop = top;
        return true;
    }
    AdFBlock copy = *top;
    u->nfblocks--;
    u->vm_blocks -= copy.vm_blocks;
    bool ok = ad_comp_unwind_fblock(c, &copy, preserve_tos) &&
              ad_comp_unwind_fblocks(c, preserve_tos, loop);
    u->fblocks[u->nfblocks++] = copy;
    u->vm_blocks += copy.vm_blocks;
    return ok;
}

/* ---- units ------------------------------------------------------------------------------ */

static char *join_qualname(const char *base, const char *mid, const char *name) {
    size_t n = strlen(base) + strlen(mid) + 1 + strlen(name) + 1;
    char *q = malloc(n);
    if (q) snprintf(q, n, "%s%s.%s", base, mid, name);
    return q;
}

static char *make_qualname(AdCompiler *c, AdCompUnit *u) {
    AdCompUnit *p = u->parent;
    if (p && p->kind != AD_UNIT_MODULE) {
        bool force_global = false;
        if (u->kind == AD_UNIT_FUNCTION || u->kind == AD_UNIT_ASYNC_FUNCTION ||
            u->kind == AD_UNIT_CLASS) {
            const char *m = ad_sym_mangle(&c->mod->arena, p->private_name, u->name);
            if (m && ad_sym_scope(p->ste, m) == AD_SCOPE_GLOBAL_EXPLICIT) force_global = true;
        }
        if (!force_global) {
            bool locals = p->kind == AD_UNIT_FUNCTION || p->kind == AD_UNIT_ASYNC_FUNCTION ||
                          p->kind == AD_UNIT_LAMBDA;
            return join_qualname(p->qualname, locals ? ".<locals>" : "", u->name);
        }
    }
    return strdup(u->name);
}

static void unit_free(AdCompUnit *u) {
    free(u->instrs);
    free(u->lines);
    free(u->labels);
    free(u->qualname);
    free(u->const_index);
    names_free(&u->names);
    names_free(&u->locals);
    names_free(&u->cells);
    names_free(&u->frees);
    free(u);
}

static AdStr *intern(AdCompiler *c, const char *s) {
    AdStr *r = ad_str_intern_cstr(c->t, s);
    if (!r) fail_pending(c);
    return r;
}

bool ad_comp_unit_enter(AdCompiler *c, int kind, const void *key, const char *name,
                        int firstlineno) {
    if (c->failed) return false;
    AdThread *t = c->t;
    AdSymScope *ste = ad_sym_scope_of(&c->st, key);
    if (!ste) {
        AdPos pos = {firstlineno, 0, firstlineno, 0};
        return ad_comp_error(c, pos, "internal compiler error: no scope for '%s'", name);
    }
    AdCompUnit *u = calloc(1, sizeof *u);
    if (!u) return ad_comp_nomem(c);
    u->parent = c->u;
    u->kind = kind;
    u->ste = ste;
    u->name = name;
    u->private_name = kind == AD_UNIT_CLASS ? name : u->parent ? u->parent->private_name : NULL;
    u->lineno = u->firstlineno = firstlineno;
    u->qualname = make_qualname(c, u);
    if (!u->qualname) {
        free(u);
        return ad_comp_nomem(c);
    }
    AdCode *code = ad_gc_alloc(t, t->vm->type_code, sizeof(AdCode));
    if (!code) {
        unit_free(u);
        return fail_pending(c);
    }
    code->doc = AD_NONE;
    code->firstlineno = firstlineno;
    u->code = code;
    u->root_mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, code);
    c->u = u; /* from here on, failures are cleaned up with the unit chain */

    if (!(code->filename = intern(c, c->filename))) return false;
    if (!(code->name = intern(c, name))) return false;
    if (!(code->qualname = intern(c, u->qualname))) return false;

    if (ste->block == AD_SYMBLOCK_FUNCTION) {
        for (int i = 0; i < ste->nparams; i++)
            if (names_add(c, &u->locals, ste->params[i]) < 0) return false;
        u->nparams = ste->nparams;
    }
    for (int i = 0; i < ste->nsyms; i++) {
        AdSymbol *sym = &ste->syms[i];
        if (sym->scope == AD_SCOPE_LOCAL && ste->block == AD_SYMBLOCK_FUNCTION) {
            if (names_add(c, &u->locals, sym->name) < 0) return false;
        } else if (sym->scope == AD_SCOPE_CELL) {
            if (names_add(c, &u->cells, sym->name) < 0) return false;
        }
    }
    if (ste->needs_class_closure && names_add(c, &u->cells, "__class__") < 0) return false;
    for (int i = 0; i < ste->nsyms; i++) {
        AdSymbol *sym = &ste->syms[i];
        if (sym->scope == AD_SCOPE_FREE ||
            (ste->block == AD_SYMBLOCK_CLASS && (sym->flags & AD_SYM_DEF_FREE_CLASS)))
            if (names_add(c, &u->frees, sym->name) < 0) return false;
    }
    return true;
}

/* Stack effect of one instruction; `jump` selects the branch-taken effect. */
static int stack_effect(int op, int arg, bool jump) {
    switch (op) {
    case AD_OP_CALL: return -arg;
    case AD_OP_CALL_KW: return -arg - 1;
    case AD_OP_CALL_METHOD: return -arg - 1;
    case AD_OP_CALL_METHOD_KW: return -arg - 2;
    case AD_OP_CALL_FUNCTION_EX: return arg ? -2 : -1;
    case AD_OP_BUILD_SLICE: return 1 - arg;
    case AD_OP_JUMP_IF_FALSE_OR_POP:
    case AD_OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case AD_OP_FOR_ITER: return jump ? -1 : 1;
    case AD_OP_BUILD_TUPLE:
    case AD_OP_BUILD_LIST:
    case AD_OP_BUILD_SET:
    case AD_OP_BUILD_STRING: return 1 - arg;
    case AD_OP_BUILD_MAP: return 1 - 2 * arg;
    case AD_OP_UNPACK_SEQUENCE: return arg - 1;
    case AD_OP_UNPACK_EX: return (arg & 0xFF) + (arg >> 8);
    case AD_OP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case AD_OP_MAKE_FUNCTION:
        return -1 - ((arg & 1) != 0) - ((arg & 2) != 0) - ((arg & 4) != 0) - ((arg & 8) != 0);
    case AD_OP_SEND: return jump ? -1 : 0;
    case AD_OP_RAISE_VARARGS: return -arg;
    default: break;
    }
    static const signed char fixed[] = {
#define X(name, effect) (signed char)(effect),
        AD_OPCODES(X)
#undef X
    };
    return op < AD_OP_COUNT ? fixed[op] : 0;
}

static bool ends_flow(int op) {
    return op == AD_OP_JUMP || op == AD_OP_RETURN_VALUE || op == AD_OP_RERAISE ||
           op == AD_OP_RAISE_VARARGS;
}

/* The deepest the operand stack gets, by walking every path once (depths at a join
 * point agree by construction; the larger is kept if they do not). */
static bool compute_stacksize(AdCompiler *c, AdCompUnit *u, uint32_t *out) {
    int n = u->ninstrs;
    int *depth = malloc((size_t)(n + 1) * sizeof *depth);
    int *work = malloc((size_t)(n + 1) * 2 * sizeof *work);
    if (!depth || !work) {
        free(depth);
        free(work);
        return ad_comp_nomem(c);
    }
    for (int i = 0; i <= n; i++) depth[i] = -1;
    int nwork = 0, maxdepth = 0;
#ifdef ADDER_COMPILER_DEBUG
#define CHECK_JOIN(i_, d_)                                                                  \
    if (i_ >= 0 && i_ < n && depth[i_] >= 0 && depth[i_] != d_)                             \
        fprintf(stderr, "adder: stack depth mismatch in %s at %d: %d vs %d\n", u->qualname, \
                i_, depth[i_], d_);
#else
#define CHECK_JOIN(i_, d_)
#endif
#define PUSH_WORK(idx, d)                                                                   \
    do {                                                                                    \
        int i_ = (idx), d_ = (d);                                                           \
        CHECK_JOIN(i_, d_)                                                                  \
        if (i_ >= 0 && i_ < n && d_ > depth[i_]) {                                          \
            depth[i_] = d_;                                                                 \
            if (nwork < 2 * (n + 1)) work[nwork++] = i_;                                    \
        }                                                                                   \
    } while (0)
    PUSH_WORK(0, 0);
    while (nwork) {
        int i = work[--nwork];
        int d = depth[i];
        for (; i < n; i++) {
            if (d > depth[i]) depth[i] = d;
            d = depth[i];
            if (d > maxdepth) maxdepth = d;
            int op = AD_OP(u->instrs[i]), arg = (int)AD_ARG(u->instrs[i]);
            if (op == AD_OP_SETUP_FINALLY) {
                PUSH_WORK(arg, d + 1);
            } else if (is_jump(op)) {
                int jd = d + stack_effect(op, arg, true);
                if (jd > maxdepth) maxdepth = jd;
                PUSH_WORK(arg, jd);
            }
            d += stack_effect(op, arg, false);
            if (d > maxdepth) maxdepth = d;
            if (d < 0 || d > 1000000) d = 0; /* malformed: keep going, the VM checks nothing */
            if (ends_flow(op)) break;
#ifdef ADDER_COMPILER_DEBUG
            if (i + 1 < n && depth[i + 1] >= 0 && depth[i + 1] != d)
                fprintf(stderr, "adder: stack depth mismatch in %s at %d: %d vs %d\n",
                        u->qualname, i + 1, depth[i + 1], d);
#endif
            if (i + 1 < n && depth[i + 1] >= d) break; /* already walked from there */
        }
    }
#undef PUSH_WORK
#undef CHECK_JOIN
    free(depth);
    free(work);
    *out = (uint32_t)maxdepth + 1;
    return true;
}

/* The last pass, once jumps are resolved: rewrites instructions into the VM's faster forms
 * (opcodes.h, after COPY_DICT_WITHOUT_KEYS). Nothing moves, so jump targets and the line
 * table stay as they are; a superinstruction at i leaves i+1 intact for jumps landing on
 * it, and pairs do not overlap (i+1 is never itself rewritten). */
static void specialise(uint32_t *in, int n) {
    for (int i = 0; i < n; i++) {
        int op = AD_OP(in[i]);
        uint32_t arg = AD_ARG(in[i]);
        if (op == AD_OP_BINARY_OP) {
            uint32_t base = arg >= AD_BINOP_INPLACE ? arg - AD_BINOP_INPLACE : arg;
            if (base == AD_BINOP_ADD) in[i] = AD_INSTR(AD_OP_BINARY_ADD, arg);
            else if (base == AD_BINOP_SUB) in[i] = AD_INSTR(AD_OP_BINARY_SUB, arg);
            else if (base == AD_BINOP_MUL) in[i] = AD_INSTR(AD_OP_BINARY_MUL, arg);
            continue;
        }
        if (i + 1 >= n) break;
        int next = AD_OP(in[i + 1]);
        int fused = -1;
        if (op == AD_OP_LOAD_FAST && next == AD_OP_LOAD_FAST) fused = AD_OP_LOAD_FAST_LOAD_FAST;
        else if (op == AD_OP_LOAD_FAST && next == AD_OP_LOAD_CONST)
            fused = AD_OP_LOAD_FAST_LOAD_CONST;
        else if (op == AD_OP_STORE_FAST && next == AD_OP_LOAD_FAST)
            fused = AD_OP_STORE_FAST_LOAD_FAST;
        else if (op == AD_OP_FOR_ITER && next == AD_OP_STORE_FAST)
            fused = AD_OP_FOR_ITER_STORE_FAST;
        else if (op == AD_OP_COMPARE_OP &&
                 (next == AD_OP_POP_JUMP_IF_FALSE || next == AD_OP_POP_JUMP_IF_TRUE))
            fused = AD_OP_COMPARE_JUMP;
        if (fused >= 0) {
            in[i] = AD_INSTR(fused, arg);
            i++;
        }
    }
}

/* Turns the unit's instructions into its code object (still rooted by the unit). */
static bool assemble(AdCompiler *c, AdCompUnit *u) {
    AdThread *t = c->t;
    AdCode *code = u->code;
    for (int i = 0; i < u->ninstrs; i++) {
        int op = AD_OP(u->instrs[i]);
        if (!is_jump(op)) continue;
        int target = u->labels[AD_ARG(u->instrs[i])];
        if (target < 0) {
            AdPos pos = {u->lines[i], 0, u->lines[i], 0};
            return ad_comp_error(c, pos, "internal compiler error: unbound label");
        }
        u->instrs[i] = AD_INSTR(op, target);
    }
    uint32_t stacksize = 0;
    if (!compute_stacksize(c, u, &stacksize)) return false;
    stacksize++; /* LOAD_ATTR may turn into a call of a property getter, which needs a slot */
    specialise(u->instrs, u->ninstrs);

    size_t n = (size_t)u->ninstrs;
    uint32_t *words = ad_mem_alloc(t, n * sizeof *words);
    if (!words) return fail_pending(c);
    memcpy(words, u->instrs, n * sizeof *words);
    code->code = words;
    code->ncode = (uint32_t)n;
    uint32_t *lines = ad_mem_alloc(t, n * sizeof *lines);
    if (!lines) return fail_pending(c);
    for (size_t i = 0; i < n; i++) lines[i] = (uint32_t)(u->lines[i] > 0 ? u->lines[i] : 0);
    code->lines = lines;

    struct {
        AdCompNames *from;
        AdStr ***to;
        uint32_t *count;
    } tables[] = {
        {&u->names, &code->names, &code->nnames},
        {&u->locals, &code->localnames, &code->nlocals},
        {&u->cells, &code->cellnames, &code->ncells},
        {&u->frees, &code->freenames, &code->nfree},
    };
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
        int cnt = tables[k].from->n;
        AdStr **arr = ad_mem_alloc(t, (size_t)cnt * sizeof *arr);
        if (!arr) return fail_pending(c);
        memset(arr, 0, (size_t)cnt * sizeof *arr);
        *tables[k].to = arr;
        *tables[k].count = (uint32_t)cnt;
        for (int i = 0; i < cnt; i++)
            if (!(arr[i] = intern(c, tables[k].from->keys[i]))) return false;
    }
    int32_t *cell_param = ad_mem_alloc(t, (size_t)u->cells.n * sizeof *cell_param);
    if (!cell_param) return fail_pending(c);
    for (int i = 0; i < u->cells.n; i++) {
        cell_param[i] = -1;
        for (int j = 0; j < u->nparams; j++) {
            if (strcmp(u->locals.keys[j], u->cells.keys[i]) == 0) {
                cell_param[i] = j;
                break;
            }
        }
    }
    code->cell_param = cell_param;
    code->argcount = u->argcount;
    code->posonlyargcount = u->posonlyargcount;
    code->kwonlyargcount = u->kwonlyargcount;
    code->flags = u->flags;
    code->stacksize = stacksize;
    code->firstlineno = u->firstlineno;
    return true;
}

/* Closes the current unit. Returns its code's const index in the parent (the parent
 * becomes current), or -1 on error. */
int ad_comp_unit_exit(AdCompiler *c) {
    AdCompUnit *u = c->u;
    if (c->failed || !assemble(c, u)) return -1;
    AdCode *code = u->code; /* still rooted at u->root_mark */
    int mark = u->root_mark;
    c->u = u->parent;
    unit_free(u);
    int idx = ad_comp_const_value(c, ad_obj(code));
    ad_gc_root_restore(c->t, mark);
    return idx;
}

bool ad_comp_make_function(AdCompiler *c, int code_index, int flags) {
    if (c->failed || code_index < 0) return false;
    AdCompUnit *u = c->u;
    AdCode *code = AD_AS(AdCode, u->code->consts[code_index]);
    if (code->nfree) {
        for (uint32_t i = 0; i < code->nfree; i++) {
            const char *name = code->freenames[i]->data;
            int idx = names_find(&u->cells, name);
            if (idx < 0) {
                idx = names_find(&u->frees, name);
                if (idx < 0) {
                    AdPos pos = {u->lineno, 0, u->lineno, 0};
                    return ad_comp_error(c, pos, "internal compiler error: no cell for '%s'",
                                         name);
                }
                idx += u->cells.n;
            }
            EMIT(c, LOAD_CLOSURE, idx);
        }
        EMIT(c, BUILD_TUPLE, (int)code->nfree);
        flags |= 8;
    }
    EMIT(c, LOAD_CONST, code_index);
    AdStr *qualname = code->qualname;
    EMIT(c, LOAD_CONST, ad_comp_const_value(c, ad_obj(qualname)));
    EMIT(c, MAKE_FUNCTION, flags);
    return true;
}

/* ---- function definitions ----------------------------------------------------------------- */

bool ad_comp_has_docstring(const AdStmtList *body) {
    if (body->n == 0) return false;
    AdStmt *s = body->items[0];
    return s->kind == AD_STMT_EXPR && s->u.expr.value->kind == AD_EXPR_CONSTANT &&
           s->u.expr.value->u.constant.kind == AD_CONST_STR;
}

/* Pushes the defaults tuple and kw-defaults dict; sets MAKE_FUNCTION flags 1 and 2. */
static bool compile_defaults(AdCompiler *c, AdArguments *a, int *flags) {
    if (a->defaults.n) {
        for (int i = 0; i < a->defaults.n; i++) TRY(ad_comp_expr(c, a->defaults.items[i]));
        EMIT(c, BUILD_TUPLE, a->defaults.n);
        *flags |= 1;
    }
    int nkw = 0;
    for (int i = 0; i < a->kwonlyargs.n && i < a->kw_defaults.n; i++) {
        AdExpr *d = a->kw_defaults.items[i];
        if (!d) continue;
        const char *name = ad_comp_mangle(c, a->kwonlyargs.items[i]->arg);
        if (!name) return false;
        EMIT_CONST(c, ad_comp_const_str(c, name, strlen(name)));
        TRY(ad_comp_expr(c, d));
        nkw++;
    }
    if (nkw) {
        EMIT(c, BUILD_MAP, nkw);
        *flags |= 2;
    }
    return true;
}

static bool annotation_pair(AdCompiler *c, const char *name, AdExpr *ann, int *n) {
    if (!ann) return true;
    const char *m = ad_comp_mangle(c, name);
    if (!m) return false;
    EMIT_CONST(c, ad_comp_const_str(c, m, strlen(m)));
    if (c->future_annotations) EMIT_CONST(c, ad_comp_const_annotation(c, ann));
    else TRY(ad_comp_expr(c, ann));
    (*n)++;
    return true;
}

/* The annotations dict, in CPython 3.11's order (args, posonly, *args, kwonly, **kw). */
static bool compile_annotations(AdCompiler *c, AdArguments *a, AdExpr *returns, int *flags) {
    int n = 0;
    for (int i = 0; i < a->args.n; i++)
        TRY(annotation_pair(c, a->args.items[i]->arg, a->args.items[i]->annotation, &n));
    for (int i = 0; i < a->posonlyargs.n; i++)
        TRY(annotation_pair(c, a->posonlyargs.items[i]->arg, a->posonlyargs.items[i]->annotation,
                            &n));
    if (a->vararg) TRY(annotation_pair(c, a->vararg->arg, a->vararg->annotation, &n));
    for (int i = 0; i < a->kwonlyargs.n; i++)
        TRY(annotation_pair(c, a->kwonlyargs.items[i]->arg, a->kwonlyargs.items[i]->annotation,
                            &n));
    if (a->kwarg) TRY(annotation_pair(c, a->kwarg->arg, a->kwarg->annotation, &n));
    TRY(annotation_pair(c, "return", returns, &n));
    if (n) {
        EMIT(c, BUILD_MAP, n);
        *flags |= 4;
    }
    return true;
}

static void set_arg_counts(AdCompUnit *u, AdArguments *a) {
    u->posonlyargcount = (uint32_t)a->posonlyargs.n;
    u->argcount = (uint32_t)(a->posonlyargs.n + a->args.n);
    u->kwonlyargcount = (uint32_t)a->kwonlyargs.n;
    u->flags |= AD_CODE_FUNCTION;
    if (a->vararg) u->flags |= AD_CODE_VARARGS;
    if (a->kwarg) u->flags |= AD_CODE_VARKEYWORDS;
}

static void set_generator_flags(AdCompUnit *u) {
    if (u->ste->coroutine && u->ste->generator) u->flags |= AD_CODE_ASYNC_GENERATOR;
    else if (u->ste->coroutine) u->flags |= AD_CODE_COROUTINE;
    else if (u->ste->generator) u->flags |= AD_CODE_GENERATOR;
}

static bool emit_return_none(AdCompiler *c) {
    EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    EMIT(c, RETURN_VALUE, 0);
    return true;
}

bool ad_comp_functiondef(AdCompiler *c, AdStmt *s) {
    AdArguments *a = s->u.functiondef.args;
    AdExprList *decos = &s->u.functiondef.decorator_list;
    for (int i = 0; i < decos->n; i++) TRY(ad_comp_expr(c, decos->items[i]));
    int firstlineno = decos->n ? decos->items[0]->pos.lineno : s->pos.lineno;
    c->u->lineno = s->pos.lineno;
    int flags = 0;
    TRY(compile_defaults(c, a, &flags));
    TRY(compile_annotations(c, a, s->u.functiondef.returns, &flags));

    int kind = s->u.functiondef.is_async ? AD_UNIT_ASYNC_FUNCTION : AD_UNIT_FUNCTION;
    TRY(ad_comp_unit_enter(c, kind, s, s->u.functiondef.name, firstlineno));
    AdCompUnit *u = c->u;
    u->lineno = s->pos.lineno;
    set_arg_counts(u, a);
    set_generator_flags(u);
    AdStmtList *body = &s->u.functiondef.body;
    int start = 0;
    if (ad_comp_has_docstring(body)) {
        int idx = ad_comp_const_ast(c, &body->items[0]->u.expr.value->u.constant);
        if (idx < 0) return false;
        u->code->doc = u->code->consts[idx];
        start = 1;
    }
    for (int i = start; i < body->n; i++) TRY(ad_comp_stmt(c, body->items[i]));
    TRY(emit_return_none(c));
    int idx = ad_comp_unit_exit(c);
    if (idx < 0) return false;

    c->u->lineno = s->pos.lineno;
    TRY(ad_comp_make_function(c, idx, flags));
    for (int i = decos->n - 1; i >= 0; i--) {
        c->u->lineno = decos->items[i]->pos.lineno;
        EMIT(c, CALL, 1);
    }
    c->u->lineno = s->pos.lineno;
    return ad_comp_nameop(c, s->u.functiondef.name, AD_CTX_STORE);
}

bool ad_comp_lambda(AdCompiler *c, AdExpr *e) {
    AdArguments *a = e->u.lambda.args;
    int flags = 0;
    TRY(compile_defaults(c, a, &flags));
    TRY(ad_comp_unit_enter(c, AD_UNIT_LAMBDA, e, "<lambda>", e->pos.lineno));
    AdCompUnit *u = c->u;
    set_arg_counts(u, a);
    set_generator_flags(u);
    TRY(ad_comp_expr(c, e->u.lambda.body));
    if (u->ste->generator) {
        EMIT(c, POP_TOP, 0);
        TRY(emit_return_none(c));
    } else {
        EMIT(c, RETURN_VALUE, 0);
    }
    int idx = ad_comp_unit_exit(c);
    if (idx < 0) return false;
    return ad_comp_make_function(c, idx, flags);
}

/* ---- classes and module bodies ---------------------------------------------------------- */

/* Does a body (not counting nested defs and classes) hold an annotated assignment? */
static bool find_annotations(const AdStmtList *l) {
    for (int i = 0; i < l->n; i++) {
        AdStmt *s = l->items[i];
        switch (s->kind) {
        case AD_STMT_ANNASSIGN: return true;
        case AD_STMT_FOR:
            if (find_annotations(&s->u.for_.body) || find_annotations(&s->u.for_.orelse))
                return true;
            break;
        case AD_STMT_WHILE:
            if (find_annotations(&s->u.while_.body) || find_annotations(&s->u.while_.orelse))
                return true;
            break;
        case AD_STMT_IF:
            if (find_annotations(&s->u.if_.body) || find_annotations(&s->u.if_.orelse))
                return true;
            break;
        case AD_STMT_WITH:
            if (find_annotations(&s->u.with.body)) return true;
            break;
        case AD_STMT_TRY:
            if (find_annotations(&s->u.try_.body) || find_annotations(&s->u.try_.orelse) ||
                find_annotations(&s->u.try_.finalbody))
                return true;
            for (int k = 0; k < s->u.try_.handlers.n; k++)
                if (find_annotations(&s->u.try_.handlers.items[k]->body)) return true;
            break;
        case AD_STMT_MATCH:
            for (int k = 0; k < s->u.match.cases.n; k++)
                if (find_annotations(&s->u.match.cases.items[k]->body)) return true;
            break;
        default: break;
        }
    }
    return false;
}

static bool emit_name_op(AdCompiler *c, int op, const char *name) {
    int idx = names_add(c, &c->u->names, name);
    if (idx < 0) return false;
    return ad_comp_emit(c, op, idx);
}

bool ad_comp_body(AdCompiler *c, AdStmtList *body, bool is_module) {
    (void)is_module;
    if (find_annotations(body)) EMIT(c, SETUP_ANNOTATIONS, 0);
    int start = 0;
    if (ad_comp_has_docstring(body)) {
        AdStmt *s = body->items[0];
        c->u->lineno = s->pos.lineno;
        int idx = ad_comp_const_ast(c, &s->u.expr.value->u.constant);
        if (idx < 0) return false;
        c->u->code->doc = c->u->code->consts[idx];
        EMIT(c, LOAD_CONST, idx);
        TRY(emit_name_op(c, AD_OP_STORE_NAME, "__doc__"));
        start = 1;
    }
    for (int i = start; i < body->n; i++) TRY(ad_comp_stmt(c, body->items[i]));
    return true;
}

bool ad_comp_classdef(AdCompiler *c, AdStmt *s) {
    AdExprList *decos = &s->u.classdef.decorator_list;
    for (int i = 0; i < decos->n; i++) TRY(ad_comp_expr(c, decos->items[i]));
    int firstlineno = decos->n ? decos->items[0]->pos.lineno : s->pos.lineno;
    c->u->lineno = s->pos.lineno;
    EMIT(c, LOAD_BUILD_CLASS, 0);

    TRY(ad_comp_unit_enter(c, AD_UNIT_CLASS, s, s->u.classdef.name, firstlineno));
    AdCompUnit *u = c->u;
    u->lineno = s->pos.lineno;
    u->flags = AD_CODE_CLASS_BODY;
    TRY(emit_name_op(c, AD_OP_LOAD_NAME, "__name__"));
    TRY(emit_name_op(c, AD_OP_STORE_NAME, "__module__"));
    EMIT(c, LOAD_CONST, ad_comp_const_value(c, ad_obj(u->code->qualname)));
    TRY(emit_name_op(c, AD_OP_STORE_NAME, "__qualname__"));
    TRY(ad_comp_body(c, &s->u.classdef.body, false));
    u->lineno = s->pos.lineno;
    if (u->ste->needs_class_closure) {
        int cell = names_find(&u->cells, "__class__");
        EMIT(c, LOAD_CLOSURE, cell);
        TRY(emit_name_op(c, AD_OP_STORE_NAME, "__classcell__"));
    }
    TRY(emit_return_none(c));
    int idx = ad_comp_unit_exit(c);
    if (idx < 0) return false;

    c->u->lineno = s->pos.lineno;
    TRY(ad_comp_make_function(c, idx, 0));
    EMIT_CONST(c, ad_comp_const_str(c, s->u.classdef.name, strlen(s->u.classdef.name)));
    TRY(ad_comp_call_helper(c, 2, &s->u.classdef.bases, &s->u.classdef.keywords, s->pos));
    for (int i = decos->n - 1; i >= 0; i--) {
        c->u->lineno = decos->items[i]->pos.lineno;
        EMIT(c, CALL, 1);
    }
    c->u->lineno = s->pos.lineno;
    return ad_comp_nameop(c, s->u.classdef.name, AD_CTX_STORE);
}

/* ---- the entry point -------------------------------------------------------------------- */

/* The `lineno`th line of the source (1-based), newline included, or NULL. */
static const char *find_line(const char *src, size_t len, int lineno, size_t *linelen) {
    if (lineno < 1) return NULL;
    size_t i = 0;
    for (int l = 1; l < lineno; l++) {
        const char *nl = memchr(src + i, '\n', len - i);
        if (!nl) return NULL;
        i = (size_t)(nl - src) + 1;
    }
    if (i > len) return NULL;
    const char *nl = memchr(src + i, '\n', len - i);
    *linelen = nl ? (size_t)(nl - (src + i)) + 1 : len - i;
    return src + i;
}

/* Byte column -> 1-based character offset within `line`. */
static int char_offset(const char *line, size_t linelen, int col) {
    if (!line || col < 0) return col + 1;
    int chars = 0;
    for (int i = 0; i < col && (size_t)i < linelen; i++)
        if (((uint8_t)line[i] & 0xC0) != 0x80) chars++;
    return chars + 1;
}

/* Raises the SyntaxError (or IndentationError/TabError) described by `e`, with CPython's
 * args: (msg, (filename, lineno, offset, text, end_lineno, end_offset)). */
static void raise_syntax_error(AdThread *t, const AdSyntaxError *e, const char *src, size_t len,
                               const char *filename, bool char_columns) {
    AdVM *vm = t->vm;
    AdType *type = e->tab ? vm->exc_TabError : e->indentation ? vm->exc_IndentationError
                                                             : vm->exc_SyntaxError;
    int mark = ad_gc_root_mark(t);
    size_t linelen = 0;
    const char *line = find_line(src, len, e->lineno, &linelen);
    int offset = char_columns ? char_offset(line, linelen, e->col_offset) : e->col_offset + 1;
    int end_lineno = e->end_lineno, end_offset;
    if (end_lineno <= 0) {
        end_lineno = e->lineno;
        end_offset = offset;
    } else if (end_lineno == e->lineno) {
        end_offset = char_columns ? char_offset(line, linelen, e->end_col_offset)
                                  : e->end_col_offset + 1;
    } else {
        size_t elen = 0;
        const char *eline = find_line(src, len, end_lineno, &elen);
        end_offset = char_columns ? char_offset(eline, elen, e->end_col_offset)
                                  : e->end_col_offset + 1;
    }
    AdStr *msg = ad_str_from_cstr(t, e->msg);
    if (!msg) goto out;
    ad_gc_push_obj(t, msg);
    AdStr *fname = ad_str_from_cstr(t, filename);
    if (!fname) goto out;
    ad_gc_push_obj(t, fname);
    AdValue text = AD_NONE;
    if (line) {
        /* CPython's tokenizer ends every line with a newline, the last one included. */
        AdStr *s = linelen && line[linelen - 1] == '\n' ? ad_str_new(t, line, linelen)
                                                          : ad_str_printf(t, "%.*s\n",
                                                                          (int)linelen, line);
        if (!s) goto out;
        text = ad_obj(s);
        ad_gc_push_root(t, text);
    }
    AdTuple *loc = ad_tuple_pack(t, 6, ad_obj(fname), ad_small_int(e->lineno),
                                 ad_small_int(offset), text, ad_small_int(end_lineno),
                                 ad_small_int(end_offset));
    if (!loc) goto out;
    ad_gc_push_obj(t, loc);
    AdTuple *args = ad_tuple_pack(t, 2, ad_obj(msg), ad_obj(loc));
    if (!args) goto out;
    ad_gc_push_obj(t, args);
    AdValue exc = ad_exc_new(t, type, args);
    if (AD_IS_NULL(exc)) goto out;
    ad_gc_push_root(t, exc);
    ad_err_raise_obj(t, exc);
out:
    ad_gc_root_restore(t, mark);
}

static bool is_future_import(const AdStmt *s) {
    return s->kind == AD_STMT_IMPORTFROM && s->u.importfrom.level == 0 &&
           s->u.importfrom.module && strcmp(s->u.importfrom.module, "__future__") == 0;
}

/* The future statements at the top of a module (after an optional docstring). */
static bool scan_future(AdCompiler *c) {
    static const char *const features[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop",
        "annotations", NULL};
    AdStmtList *body = &c->mod->body;
    int i = c->mode == AD_MODE_EXEC && ad_comp_has_docstring(body) ? 1 : 0;
    for (; i < body->n && is_future_import(body->items[i]); i++) {
        AdStmt *s = body->items[i];
        for (int k = 0; k < s->u.importfrom.names.n; k++) {
            const char *name = s->u.importfrom.names.items[k]->name;
            const char *const *f = features;
            while (*f && strcmp(*f, name) != 0) f++;
            if (strcmp(name, "braces") == 0) return ad_comp_error(c, s->pos, "not a chance");
            if (!*f) return ad_comp_error(c, s->pos, "future feature %s is not defined", name);
            if (strcmp(name, "annotations") == 0) c->future_annotations = true;
        }
    }
    c->future_end = i;
    return true;
}

bool ad_comp_check_future(AdCompiler *c, AdStmt *s) {
    if (!is_future_import(s)) return true;
    if (c->u->kind == AD_UNIT_MODULE)
        for (int i = 0; i < c->future_end; i++)
            if (c->mod->body.items[i] == s) return true;
    return ad_comp_error(c, s->pos, "from __future__ imports must occur at the beginning of the file");
}

static bool compile_module(AdCompiler *c) {
    TRY(scan_future(c));
    TRY(ad_comp_unit_enter(c, AD_UNIT_MODULE, c->mod, "<module>", 1));
    AdStmtList *body = &c->mod->body;
    if (c->mode == AD_MODE_EVAL) {
        if (body->n != 1 || body->items[0]->kind != AD_STMT_EXPR) {
            AdPos pos = {1, 0, 1, 0};
            return ad_comp_error(c, pos, "invalid syntax");
        }
        c->u->lineno = body->items[0]->pos.lineno;
        TRY(ad_comp_expr(c, body->items[0]->u.expr.value));
        EMIT(c, RETURN_VALUE, 0);
        return true;
    }
    if (c->mode == AD_MODE_SINGLE) {
        if (find_annotations(body)) EMIT(c, SETUP_ANNOTATIONS, 0);
        for (int i = 0; i < body->n; i++) TRY(ad_comp_stmt(c, body->items[i]));
    } else {
        TRY(ad_comp_body(c, body, true));
    }
    return emit_return_none(c);
}

/* Debugging aid: ADDER_DIS=<text> prints to stderr the disassembly of every code compiled
 * from a file whose name contains <text> (ADDER_DIS=.py: every script and module). */
static void dump_if_asked(AdThread *t, AdCode *code, const char *filename) {
    const char *want = getenv("ADDER_DIS");
    if (!want || !*want || !strstr(filename, want)) return;
    AdBuf buf;
    ad_buf_init(&buf);
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, code);
    if (ad_code_disassemble(t, code, &buf)) fwrite(buf.data, 1, buf.len, stderr);
    else ad_err_clear(t);
    ad_gc_root_restore(t, mark);
    ad_buf_free(&buf);
}

AdCode *ad_compile(AdThread *t, const char *source, size_t len, const char *filename, int mode) {
    if (!filename) filename = "<string>";
    AdSyntaxError perr;
    memset(&perr, 0, sizeof perr);
    int pmode = mode == AD_MODE_EVAL ? 1 : mode == AD_MODE_SINGLE ? 2
              : mode == AD_MODE_INTERACTIVE ? 3 : 0;
    if (mode == AD_MODE_INTERACTIVE) mode = AD_MODE_SINGLE; /* only parsing differs */
    AdModuleAst *mod = ad_parse(source, len, filename, pmode, &perr);
    if (!mod) {
        if (!ad_err_occurred(t)) raise_syntax_error(t, &perr, source, len, filename, true);
        return NULL;
    }
    AdCompiler comp;
    memset(&comp, 0, sizeof comp);
    AdCompiler *c = &comp;
    c->t = t;
    c->mod = mod;
    c->filename = filename;
    c->mode = mode;
    int mark = ad_gc_root_mark(t);
    AdCode *result = NULL;
    if (!ad_sym_build(&c->st, mod)) {
        if (c->st.oom) ad_err_nomemory(t);
        else raise_syntax_error(t, &c->st.err, source, len, filename, false);
        goto done;
    }
    if (compile_module(c) && assemble(c, c->u)) result = c->u->code;
    if (result) dump_if_asked(t, result, filename);
    if (c->syntax) raise_syntax_error(t, &c->err, source, len, filename, false);
    else if (!result && !ad_err_occurred(t)) ad_err_nomemory(t);
done:
    while (c->u) {
        AdCompUnit *u = c->u;
        c->u = u->parent;
        unit_free(u);
    }
    ad_gc_root_restore(t, mark);
    ad_sym_free(&c->st);
    ad_ast_free(mod);
    return result;
}
