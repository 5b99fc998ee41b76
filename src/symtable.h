/*
 * symtable.h - the scopes of a parsed module, as CPython's symtable computes them: which
 * names of each function, class, lambda and comprehension are local, global (declared or
 * implicit), free (captured from an enclosing function) or cell (captured by an inner one).
 * The compiler asks one question per name: which scope, and so which load/store opcode.
 *
 * Everything here is plain C memory owned by the AdSymTable (no GC objects), built in one
 * pass over the AST and one analysis pass; names point into the AST arena (mangled names
 * are allocated there too), so the table must be freed before the AST.
 */
#ifndef ADDER_SYMTABLE_H
#define ADDER_SYMTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"

/* How a name is used in one scope (flags gathered while walking the AST). */
enum {
    AD_SYM_DEF_GLOBAL = 1 << 0,     /* `global x` */
    AD_SYM_DEF_LOCAL = 1 << 1,      /* assigned, deleted, bound by for/with/except/def... */
    AD_SYM_DEF_PARAM = 1 << 2,      /* a parameter */
    AD_SYM_DEF_NONLOCAL = 1 << 3,   /* `nonlocal x` */
    AD_SYM_USE = 1 << 4,            /* read */
    AD_SYM_DEF_FREE_CLASS = 1 << 5, /* class-scope name that a method also captures */
    AD_SYM_DEF_IMPORT = 1 << 6,     /* bound by import */
    AD_SYM_DEF_ANNOT = 1 << 7,      /* annotated */
    AD_SYM_DEF_COMP_ITER = 1 << 8,  /* a comprehension's iteration variable */
};
#define AD_SYM_DEF_BOUND (AD_SYM_DEF_LOCAL | AD_SYM_DEF_PARAM | AD_SYM_DEF_IMPORT)

/* The resolved scope of a name (after analysis). */
enum {
    AD_SCOPE_UNKNOWN = 0,
    AD_SCOPE_LOCAL,
    AD_SCOPE_GLOBAL_EXPLICIT,
    AD_SCOPE_GLOBAL_IMPLICIT,
    AD_SCOPE_FREE,
    AD_SCOPE_CELL,
};

/* Kinds of scope blocks. */
enum { AD_SYMBLOCK_MODULE, AD_SYMBLOCK_FUNCTION, AD_SYMBLOCK_CLASS };

/* Comprehension kinds (0 for ordinary functions). */
enum { AD_COMP_NONE, AD_COMP_LIST, AD_COMP_SET, AD_COMP_DICT, AD_COMP_GEN };

typedef struct AdSymbol {
    const char *name; /* mangled */
    uint32_t flags;   /* AD_SYM_* */
    int scope;        /* AD_SCOPE_* */
    AdPos dir_pos;    /* where its global/nonlocal statement is, for errors */
} AdSymbol;

typedef struct AdSymScope AdSymScope;
struct AdSymScope {
    int block;          /* AD_SYMBLOCK_* */
    const char *name;   /* function/class name, "lambda", "listcomp", "top"... */
    const void *key;    /* the AST node: AdStmt (def/class), AdExpr (lambda/comp), module */
    AdPos pos;
    AdSymScope *parent;

    AdSymbol *syms; /* in order of first appearance */
    int nsyms, syms_cap;
    int *hash;      /* open addressing: index+1 into syms, 0 empty */
    int hash_cap;

    const char **params; /* in binding order: posonly, positional, kw-only, *args, **kwargs */
    int nparams;
    AdSymScope **children; /* in source order */
    int nchildren, children_cap;

    int comp_kind;            /* AD_COMP_* */
    bool generator;           /* contains yield (or is a generator expression) */
    bool coroutine;           /* async def, or an async comprehension */
    bool varargs, varkeywords;
    bool needs_class_closure; /* class scope: a method uses __class__ / super() */
    bool returns_value;
    bool has_free;            /* analysis: has or passes on free variables */

    /* building state */
    int comp_iter_target;
    int comp_iter_expr;
};

typedef struct AdSymTable {
    AdSymScope *top;
    AdArena *arena;      /* the AST's arena: mangled names live there */
    /* node -> scope, open addressing on the pointer */
    AdSymScope **map;
    int map_cap, map_n;
    /* building state */
    AdSymScope *cur;
    const char *private_name; /* enclosing class name, for mangling */
    /* the first error: a SyntaxError (err) or out of memory (oom) */
    bool failed, oom;
    AdSyntaxError err;
} AdSymTable;

/* Builds the table of a parsed module. Returns false on error: st->oom for memory,
 * otherwise st->err holds a SyntaxError message and position. Free with ad_sym_free
 * in any case. Never touches the VM. */
bool ad_sym_build(AdSymTable *st, AdModuleAst *mod);
void ad_sym_free(AdSymTable *st);

/* The scope of a def/class statement, lambda or comprehension node (NULL if none). */
AdSymScope *ad_sym_scope_of(const AdSymTable *st, const void *node);
/* The symbol of a (mangled) name in a scope, or NULL. */
AdSymbol *ad_sym_lookup(const AdSymScope *s, const char *name);
/* The resolved scope of a (mangled) name, AD_SCOPE_UNKNOWN when it does not occur. */
int ad_sym_scope(const AdSymScope *s, const char *name);
/* Private-name mangling: `__x` in class `C` is `_C__x`. Returns `name` itself when it
 * does not apply, NULL when the arena is out of memory. `private_name` may be NULL. */
const char *ad_sym_mangle(AdArena *arena, const char *private_name, const char *name);

#endif
