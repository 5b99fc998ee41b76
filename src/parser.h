/*
 * parser.h - internals shared by the parser files (parser.c: tokens, errors, targets and
 * the entry point; parser_expr.c: expressions; parser_stmt.c: statements and parameters;
 * parser_pattern.c: match patterns; parser_string.c: literals and f-strings). Not for use
 * outside the front end: the contract with the compiler is ast.h.
 *
 * Every parse function either returns its node, or returns NULL with p->error set. Errors
 * are sticky: the first one wins, and everything unwinds. The few speculative parses
 * (match statements, parenthesised with-items, error diagnosis) roll back parser errors
 * with ad_parse_rollback(), never lexer errors.
 */
#ifndef ADDER_PARSER_H
#define ADDER_PARSER_H

#include "ast.h"
#include "lexer.h"

/* ast.h stores operators with the numbering of vm.h's AD_BINOP_* and AD_UNARY_*. The front
 * end does not include vm.h (it is tested without a VM), so the numbers are mirrored here;
 * tests/unit/test_parser.c checks that they agree. */
enum {
    AD_PBIN_ADD,
    AD_PBIN_AND,
    AD_PBIN_FLOORDIV,
    AD_PBIN_LSHIFT,
    AD_PBIN_MATMUL,
    AD_PBIN_MUL,
    AD_PBIN_MOD,
    AD_PBIN_OR,
    AD_PBIN_POW,
    AD_PBIN_RSHIFT,
    AD_PBIN_SUB,
    AD_PBIN_TRUEDIV,
    AD_PBIN_XOR
};
enum { AD_PUN_NEG, AD_PUN_POS, AD_PUN_INVERT, AD_PUN_NOT };

/* Nesting of the parser's own recursion (parentheses, lambdas, unary operators,
 * conditional expressions) beyond which it refuses rather than risk the C stack; 200
 * brackets are refused earlier by the lexer, as in CPython. */
#define AD_PARSE_MAX_DEPTH 3000
/* Depth of the finished tree (statements plus expressions, long operator chains included)
 * beyond which it is refused, so that every recursive consumer (compiler, dump) is safe.
 * CPython 3.11's compiler stops at the same depth (RecursionError there). */
#define AD_PARSE_MAX_TREE_DEPTH 2993

enum { AD_PARSE_TOK_CHUNK = 256 };

typedef struct AdParser {
    AdArena *arena; /* where nodes go */
    AdLexer *lx;
    AdToken **chunks; /* token i: chunks[i / CHUNK][i % CHUNK]; pointers stay valid */
    int nchunks, ntoks;
    int pos; /* index of the current token */
    AdSyntaxError *err;
    bool error;               /* err holds an error */
    bool lex_error;           /* ...that the lexer raised: never rolled back */
    int eof_tok;              /* REPL: 1 + index of the end marker standing for EOF in a
                               * bracket or string (0: none), see ad_parse_fill */
    bool final_error;         /* ...that no later lexical error may replace */
    bool generic_error;       /* ...that is the plain "invalid syntax" of ad_parse_fail */
    int *depth;               /* shared by f-string sub-parsers */
    int mode;                 /* 0 file, 1 eval, 2 single, 3 REPL */
    bool in_fstring;          /* parsing a replacement field: brackets count one more */
    int no_diag;              /* >0: parsing only to word an error; skip invalid_* checks */
    int diag;                 /* >0: inside such a parse: its reads do not move `furthest` */
    int furthest;             /* the furthest token read by the real parse: "invalid syntax" */
    int memo_pos;             /* CPython memoizes `disjunction`: while diagnosing, the one at */
    int memo_end;             /*   token memo_pos is memo_expr (NULL: it failed), ending at */
    AdExpr *memo_expr;        /*   memo_end; memo_pos is -1 when there is none */
    const AdExpr *last_group; /* the last expression that came out of parentheses */
    AdToken err_tok;          /* handed out when the token buffer cannot grow */
} AdParser;

/* Vectors built while parsing, then handed to the AST as {n, items}. */
typedef struct {
    void **items;
    int n, cap;
} AdPVec;

