/*
 * compiler_stmt.c - statements to bytecode: control flow, exceptions, with, imports,
 * assignments. The exception shapes follow opcodes.h: SETUP_FINALLY pushes a handler
 * block; a handler starts with the exception on the stack and an EXCEPT frame block that
 * POP_EXCEPT (or the unwinder, on a raise) removes. `finally` bodies are inlined on the
 * normal path and on each return/break/continue leaving them (through the fblock stack of
 * compiler.c), and run once more on the exception path, ending in RERAISE.
 */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

bool ad_comp_stmts(AdCompiler *c, const AdStmtList *l) {
    for (int i = 0; i < l->n; i++) TRY(ad_comp_stmt(c, l->items[i]));
    return true;
}

/* [awaitable-or-iterator, value] -> [result]: the SEND loop of `yield from` and `await`. */
bool ad_comp_yield_from_loop(AdCompiler *c) {
    int loop = ad_comp_new_label(c), end = ad_comp_new_label(c);
    TRY(ad_comp_bind(c, loop));
    EMIT(c, SEND, end);
    EMIT(c, YIELD_VALUE, 0);
    EMIT(c, JUMP, loop);
    return ad_comp_bind(c, end);
}

static bool is_async_unit(AdCompiler *c) {
    return c->u->kind == AD_UNIT_ASYNC_FUNCTION;
}

/* ---- control flow ----------------------------------------------------------------------- */

static bool compile_if(AdCompiler *c, AdStmt *s) {
    int end = ad_comp_new_label(c);
    if (s->u.if_.orelse.n) {
        int orelse = ad_comp_new_label(c);
        TRY(ad_comp_jump_if(c, s->u.if_.test, orelse, false));
        TRY(ad_comp_stmts(c, &s->u.if_.body));
        EMIT(c, JUMP, end);
        TRY(ad_comp_bind(c, orelse));
        TRY(ad_comp_stmts(c, &s->u.if_.orelse));
    } else {
        TRY(ad_comp_jump_if(c, s->u.if_.test, end, false));
        TRY(ad_comp_stmts(c, &s->u.if_.body));
    }
    return ad_comp_bind(c, end);
}

static bool compile_while(AdCompiler *c, AdStmt *s) {
    int start = ad_comp_new_label(c), orelse = ad_comp_new_label(c),
        exit = ad_comp_new_label(c);
    TRY(ad_comp_bind(c, start));
    if (!ad_comp_is_const_true(s->u.while_.test))
        TRY(ad_comp_jump_if(c, s->u.while_.test, orelse, false));
    TRY(ad_comp_push_fblock(c, s->pos, AD_FB_WHILE, start, exit, 0));
    TRY(ad_comp_stmts(c, &s->u.while_.body));
    ad_comp_pop_fblock(c);
    c->u->lineno = s->pos.lineno;
    EMIT(c, JUMP, start);
    TRY(ad_comp_bind(c, orelse));
    TRY(ad_comp_stmts(c, &s->u.while_.orelse));
    return ad_comp_bind(c, exit);
}

static bool compile_for(AdCompiler *c, AdStmt *s) {
    int start = ad_comp_new_label(c), cleanup = ad_comp_new_label(c),
        exit = ad_comp_new_label(c);
    TRY(ad_comp_expr(c, s->u.for_.iter));
    c->u->lineno = s->pos.lineno;
    EMIT(c, GET_ITER, 0);
    TRY(ad_comp_bind(c, start));
    EMIT(c, FOR_ITER, cleanup);
    TRY(ad_comp_store(c, s->u.for_.target));
    TRY(ad_comp_push_fblock(c, s->pos, AD_FB_FOR, start, exit, 0));
    TRY(ad_comp_stmts(c, &s->u.for_.body));
    ad_comp_pop_fblock(c);
    c->u->lineno = s->pos.lineno;
    EMIT(c, JUMP, start);
    TRY(ad_comp_bind(c, cleanup));
    TRY(ad_comp_stmts(c, &s->u.for_.orelse));
    return ad_comp_bind(c, exit);
}

