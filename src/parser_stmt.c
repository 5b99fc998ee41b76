/*
 * parser_stmt.c - statements (grammar/python.gram, STATEMENTS section): simple statements
 * with assignment targets, imports, and the compound statements with their blocks, plus
 * function and lambda parameters. The match statement is in parser_pattern.c.
 *
 * Assignments are parsed the way CPython's error rules reason: the left side is read as an
 * ordinary expression and only then checked as a target and given Store context, so
 * `f() = 1` gets CPython's "cannot assign to function call here..." message. A compound
 * statement ends where its last nested statement ends (not at the NEWLINE or DEDENT).
 */
#include "parser.h"

#include <string.h>

static bool statement(AdParser *p, AdPVec *out);
static bool simple_stmts(AdParser *p, AdPVec *out);

bool ad_parse_expect_colon(AdParser *p, bool forced) {
    if (ad_parse_accept(p, AD_TOK_COLON))
        return true;
    AdToken *t = ad_parse_peek(p, 0);
    if (forced || t->type == AD_TOK_NEWLINE)
        ad_parse_error_tok(p, t, "expected ':'");
    else
        ad_parse_fail(p);
    return false;
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block */
bool ad_parse_block(AdParser *p, AdStmtList *out, const char *what, int line) {
    AdPVec body = {0};
    if (ad_parse_accept(p, AD_TOK_NEWLINE)) {
        AdToken *t = ad_parse_peek(p, 0);
        if (t->type != AD_TOK_INDENT) {
            if (t->type == AD_TOK_ERROR)
                return false;
            if (what)
                ad_parse_error(p, t->lineno, t->col, t->end_lineno, t->end_col, true,
                               "expected an indented block after %s on line %d", what, line);
            else
                ad_parse_error(p, t->lineno, t->col, t->end_lineno, t->end_col, true,
                               "expected an indented block");
            return false;
        }
        p->pos++;
        if (!ad_parse_statements(p, &body, false))
            return false;
        p->pos++; /* DEDENT */
    } else if (!simple_stmts(p, &body)) {
        return false;
    }
    *out = AD_PLIST(AdStmtList, body);
    return true;
}

/* ---- simple statements ---------------------------------------------------------------- */

static int augassign_op(AdTokType t) {
    switch (t) {
    case AD_TOK_PLUSEQUAL:
        return AD_PBIN_ADD;
    case AD_TOK_MINEQUAL:
        return AD_PBIN_SUB;
    case AD_TOK_STAREQUAL:
        return AD_PBIN_MUL;
    case AD_TOK_ATEQUAL:
        return AD_PBIN_MATMUL;
    case AD_TOK_SLASHEQUAL:
        return AD_PBIN_TRUEDIV;
    case AD_TOK_PERCENTEQUAL:
        return AD_PBIN_MOD;
    case AD_TOK_AMPEREQUAL:
        return AD_PBIN_AND;
    case AD_TOK_VBAREQUAL:
        return AD_PBIN_OR;
    case AD_TOK_CIRCUMFLEXEQUAL:
        return AD_PBIN_XOR;
    case AD_TOK_LEFTSHIFTEQUAL:
        return AD_PBIN_LSHIFT;
    case AD_TOK_RIGHTSHIFTEQUAL:
        return AD_PBIN_RSHIFT;
    case AD_TOK_DOUBLESTAREQUAL:
        return AD_PBIN_POW;
    case AD_TOK_DOUBLESLASHEQUAL:
        return AD_PBIN_FLOORDIV;
    default:
        return -1;
    }
}

/* annotated_rhs: yield_expr | star_expressions */
static AdExpr *annotated_rhs(AdParser *p) {
    if (ad_parse_is(p, AD_TOK_YIELD))
        return ad_parse_yield_expr(p);
    return ad_parse_star_expressions(p);
}

/* assignment: NAME ':' expression ['=' annotated_rhs]
 *           | ('(' single_target ')' | single_subscript_attribute_target) ':' expression
 *             ['=' annotated_rhs]
 * with invalid_assignment's messages for the other targets. */
static AdStmt *bad_annotation_target(AdParser *p, AdExpr *target, bool grouped) {
    /* only an error when an annotation follows (invalid_assignment: ... ':' expression) */
    int mark = p->pos++;
    p->diag++;
    AdExpr *ann = ad_parse_expression(p);
    p->diag--;
    if (!ann) {
        if (!ad_parse_keep_specific(p, mark))
            return NULL;
        return ad_parse_fail(p);
    }
    if (target->kind == AD_EXPR_TUPLE)
        return ad_parse_error_pos(p, grouped ? target->pos : target->u.tuple.elts.items[0]->pos,
                                  "only single target (not tuple) can be annotated");
    if (target->kind == AD_EXPR_LIST)
        return ad_parse_error_pos(p, target->pos, "only single target (not list) can be annotated");
    return ad_parse_error_pos(p, target->pos, "illegal target for annotation");
}

static AdStmt *annotated(AdParser *p, int start, AdExpr *target) {
    bool grouped = p->last_group == target;
    bool simple = false;
    switch (target->kind) {
    case AD_EXPR_NAME:
        simple = !grouped;
        break;
    case AD_EXPR_ATTRIBUTE:
    case AD_EXPR_SUBSCRIPT:
        break;
    default:
        return bad_annotation_target(p, target, grouped);
    }
    p->pos++; /* ':' */
    AdExpr *ann = ad_parse_expression(p), *value = NULL;
    if (!ann)
        return NULL;
    if (ad_parse_accept(p, AD_TOK_EQUAL) && !(value = annotated_rhs(p)))
        return NULL;
    ad_parse_set_context(target, AD_CTX_STORE);
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_ANNASSIGN, ad_parse_span(p, start));
    if (s) {
        s->u.annassign.target = target;
        s->u.annassign.annotation = ann;
        s->u.annassign.value = value;
        s->u.annassign.simple = simple;
    }
    return s;
}

