/*
 * compiler.h - internal to the compiler files (compiler.c, compiler_stmt.c,
 * compiler_expr.c, compiler_pattern.c, compiler_dis.c); nothing else includes it.
 *
 * One AdCompiler compiles one module. Each function, class body, lambda and comprehension
 * is a unit (AdCompUnit) compiling into its own code object; units nest like the source.
 * Instructions are emitted linearly into C arrays with symbolic labels for jump targets,
 * resolved when the unit is assembled. The unit's AdCode is allocated (and GC-rooted) when
 * the unit opens, so the constants it collects - nested code objects included - are
 * always reachable through code->consts while the rest is built.
 */
#ifndef ADDER_COMPILER_H
#define ADDER_COMPILER_H

#include "ast.h"
#include "core.h"
#include "symtable.h"

/* Insertion-ordered set of strings: co_names, local names, cell and free names. */
typedef struct AdCompNames {
    const char **keys;
    int n, cap;
    int *hash; /* index+1, 0 empty */
    int hash_cap;
} AdCompNames;

/* The kind of a unit, as CPython's compiler scope types (they decide qualnames). */
enum {
    AD_UNIT_MODULE, AD_UNIT_CLASS, AD_UNIT_FUNCTION, AD_UNIT_ASYNC_FUNCTION, AD_UNIT_LAMBDA,
    AD_UNIT_COMPREHENSION
};

/* Compile-time blocks: what a return/break/continue must undo on its way out. */
enum {
    AD_FB_WHILE, AD_FB_FOR, AD_FB_TRY_EXCEPT, AD_FB_FINALLY_TRY, AD_FB_FINALLY_END, AD_FB_WITH,
    AD_FB_ASYNC_WITH, AD_FB_HANDLER_CLEANUP, AD_FB_POP_VALUE
};
typedef struct AdFBlock {
    int kind;
    int start, exit;             /* loops: continue and break targets */
    const AdStmtList *finalbody; /* FINALLY_TRY: inlined on the way out */
    const char *name;            /* HANDLER_CLEANUP: the `as` name (mangled) or NULL */
    int lineno;
    int vm_blocks;               /* frame blocks (vm.h AdBlock) it keeps pushed */
} AdFBlock;

typedef struct AdCompUnit AdCompUnit;
struct AdCompUnit {
    AdCompUnit *parent;
    int kind;                  /* AD_UNIT_* */
    AdSymScope *ste;
    AdCode *code;              /* rooted from unit_enter until the parent holds it */
    int root_mark;
    const char *name;
    char *qualname;            /* malloc'd */
    const char *private_name;  /* enclosing class name, for mangling */

    uint32_t *instrs;
    int *lines;
    int ninstrs, instrs_cap;
    int *labels;               /* instruction index per label, -1 until bound */
    int nlabels, labels_cap;

    AdCompNames names, locals, cells, frees;
    int *const_index;          /* open addressing over code->consts: index+1, 0 empty */
    int const_index_cap;
    int nparams;

    AdFBlock fblocks[AD_MAX_BLOCKS];
    int nfblocks;
    int vm_blocks;             /* frame blocks statically active at this point */

    int lineno;                /* line given to the next instruction */
    int firstlineno;
    uint32_t argcount, posonlyargcount, kwonlyargcount;
    uint32_t flags;
};

typedef struct AdCompiler {
    AdThread *t;
    AdModuleAst *mod;
    AdSymTable st;
    const char *filename;
    int mode;                  /* AD_MODE_* */
    AdCompUnit *u;
    bool failed;               /* an exception is pending, or `syntax` is set */
    bool syntax;               /* err holds a SyntaxError to raise */
    AdSyntaxError err;
    bool future_annotations;   /* from __future__ import annotations: they stay strings */
    int future_end;            /* module body statements before this may be future imports */
} AdCompiler;

/* ---- compiler.c: units, emission, constants, names ---------------------------------- */