static bool compile_async_for(AdCompiler *c, AdStmt *s) {
    if (!is_async_unit(c)) return ad_comp_error(c, s->pos, "'async for' outside async function");
    int start = ad_comp_new_label(c), except = ad_comp_new_label(c),
        exit = ad_comp_new_label(c);
    TRY(ad_comp_expr(c, s->u.for_.iter));
    c->u->lineno = s->pos.lineno;
    EMIT(c, GET_AITER, 0);
    TRY(ad_comp_bind(c, start));
    TRY(ad_comp_check_blocks(c, s->pos, 1));
    EMIT(c, SETUP_FINALLY, except);
    EMIT(c, GET_ANEXT, 0);
    EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    TRY(ad_comp_yield_from_loop(c));
    EMIT(c, POP_BLOCK, 0);
    TRY(ad_comp_store(c, s->u.for_.target));
    TRY(ad_comp_push_fblock(c, s->pos, AD_FB_FOR, start, exit, 0));
    TRY(ad_comp_stmts(c, &s->u.for_.body));
    ad_comp_pop_fblock(c);
    c->u->lineno = s->pos.lineno;
    EMIT(c, JUMP, start);
    TRY(ad_comp_bind(c, except));
    EMIT(c, END_ASYNC_FOR, 0);
    TRY(ad_comp_stmts(c, &s->u.for_.orelse));
    return ad_comp_bind(c, exit);
}

static bool compile_return(AdCompiler *c, AdStmt *s) {
    AdCompUnit *u = c->u;
    AdExpr *value = s->u.return_.value;
    if (u->ste->block != AD_SYMBLOCK_FUNCTION)
        return ad_comp_error(c, s->pos, "'return' outside function");
    if (value && u->ste->coroutine && u->ste->generator)
        return ad_comp_error(c, s->pos, "'return' with value in async generator");
    bool preserve_tos = value && value->kind != AD_EXPR_CONSTANT;
    if (preserve_tos) TRY(ad_comp_expr(c, value));
    TRY(ad_comp_unwind_fblocks(c, preserve_tos, NULL));
    u->lineno = s->pos.lineno;
    if (!value) EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    else if (!preserve_tos) TRY(ad_comp_expr(c, value));
    EMIT(c, RETURN_VALUE, 0);
    return true;
}

static bool compile_break(AdCompiler *c, AdStmt *s, bool is_break) {
    AdFBlock *loop = NULL;
    TRY(ad_comp_unwind_fblocks(c, false, &loop));
    if (!loop)
        return ad_comp_error(c, s->pos, is_break ? "'break' outside loop"
                                                 : "'continue' not properly in loop");
    c->u->lineno = s->pos.lineno;
    if (is_break) {
        TRY(ad_comp_unwind_fblock(c, loop, false));
        EMIT(c, JUMP, loop->exit);
    } else {
        EMIT(c, JUMP, loop->start);
    }
    return true;
}

static bool compile_raise(AdCompiler *c, AdStmt *s) {
    int n = 0;
    if (s->u.raise.exc) {
        TRY(ad_comp_expr(c, s->u.raise.exc));
        n++;
        if (s->u.raise.cause) {
            TRY(ad_comp_expr(c, s->u.raise.cause));
            n++;
        }
    }
    c->u->lineno = s->pos.lineno;
    EMIT(c, RAISE_VARARGS, n);
    return true;
}

static bool compile_assert(AdCompiler *c, AdStmt *s) {
    int end = ad_comp_new_label(c);
    TRY(ad_comp_jump_if(c, s->u.assert_.test, end, true));
    c->u->lineno = s->pos.lineno;
    EMIT(c, LOAD_ASSERTION_ERROR, 0);
    if (s->u.assert_.msg) {
        TRY(ad_comp_expr(c, s->u.assert_.msg));
        c->u->lineno = s->pos.lineno;
        EMIT(c, CALL, 1);
    }
    EMIT(c, RAISE_VARARGS, 1);
    return ad_comp_bind(c, end);
}