/* single_target augassign ~ annotated_rhs */
static AdStmt *augmented(AdParser *p, int start, AdExpr *target, int op) {
    if (target->kind != AD_EXPR_NAME && target->kind != AD_EXPR_ATTRIBUTE &&
        target->kind != AD_EXPR_SUBSCRIPT)
        return ad_parse_error_pos(p, target->pos,
                                  "'%s' is an illegal expression for augmented assignment",
                                  ad_parse_expr_name(target));
    p->pos++;
    AdExpr *value = annotated_rhs(p);
    if (!value)
        return NULL;
    ad_parse_set_context(target, AD_CTX_STORE);
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_AUGASSIGN, ad_parse_span(p, start));
    if (s) {
        s->u.augassign.target = target;
        s->u.augassign.op = op;
        s->u.augassign.value = value;
    }
    return s;
}

/* invalid_assignment's second alternative, tried when a target is invalid:
 *   star_named_expression ',' star_named_expressions* ':' expression
 * i.e. the named_expression checks on the statement's first target (the first '=' at
 * first_eq), which for an unparenthesized tuple means its last item. False if it raised. */
static bool first_target_eq_error(AdParser *p, int start, int first_eq, AdExpr *first,
                                  bool grouped) {
    int mark = p->pos, elt_start = start;
    AdExpr *elt = first;
    if (first->kind == AD_EXPR_TUPLE && !grouped) {
        if (ad_parse_tok(p, first_eq - 1)->type == AD_TOK_COMMA)
            return true; /* a trailing comma: no item right before the '=' */
        for (int i = first_eq - 1; i > start; i--) {
            AdToken *t = ad_parse_tok(p, i);
            if (t->type == AD_TOK_COMMA && t->level == 0) {
                elt_start = i + 1;
                break;
            }
        }
        elt = first->u.tuple.elts.items[first->u.tuple.elts.n - 1];
    }
    p->pos = first_eq;
    bool ok = ad_parse_check_misplaced_eq(p, elt_start, elt, true);
    p->pos = mark;
    return ok;
}

/* (star_targets '=')+ annotated_rhs, each target checked as invalid_assignment does */
static AdStmt *assignment(AdParser *p, int start, AdExpr *first) {
    AdPVec targets = {0};
    AdExpr *cur = first;
    int cur_start = start, first_eq = p->pos;
    bool first_grouped = p->last_group == first;
    while (ad_parse_is(p, AD_TOK_EQUAL)) {
        if ((cur->kind == AD_EXPR_YIELD || cur->kind == AD_EXPR_YIELDFROM) &&
            ad_parse_tok(p, cur_start)->type == AD_TOK_YIELD)
            return ad_parse_error_pos(p, cur->pos, "assignment to yield expression not possible");
        const AdExpr *bad = ad_parse_invalid_target(cur, AD_TARGETS_STAR);
        if (bad) {
            if (!first_target_eq_error(p, start, first_eq, first, first_grouped))
                return NULL;
            return ad_parse_error_pos(p, bad->pos, "cannot assign to %s", ad_parse_expr_name(bad));
        }
        ad_parse_set_context(cur, AD_CTX_STORE);
        if (!ad_parse_push(p, &targets, cur))
            return NULL;
        p->pos++;
        cur_start = p->pos;
        p->last_group = NULL;
        if (!(cur = annotated_rhs(p)))
            return NULL;
    }
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_ASSIGN, ad_parse_span(p, start));
    if (s) {
        s->u.assign.targets = AD_PLIST(AdExprList, targets);
        s->u.assign.value = cur;
    }
    return s;
}

/* assignment | star_expressions (an expression statement) */
static AdStmt *expr_stmt(AdParser *p) {
    int start = p->pos;
    p->last_group = NULL;
    AdExpr *e = annotated_rhs(p);
    if (!e)
        return NULL;
    AdTokType t = ad_parse_at(p);
    if (t == AD_TOK_COLON)
        return annotated(p, start, e);
    int op = augassign_op(t);
    if (op >= 0)
        return augmented(p, start, e, op);
    if (t == AD_TOK_EQUAL)
        return assignment(p, start, e);
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_EXPR, ad_parse_span(p, start));
    if (s)
        s->u.expr.value = e;
    return s;
}

/* return_stmt: 'return' [star_expressions] */
static AdStmt *return_stmt(AdParser *p) {
    int start = p->pos++;
    AdExpr *v = NULL;
    AdTokType t = ad_parse_at(p);
    if ((t == AD_TOK_STAR || ad_parse_starts_expr(t)) && !(v = ad_parse_star_expressions(p)))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_RETURN, ad_parse_span(p, start));
    if (s)
        s->u.return_.value = v;
    return s;
}