/* Records a SyntaxError at `pos` (first one wins); always returns false. */
AD_FUNC bool ad_comp_error(AdCompiler *c, AdPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records out-of-memory (MemoryError pending); always returns false. */
AD_FUNC bool ad_comp_nomem(AdCompiler *c);

AD_FUNC bool ad_comp_emit(AdCompiler *c, int op, int arg);
AD_FUNC int ad_comp_new_label(AdCompiler *c); /* never fails visibly: see c->failed */
AD_FUNC bool ad_comp_bind(AdCompiler *c, int label);

/* Constants: each returns the index in the current unit's consts, or -1 on error. */
AD_FUNC int ad_comp_const_value(AdCompiler *c, AdValue v); /* v: immediate or rooted */
AD_FUNC int ad_comp_const_ast(AdCompiler *c, const AdConst *k);
AD_FUNC int ad_comp_const_str(AdCompiler *c, const char *s, size_t len);
AD_FUNC int ad_comp_const_int(AdCompiler *c, int64_t i);
AD_FUNC int ad_comp_const_none(AdCompiler *c);
/* A tuple of strs (kwnames, import fromlists). */
AD_FUNC int ad_comp_const_str_tuple(AdCompiler *c, const char *const *items, int n);
/* A tuple or constant expression folded to a value when every part is a literal:
 * returns the const index, -2 when `e` is not constant, -1 on error. */
AD_FUNC int ad_comp_const_fold(AdCompiler *c, AdExpr *e);

/* Index in co_names of `name` (mangled with the unit's private name); -1 on error. */
AD_FUNC int ad_comp_name(AdCompiler *c, const char *name);
AD_FUNC const char *ad_comp_mangle(AdCompiler *c, const char *name); /* NULL: error */

/* Load/store/delete a variable with the opcode its scope calls for. */
AD_FUNC bool ad_comp_nameop(AdCompiler *c, const char *name, AdExprCtx ctx);

/* fblocks */
/* NULL on error (too many nested blocks). */
AD_FUNC AdFBlock *ad_comp_push_fblock(AdCompiler *c, AdPos pos, int kind, int start, int exit,
                                      int vm_blocks);
AD_FUNC void ad_comp_pop_fblock(AdCompiler *c);
/* Emits what leaving every open block requires (for return: preserve_tos; for
 * break/continue: stops at the innermost loop and returns it through *loop). */
AD_FUNC bool ad_comp_unwind_fblocks(AdCompiler *c, bool preserve_tos, AdFBlock **loop);
AD_FUNC bool ad_comp_unwind_fblock(AdCompiler *c, AdFBlock *fb, bool preserve_tos);
/* The frame-block budget: extra = blocks about to be pushed on top of the current ones. */
AD_FUNC bool ad_comp_check_blocks(AdCompiler *c, AdPos pos, int extra);

/* Nested code: open a unit for `key`'s scope, compile into it, close it. unit_exit
 * assembles the code object and adds it to the parent's constants (index returned). */
AD_FUNC bool ad_comp_unit_enter(AdCompiler *c, int kind, const void *key, const char *name,
                                int firstlineno);
AD_FUNC int ad_comp_unit_exit(AdCompiler *c);
/* Pushes the closure tuple for the code at const index `code_index` of the current unit,
 * if it has free variables; *flags gets 8 then. Then code and qualname (MAKE_FUNCTION). */
AD_FUNC bool ad_comp_make_function(AdCompiler *c, int code_index, int flags);

/* Function definitions, lambdas and classes (compiler.c). */
AD_FUNC bool ad_comp_functiondef(AdCompiler *c, AdStmt *s);
AD_FUNC bool ad_comp_classdef(AdCompiler *c, AdStmt *s);
AD_FUNC bool ad_comp_lambda(AdCompiler *c, AdExpr *e);
/* The body of a module or class: docstring, SETUP_ANNOTATIONS, statements. */
AD_FUNC bool ad_comp_body(AdCompiler *c, AdStmtList *body, bool is_module);
AD_FUNC bool ad_comp_has_docstring(const AdStmtList *body);
/* A `from __future__ import` is allowed only at the top of the module. */
AD_FUNC bool ad_comp_check_future(AdCompiler *c, AdStmt *s);

/* ---- compiler_stmt.c ------------------------------------------------------------------ */
AD_FUNC bool ad_comp_stmt(AdCompiler *c, AdStmt *s);
AD_FUNC bool ad_comp_stmts(AdCompiler *c, const AdStmtList *l);
/* `await`/`yield from` tail: [iter] -> [result] through the SEND loop. */
AD_FUNC bool ad_comp_yield_from_loop(AdCompiler *c);
/* Calls a with-block's __exit__(None, None, None) for an async with when is_async. */
AD_FUNC bool ad_comp_call_exit_nones(AdCompiler *c, bool is_async);

/* ---- compiler_expr.c ------------------------------------------------------------------ */
AD_FUNC bool ad_comp_expr(AdCompiler *c, AdExpr *e);
/* Jump to `label` if the truth of `e` equals `cond`; falls through otherwise. */
AD_FUNC bool ad_comp_jump_if(AdCompiler *c, AdExpr *e, int label, bool cond);
/* Store TOS into an assignment target (pops it). */
AD_FUNC bool ad_comp_store(AdCompiler *c, AdExpr *target);
AD_FUNC bool ad_comp_delete(AdCompiler *c, AdExpr *target);
/* Keyword-argument and positional parts of a call after the callable is pushed. */
AD_FUNC bool ad_comp_call_helper(AdCompiler *c, int npushed, AdExprList *args,
                                 AdKeywordList *keywords, AdPos pos);
AD_FUNC bool ad_comp_is_const_true(const AdExpr *e);

/* ---- compiler_unparse.c --------------------------------------------------------------- */
/* The const index of an annotation's source text, as CPython unparses it (PEP 563). */
AD_FUNC int ad_comp_const_annotation(AdCompiler *c, AdExpr *e);

/* ---- compiler_pattern.c --------------------------------------------------------------- */
AD_FUNC bool ad_comp_match(AdCompiler *c, AdStmt *s);

#define EMIT(c, op, arg)                                                                    \
    do {                                                                                    \
        if (!ad_comp_emit((c), AD_OP_##op, (arg))) return false;                            \
    } while (0)
#define TRY(x)                                                                              \
    do {                                                                                    \
        if (!(x)) return false;                                                             \
    } while (0)
/* LOAD_CONST of an index-returning constant helper. */
#define EMIT_CONST(c, expr)                                                                 \
    do {                                                                                    \
        int ci_ = (expr);                                                                   \
        if (ci_ < 0) return false;                                                          \
        EMIT(c, LOAD_CONST, ci_);                                                           \
    } while (0)

#endif