/* ---- exceptions ---------------------------------------------------------------------------- */

static bool clear_name(AdCompiler *c, const char *name) {
    EMIT(c, LOAD_CONST, ad_comp_const_none(c));
    TRY(ad_comp_nameop(c, name, AD_CTX_STORE));
    return ad_comp_nameop(c, name, AD_CTX_DEL);
}

/* try: body / except handlers / else (no finally: compile_try_finally wraps this). */
static bool compile_try_except(AdCompiler *c, AdStmt *s) {
    AdCompUnit *u = c->u;
    int except = ad_comp_new_label(c), end = ad_comp_new_label(c);
    EMIT(c, SETUP_FINALLY, except);
    TRY(ad_comp_push_fblock(c, s->pos, AD_FB_TRY_EXCEPT, 0, 0, 1));
    TRY(ad_comp_stmts(c, &s->u.try_.body));
    ad_comp_pop_fblock(c);
    u->lineno = s->pos.lineno;
    EMIT(c, POP_BLOCK, 0);
    TRY(ad_comp_stmts(c, &s->u.try_.orelse));
    EMIT(c, JUMP, end);

    TRY(ad_comp_bind(c, except)); /* [exc], EXCEPT block active */
    AdHandlerList *hs = &s->u.try_.handlers;
    for (int i = 0; i < hs->n; i++) {
        AdExceptHandler *h = hs->items[i];
        u->lineno = h->pos.lineno;
        if (!h->type && i != hs->n - 1)
            return ad_comp_error(c, h->pos, "default 'except:' must be last");
        int next = ad_comp_new_label(c);
        if (h->type) {
            TRY(ad_comp_expr(c, h->type));
            u->lineno = h->pos.lineno;
            EMIT(c, CHECK_EXC_MATCH, 0);
            EMIT(c, POP_JUMP_IF_FALSE, next);
        }
        if (h->name) {
            TRY(ad_comp_nameop(c, h->name, AD_CTX_STORE));
            int cleanup = ad_comp_new_label(c);
            TRY(ad_comp_check_blocks(c, h->pos, 2));
            EMIT(c, SETUP_FINALLY, cleanup);
            AdFBlock *fb = ad_comp_push_fblock(c, h->pos, AD_FB_HANDLER_CLEANUP, 0, 0, 2);
            if (!fb) return false;
            fb->name = h->name;
            TRY(ad_comp_stmts(c, &h->body));
            ad_comp_pop_fblock(c);
            u->lineno = h->pos.lineno;
            EMIT(c, POP_BLOCK, 0);
            EMIT(c, POP_EXCEPT, 0);
            TRY(clear_name(c, h->name));
            EMIT(c, JUMP, end);
            TRY(ad_comp_bind(c, cleanup)); /* [exc2]: the handler body raised */
            TRY(clear_name(c, h->name));
            EMIT(c, RERAISE, 0);
        } else {
            EMIT(c, POP_TOP, 0);
            TRY(ad_comp_push_fblock(c, h->pos, AD_FB_HANDLER_CLEANUP, 0, 0, 1));
            TRY(ad_comp_stmts(c, &h->body));
            ad_comp_pop_fblock(c);
            u->lineno = h->pos.lineno;
            EMIT(c, POP_EXCEPT, 0);
            EMIT(c, JUMP, end);
        }
        TRY(ad_comp_bind(c, next));
    }
    u->lineno = s->pos.lineno;
    EMIT(c, RERAISE, 0);
    return ad_comp_bind(c, end);
}