/* raise_stmt: 'raise' expression ['from' expression] | 'raise' */
static AdStmt *raise_stmt(AdParser *p) {
    int start = p->pos++;
    AdExpr *exc = NULL, *cause = NULL;
    if (ad_parse_starts_expr(ad_parse_at(p))) {
        if (!(exc = ad_parse_expression(p)))
            return NULL;
        if (ad_parse_accept(p, AD_TOK_FROM) && !(cause = ad_parse_expression(p)))
            return NULL;
    }
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_RAISE, ad_parse_span(p, start));
    if (s) {
        s->u.raise.exc = exc;
        s->u.raise.cause = cause;
    }
    return s;
}

/* global_stmt: 'global' ','.NAME+ ; nonlocal_stmt likewise */
static AdStmt *names_stmt(AdParser *p, AdStmtKind kind) {
    int start = p->pos++;
    AdPVec names = {0};
    do {
        AdToken *t = ad_parse_peek(p, 0);
        if (t->type != AD_TOK_NAME)
            return ad_parse_fail(p);
        p->pos++;
        const char *id = ad_parse_ident(p, t);
        if (!id || !ad_parse_push(p, &names, (void *)id))
            return NULL;
    } while (ad_parse_accept(p, AD_TOK_COMMA));
    AdStmt *s = ad_parse_stmt_node(p, kind, ad_parse_span(p, start));
    if (s)
        s->u.global.names = AD_PLIST(AdNameList, names);
    return s;
}

/* del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt */
static AdStmt *del_stmt(AdParser *p) {
    int start = p->pos++;
    int first = p->pos;
    AdPVec targets = {0};
    bool ok = true;
    for (;;) {
        AdExpr *t = ad_parse_bitwise_or(p);
        if (!t || !ad_parse_push(p, &targets, t)) {
            ok = false;
            break;
        }
        if (ad_parse_invalid_target(t, AD_TARGETS_DEL))
            ok = false;
        if (!ad_parse_accept(p, AD_TOK_COMMA) || !ad_parse_starts_expr(ad_parse_at(p)))
            break;
    }
    AdTokType next = ad_parse_at(p);
    if (ok && (next == AD_TOK_SEMI || next == AD_TOK_NEWLINE)) {
        for (int i = 0; i < targets.n; i++)
            ad_parse_set_context(targets.items[i], AD_CTX_DEL);
        AdStmt *s = ad_parse_stmt_node(p, AD_STMT_DELETE, ad_parse_span(p, start));
        if (s)
            s->u.delete_.targets = AD_PLIST(AdExprList, targets);
        return s;
    }
    if (p->error && !ad_parse_rollback(p, first))
        return NULL;
    p->pos = first;
    p->diag++;
    AdExpr *x = ad_parse_star_expressions(p);
    p->diag--;
    if (!x)
        return NULL;
    const AdExpr *bad = ad_parse_invalid_target(x, AD_TARGETS_DEL);
    if (bad)
        return ad_parse_error_pos(p, bad->pos, "cannot delete %s", ad_parse_expr_name(bad));
    return ad_parse_fail(p);
}

/* assert_stmt: 'assert' expression [',' expression] */
static AdStmt *assert_stmt(AdParser *p) {
    int start = p->pos++;
    AdExpr *test = ad_parse_expression(p), *msg = NULL;
    if (!test)
        return NULL;
    if (ad_parse_accept(p, AD_TOK_COMMA) && !(msg = ad_parse_expression(p)))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_ASSERT, ad_parse_span(p, start));
    if (s) {
        s->u.assert_.test = test;
        s->u.assert_.msg = msg;
    }
    return s;
}

/* dotted_name: dotted_name '.' NAME | NAME (as one string) */
static const char *dotted_name(AdParser *p) {
    int start = p->pos;
    size_t len = 0;
    do {
        AdToken *t = ad_parse_peek(p, 0);
        if (t->type != AD_TOK_NAME)
            return ad_parse_fail(p);
        len += (size_t)t->len + 1;
        p->pos++;
    } while (ad_parse_is(p, AD_TOK_DOT) && ad_parse_peek(p, 1)->type == AD_TOK_NAME &&
             (p->pos++, true));
    char *s = ad_parse_alloc(p, len);
    if (!s)
        return NULL;
    size_t n = 0;
    for (int i = start; i < p->pos; i++) {
        AdToken *t = ad_parse_tok(p, i);
        if (t->type == AD_TOK_DOT) {
            s[n++] = '.';
        } else {
            memcpy(s + n, t->start, (size_t)t->len);
            n += (size_t)t->len;
        }
    }
    s[n] = '\0';
    return s;
}

static AdAlias *alias_node(AdParser *p, const char *name, int start) {
    const char *asname = NULL;
    if (ad_parse_accept(p, AD_TOK_AS)) {
        AdToken *t = ad_parse_peek(p, 0);
        if (t->type != AD_TOK_NAME)
            return ad_parse_fail(p);
        p->pos++;
        if (!(asname = ad_parse_ident(p, t)))
            return NULL;
    }
    AdAlias *a = ad_parse_alloc(p, sizeof *a);
    if (a) {
        a->name = name;
        a->asname = asname;
        a->pos = ad_parse_span(p, start);
    }
    return a;
}

/* import_name: 'import' dotted_as_names
 * dotted_as_name: dotted_name ['as' NAME] */