/* ---- tokens (parser.c) ---------------------------------------------------------------- */
AD_FUNC AdToken *ad_parse_fill(AdParser *p, int index);

/* The token k places after the current one (filled on demand). Valid for the parse. */
static inline AdToken *ad_parse_peek(AdParser *p, int k) {
    int i = p->pos + k;
    if (i > p->furthest && !p->diag)
        p->furthest = i;
    if (i < p->ntoks)
        return &p->chunks[i / AD_PARSE_TOK_CHUNK][i % AD_PARSE_TOK_CHUNK];
    return ad_parse_fill(p, i);
}
static inline AdToken *ad_parse_tok(AdParser *p, int index) {
    return &p->chunks[index / AD_PARSE_TOK_CHUNK][index % AD_PARSE_TOK_CHUNK];
}
static inline AdTokType ad_parse_at(AdParser *p) {
    return ad_parse_peek(p, 0)->type;
}
static inline bool ad_parse_is(AdParser *p, AdTokType t) {
    return ad_parse_at(p) == t;
}
static inline bool ad_parse_accept(AdParser *p, AdTokType t) {
    if (ad_parse_at(p) != t)
        return false;
    p->pos++;
    return true;
}
/* Release the token buffer (not the tokens' text, which belongs to the source). */
AD_FUNC void ad_parse_free_tokens(AdParser *p);
/* Is token k places ahead the NAME `word` (a soft keyword)? */
AD_FUNC bool ad_parse_is_word(AdParser *p, int k, const char *word);

/* ---- errors (parser.c) ---------------------------------------------------------------- */
/* All return NULL, so `return ad_parse_fail(p);` reads well. The first error wins. */
AD_FUNC void *ad_parse_fail(AdParser *p); /* "invalid syntax" at the furthest token read */
AD_FUNC void *ad_parse_error(AdParser *p, int line, int col, int end_line, int end_col,
                             bool indentation, const char *fmt, ...);
AD_FUNC void *ad_parse_error_tok(AdParser *p, const AdToken *t, const char *fmt, ...);
AD_FUNC void *ad_parse_error_pos(AdParser *p, AdPos at, const char *fmt, ...);
AD_FUNC void *ad_parse_error_last(AdParser *p, const char *fmt, ...); /* at the last token read */
AD_FUNC void *ad_parse_oom(AdParser *p);
/* Undo a failed speculative parse: back to `pos` and no error, unless the error came from
 * the lexer. Returns whether it rolled back. */
AD_FUNC bool ad_parse_rollback(AdParser *p, int pos);
/* After a parse made to word an error (CPython's second pass): a specific error it raised
 * stands (false); a plain failure is undone, back to `pos` (true). */
AD_FUNC bool ad_parse_keep_specific(AdParser *p, int pos);
/* Count one level of nesting; false (error set) when too deep. Pair with ad_parse_leave. */
AD_FUNC bool ad_parse_enter(AdParser *p);
static inline void ad_parse_leave(AdParser *p) {
    (*p->depth)--;
}

/* ---- nodes (parser.c) ----------------------------------------------------------------- */
AD_FUNC AdPos ad_parse_span(AdParser *p, int start_tok); /* start token .. last consumed */
static inline AdPos ad_pos_join(AdPos a, AdPos b) {
    AdPos r = {a.lineno, a.col_offset, b.end_lineno, b.end_col_offset};
    return r;
}
AD_FUNC AdExpr *ad_parse_expr_node(AdParser *p, AdExprKind kind, AdPos pos);
AD_FUNC AdStmt *ad_parse_stmt_node(AdParser *p, AdStmtKind kind, AdPos pos);
AD_FUNC void *ad_parse_alloc(AdParser *p, size_t size);
AD_FUNC const char *ad_parse_ident(AdParser *p, const AdToken *t); /* NAME text in the arena */
AD_FUNC bool ad_parse_push(AdParser *p, AdPVec *v, void *item);
#define AD_PLIST(type, vec) ((type){(vec).n, (void *)(vec).items})