static bool compile_try_finally(AdCompiler *c, AdStmt *s) {
    AdCompUnit *u = c->u;
    int final = ad_comp_new_label(c), end = ad_comp_new_label(c);
    EMIT(c, SETUP_FINALLY, final);
    AdFBlock *fb = ad_comp_push_fblock(c, s->pos, AD_FB_FINALLY_TRY, 0, 0, 1);
    if (!fb) return false;
    fb->finalbody = &s->u.try_.finalbody;
    if (s->u.try_.handlers.n) TRY(compile_try_except(c, s));
    else TRY(ad_comp_stmts(c, &s->u.try_.body));
    ad_comp_pop_fblock(c);
    u->lineno = s->pos.lineno;
    EMIT(c, POP_BLOCK, 0);
    TRY(ad_comp_stmts(c, &s->u.try_.finalbody));
    EMIT(c, JUMP, end);

    TRY(ad_comp_bind(c, final)); /* [exc], EXCEPT block active */
    TRY(ad_comp_push_fblock(c, s->pos, AD_FB_FINALLY_END, 0, 0, 1));
    TRY(ad_comp_stmts(c, &s->u.try_.finalbody));
    ad_comp_pop_fblock(c);
    u->lineno = s->pos.lineno;
    EMIT(c, RERAISE, 0);
    return ad_comp_bind(c, end);
}

static bool compile_try(AdCompiler *c, AdStmt *s) {
    if (s->u.try_.finalbody.n) return compile_try_finally(c, s);
    return compile_try_except(c, s);
}

/* ---- with ------------------------------------------------------------------------------------ */

static bool compile_with(AdCompiler *c, AdStmt *s, int pos) {
    AdCompUnit *u = c->u;
    bool is_async = s->u.with.is_async;
    AdWithItem *item = s->u.with.items.items[pos];
    int handler = ad_comp_new_label(c), suppress = ad_comp_new_label(c),
        exit = ad_comp_new_label(c);
    TRY(ad_comp_expr(c, item->context_expr));
    u->lineno = s->pos.lineno;
    if (is_async) {
        EMIT(c, BEFORE_ASYNC_WITH, 0);
        EMIT(c, GET_AWAITABLE, 0);
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        TRY(ad_comp_yield_from_loop(c));
    } else {
        EMIT(c, BEFORE_WITH, 0);
    }
    if (item->optional_vars) TRY(ad_comp_store(c, item->optional_vars));
    else EMIT(c, POP_TOP, 0);
    TRY(ad_comp_check_blocks(c, s->pos, 1));
    EMIT(c, SETUP_FINALLY, handler);
    TRY(ad_comp_push_fblock(c, s->pos, is_async ? AD_FB_ASYNC_WITH : AD_FB_WITH, 0, 0, 1));
    if (pos + 1 < s->u.with.items.n) TRY(compile_with(c, s, pos + 1));
    else TRY(ad_comp_stmts(c, &s->u.with.body));
    ad_comp_pop_fblock(c);

    u->lineno = s->pos.lineno;
    EMIT(c, POP_BLOCK, 0);
    TRY(ad_comp_call_exit_nones(c, is_async));
    EMIT(c, POP_TOP, 0);
    EMIT(c, JUMP, exit);

    TRY(ad_comp_bind(c, handler)); /* [exit, exc] */
    EMIT(c, WITH_EXCEPT_START, 0);
    if (is_async) {
        EMIT(c, GET_AWAITABLE, 0);
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        TRY(ad_comp_yield_from_loop(c));
    }
    EMIT(c, POP_JUMP_IF_TRUE, suppress);
    EMIT(c, RERAISE, 0);
    TRY(ad_comp_bind(c, suppress)); /* [exit, exc]: __exit__ swallowed it */
    EMIT(c, POP_TOP, 0);
    EMIT(c, POP_EXCEPT, 0);
    EMIT(c, POP_TOP, 0);
    return ad_comp_bind(c, exit);
}

/* ---- assignments --------------------------------------------------------------------------- */