static AdStmt *import_name(AdParser *p) {
    int start = p->pos++;
    AdPVec names = {0};
    do {
        int s = p->pos;
        const char *name = dotted_name(p);
        AdAlias *a = name ? alias_node(p, name, s) : NULL;
        if (!a || !ad_parse_push(p, &names, a))
            return NULL;
    } while (ad_parse_accept(p, AD_TOK_COMMA));
    AdStmt *st = ad_parse_stmt_node(p, AD_STMT_IMPORT, ad_parse_span(p, start));
    if (st)
        st->u.import.names = AD_PLIST(AdAliasList, names);
    return st;
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
 *            | 'from' ('.' | '...')+ 'import' import_from_targets
 * import_from_targets: '(' import_from_as_names [','] ')' | import_from_as_names !','
 *                    | '*' | invalid_import_from_targets */
static AdStmt *import_from(AdParser *p) {
    int start = p->pos++;
    int level = 0;
    for (;;) {
        if (ad_parse_accept(p, AD_TOK_DOT))
            level++;
        else if (ad_parse_accept(p, AD_TOK_ELLIPSIS))
            level += 3;
        else
            break;
    }
    const char *module = NULL;
    if ((level == 0 || !ad_parse_is(p, AD_TOK_IMPORT)) && !(module = dotted_name(p)))
        return NULL;
    if (!ad_parse_accept(p, AD_TOK_IMPORT))
        return ad_parse_fail(p);
    AdPVec names = {0};
    AdToken *t = ad_parse_peek(p, 0);
    if (t->type == AD_TOK_STAR) {
        p->pos++;
        AdAlias *a = ad_parse_alloc(p, sizeof *a);
        if (!a || !ad_parse_push(p, &names, a))
            return NULL;
        a->name = "*";
        a->pos = (AdPos){t->lineno, t->col, t->end_lineno, t->end_col};
    } else {
        bool paren = ad_parse_accept(p, AD_TOK_LPAR);
        for (;;) {
            AdToken *n = ad_parse_peek(p, 0);
            if (n->type != AD_TOK_NAME)
                return ad_parse_fail(p);
            int s = p->pos++;
            const char *name = ad_parse_ident(p, n);
            AdAlias *a = name ? alias_node(p, name, s) : NULL;
            if (!a || !ad_parse_push(p, &names, a))
                return NULL;
            if (!ad_parse_accept(p, AD_TOK_COMMA))
                break;
            if (paren && ad_parse_is(p, AD_TOK_RPAR))
                break;
            if (!paren && ad_parse_is(p, AD_TOK_NEWLINE))
                return ad_parse_error_last(p, "trailing comma not allowed without surrounding "
                                              "parentheses");
        }
        if (paren && !ad_parse_accept(p, AD_TOK_RPAR))
            return ad_parse_fail(p);
    }
    AdStmt *st = ad_parse_stmt_node(p, AD_STMT_IMPORTFROM, ad_parse_span(p, start));
    if (st) {
        st->u.importfrom.module = module;
        st->u.importfrom.names = AD_PLIST(AdAliasList, names);
        st->u.importfrom.level = level;
    }
    return st;
}

static AdStmt *keyword_stmt(AdParser *p, AdStmtKind kind) {
    int start = p->pos++;
    return ad_parse_stmt_node(p, kind, ad_parse_span(p, start));
}

/* simple_stmt: assignment | star_expressions | return_stmt | import_stmt | raise_stmt
 *            | 'pass' | del_stmt | yield_stmt | assert_stmt | 'break' | 'continue'
 *            | global_stmt | nonlocal_stmt */
static AdStmt *simple_stmt(AdParser *p) {
    switch (ad_parse_at(p)) {
    case AD_TOK_RETURN:
        return return_stmt(p);
    case AD_TOK_IMPORT:
        return import_name(p);
    case AD_TOK_FROM:
        return import_from(p);
    case AD_TOK_RAISE:
        return raise_stmt(p);
    case AD_TOK_PASS:
        return keyword_stmt(p, AD_STMT_PASS);
    case AD_TOK_BREAK:
        return keyword_stmt(p, AD_STMT_BREAK);
    case AD_TOK_CONTINUE:
        return keyword_stmt(p, AD_STMT_CONTINUE);
    case AD_TOK_DEL:
        return del_stmt(p);
    case AD_TOK_ASSERT:
        return assert_stmt(p);
    case AD_TOK_GLOBAL:
        return names_stmt(p, AD_STMT_GLOBAL);
    case AD_TOK_NONLOCAL:
        return names_stmt(p, AD_STMT_NONLOCAL);
    default:
        return expr_stmt(p);
    }
}

/* simple_stmts: ';'.simple_stmt+ [';'] NEWLINE */
static bool simple_stmts(AdParser *p, AdPVec *out) {
    for (;;) {
        AdStmt *s = simple_stmt(p);
        if (!s || !ad_parse_push(p, out, s))
            return false;
        if (!ad_parse_accept(p, AD_TOK_SEMI) || ad_parse_is(p, AD_TOK_NEWLINE))
            break;
    }
    if (!ad_parse_accept(p, AD_TOK_NEWLINE)) {
        ad_parse_fail(p);
        return false;
    }
    return true;
}

/* ---- parameters ----------------------------------------------------------------------- */

AdArguments *ad_parse_empty_arguments(AdParser *p) {
    return ad_parse_alloc(p, sizeof(AdArguments));
}

/* param: NAME annotation? (lambda_param: NAME)
 * param_star_annotation: NAME ':' '*' bitwise_or (only for *args, when star is set) */
static AdArg *param(AdParser *p, bool lambda, bool star) {
    AdToken *t = ad_parse_peek(p, 0);
    if (t->type != AD_TOK_NAME)
        return ad_parse_fail(p);
    int start = p->pos++;
    AdArg *a = ad_parse_alloc(p, sizeof *a);
    if (!a || !(a->arg = ad_parse_ident(p, t)))
        return NULL;
    if (!lambda && ad_parse_accept(p, AD_TOK_COLON)) {
        int s = p->pos;
        if (star && ad_parse_accept(p, AD_TOK_STAR)) {
            AdExpr *v = ad_parse_bitwise_or(p);
            if (!v ||
                !(a->annotation = ad_parse_expr_node(p, AD_EXPR_STARRED, ad_parse_span(p, s))))
                return NULL;
            a->annotation->u.starred.value = v;
            a->annotation->u.starred.ctx = AD_CTX_LOAD;
        } else if (!(a->annotation = ad_parse_expression(p))) {
            return NULL;
        }
    }
    a->pos = ad_parse_span(p, start);
    return a;
}

/* parameters / lambda_parameters: positional-only names before '/', then plain ones, '*'
 * [vararg] and keyword-only ones, '**' kwarg, with CPython 3.11's messages for misplaced
 * pieces. Stops before ')' (def) or ':' (lambda). */
AdArguments *ad_parse_params(AdParser *p, bool lambda) {
    AdTokType close = lambda ? AD_TOK_COLON : AD_TOK_RPAR;
    AdArguments *args = ad_parse_alloc(p, sizeof *args);
    if (!args)
        return NULL;
    AdPVec posonly = {0}, plain = {0}, defaults = {0}, kwonly = {0}, kw_defaults = {0};
    bool saw_slash = false, saw_star = false, saw_default = false;
    while (!ad_parse_is(p, close)) {
        AdToken *t = ad_parse_peek(p, 0);
        if (t->type == AD_TOK_SLASH) {
            if (saw_slash)
                return ad_parse_error_tok(p, t, "/ may appear only once");
            if (saw_star)
                return ad_parse_error_tok(p, t, "/ must be ahead of *");
            if (plain.n == 0)
                return ad_parse_fail(p);
            p->pos++;
            posonly = plain;
            plain = (AdPVec){0};
            saw_slash = true;
        } else if (t->type == AD_TOK_STAR) {
            if (saw_star)
                return ad_parse_error_tok(p, t, "* argument may appear only once");
            p->pos++;
            saw_star = true;
            AdTokType n = ad_parse_at(p);
            if (n == AD_TOK_COMMA || n == close) {
                AdTokType after = ad_parse_peek(p, n == AD_TOK_COMMA ? 1 : 0)->type;
                if (after == close || after == AD_TOK_DOUBLESTAR)
                    return ad_parse_error_tok(p, t, "named arguments must follow bare *");
            } else {
                if (!(args->vararg = param(p, lambda, true)))
                    return NULL;
                if (ad_parse_is(p, AD_TOK_EQUAL))
                    return ad_parse_error_tok(p, ad_parse_peek(p, 0),
                                              "var-positional argument cannot have default "
                                              "value");
            }
        } else if (t->type == AD_TOK_DOUBLESTAR) {
            p->pos++;
            if (!(args->kwarg = param(p, lambda, false)))
                return NULL;
            if (ad_parse_is(p, AD_TOK_EQUAL))
                return ad_parse_error_tok(p, ad_parse_peek(p, 0),
                                          "var-keyword argument cannot have default value");
            if (ad_parse_accept(p, AD_TOK_COMMA) && !ad_parse_is(p, close)) {
                AdToken *x = ad_parse_peek(p, 0);
                if (x->type == AD_TOK_NAME || x->type == AD_TOK_STAR ||
                    x->type == AD_TOK_DOUBLESTAR || x->type == AD_TOK_SLASH)
                    return ad_parse_error_tok(p, x, "arguments cannot follow var-keyword argument");
                return ad_parse_fail(p);
            }
            break;
        } else {
            AdArg *a = param(p, lambda, false);
            if (!a)
                return NULL;
            AdExpr *dflt = NULL;
            if (ad_parse_is(p, AD_TOK_EQUAL)) {
                AdToken *eq = ad_parse_peek(p, 0);
                p->pos++;
                AdTokType n = ad_parse_at(p);
                if (n == AD_TOK_COMMA || n == close)
                    return ad_parse_error_tok(p, eq, "expected default value expression");
                if (!(dflt = ad_parse_expression(p)))
                    return NULL;
            }
            if (saw_star) {
                if (!ad_parse_push(p, &kwonly, a) || !ad_parse_push(p, &kw_defaults, dflt))
                    return NULL;
            } else {
                if (dflt) {
                    saw_default = true;
                    if (!ad_parse_push(p, &defaults, dflt))
                        return NULL;
                } else if (saw_default) {
                    AdTokType n = ad_parse_at(p);
                    if (n != AD_TOK_COMMA && n != close)
                        return ad_parse_fail(p);
                    return ad_parse_error_pos(p, a->pos,
                                              "non-default argument follows default argument");
                }
                if (!ad_parse_push(p, &plain, a))
                    return NULL;
            }
        }
        if (!ad_parse_accept(p, AD_TOK_COMMA))
            break;
    }
    args->posonlyargs = AD_PLIST(AdArgList, posonly);
    args->args = AD_PLIST(AdArgList, plain);
    args->defaults = AD_PLIST(AdExprList, defaults);
    args->kwonlyargs = AD_PLIST(AdArgList, kwonly);
    args->kw_defaults = AD_PLIST(AdExprList, kw_defaults);
    return args;
}

/* ---- compound statements -------------------------------------------------------------- */

/* function_def_raw: ['async'] 'def' NAME &&'(' [params] ')' ['->' expression] &&':' block */
static AdStmt *function_def(AdParser *p, AdExprList decorators) {
    int start = p->pos;
    bool is_async = ad_parse_accept(p, AD_TOK_ASYNC);
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++; /* 'def' */
    AdToken *n = ad_parse_peek(p, 0);
    if (n->type != AD_TOK_NAME)
        return ad_parse_fail(p);
    p->pos++;
    const char *name = ad_parse_ident(p, n);
    if (!name)
        return NULL;
    if (!ad_parse_accept(p, AD_TOK_LPAR))
        return ad_parse_error_tok(p, ad_parse_peek(p, 0), "expected '('");
    AdArguments *args =
        ad_parse_is(p, AD_TOK_RPAR) ? ad_parse_empty_arguments(p) : ad_parse_params(p, false);
    if (!args)
        return NULL;
    if (!ad_parse_accept(p, AD_TOK_RPAR))
        return ad_parse_fail(p);
    AdExpr *returns = NULL;
    if (ad_parse_is(p, AD_TOK_RARROW) && ad_parse_starts_expr(ad_parse_peek(p, 1)->type)) {
        p->pos++;
        if (!(returns = ad_parse_expression(p)))
            return NULL;
    }
    if (!ad_parse_expect_colon(p, true))
        return NULL;
    AdStmtList body;
    if (!ad_parse_block(p, &body, "function definition", line))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_FUNCTIONDEF, ad_parse_span(p, start));
    if (s) {
        s->u.functiondef.name = name;
        s->u.functiondef.args = args;
        s->u.functiondef.body = body;
        s->u.functiondef.decorator_list = decorators;
        s->u.functiondef.returns = returns;
        s->u.functiondef.is_async = is_async;
    }
    return s;
}

