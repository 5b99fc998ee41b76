/*
 * ast.h - the abstract syntax tree: parser.c builds it, compiler.c walks it, then it is
 * dropped whole. Node kinds and field names follow CPython's `ast` module (Python 3.11), so
 * its documentation describes them. Nodes live in an arena and point into it; nothing here
 * is a GC object, so the front end runs without a VM (the unit tests use that).
 *
 * Literal values are kept in C form: the compiler turns them into objects.
 */
#ifndef ADDER_AST_H
#define ADDER_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- arena ---------------------------------------------------------------------------- */
typedef struct AdArenaBlock AdArenaBlock;
typedef struct AdArena {
    AdArenaBlock *blocks;
} AdArena;
void ad_arena_init(AdArena *a);
void *ad_arena_alloc(AdArena *a, size_t size); /* zeroed; NULL only when malloc fails */
char *ad_arena_strndup(AdArena *a, const char *s, size_t n);
void ad_arena_free(AdArena *a);

/* ---- positions: 1-based lines, 0-based byte columns, as CPython's ast ------------------- */
typedef struct AdPos {
    int lineno, col_offset, end_lineno, end_col_offset;
} AdPos;

typedef struct AdExpr AdExpr;
typedef struct AdStmt AdStmt;
typedef struct AdPattern AdPattern;

/* Growable arrays of node pointers (arena-allocated). */
typedef struct { int n; AdExpr **items; } AdExprList;
typedef struct { int n; AdStmt **items; } AdStmtList;
typedef struct { int n; AdPattern **items; } AdPatternList;
typedef struct { int n; const char **items; } AdNameList; /* identifiers, NUL-terminated UTF-8 */

typedef enum { AD_CTX_LOAD, AD_CTX_STORE, AD_CTX_DEL } AdExprCtx;
typedef enum { AD_BOOL_AND, AD_BOOL_OR } AdBoolOpKind;
/* Binary operators use the AD_BINOP_* numbering of vm.h (plain forms, 0..12). */
/* Unary operators use AD_UNARY_* of vm.h. Comparisons: */
typedef enum {
    AD_CMPOP_LT, AD_CMPOP_LE, AD_CMPOP_EQ, AD_CMPOP_NE, AD_CMPOP_GT, AD_CMPOP_GE, /* = AD_CMP_* */
    AD_CMPOP_IS, AD_CMPOP_IS_NOT, AD_CMPOP_IN, AD_CMPOP_NOT_IN
} AdCmpOpKind;

typedef enum {
    AD_CONST_NONE, AD_CONST_TRUE, AD_CONST_FALSE, AD_CONST_ELLIPSIS,
    AD_CONST_INT,   /* small: `ival`; too big for int64: `big` = digits text, `base` */
    AD_CONST_FLOAT, /* fval */
    AD_CONST_IMAG,  /* fval (complex literal like 2j) */
    AD_CONST_STR,   /* str/len: UTF-8 (already unescaped; may contain NULs) */
    AD_CONST_BYTES  /* str/len: raw bytes */
} AdConstKind;
typedef struct AdConst {
    AdConstKind kind;
    int64_t ival;
    const char *big; /* NULL unless the int does not fit in int64; digits without prefix/_ */
    int base;        /* 10, 16, 8 or 2 for `big` */
    double fval;
    const char *str;
    size_t len;
} AdConst;

typedef struct AdArg {
    const char *arg;
    AdExpr *annotation; /* or NULL */
    AdPos pos;
} AdArg;
typedef struct { int n; AdArg **items; } AdArgList;

typedef struct AdArguments {
    AdArgList posonlyargs, args; /* positional-only, then positional-or-keyword */
    AdArg *vararg;               /* *args or NULL */
    AdArgList kwonlyargs;
    AdExprList kw_defaults;      /* one per kwonlyarg, NULL entry when it has no default */
    AdArg *kwarg;                /* **kwargs or NULL */
    AdExprList defaults;         /* for the last len(defaults) of posonlyargs+args */
} AdArguments;

typedef struct AdKeyword {
    const char *arg; /* NULL for **expr */
    AdExpr *value;
    AdPos pos;
} AdKeyword;
typedef struct { int n; AdKeyword **items; } AdKeywordList;

typedef struct AdComprehension {
    AdExpr *target, *iter;
    AdExprList ifs;
    bool is_async;
} AdComprehension;
typedef struct { int n; AdComprehension **items; } AdComprehensionList;