static AdExprList *plain_elts(AdExpr *e) {
    AdExprList *l = e->kind == AD_EXPR_TUPLE  ? &e->u.tuple.elts
                    : e->kind == AD_EXPR_LIST ? &e->u.list.elts
                                              : NULL;
    if (!l) return NULL;
    for (int i = 0; i < l->n; i++)
        if (l->items[i]->kind == AD_EXPR_STARRED) return NULL;
    return l;
}

/* `a, b = x, y` (or three names): no tuple is built; the values are pushed, turned so the
 * first is on top, and stored left to right - the order UNPACK_SEQUENCE would give. */
static bool compile_swap_assign(AdCompiler *c, AdStmt *s, bool *done) {
    *done = false;
    if (s->u.assign.targets.n != 1) return true;
    AdExprList *targets = plain_elts(s->u.assign.targets.items[0]);
    AdExprList *values = plain_elts(s->u.assign.value);
    if (!targets || !values || targets->n != values->n || targets->n < 2 || targets->n > 3)
        return true;
    for (int i = 0; i < values->n; i++) TRY(ad_comp_expr(c, values->items[i]));
    c->u->lineno = s->pos.lineno;
    EMIT(c, SWAP, values->n);
    for (int i = 0; i < targets->n; i++) TRY(ad_comp_store(c, targets->items[i]));
    *done = true;
    return true;
}

static bool compile_assign(AdCompiler *c, AdStmt *s) {
    AdExprList *targets = &s->u.assign.targets;
    bool done;
    TRY(compile_swap_assign(c, s, &done));
    if (done) return true;
    TRY(ad_comp_expr(c, s->u.assign.value));
    for (int i = 0; i < targets->n; i++) {
        c->u->lineno = s->pos.lineno;
        if (i + 1 < targets->n) EMIT(c, COPY, 1);
        TRY(ad_comp_store(c, targets->items[i]));
    }
    return true;
}

static bool compile_augassign(AdCompiler *c, AdStmt *s) {
    AdCompUnit *u = c->u;
    AdExpr *target = s->u.augassign.target;
    int op = AD_BINOP_INPLACE + s->u.augassign.op;
    switch (target->kind) {
    case AD_EXPR_NAME:
        TRY(ad_comp_nameop(c, target->u.name.id, AD_CTX_LOAD));
        TRY(ad_comp_expr(c, s->u.augassign.value));
        u->lineno = s->pos.lineno;
        EMIT(c, BINARY_OP, op);
        return ad_comp_nameop(c, target->u.name.id, AD_CTX_STORE);
    case AD_EXPR_ATTRIBUTE: {
        int name = ad_comp_name(c, target->u.attribute.attr);
        TRY(ad_comp_expr(c, target->u.attribute.value));
        u->lineno = target->pos.lineno;
        EMIT(c, COPY, 1);
        EMIT(c, LOAD_ATTR, name);
        TRY(ad_comp_expr(c, s->u.augassign.value));
        u->lineno = s->pos.lineno;
        EMIT(c, BINARY_OP, op);
        EMIT(c, SWAP, 2);
        EMIT(c, STORE_ATTR, name);
        return true;
    }
    case AD_EXPR_SUBSCRIPT:
        TRY(ad_comp_expr(c, target->u.subscript.value));
        TRY(ad_comp_expr(c, target->u.subscript.slice));
        u->lineno = target->pos.lineno;
        EMIT(c, COPY, 2);
        EMIT(c, COPY, 2);
        EMIT(c, BINARY_SUBSCR, 0);
        TRY(ad_comp_expr(c, s->u.augassign.value));
        u->lineno = s->pos.lineno;
        EMIT(c, BINARY_OP, op);
        EMIT(c, STORE_SUBSCR, 1);
        return true;
    default:
        return ad_comp_error(c, target->pos, "'%s' is an illegal expression for augmented assignment",
                             "expression");
    }
}

static bool in_module_or_class(AdCompiler *c) {
    return c->u->kind == AD_UNIT_MODULE || c->u->kind == AD_UNIT_CLASS;
}