/* class_def_raw: 'class' NAME ['(' [arguments] ')'] ':' block */
static AdStmt *class_def(AdParser *p, AdExprList decorators) {
    int start = p->pos;
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    AdToken *n = ad_parse_peek(p, 0);
    if (n->type != AD_TOK_NAME)
        return ad_parse_fail(p);
    p->pos++;
    const char *name = ad_parse_ident(p, n);
    if (!name)
        return NULL;
    AdExprList bases = {0};
    AdKeywordList keywords = {0};
    if (ad_parse_is(p, AD_TOK_LPAR) && !ad_parse_arguments(p, &bases, &keywords))
        return NULL;
    if (!ad_parse_expect_colon(p, false))
        return NULL;
    AdStmtList body;
    if (!ad_parse_block(p, &body, "class definition", line))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_CLASSDEF, ad_parse_span(p, start));
    if (s) {
        s->u.classdef.name = name;
        s->u.classdef.bases = bases;
        s->u.classdef.keywords = keywords;
        s->u.classdef.body = body;
        s->u.classdef.decorator_list = decorators;
    }
    return s;
}

/* decorators: ('@' named_expression NEWLINE)+, then a function or class definition */
static AdStmt *decorated(AdParser *p) {
    AdPVec decorators = {0};
    while (ad_parse_accept(p, AD_TOK_AT)) {
        AdExpr *d = ad_parse_named_expression(p);
        if (!d || !ad_parse_push(p, &decorators, d))
            return NULL;
        if (!ad_parse_accept(p, AD_TOK_NEWLINE))
            return ad_parse_fail(p);
    }
    AdExprList list = AD_PLIST(AdExprList, decorators);
    AdTokType t = ad_parse_at(p);
    if (t == AD_TOK_DEF || (t == AD_TOK_ASYNC && ad_parse_peek(p, 1)->type == AD_TOK_DEF))
        return function_def(p, list);
    if (t == AD_TOK_CLASS)
        return class_def(p, list);
    return ad_parse_fail(p);
}