/* ---- targets (parser.c) --------------------------------------------------------------- */
typedef enum { AD_TARGETS_STAR, AD_TARGETS_DEL, AD_TARGETS_FOR } AdTargetsKind;
/* CPython's _PyPegen_get_expr_name: "literal", "function call"... */
AD_FUNC const char *ad_parse_expr_name(const AdExpr *e);
/* The first sub-expression of e that cannot be a target, or NULL. */
AD_FUNC const AdExpr *ad_parse_invalid_target(const AdExpr *e, AdTargetsKind kind);
/* Set Store/Del context through names, attributes, subscripts, starred, tuples, lists. */
AD_FUNC void ad_parse_set_context(AdExpr *e, AdExprCtx ctx);
/* Targets of for loops and comprehensions: parse star_targets up to 'in' (with CPython's
 * error for an invalid target). */
AD_FUNC AdExpr *ad_parse_for_targets(AdParser *p);
/* A single with-item or similar target (star_target), in Store context. */
AD_FUNC AdExpr *ad_parse_star_target(AdParser *p);

/* ---- expressions (parser_expr.c) ------------------------------------------------------ */
AD_FUNC bool ad_parse_starts_expr(AdTokType t);
AD_FUNC AdExpr *ad_parse_expression(AdParser *p);
AD_FUNC AdExpr *ad_parse_expressions(AdParser *p); /* a, b -> Tuple */
AD_FUNC AdExpr *ad_parse_star_expressions(AdParser *p);
AD_FUNC AdExpr *ad_parse_star_named_expression(AdParser *p);
AD_FUNC AdExpr *ad_parse_named_expression(AdParser *p);
AD_FUNC AdExpr *ad_parse_disjunction(AdParser *p);
AD_FUNC AdExpr *ad_parse_bitwise_or(AdParser *p);
AD_FUNC AdExpr *ad_parse_yield_expr(AdParser *p);
AD_FUNC AdExpr *ad_parse_call_tail(AdParser *p, AdExpr *func, int start_tok); /* at '(' */
/* '(' [arguments] ')' of a call or a class statement, through the ')'. */
AD_FUNC bool ad_parse_arguments(AdParser *p, AdExprList *args, AdKeywordList *keywords);
/* invalid_named_expression for an '=' after expression e (which began at token start):
 * raises "... Maybe you meant '==' ..." when that reading fits; false if it raised.
 * name_alt: also the NAME '=' form ("Maybe you meant '==' or ':='"). */
AD_FUNC bool ad_parse_check_misplaced_eq(AdParser *p, int start, AdExpr *e, bool name_alt);

/* ---- statements (parser_stmt.c) ------------------------------------------------------- */
AD_FUNC bool ad_parse_statements(AdParser *p, AdPVec *out, bool top);
AD_FUNC AdStmt *ad_parse_one_statement(AdParser *p, AdPVec *out); /* for 'single' mode */
AD_FUNC AdArguments *ad_parse_params(AdParser *p, bool lambda);
AD_FUNC AdArguments *ad_parse_empty_arguments(AdParser *p);
/* block: NEWLINE INDENT statements DEDENT | simple_stmts; `what` names the statement for
 * "expected an indented block after %s on line %d" (NULL: plain message). */
AD_FUNC bool ad_parse_block(AdParser *p, AdStmtList *out, const char *what, int line);
/* ':' ending a compound statement header: "expected ':'" when a NEWLINE is there instead
 * (or whatever is there when forced), else "invalid syntax". */
AD_FUNC bool ad_parse_expect_colon(AdParser *p, bool forced);

/* ---- match statement (parser_pattern.c) ----------------------------------------------- */
/* Tries `match` at the current NAME; returns NULL with no error and the position unchanged
 * when it is not a match statement. */
AD_FUNC AdStmt *ad_parse_match_stmt(AdParser *p, bool *is_match);

/* ---- literals (parser_string.c) ------------------------------------------------------- */
AD_FUNC AdExpr *ad_parse_strings(AdParser *p);
AD_FUNC AdExpr *ad_parse_number(AdParser *p); /* current NUMBER token -> Constant */

/* ---- tests (ast.c) -------------------------------------------------------------------- */
/* ad_ast_dump with every node's position, as ast.dump(..., include_attributes=True). */
AD_FUNC char *ad_ast_dump_positions(const AdModuleAst *m);

#endif