static bool compile_annassign(AdCompiler *c, AdStmt *s) {
    AdExpr *target = s->u.annassign.target;
    if (s->u.annassign.value) {
        TRY(ad_comp_expr(c, s->u.annassign.value));
        TRY(ad_comp_store(c, target));
    }
    c->u->lineno = s->pos.lineno;
    if (target->kind == AD_EXPR_NAME) {
        if (s->u.annassign.simple && in_module_or_class(c)) {
            if (c->future_annotations)
                EMIT_CONST(c, ad_comp_const_annotation(c, s->u.annassign.annotation));
            else
                TRY(ad_comp_expr(c, s->u.annassign.annotation));
            int ann = ad_comp_name(c, "__annotations__");
            EMIT(c, LOAD_NAME, ann);
            const char *m = ad_comp_mangle(c, target->u.name.id);
            if (!m) return false;
            EMIT_CONST(c, ad_comp_const_str(c, m, strlen(m)));
            EMIT(c, STORE_SUBSCR, 0);
        }
        return true;
    }
    if (!s->u.annassign.value) {
        if (target->kind == AD_EXPR_ATTRIBUTE) {
            TRY(ad_comp_expr(c, target->u.attribute.value));
            EMIT(c, POP_TOP, 0);
        } else if (target->kind == AD_EXPR_SUBSCRIPT) {
            TRY(ad_comp_expr(c, target->u.subscript.value));
            EMIT(c, POP_TOP, 0);
            TRY(ad_comp_expr(c, target->u.subscript.slice));
            EMIT(c, POP_TOP, 0);
        }
    }
    if (!s->u.annassign.simple && in_module_or_class(c) && !c->future_annotations) {
        TRY(ad_comp_expr(c, s->u.annassign.annotation));
        EMIT(c, POP_TOP, 0);
    }
    return true;
}

/* ---- imports ------------------------------------------------------------------------------- */

static bool compile_import(AdCompiler *c, AdStmt *s) {
    AdArena *arena = &c->mod->arena;
    for (int i = 0; i < s->u.import.names.n; i++) {
        AdAlias *a = s->u.import.names.items[i];
        c->u->lineno = s->pos.lineno;
        EMIT_CONST(c, ad_comp_const_int(c, 0));
        EMIT(c, LOAD_CONST, ad_comp_const_none(c));
        EMIT(c, IMPORT_NAME, ad_comp_name(c, a->name));
        const char *dot = strchr(a->name, '.');
        if (a->asname) {
            if (dot) {
                /* import a.b.c as d: d = the submodule, found attribute by attribute */
                const char *part = dot + 1;
                for (;;) {
                    const char *next = strchr(part, '.');
                    size_t len = next ? (size_t)(next - part) : strlen(part);
                    char *attr = ad_arena_strndup(arena, part, len);
                    if (!attr) return ad_comp_nomem(c);
                    EMIT(c, IMPORT_FROM, ad_comp_name(c, attr));
                    if (!next) break;
                    EMIT(c, SWAP, 2);
                    EMIT(c, POP_TOP, 0);
                    part = next + 1;
                }
                TRY(ad_comp_nameop(c, a->asname, AD_CTX_STORE));
                EMIT(c, POP_TOP, 0);
            } else {
                TRY(ad_comp_nameop(c, a->asname, AD_CTX_STORE));
            }
        } else if (dot) {
            char *top = ad_arena_strndup(arena, a->name, (size_t)(dot - a->name));
            if (!top) return ad_comp_nomem(c);
            TRY(ad_comp_nameop(c, top, AD_CTX_STORE));
        } else {
            TRY(ad_comp_nameop(c, a->name, AD_CTX_STORE));
        }
    }
    return true;
}