/* else_block: 'else' &&':' block */
static bool else_block(AdParser *p, AdStmtList *out) {
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    return ad_parse_expect_colon(p, true) && ad_parse_block(p, out, "'else' statement", line);
}

/* if_stmt: 'if' named_expression ':' block (elif_stmt | [else_block])
 * elif_stmt: 'elif' named_expression ':' block (elif_stmt | [else_block]) */
static AdStmt *if_stmt(AdParser *p) {
    int start = p->pos;
    AdToken *kw = ad_parse_peek(p, 0);
    const char *what = kw->type == AD_TOK_IF ? "'if' statement" : "'elif' statement";
    int line = kw->lineno;
    p->pos++;
    AdExpr *test = ad_parse_named_expression(p);
    if (!test || !ad_parse_expect_colon(p, false))
        return NULL;
    AdStmtList body, orelse = {0};
    if (!ad_parse_block(p, &body, what, line))
        return NULL;
    if (ad_parse_is(p, AD_TOK_ELIF)) {
        AdStmt *elif = if_stmt(p);
        AdStmt **one = elif ? ad_parse_alloc(p, sizeof *one) : NULL;
        if (!one)
            return NULL;
        one[0] = elif;
        orelse = (AdStmtList){1, one};
    } else if (ad_parse_is(p, AD_TOK_ELSE) && !else_block(p, &orelse)) {
        return NULL;
    }
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_IF, ad_parse_span(p, start));
    if (s) {
        s->u.if_.test = test;
        s->u.if_.body = body;
        s->u.if_.orelse = orelse;
    }
    return s;
}