typedef enum {
    AD_EXPR_BOOLOP, AD_EXPR_NAMEDEXPR, AD_EXPR_BINOP, AD_EXPR_UNARYOP, AD_EXPR_LAMBDA,
    AD_EXPR_IFEXP, AD_EXPR_DICT, AD_EXPR_SET, AD_EXPR_LISTCOMP, AD_EXPR_SETCOMP,
    AD_EXPR_DICTCOMP, AD_EXPR_GENERATOREXP, AD_EXPR_AWAIT, AD_EXPR_YIELD, AD_EXPR_YIELDFROM,
    AD_EXPR_COMPARE, AD_EXPR_CALL, AD_EXPR_FORMATTEDVALUE, AD_EXPR_JOINEDSTR,
    AD_EXPR_CONSTANT, AD_EXPR_ATTRIBUTE, AD_EXPR_SUBSCRIPT, AD_EXPR_STARRED, AD_EXPR_NAME,
    AD_EXPR_LIST, AD_EXPR_TUPLE, AD_EXPR_SLICE
} AdExprKind;

struct AdExpr {
    AdExprKind kind;
    AdPos pos;
    union {
        struct { AdBoolOpKind op; AdExprList values; } boolop;
        struct { AdExpr *target, *value; } namedexpr;
        struct { AdExpr *left; int op; AdExpr *right; } binop;       /* op: AD_BINOP_* */
        struct { int op; AdExpr *operand; } unaryop;                 /* op: AD_UNARY_* */
        struct { AdArguments *args; AdExpr *body; } lambda;
        struct { AdExpr *test, *body, *orelse; } ifexp;
        struct { AdExprList keys, values; } dict;                    /* NULL key: **value */
        struct { AdExprList elts; } set;
        struct { AdExpr *elt; AdExpr *value; AdComprehensionList generators; } comp;
            /* ListComp/SetComp/GeneratorExp use elt; DictComp uses elt as key and value */
        struct { AdExpr *value; } await_, yield, yieldfrom;          /* yield value may be NULL */
        struct { AdExpr *left; int nops; AdCmpOpKind *ops; AdExprList comparators; } compare;
        struct { AdExpr *func; AdExprList args; AdKeywordList keywords; } call;
        struct { AdExpr *value; int conversion; AdExpr *format_spec; } formattedvalue;
            /* conversion: -1 none, 's', 'r', 'a'; format_spec: a JoinedStr or NULL */
        struct { AdExprList values; } joinedstr; /* Constant str and FormattedValue parts */
        AdConst constant;
        struct { AdExpr *value; const char *attr; AdExprCtx ctx; } attribute;
        struct { AdExpr *value, *slice; AdExprCtx ctx; } subscript;
        struct { AdExpr *value; AdExprCtx ctx; } starred;
        struct { const char *id; AdExprCtx ctx; } name;
        struct { AdExprList elts; AdExprCtx ctx; } list, tuple;
        struct { AdExpr *lower, *upper, *step; } slice;              /* each may be NULL */
    } u;
};

typedef struct AdExceptHandler {
    AdExpr *type;     /* NULL for a bare except */
    const char *name; /* NULL without `as` */
    AdStmtList body;
    AdPos pos;
} AdExceptHandler;
typedef struct { int n; AdExceptHandler **items; } AdHandlerList;

typedef struct AdWithItem {
    AdExpr *context_expr;
    AdExpr *optional_vars; /* or NULL */
} AdWithItem;
typedef struct { int n; AdWithItem **items; } AdWithItemList;

typedef struct AdAlias {
    const char *name;   /* dotted for `import a.b`; "*" for `from m import *` */
    const char *asname; /* or NULL */
    AdPos pos;
} AdAlias;
typedef struct { int n; AdAlias **items; } AdAliasList;

typedef struct AdMatchCase {
    AdPattern *pattern;
    AdExpr *guard; /* or NULL */
    AdStmtList body;
} AdMatchCase;
typedef struct { int n; AdMatchCase **items; } AdMatchCaseList;

typedef enum {
    AD_PAT_VALUE, AD_PAT_SINGLETON, AD_PAT_SEQUENCE, AD_PAT_MAPPING, AD_PAT_CLASS,
    AD_PAT_STAR, AD_PAT_AS, AD_PAT_OR
} AdPatternKind;
struct AdPattern {
    AdPatternKind kind;
    AdPos pos;
    union {
        struct { AdExpr *value; } value;
        struct { AdConst value; } singleton; /* None, True, False */
        struct { AdPatternList patterns; } sequence;
        struct { AdExprList keys; AdPatternList patterns; const char *rest; } mapping;
        struct { AdExpr *cls; AdPatternList patterns; AdNameList kwd_attrs;
                 AdPatternList kwd_patterns; } cls;
        struct { const char *name; } star; /* NULL name: *_ */
        struct { AdPattern *pattern; const char *name; } as; /* both NULL: wildcard _ */
        struct { AdPatternList patterns; } or_;
    } u;
};