static bool compile_importfrom(AdCompiler *c, AdStmt *s) {
    AdAliasList *names = &s->u.importfrom.names;
    TRY(ad_comp_check_future(c, s));
    EMIT_CONST(c, ad_comp_const_int(c, s->u.importfrom.level));
    const char **items = malloc((size_t)(names->n ? names->n : 1) * sizeof *items);
    if (!items) return ad_comp_nomem(c);
    for (int i = 0; i < names->n; i++) items[i] = names->items[i]->name;
    int fromlist = ad_comp_const_str_tuple(c, items, names->n);
    free(items);
    EMIT(c, LOAD_CONST, fromlist);
    const char *module = s->u.importfrom.module ? s->u.importfrom.module : "";
    EMIT(c, IMPORT_NAME, ad_comp_name(c, module));
    if (names->n == 1 && strcmp(names->items[0]->name, "*") == 0) {
        EMIT(c, IMPORT_STAR, 0);
        return true;
    }
    for (int i = 0; i < names->n; i++) {
        AdAlias *a = names->items[i];
        EMIT(c, IMPORT_FROM, ad_comp_name(c, a->name));
        TRY(ad_comp_nameop(c, a->asname ? a->asname : a->name, AD_CTX_STORE));
    }
    EMIT(c, POP_TOP, 0);
    return true;
}

/* ---- dispatch ------------------------------------------------------------------------------- */

static bool compile_expr_stmt(AdCompiler *c, AdStmt *s) {
    AdExpr *value = s->u.expr.value;
    if (c->mode == AD_MODE_SINGLE && c->u->kind == AD_UNIT_MODULE) {
        TRY(ad_comp_expr(c, value));
        c->u->lineno = s->pos.lineno;
        EMIT(c, PRINT_EXPR, 0);
        return true;
    }
    if (value->kind == AD_EXPR_CONSTANT) return true; /* docstring-like: no effect */
    TRY(ad_comp_expr(c, value));
    c->u->lineno = s->pos.lineno;
    EMIT(c, POP_TOP, 0);
    return true;
}

bool ad_comp_stmt(AdCompiler *c, AdStmt *s) {
    if (c->failed) return false;
    c->u->lineno = s->pos.lineno;
    switch (s->kind) {
    case AD_STMT_FUNCTIONDEF: return ad_comp_functiondef(c, s);
    case AD_STMT_CLASSDEF: return ad_comp_classdef(c, s);
    case AD_STMT_RETURN: return compile_return(c, s);
    case AD_STMT_DELETE:
        for (int i = 0; i < s->u.delete_.targets.n; i++)
            TRY(ad_comp_delete(c, s->u.delete_.targets.items[i]));
        return true;
    case AD_STMT_ASSIGN: return compile_assign(c, s);
    case AD_STMT_AUGASSIGN: return compile_augassign(c, s);
    case AD_STMT_ANNASSIGN: return compile_annassign(c, s);
    case AD_STMT_FOR: return s->u.for_.is_async ? compile_async_for(c, s) : compile_for(c, s);
    case AD_STMT_WHILE: return compile_while(c, s);
    case AD_STMT_IF: return compile_if(c, s);
    case AD_STMT_WITH:
        if (s->u.with.is_async && !is_async_unit(c))
            return ad_comp_error(c, s->pos, "'async with' outside async function");
        return compile_with(c, s, 0);
    case AD_STMT_MATCH: return ad_comp_match(c, s);
    case AD_STMT_RAISE: return compile_raise(c, s);
    case AD_STMT_TRY: return compile_try(c, s);
    case AD_STMT_ASSERT: return compile_assert(c, s);
    case AD_STMT_IMPORT: return compile_import(c, s);
    case AD_STMT_IMPORTFROM: return compile_importfrom(c, s);
    case AD_STMT_GLOBAL:
    case AD_STMT_NONLOCAL:
    case AD_STMT_PASS: return true;
    case AD_STMT_EXPR: return compile_expr_stmt(c, s);
    case AD_STMT_BREAK: return compile_break(c, s, true);
    case AD_STMT_CONTINUE: return compile_break(c, s, false);
    }
    return true;
}