/* while_stmt: 'while' named_expression ':' block [else_block] */
static AdStmt *while_stmt(AdParser *p) {
    int start = p->pos;
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    AdExpr *test = ad_parse_named_expression(p);
    if (!test || !ad_parse_expect_colon(p, false))
        return NULL;
    AdStmtList body, orelse = {0};
    if (!ad_parse_block(p, &body, "'while' statement", line))
        return NULL;
    if (ad_parse_is(p, AD_TOK_ELSE) && !else_block(p, &orelse))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_WHILE, ad_parse_span(p, start));
    if (s) {
        s->u.while_.test = test;
        s->u.while_.body = body;
        s->u.while_.orelse = orelse;
    }
    return s;
}

/* for_stmt: ['async'] 'for' star_targets 'in' ~ star_expressions ':' block [else_block] */
static AdStmt *for_stmt(AdParser *p) {
    int start = p->pos;
    bool is_async = ad_parse_accept(p, AD_TOK_ASYNC);
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    AdExpr *target = ad_parse_for_targets(p);
    if (!target)
        return NULL;
    p->pos++; /* 'in' */
    AdExpr *iter = ad_parse_star_expressions(p);
    if (!iter || !ad_parse_expect_colon(p, false))
        return NULL;
    AdStmtList body, orelse = {0};
    if (!ad_parse_block(p, &body, "'for' statement", line))
        return NULL;
    if (ad_parse_is(p, AD_TOK_ELSE) && !else_block(p, &orelse))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_FOR, ad_parse_span(p, start));
    if (s) {
        s->u.for_.target = target;
        s->u.for_.iter = iter;
        s->u.for_.body = body;
        s->u.for_.orelse = orelse;
        s->u.for_.is_async = is_async;
    }
    return s;
}

static bool with_target_end(AdParser *p) {
    AdTokType t = ad_parse_at(p);
    return t == AD_TOK_COMMA || t == AD_TOK_RPAR || t == AD_TOK_COLON;
}

/* with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item
 *          | expression */
static AdWithItem *with_item(AdParser *p) {
    AdWithItem *w = ad_parse_alloc(p, sizeof *w);
    if (!w || !(w->context_expr = ad_parse_expression(p)))
        return NULL;
    if (!ad_parse_accept(p, AD_TOK_AS))
        return w;
    int target_start = p->pos;
    w->optional_vars = ad_parse_star_target(p);
    if (w->optional_vars && with_target_end(p))
        return w;
    /* invalid_with_item: expression 'as' expression &(',' | ')' | ':') */
    if (p->error && !ad_parse_rollback(p, target_start))
        return NULL;
    p->pos = target_start;
    p->diag++;
    AdExpr *x = ad_parse_expression(p);
    p->diag--;
    if (x && with_target_end(p)) {
        const AdExpr *bad = ad_parse_invalid_target(x, AD_TARGETS_STAR);
        return ad_parse_error_pos(p, (bad ? bad : x)->pos, "cannot assign to %s",
                                  ad_parse_expr_name(bad ? bad : x));
    }
    return ad_parse_fail(p);
}

static bool with_items(AdParser *p, AdPVec *items, bool paren) {
    do {
        if (paren && ad_parse_is(p, AD_TOK_RPAR) && items->n > 0)
            break;
        AdWithItem *w = with_item(p);
        if (!w || !ad_parse_push(p, items, w))
            return false;
    } while (ad_parse_accept(p, AD_TOK_COMMA));
    return true;
}

/* with_stmt: ['async'] 'with' '(' ','.with_item+ ','? ')' ':' block
 *          | ['async'] 'with' ','.with_item+ ':' block */
static AdStmt *with_stmt(AdParser *p) {
    int start = p->pos;
    bool is_async = ad_parse_accept(p, AD_TOK_ASYNC);
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    AdPVec items = {0};
    bool done = false;
    if (ad_parse_is(p, AD_TOK_LPAR)) {
        int mark = p->pos++;
        if (with_items(p, &items, true) && ad_parse_accept(p, AD_TOK_RPAR) &&
            ad_parse_is(p, AD_TOK_COLON)) {
            done = true;
        } else {
            if (p->error && !ad_parse_rollback(p, mark))
                return NULL;
            p->pos = mark;
            items = (AdPVec){0};
        }
    }
    if (!done && !with_items(p, &items, false))
        return NULL;
    if (!ad_parse_expect_colon(p, false))
        return NULL;
    AdStmtList body;
    if (!ad_parse_block(p, &body, "'with' statement", line))
        return NULL;
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_WITH, ad_parse_span(p, start));
    if (s) {
        s->u.with.items = AD_PLIST(AdWithItemList, items);
        s->u.with.body = body;
        s->u.with.is_async = is_async;
    }
    return s;
}