typedef enum {
    AD_STMT_FUNCTIONDEF, AD_STMT_CLASSDEF, AD_STMT_RETURN, AD_STMT_DELETE, AD_STMT_ASSIGN,
    AD_STMT_AUGASSIGN, AD_STMT_ANNASSIGN, AD_STMT_FOR, AD_STMT_WHILE, AD_STMT_IF,
    AD_STMT_WITH, AD_STMT_MATCH, AD_STMT_RAISE, AD_STMT_TRY, AD_STMT_ASSERT, AD_STMT_IMPORT,
    AD_STMT_IMPORTFROM, AD_STMT_GLOBAL, AD_STMT_NONLOCAL, AD_STMT_EXPR, AD_STMT_PASS,
    AD_STMT_BREAK, AD_STMT_CONTINUE
} AdStmtKind;

struct AdStmt {
    AdStmtKind kind;
    AdPos pos;
    union {
        struct { const char *name; AdArguments *args; AdStmtList body; AdExprList decorator_list;
                 AdExpr *returns; bool is_async; } functiondef;
        struct { const char *name; AdExprList bases; AdKeywordList keywords; AdStmtList body;
                 AdExprList decorator_list; } classdef;
        struct { AdExpr *value; } return_; /* value may be NULL */
        struct { AdExprList targets; } delete_;
        struct { AdExprList targets; AdExpr *value; } assign; /* a = b = value: 2 targets */
        struct { AdExpr *target; int op; AdExpr *value; } augassign; /* op: AD_BINOP_* plain */
        struct { AdExpr *target, *annotation, *value; bool simple; } annassign;
        struct { AdExpr *target, *iter; AdStmtList body, orelse; bool is_async; } for_;
        struct { AdExpr *test; AdStmtList body, orelse; } while_;
        struct { AdExpr *test; AdStmtList body, orelse; } if_; /* elif: orelse holds one If */
        struct { AdWithItemList items; AdStmtList body; bool is_async; } with;
        struct { AdExpr *subject; AdMatchCaseList cases; } match;
        struct { AdExpr *exc, *cause; } raise; /* both may be NULL */
        struct { AdStmtList body; AdHandlerList handlers; AdStmtList orelse, finalbody; } try_;
        struct { AdExpr *test, *msg; } assert_;
        struct { AdAliasList names; } import;
        struct { const char *module; AdAliasList names; int level; } importfrom; /* module may be NULL */
        struct { AdNameList names; } global, nonlocal;
        struct { AdExpr *value; } expr;
    } u;
};

/* A parsed module (or expression, for eval mode: body holds one Expr statement). */
typedef struct AdModuleAst {
    AdStmtList body;
    AdArena arena;
} AdModuleAst;

/* A syntax error found by the lexer or parser: what compile turns into SyntaxError. */
typedef struct AdSyntaxError {
    char msg[256];
    int lineno, col_offset;         /* 1-based line, 0-based byte column of the caret */
    int end_lineno, end_col_offset;
    bool indentation;               /* IndentationError rather than SyntaxError */
    bool tab;                       /* TabError */
    bool at_eof;   /* the parse ran out of source: a REPL reads another line... */
    bool eof_open; /* ...even after an empty one: inside brackets or a string */
} AdSyntaxError;

/* parser.c. mode: 0 file (statements), 1 eval (one expression), 2 single (one interactive
 * statement), 3 as 2 but typed at a REPL (see AD_MODE_INTERACTIVE). On success returns the tree; on failure NULL with *err filled. The source
 * need not be NUL-terminated. Before lexing, non-breaking spaces (U+00A0) in indentation
 * and between tokens count as spaces, and a source whose every non-blank line shares one
 * leading indent is parsed as if dedented (notes are pasted that way). */
AdModuleAst *ad_parse(const char *source, size_t len, const char *filename, int mode,
                      AdSyntaxError *err);
void ad_ast_free(AdModuleAst *m);
/* Debug dump in the style of Python's ast.dump(), for tests. Caller frees with free(). */
char *ad_ast_dump(const AdModuleAst *m);

#endif