/* except_block: 'except' expression ['as' NAME] ':' block | 'except' ':' block */
static AdExceptHandler *except_block(AdParser *p) {
    int start = p->pos;
    AdToken *kw = ad_parse_peek(p, 0);
    p->pos++;
    if (ad_parse_is(p, AD_TOK_STAR))
        return ad_parse_error_tok(p, ad_parse_peek(p, 0),
                                  "exception groups (except*) are not supported");
    AdExceptHandler *h = ad_parse_alloc(p, sizeof *h);
    if (!h)
        return NULL;
    if (!ad_parse_is(p, AD_TOK_COLON)) {
        if (!(h->type = ad_parse_expression(p)))
            return NULL;
        if (ad_parse_is(p, AD_TOK_COMMA)) {
            /* invalid_except_stmt: 'except' expression ',' expressions ['as' NAME] ':',
             * reported from the first type to the tokenizer's position after the ':' */
            p->pos++;
            if (!ad_parse_expressions(p))
                return NULL;
            if (ad_parse_accept(p, AD_TOK_AS) && !ad_parse_accept(p, AD_TOK_NAME))
                return ad_parse_fail(p);
            AdToken *colon = ad_parse_peek(p, 0);
            if (colon->type != AD_TOK_COLON)
                return ad_parse_fail(p);
            AdPos at = {h->type->pos.lineno, h->type->pos.col_offset, colon->end_lineno,
                        colon->end_col - 1};
            return ad_parse_error_pos(p, at, "multiple exception types must be parenthesized");
        }
        if (ad_parse_accept(p, AD_TOK_AS)) {
            AdToken *n = ad_parse_peek(p, 0);
            if (n->type != AD_TOK_NAME)
                return ad_parse_fail(p);
            p->pos++;
            if (!(h->name = ad_parse_ident(p, n)))
                return NULL;
        }
    }
    if (!ad_parse_expect_colon(p, false) ||
        !ad_parse_block(p, &h->body, "'except' statement", kw->lineno))
        return NULL;
    h->pos = ad_parse_span(p, start);
    return h;
}

/* try_stmt: 'try' &&':' block finally_block
 *         | 'try' &&':' block except_block+ [else_block] [finally_block] */
static AdStmt *try_stmt(AdParser *p) {
    int start = p->pos;
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    AdStmtList body, orelse = {0}, finalbody = {0};
    if (!ad_parse_expect_colon(p, true) || !ad_parse_block(p, &body, "'try' statement", line))
        return NULL;
    AdPVec handlers = {0};
    while (ad_parse_is(p, AD_TOK_EXCEPT)) {
        AdExceptHandler *h = except_block(p);
        if (!h || !ad_parse_push(p, &handlers, h))
            return NULL;
    }
    AdTokType t = ad_parse_at(p);
    if (handlers.n == 0 && t != AD_TOK_FINALLY)
        return ad_parse_error_last(p, "expected 'except' or 'finally' block");
    if (handlers.n && t == AD_TOK_ELSE && !else_block(p, &orelse))
        return NULL;
    if (ad_parse_is(p, AD_TOK_FINALLY)) {
        int fline = ad_parse_peek(p, 0)->lineno;
        p->pos++;
        if (!ad_parse_expect_colon(p, true) ||
            !ad_parse_block(p, &finalbody, "'finally' statement", fline))
            return NULL;
    }
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_TRY, ad_parse_span(p, start));
    if (s) {
        s->u.try_.body = body;
        s->u.try_.handlers = AD_PLIST(AdHandlerList, handlers);
        s->u.try_.orelse = orelse;
        s->u.try_.finalbody = finalbody;
    }
    return s;
}

/* compound_stmt: function_def | if_stmt | class_def | with_stmt | for_stmt | try_stmt
 *              | while_stmt | match_stmt */
static AdStmt *compound_stmt(AdParser *p, bool *is_compound) {
    *is_compound = true;
    AdTokType t = ad_parse_at(p);
    AdExprList none = {0};
    switch (t) {
    case AD_TOK_AT:
        return decorated(p);
    case AD_TOK_DEF:
        return function_def(p, none);
    case AD_TOK_CLASS:
        return class_def(p, none);
    case AD_TOK_IF:
        return if_stmt(p);
    case AD_TOK_WHILE:
        return while_stmt(p);
    case AD_TOK_FOR:
        return for_stmt(p);
    case AD_TOK_WITH:
        return with_stmt(p);
    case AD_TOK_TRY:
        return try_stmt(p);
    case AD_TOK_ASYNC: {
        AdTokType n = ad_parse_peek(p, 1)->type;
        if (n == AD_TOK_DEF)
            return function_def(p, none);
        if (n == AD_TOK_FOR)
            return for_stmt(p);
        if (n == AD_TOK_WITH)
            return with_stmt(p);
        break;
    }
    case AD_TOK_NAME:
        if (ad_parse_is_word(p, 0, "match"))
            return ad_parse_match_stmt(p, is_compound);
        break;
    default:
        break;
    }
    *is_compound = false;
    return NULL;
}

/* statement: compound_stmt | simple_stmts */
static bool statement(AdParser *p, AdPVec *out) {
    bool is_compound;
    AdStmt *s = compound_stmt(p, &is_compound);
    if (is_compound)
        return s && ad_parse_push(p, out, s);
    if (p->error)
        return false;
    return simple_stmts(p, out);
}

AdStmt *ad_parse_one_statement(AdParser *p, AdPVec *out) {
    if (!statement(p, out))
        return NULL;
    return out->items[out->n - 1];
}

/* statements: statement+ (up to the DEDENT of a block, or to ENDMARKER at top level) */
bool ad_parse_statements(AdParser *p, AdPVec *out, bool top) {
    for (;;) {
        AdTokType t = ad_parse_at(p);
        if (t == (top ? AD_TOK_ENDMARKER : AD_TOK_DEDENT))
            return true;
        if (t == AD_TOK_ERROR || !statement(p, out))
            return false;
    }
}
