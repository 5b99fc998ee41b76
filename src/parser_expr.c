/*
 * parser_expr.c - expressions, from star_expressions down to atoms, with calls, slices,
 * displays, comprehensions, lambda and yield (grammar/python.gram, EXPRESSIONS section).
 *
 * Binary operators are parsed iteratively (left-associative, no recursion per operand),
 * so only real nesting (brackets, lambdas, unary chains) deepens the C stack; that nesting
 * is counted by ad_parse_enter. Node positions are token spans, as CPython's EXTRA: an
 * expression that starts with '(' starts at the '(' even when its first operand does not.
 * CPython's invalid_* rules that matter in practice (missing comma, legacy print, '=' for
 * '==') are checked where the valid parse cannot continue, so valid code never pays.
 */
#include "parser.h"

#include <string.h>

static AdExpr *conjunction(AdParser *p);
static AdExpr *primary(AdParser *p);
static AdExpr *atom(AdParser *p);
static AdExpr *factor(AdParser *p);
static AdExpr *lambdef(AdParser *p);
static AdExpr *star_expression(AdParser *p);
static bool for_if_clauses(AdParser *p, AdComprehensionList *out);

bool ad_parse_starts_expr(AdTokType t) {
    switch (t) {
    case AD_TOK_NAME:
    case AD_TOK_NUMBER:
    case AD_TOK_STRING:
    case AD_TOK_LPAR:
    case AD_TOK_LSQB:
    case AD_TOK_LBRACE:
    case AD_TOK_MINUS:
    case AD_TOK_PLUS:
    case AD_TOK_TILDE:
    case AD_TOK_NOT:
    case AD_TOK_LAMBDA:
    case AD_TOK_AWAIT:
    case AD_TOK_NONE:
    case AD_TOK_TRUE:
    case AD_TOK_FALSE:
    case AD_TOK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

static bool at_comprehension(AdParser *p) {
    AdTokType t = ad_parse_at(p);
    return t == AD_TOK_FOR || (t == AD_TOK_ASYNC && ad_parse_peek(p, 1)->type == AD_TOK_FOR);
}

static AdExpr *name_node(AdParser *p, const AdToken *t, AdExprCtx ctx) {
    AdPos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_NAME, pos);
    if (e && !(e->u.name.id = ad_parse_ident(p, t)))
        return NULL;
    if (e)
        e->u.name.ctx = ctx;
    return e;
}

static AdExpr *constant_node(AdParser *p, AdConstKind kind, const AdToken *t) {
    AdPos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_CONSTANT, pos);
    if (e)
        e->u.constant.kind = kind;
    return e;
}

static AdExpr *tuple_node(AdParser *p, AdPVec *elts, int start) {
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_TUPLE, ad_parse_span(p, start));
    if (e) {
        e->u.tuple.elts = AD_PLIST(AdExprList, *elts);
        e->u.tuple.ctx = AD_CTX_LOAD;
    }
    return e;
}

/* ---- diagnostics for code that does not parse ----------------------------------------- */

static bool is_soft_keyword(const AdToken *t) {
    return t->type == AD_TOK_NAME &&
           ((t->len == 5 && (memcmp(t->start, "match", 5) == 0)) ||
            (t->len == 4 && memcmp(t->start, "case", 4) == 0) || (t->len == 1 && *t->start == '_'));
}

/* After an expression `a` that started at token `start`, the next token starts another
 * expression, which no valid program allows. CPython's invalid_legacy_expression (print
 * "x") and invalid_expression (a missing comma inside brackets). Returns false when it
 * raised an error. */
static bool diagnose(AdParser *p, int start, AdExpr *a);
static bool diagnose_juxtaposition(AdParser *p, int start, AdExpr *a) {
    int memo_pos = p->memo_pos, memo_end = p->memo_end;
    AdExpr *memo_expr = p->memo_expr;
    p->diag++;
    bool ok = diagnose(p, start, a);
    p->diag--;
    p->memo_pos = memo_pos;
    p->memo_end = memo_end;
    p->memo_expr = memo_expr;
    return ok;
}

static bool diagnose(AdParser *p, int start, AdExpr *a) {
    int mark = p->pos;
    AdToken *first = ad_parse_tok(p, start);
    bool bare_name = a->kind == AD_EXPR_NAME && mark == start + 1;
    bool legacy =
        bare_name && (strcmp(a->u.name.id, "print") == 0 || strcmp(a->u.name.id, "exec") == 0);
    /* invalid_expression: !(NAME STRING | SOFT_KEYWORD) a=disjunction
     * b=expression_without_invalid -- an error only inside brackets. The disjunction that
     * b starts with is remembered, as CPython's memo does, for the parse below. */
    if (!is_soft_keyword(first) &&
        !(first->type == AD_TOK_NAME && ad_parse_tok(p, start + 1)->type == AD_TOK_STRING)) {
        p->no_diag++;
        AdExpr *d = ad_parse_disjunction(p);
        if (!d && !ad_parse_rollback(p, mark)) {
            p->no_diag--;
            return false;
        }
        p->memo_pos = mark;
        p->memo_end = p->pos;
        p->memo_expr = d;
        p->pos = mark;
        AdExpr *b = ad_parse_expression(p);
        p->no_diag--;
        if (!b && !ad_parse_rollback(p, mark))
            return false;
        if (b && !legacy && ad_parse_tok(p, p->pos - 1)->level + (p->in_fstring ? 1 : 0) > 0) {
            ad_parse_error_pos(p, ad_pos_join(a->pos, b->pos),
                               "invalid syntax. Perhaps you forgot a comma?");
            return false;
        }
        p->pos = mark;
    }
    /* invalid_legacy_expression: NAME !'(' star_expressions. CPython parses this after any
     * name, with its error rules on, and an error raised inside is the one it reports. */
    if (bare_name) {
        AdExpr *last = ad_parse_star_expressions(p);
        if (!last)
            return ad_parse_keep_specific(p, mark);
        if (legacy) {
            ad_parse_error_pos(p, ad_pos_join(a->pos, last->pos),
                               "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                               a->u.name.id, a->u.name.id);
            return false;
        }
    }
    p->pos = mark;
    return true;
}

/* A bitwise_or-level expression: what invalid_named_expression can blame for an '='. */
static bool is_simple_operand(AdParser *p, const AdExpr *e) {
    if (p->last_group == e)
        return true;
    switch (e->kind) {
    case AD_EXPR_COMPARE:
    case AD_EXPR_BOOLOP:
    case AD_EXPR_IFEXP:
    case AD_EXPR_LAMBDA:
    case AD_EXPR_STARRED:
    case AD_EXPR_NAMEDEXPR:
    case AD_EXPR_TUPLE:
    case AD_EXPR_YIELD:
    case AD_EXPR_YIELDFROM:
        return false;
    case AD_EXPR_UNARYOP:
        return e->u.unaryop.op != AD_PUN_NOT;
    default:
        return true;
    }
}

bool ad_parse_check_misplaced_eq(AdParser *p, int start, AdExpr *e, bool name_alt) {
    if (p->no_diag || !ad_parse_is(p, AD_TOK_EQUAL))
        return true;
    int mark = p->pos;
    p->pos++;
    p->diag++;
    AdExpr *rhs = ad_parse_bitwise_or(p);
    bool ok = rhs && !ad_parse_is(p, AD_TOK_EQUAL) && !ad_parse_is(p, AD_TOK_COLONEQUAL);
    p->diag--;
    if (!rhs && !ad_parse_keep_specific(p, mark))
        return false;
    p->pos = mark;
    if (!ok)
        return true;
    AdTokType first = ad_parse_tok(p, start)->type;
    if (name_alt && e->kind == AD_EXPR_NAME && start + 1 == mark) {
        ad_parse_error_pos(p, ad_pos_join(e->pos, rhs->pos),
                           "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return false;
    }
    if (is_simple_operand(p, e) && first != AD_TOK_TRUE && first != AD_TOK_FALSE &&
        first != AD_TOK_NONE && e->kind != AD_EXPR_LIST && e->kind != AD_EXPR_TUPLE &&
        e->kind != AD_EXPR_GENERATOREXP) {
        ad_parse_error_pos(p, e->pos,
                           "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                           ad_parse_expr_name(e));
        return false;
    }
    return true;
}

/* ---- expression ----------------------------------------------------------------------- */

/* expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef */
static AdExpr *expression_body(AdParser *p) {
    if (ad_parse_is(p, AD_TOK_LAMBDA))
        return lambdef(p);
    int start = p->pos;
    AdExpr *a = ad_parse_disjunction(p);
    if (!a)
        return NULL;
    if (ad_parse_is(p, AD_TOK_IF)) {
        int if_pos = p->pos++;
        AdExpr *b = ad_parse_disjunction(p);
        if (!b)
            return NULL;
        if (ad_parse_accept(p, AD_TOK_ELSE)) {
            AdExpr *c = ad_parse_expression(p);
            if (!c)
                return NULL;
            AdExpr *e = ad_parse_expr_node(p, AD_EXPR_IFEXP, ad_parse_span(p, start));
            if (e) {
                e->u.ifexp.test = b;
                e->u.ifexp.body = a;
                e->u.ifexp.orelse = c;
            }
            return e;
        }
        if (ad_parse_is(p, AD_TOK_COLON) || p->no_diag) {
            p->pos = if_pos;
            return a;
        }
        return ad_parse_error_pos(p, ad_pos_join(a->pos, b->pos),
                                  "expected 'else' after 'if' expression");
    }
    if (!p->no_diag && ad_parse_starts_expr(ad_parse_at(p)) && !diagnose_juxtaposition(p, start, a))
        return NULL;
    return a;
}

AdExpr *ad_parse_expression(AdParser *p) {
    if (!ad_parse_enter(p))
        return NULL;
    AdExpr *e = expression_body(p);
    ad_parse_leave(p);
    return e;
}

/* expressions: expression (',' expression)* [','] */
AdExpr *ad_parse_expressions(AdParser *p) {
    int start = p->pos;
    AdExpr *a = ad_parse_expression(p);
    if (!a || !ad_parse_is(p, AD_TOK_COMMA))
        return a;
    AdPVec elts = {0};
    if (!ad_parse_push(p, &elts, a))
        return NULL;
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        if (!ad_parse_starts_expr(ad_parse_at(p)))
            break;
        AdExpr *b = ad_parse_expression(p);
        if (!b || !ad_parse_push(p, &elts, b))
            return NULL;
    }
    return tuple_node(p, &elts, start);
}

/* star_expression: '*' bitwise_or | expression */
static AdExpr *star_expression(AdParser *p) {
    int start = p->pos;
    if (ad_parse_accept(p, AD_TOK_STAR)) {
        AdExpr *v = ad_parse_bitwise_or(p);
        if (!v)
            return NULL;
        AdExpr *e = ad_parse_expr_node(p, AD_EXPR_STARRED, ad_parse_span(p, start));
        if (e) {
            e->u.starred.value = v;
            e->u.starred.ctx = AD_CTX_LOAD;
        }
        return e;
    }
    return ad_parse_expression(p);
}

/* star_expressions: star_expression (',' star_expression)* [','] */
AdExpr *ad_parse_star_expressions(AdParser *p) {
    int start = p->pos;
    AdExpr *a = star_expression(p);
    if (!a || !ad_parse_is(p, AD_TOK_COMMA))
        return a;
    AdPVec elts = {0};
    if (!ad_parse_push(p, &elts, a))
        return NULL;
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        AdTokType t = ad_parse_at(p);
        if (t != AD_TOK_STAR && !ad_parse_starts_expr(t))
            break;
        AdExpr *b = star_expression(p);
        if (!b || !ad_parse_push(p, &elts, b))
            return NULL;
    }
    return tuple_node(p, &elts, start);
}

/* star_named_expression: '*' bitwise_or | named_expression */
AdExpr *ad_parse_star_named_expression(AdParser *p) {
    if (ad_parse_is(p, AD_TOK_STAR))
        return star_expression(p);
    return ad_parse_named_expression(p);
}

/* assignment_expression: NAME ':=' ~ expression */
static AdExpr *assignment_expression(AdParser *p) {
    int start = p->pos;
    AdExpr *target = name_node(p, ad_parse_peek(p, 0), AD_CTX_STORE);
    if (!target)
        return NULL;
    p->pos += 2;
    AdExpr *v = ad_parse_expression(p);
    if (!v)
        return NULL;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_NAMEDEXPR, ad_parse_span(p, start));
    if (e) {
        e->u.namedexpr.target = target;
        e->u.namedexpr.value = v;
    }
    return e;
}

/* named_expression: assignment_expression | invalid_named_expression | expression !':=' */
AdExpr *ad_parse_named_expression(AdParser *p) {
    if (ad_parse_is(p, AD_TOK_NAME) && ad_parse_peek(p, 1)->type == AD_TOK_COLONEQUAL)
        return assignment_expression(p);
    int start = p->pos;
    AdExpr *e = ad_parse_expression(p);
    if (!e)
        return NULL;
    if (ad_parse_is(p, AD_TOK_COLONEQUAL) && !p->no_diag) {
        /* invalid_named_expression: expression ':=' expression */
        int mark = p->pos++;
        p->diag++;
        AdExpr *rhs = ad_parse_expression(p);
        p->diag--;
        if (rhs)
            return ad_parse_error_pos(p, e->pos, "cannot use assignment expressions with %s",
                                      ad_parse_expr_name(e));
        if (!ad_parse_keep_specific(p, mark))
            return NULL;
        p->pos = mark;
        return e;
    }
    if (!ad_parse_check_misplaced_eq(p, start, e, true))
        return NULL;
    return e;
}

/* inversion: 'not' inversion | comparison */
static AdExpr *comparison(AdParser *p);
static AdExpr *inversion(AdParser *p) {
    int start = p->pos;
    if (!ad_parse_accept(p, AD_TOK_NOT))
        return comparison(p);
    if (!ad_parse_enter(p))
        return NULL;
    AdExpr *v = inversion(p);
    ad_parse_leave(p);
    if (!v)
        return NULL;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_UNARYOP, ad_parse_span(p, start));
    if (e) {
        e->u.unaryop.op = AD_PUN_NOT;
        e->u.unaryop.operand = v;
    }
    return e;
}

/* disjunction: conjunction ('or' conjunction)+ | conjunction
 * conjunction: inversion ('and' inversion)+ | inversion */
static AdExpr *bool_chain(AdParser *p, AdTokType optok) {
    int start = p->pos;
    AdExpr *a = optok == AD_TOK_OR ? conjunction(p) : inversion(p);
    if (!a || !ad_parse_is(p, optok))
        return a;
    AdPVec values = {0};
    if (!ad_parse_push(p, &values, a))
        return NULL;
    while (ad_parse_accept(p, optok)) {
        AdExpr *b = optok == AD_TOK_OR ? conjunction(p) : inversion(p);
        if (!b || !ad_parse_push(p, &values, b))
            return NULL;
    }
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_BOOLOP, ad_parse_span(p, start));
    if (e) {
        e->u.boolop.op = optok == AD_TOK_OR ? AD_BOOL_OR : AD_BOOL_AND;
        e->u.boolop.values = AD_PLIST(AdExprList, values);
    }
    return e;
}

AdExpr *ad_parse_disjunction(AdParser *p) {
    if (p->memo_pos == p->pos) {
        if (!p->memo_expr)
            return ad_parse_fail(p);
        p->pos = p->memo_end;
        return p->memo_expr;
    }
    return bool_chain(p, AD_TOK_OR);
}
static AdExpr *conjunction(AdParser *p) {
    return bool_chain(p, AD_TOK_AND);
}

/* The comparison operator at the current token (consuming it), or -1. */
static int compare_op(AdParser *p) {
    AdTokType t = ad_parse_at(p);
    int op = -1, len = 1;
    switch (t) {
    case AD_TOK_EQEQUAL:
        op = AD_CMPOP_EQ;
        break;
    case AD_TOK_NOTEQUAL:
        op = AD_CMPOP_NE;
        break;
    case AD_TOK_LESS:
        op = AD_CMPOP_LT;
        break;
    case AD_TOK_LESSEQUAL:
        op = AD_CMPOP_LE;
        break;
    case AD_TOK_GREATER:
        op = AD_CMPOP_GT;
        break;
    case AD_TOK_GREATEREQUAL:
        op = AD_CMPOP_GE;
        break;
    case AD_TOK_IN:
        op = AD_CMPOP_IN;
        break;
    case AD_TOK_NOT:
        if (ad_parse_peek(p, 1)->type == AD_TOK_IN) {
            op = AD_CMPOP_NOT_IN;
            len = 2;
        }
        break;
    case AD_TOK_IS:
        if (ad_parse_peek(p, 1)->type == AD_TOK_NOT) {
            op = AD_CMPOP_IS_NOT;
            len = 2;
        } else {
            op = AD_CMPOP_IS;
        }
        break;
    default:
        break;
    }
    if (op >= 0)
        p->pos += len;
    return op;
}

/* comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or */
static AdExpr *comparison(AdParser *p) {
    int start = p->pos;
    AdExpr *a = ad_parse_bitwise_or(p);
    if (!a)
        return NULL;
    int op = compare_op(p);
    if (op < 0)
        return a;
    AdPVec ops = {0}, rights = {0};
    while (op >= 0) {
        AdExpr *b = ad_parse_bitwise_or(p);
        if (!b || !ad_parse_push(p, &ops, (void *)(intptr_t)op) || !ad_parse_push(p, &rights, b))
            return NULL;
        op = compare_op(p);
    }
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_COMPARE, ad_parse_span(p, start));
    AdCmpOpKind *kinds = ad_parse_alloc(p, sizeof *kinds * (size_t)ops.n);
    if (!e || !kinds)
        return NULL;
    for (int i = 0; i < ops.n; i++)
        kinds[i] = (AdCmpOpKind)(intptr_t)ops.items[i];
    e->u.compare.left = a;
    e->u.compare.nops = ops.n;
    e->u.compare.ops = kinds;
    e->u.compare.comparators = AD_PLIST(AdExprList, rights);
    return e;
}

/* The binary operator levels between comparison and factor, loosest first:
 * bitwise_or, bitwise_xor, bitwise_and, shift_expr, sum, term. */
enum { LEVEL_OR, LEVEL_XOR, LEVEL_AND, LEVEL_SHIFT, LEVEL_SUM, LEVEL_TERM, LEVEL_FACTOR };

static int binop_at(int level, AdTokType t) {
    switch (level) {
    case LEVEL_OR:
        return t == AD_TOK_VBAR ? AD_PBIN_OR : -1;
    case LEVEL_XOR:
        return t == AD_TOK_CIRCUMFLEX ? AD_PBIN_XOR : -1;
    case LEVEL_AND:
        return t == AD_TOK_AMPER ? AD_PBIN_AND : -1;
    case LEVEL_SHIFT:
        return t == AD_TOK_LEFTSHIFT    ? AD_PBIN_LSHIFT
               : t == AD_TOK_RIGHTSHIFT ? AD_PBIN_RSHIFT
                                        : -1;
    case LEVEL_SUM:
        return t == AD_TOK_PLUS ? AD_PBIN_ADD : t == AD_TOK_MINUS ? AD_PBIN_SUB : -1;
    case LEVEL_TERM:
        switch (t) {
        case AD_TOK_STAR:
            return AD_PBIN_MUL;
        case AD_TOK_SLASH:
            return AD_PBIN_TRUEDIV;
        case AD_TOK_DOUBLESLASH:
            return AD_PBIN_FLOORDIV;
        case AD_TOK_PERCENT:
            return AD_PBIN_MOD;
        case AD_TOK_AT:
            return AD_PBIN_MATMUL;
        default:
            return -1;
        }
    default:
        return -1;
    }
}

static AdExpr *binop_node(AdParser *p, AdExpr *l, int op, AdExpr *r, int start) {
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_BINOP, ad_parse_span(p, start));
    if (e) {
        e->u.binop.left = l;
        e->u.binop.op = op;
        e->u.binop.right = r;
    }
    return e;
}

/* bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor, and so on down to term */
static AdExpr *binary(AdParser *p, int level) {
    if (level == LEVEL_FACTOR)
        return factor(p);
    int start = p->pos;
    AdExpr *a = binary(p, level + 1);
    while (a) {
        int op = binop_at(level, ad_parse_at(p));
        if (op < 0)
            break;
        p->pos++;
        AdExpr *b = binary(p, level + 1);
        if (!b)
            return NULL;
        a = binop_node(p, a, op, b, start);
    }
    return a;
}

AdExpr *ad_parse_bitwise_or(AdParser *p) {
    return binary(p, LEVEL_OR);
}

/* power: await_primary '**' factor | await_primary
 * await_primary: 'await' primary | primary */
static AdExpr *power(AdParser *p) {
    int start = p->pos;
    AdExpr *a;
    if (ad_parse_accept(p, AD_TOK_AWAIT)) {
        AdExpr *v = primary(p);
        if (!v)
            return NULL;
        a = ad_parse_expr_node(p, AD_EXPR_AWAIT, ad_parse_span(p, start));
        if (!a)
            return NULL;
        a->u.await_.value = v;
    } else {
        a = primary(p);
    }
    if (!a || !ad_parse_accept(p, AD_TOK_DOUBLESTAR))
        return a;
    AdExpr *b = factor(p);
    if (!b)
        return NULL;
    return binop_node(p, a, AD_PBIN_POW, b, start);
}

/* factor: '+' factor | '-' factor | '~' factor | power */
static AdExpr *factor(AdParser *p) {
    AdTokType t = ad_parse_at(p);
    int op = t == AD_TOK_MINUS   ? AD_PUN_NEG
             : t == AD_TOK_PLUS  ? AD_PUN_POS
             : t == AD_TOK_TILDE ? AD_PUN_INVERT
                                 : -1;
    if (op < 0)
        return power(p);
    int start = p->pos++;
    if (!ad_parse_enter(p))
        return NULL;
    AdExpr *v = factor(p);
    ad_parse_leave(p);
    if (!v)
        return NULL;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_UNARYOP, ad_parse_span(p, start));
    if (e) {
        e->u.unaryop.op = op;
        e->u.unaryop.operand = v;
    }
    return e;
}

/* ---- primary: atom followed by attribute, call and subscript trailers ------------------ */

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression
 * (slices also accept starred_expression items) */
static AdExpr *slice_item(AdParser *p, bool *starred) {
    int start = p->pos;
    *starred = false;
    if (ad_parse_accept(p, AD_TOK_STAR)) {
        AdExpr *v = ad_parse_expression(p);
        if (!v)
            return NULL;
        AdExpr *e = ad_parse_expr_node(p, AD_EXPR_STARRED, ad_parse_span(p, start));
        if (e) {
            e->u.starred.value = v;
            e->u.starred.ctx = AD_CTX_LOAD;
        }
        *starred = true;
        return e;
    }
    AdExpr *lower = NULL, *upper = NULL, *step = NULL;
    if (!ad_parse_is(p, AD_TOK_COLON)) {
        lower = ad_parse_named_expression(p);
        if (!lower || !ad_parse_is(p, AD_TOK_COLON))
            return lower;
    }
    p->pos++; /* ':' */
    AdTokType t = ad_parse_at(p);
    if (t != AD_TOK_RSQB && t != AD_TOK_COMMA && t != AD_TOK_COLON &&
        !(upper = ad_parse_expression(p)))
        return NULL;
    if (ad_parse_accept(p, AD_TOK_COLON)) {
        t = ad_parse_at(p);
        if (t != AD_TOK_RSQB && t != AD_TOK_COMMA && !(step = ad_parse_expression(p)))
            return NULL;
    }
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_SLICE, ad_parse_span(p, start));
    if (e) {
        e->u.slice.lower = lower;
        e->u.slice.upper = upper;
        e->u.slice.step = step;
    }
    return e;
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
static AdExpr *slices(AdParser *p) {
    int start = p->pos;
    bool starred;
    AdExpr *a = slice_item(p, &starred);
    if (!a || (!starred && !ad_parse_is(p, AD_TOK_COMMA)))
        return a;
    AdPVec elts = {0};
    if (!ad_parse_push(p, &elts, a))
        return NULL;
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        if (ad_parse_is(p, AD_TOK_RSQB))
            break;
        AdExpr *b = slice_item(p, &starred);
        if (!b || !ad_parse_push(p, &elts, b))
            return NULL;
    }
    return tuple_node(p, &elts, start);
}

static AdExpr *genexp_node(AdParser *p, AdExpr *elt, AdComprehensionList gens, AdPos pos) {
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_GENERATOREXP, pos);
    if (e) {
        e->u.comp.elt = elt;
        e->u.comp.generators = gens;
    }
    return e;
}

static AdPos last_comprehension_end(const AdComprehensionList *gens) {
    const AdComprehension *c = gens->items[gens->n - 1];
    return c->ifs.n ? c->ifs.items[c->ifs.n - 1]->pos : c->iter->pos;
}

static AdKeyword *keyword_node(AdParser *p, const char *arg, AdExpr *v, AdPos pos) {
    AdKeyword *k = ad_parse_alloc(p, sizeof *k);
    if (k) {
        k->arg = arg;
        k->value = v;
        k->pos = pos;
    }
    return k;
}

/* One positional argument: (assignment_expression | expression !':=') !'=', or a generator
 * expression when it is the only argument. invalid_kwarg and invalid_arguments give the
 * messages. */
static AdExpr *positional_arg(AdParser *p, int lpar, bool alone, bool *done) {
    AdExpr *e;
    if (ad_parse_is(p, AD_TOK_NAME) && ad_parse_peek(p, 1)->type == AD_TOK_COLONEQUAL)
        e = assignment_expression(p);
    else
        e = ad_parse_expression(p);
    if (!e)
        return NULL;
    if (ad_parse_is(p, AD_TOK_EQUAL)) {
        AdToken *eq = ad_parse_peek(p, 0);
        AdPos at = {e->pos.lineno, e->pos.col_offset, eq->end_lineno, eq->end_col};
        return ad_parse_error_pos(p, at,
                                  "expression cannot contain assignment, perhaps you meant "
                                  "\"==\"?");
    }
    if (!at_comprehension(p))
        return e;
    AdComprehensionList gens;
    if (!for_if_clauses(p, &gens))
        return NULL;
    if (alone && ad_parse_is(p, AD_TOK_RPAR)) {
        p->pos++;
        *done = true;
        return genexp_node(p, e, gens, ad_parse_span(p, lpar));
    }
    return ad_parse_error_pos(p, ad_pos_join(e->pos, last_comprehension_end(&gens)),
                              "Generator expression must be parenthesized");
}

/* '(' [arguments] ')' of a call or class statement.
 * arguments: args [','] &')'
 * args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+
 *       [',' kwargs] | kwargs */
bool ad_parse_arguments(AdParser *p, AdExprList *args_out, AdKeywordList *kw_out) {
    int lpar = p->pos++;
    AdPVec args = {0}, kws = {0};
    bool seen_kw = false, seen_dstar = false;
    while (!ad_parse_is(p, AD_TOK_RPAR)) {
        int start = p->pos;
        AdToken *t = ad_parse_peek(p, 0);
        bool named = t->type == AD_TOK_NAME || t->type == AD_TOK_TRUE || t->type == AD_TOK_FALSE ||
                     t->type == AD_TOK_NONE;
        AdTokType next = named ? ad_parse_peek(p, 1)->type : AD_TOK_ERROR;
        if (t->type == AD_TOK_STAR) {
            if (seen_dstar) {
                ad_parse_error_tok(p, t,
                                   "iterable argument unpacking follows keyword argument "
                                   "unpacking");
                return false;
            }
            p->pos++;
            AdExpr *v = ad_parse_expression(p);
            AdExpr *e = v ? ad_parse_expr_node(p, AD_EXPR_STARRED, ad_parse_span(p, start)) : NULL;
            if (!e)
                return false;
            e->u.starred.value = v;
            e->u.starred.ctx = AD_CTX_LOAD;
            if (!ad_parse_push(p, &args, e))
                return false;
        } else if (t->type == AD_TOK_DOUBLESTAR) {
            p->pos++;
            AdExpr *v = ad_parse_expression(p);
            AdKeyword *k = v ? keyword_node(p, NULL, v, ad_parse_span(p, start)) : NULL;
            if (!k || !ad_parse_push(p, &kws, k))
                return false;
            seen_dstar = true;
        } else if (t->type == AD_TOK_NAME && next == AD_TOK_EQUAL) {
            AdToken *eq = ad_parse_peek(p, 1);
            const char *name = ad_parse_ident(p, t);
            p->pos += 2;
            AdExpr *v = name ? ad_parse_expression(p) : NULL;
            if (!v)
                return false;
            if (at_comprehension(p)) {
                AdPos at = {t->lineno, t->col, eq->end_lineno, eq->end_col};
                ad_parse_error_pos(p, at,
                                   "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                return false;
            }
            AdKeyword *k = keyword_node(p, name, v, ad_parse_span(p, start));
            if (!k || !ad_parse_push(p, &kws, k))
                return false;
            seen_kw = true;
        } else if ((t->type == AD_TOK_TRUE || t->type == AD_TOK_FALSE || t->type == AD_TOK_NONE) &&
                   next == AD_TOK_EQUAL) {
            AdToken *eq = ad_parse_peek(p, 1);
            AdPos at = {t->lineno, t->col, eq->end_lineno, eq->end_col};
            ad_parse_error_pos(p, at, "cannot assign to %.*s", t->len, t->start);
            return false;
        } else {
            bool done = false;
            AdExpr *e = positional_arg(p, lpar, args.n == 0 && kws.n == 0, &done);
            if (!e)
                return false;
            if (done) {
                if (!ad_parse_push(p, &args, e))
                    return false;
                *args_out = AD_PLIST(AdExprList, args);
                *kw_out = AD_PLIST(AdKeywordList, kws);
                return true;
            }
            if (seen_kw || seen_dstar) {
                ad_parse_peek(p, 0);
                ad_parse_error_last(p, seen_dstar ? "positional argument follows keyword "
                                                    "argument unpacking"
                                                  : "positional argument follows keyword "
                                                    "argument");
                return false;
            }
            if (!ad_parse_push(p, &args, e))
                return false;
        }
        if (!ad_parse_accept(p, AD_TOK_COMMA))
            break;
    }
    if (!ad_parse_accept(p, AD_TOK_RPAR)) {
        ad_parse_fail(p);
        return false;
    }
    *args_out = AD_PLIST(AdExprList, args);
    *kw_out = AD_PLIST(AdKeywordList, kws);
    return true;
}

AdExpr *ad_parse_call_tail(AdParser *p, AdExpr *func, int start_tok) {
    AdExprList args;
    AdKeywordList kws;
    if (!ad_parse_arguments(p, &args, &kws))
        return NULL;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_CALL, ad_parse_span(p, start_tok));
    if (e) {
        e->u.call.func = func;
        e->u.call.args = args;
        e->u.call.keywords = kws;
    }
    return e;
}

/* primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
 *        | primary '[' slices ']' | atom */
static AdExpr *trailers(AdParser *p, int start, AdExpr *a);

static AdExpr *primary(AdParser *p) {
    int start = p->pos;
    AdExpr *a = atom(p);
    if (!a || !p->no_diag)
        return trailers(p, start, a);
    /* Parsing only to word an error, as CPython's PEG would: a trailer that does not parse
     * is left out and the shorter primary stands. */
    for (;;) {
        int mark = p->pos;
        AdTokType t = ad_parse_at(p);
        if (t != AD_TOK_DOT && t != AD_TOK_LPAR && t != AD_TOK_LSQB)
            return a;
        AdExpr *b = trailers(p, start, a);
        if (b)
            return b;
        if (!ad_parse_rollback(p, mark))
            return NULL;
        return a;
    }
}

/* The '.' NAME, '(' arguments ')' and '[' slices ']' trailers of a primary. */
static AdExpr *trailers(AdParser *p, int start, AdExpr *a) {
    while (a) {
        AdTokType t = ad_parse_at(p);
        if (t == AD_TOK_DOT) {
            p->pos++;
            AdToken *n = ad_parse_peek(p, 0);
            if (n->type != AD_TOK_NAME)
                return ad_parse_fail(p);
            p->pos++;
            AdExpr *e = ad_parse_expr_node(p, AD_EXPR_ATTRIBUTE, ad_parse_span(p, start));
            if (!e || !(e->u.attribute.attr = ad_parse_ident(p, n)))
                return NULL;
            e->u.attribute.value = a;
            e->u.attribute.ctx = AD_CTX_LOAD;
            a = e;
        } else if (t == AD_TOK_LPAR) {
            a = ad_parse_call_tail(p, a, start);
        } else if (t == AD_TOK_LSQB) {
            p->pos++;
            AdExpr *s = slices(p);
            if (!s)
                return NULL;
            if (!ad_parse_accept(p, AD_TOK_RSQB))
                return ad_parse_fail(p);
            AdExpr *e = ad_parse_expr_node(p, AD_EXPR_SUBSCRIPT, ad_parse_span(p, start));
            if (!e)
                return NULL;
            e->u.subscript.value = a;
            e->u.subscript.slice = s;
            e->u.subscript.ctx = AD_CTX_LOAD;
            a = e;
        } else {
            break;
        }
    }
    return a;
}

/* ---- atoms ---------------------------------------------------------------------------- */

/* for_if_clause: ['async'] 'for' star_targets 'in' ~ disjunction ('if' disjunction)* */
static bool for_if_clauses(AdParser *p, AdComprehensionList *out) {
    AdPVec gens = {0};
    while (at_comprehension(p)) {
        AdComprehension *c = ad_parse_alloc(p, sizeof *c);
        if (!c)
            return false;
        c->is_async = ad_parse_accept(p, AD_TOK_ASYNC);
        p->pos++; /* 'for' */
        if (!(c->target = ad_parse_for_targets(p)))
            return false;
        p->pos++; /* 'in' */
        if (!(c->iter = ad_parse_disjunction(p)))
            return false;
        AdPVec ifs = {0};
        while (ad_parse_accept(p, AD_TOK_IF)) {
            AdExpr *cond = ad_parse_disjunction(p);
            if (!cond || !ad_parse_push(p, &ifs, cond))
                return false;
        }
        c->ifs = AD_PLIST(AdExprList, ifs);
        if (!ad_parse_push(p, &gens, c))
            return false;
    }
    *out = AD_PLIST(AdComprehensionList, gens);
    return true;
}

static AdExpr *comprehension_node(AdParser *p, AdExprKind kind, AdExpr *elt, AdExpr *value,
                                  int start, AdTokType close) {
    if (elt->kind == AD_EXPR_STARRED)
        return ad_parse_error_pos(p, elt->pos,
                                  "iterable unpacking cannot be used in comprehension");
    AdComprehensionList gens;
    if (!for_if_clauses(p, &gens))
        return NULL;
    if (!ad_parse_accept(p, close))
        return ad_parse_fail(p);
    AdExpr *e = ad_parse_expr_node(p, kind, ad_parse_span(p, start));
    if (e) {
        e->u.comp.elt = elt;
        e->u.comp.value = value;
        e->u.comp.generators = gens;
    }
    return e;
}

/* invalid_comprehension: [a, b for ...] -- once the for clauses parse (an error inside them
 * comes first). Always returns false with an error set. */
static bool forgot_parens_error(AdParser *p, AdPos at) {
    int mark = p->pos;
    AdComprehensionList gens;
    p->diag++;
    bool ok = for_if_clauses(p, &gens);
    p->diag--;
    if (!ok) {
        if (ad_parse_keep_specific(p, mark))
            ad_parse_fail(p);
        return false;
    }
    ad_parse_error_pos(p, at, "did you forget parentheses around the comprehension target?");
    return false;
}

/* The rest of a list, set or tuple display after its first item; stops before `close`.
 * Includes invalid_comprehension's "did you forget parentheses" for [a, b for ...]. */
static bool display_items(AdParser *p, AdPVec *elts, AdTokType close) {
    while (ad_parse_is(p, AD_TOK_COMMA)) {
        AdToken *comma = ad_parse_peek(p, 0);
        p->pos++;
        if (at_comprehension(p) && close != AD_TOK_RPAR) {
            AdExpr *first = elts->items[0];
            AdPos end = elts->n > 1 ? ((AdExpr *)elts->items[elts->n - 1])->pos
                                    : (AdPos){0, 0, comma->end_lineno, comma->end_col};
            return forgot_parens_error(p, ad_pos_join(first->pos, end));
        }
        if (ad_parse_is(p, close))
            break;
        AdExpr *e = ad_parse_star_named_expression(p);
        if (!e || !ad_parse_push(p, elts, e))
            return false;
    }
    if (elts->n > 1 && at_comprehension(p) && close != AD_TOK_RPAR)
        return forgot_parens_error(p, ad_pos_join(((AdExpr *)elts->items[0])->pos,
                                                  ((AdExpr *)elts->items[elts->n - 1])->pos));
    return true;
}

/* tuple | group | genexp (atom alternatives starting with '(') */
static AdExpr *paren_atom(AdParser *p) {
    int start = p->pos++;
    if (ad_parse_accept(p, AD_TOK_RPAR)) {
        AdPVec none = {0};
        AdExpr *t = tuple_node(p, &none, start);
        p->last_group = t;
        return t;
    }
    AdExpr *e;
    if (ad_parse_is(p, AD_TOK_YIELD)) {
        e = ad_parse_yield_expr(p);
        if (e && !ad_parse_accept(p, AD_TOK_RPAR))
            return ad_parse_fail(p);
        p->last_group = e;
        return e;
    }
    e = ad_parse_star_named_expression(p);
    if (!e)
        return NULL;
    if (at_comprehension(p))
        return comprehension_node(p, AD_EXPR_GENERATOREXP, e, NULL, start, AD_TOK_RPAR);
    if (ad_parse_is(p, AD_TOK_COMMA)) {
        AdPVec elts = {0};
        if (!ad_parse_push(p, &elts, e) || !display_items(p, &elts, AD_TOK_RPAR))
            return NULL;
        if (!ad_parse_accept(p, AD_TOK_RPAR))
            return ad_parse_fail(p);
        AdExpr *t = tuple_node(p, &elts, start);
        p->last_group = t;
        return t;
    }
    if (!ad_parse_accept(p, AD_TOK_RPAR))
        return ad_parse_fail(p);
    if (e->kind == AD_EXPR_STARRED)
        return ad_parse_error_pos(p, e->pos, "cannot use starred expression here");
    p->last_group = e;
    return e;
}

/* list | listcomp */
static AdExpr *list_atom(AdParser *p) {
    int start = p->pos++;
    AdPVec elts = {0};
    if (!ad_parse_is(p, AD_TOK_RSQB)) {
        AdExpr *e = ad_parse_star_named_expression(p);
        if (!e)
            return NULL;
        if (at_comprehension(p))
            return comprehension_node(p, AD_EXPR_LISTCOMP, e, NULL, start, AD_TOK_RSQB);
        if (!ad_parse_push(p, &elts, e) || !display_items(p, &elts, AD_TOK_RSQB))
            return NULL;
    }
    if (!ad_parse_accept(p, AD_TOK_RSQB))
        return ad_parse_fail(p);
    AdExpr *l = ad_parse_expr_node(p, AD_EXPR_LIST, ad_parse_span(p, start));
    if (l) {
        l->u.list.elts = AD_PLIST(AdExprList, elts);
        l->u.list.ctx = AD_CTX_LOAD;
    }
    return l;
}

/* double_starred_kvpair: '**' bitwise_or | expression ':' expression */
static bool dict_items(AdParser *p, AdPVec *keys, AdPVec *values) {
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        if (ad_parse_is(p, AD_TOK_RBRACE))
            break;
        AdExpr *k = NULL, *v;
        if (ad_parse_accept(p, AD_TOK_DOUBLESTAR)) {
            v = ad_parse_bitwise_or(p);
        } else {
            k = ad_parse_expression(p);
            if (!k)
                return false;
            if (!ad_parse_accept(p, AD_TOK_COLON)) {
                ad_parse_fail(p);
                return false;
            }
            v = ad_parse_expression(p);
        }
        if (!v || !ad_parse_push(p, keys, k) || !ad_parse_push(p, values, v))
            return false;
    }
    return true;
}

/* dict | set | dictcomp | setcomp */
static AdExpr *brace_atom(AdParser *p) {
    int start = p->pos++;
    AdPVec keys = {0}, values = {0};
    AdExpr *first_key = NULL, *first_value;
    if (ad_parse_is(p, AD_TOK_RBRACE)) {
        p->pos++;
        return ad_parse_expr_node(p, AD_EXPR_DICT, ad_parse_span(p, start));
    }
    if (ad_parse_is(p, AD_TOK_DOUBLESTAR)) {
        int s = p->pos++;
        first_value = ad_parse_bitwise_or(p);
        if (!first_value)
            return NULL;
        if (at_comprehension(p))
            return ad_parse_error_pos(p, ad_parse_span(p, s),
                                      "dict unpacking cannot be used in dict comprehension");
    } else {
        AdExpr *e = ad_parse_star_named_expression(p);
        if (!e)
            return NULL;
        if (!ad_parse_is(p, AD_TOK_COLON) || e->kind == AD_EXPR_STARRED) {
            /* a set */
            if (at_comprehension(p))
                return comprehension_node(p, AD_EXPR_SETCOMP, e, NULL, start, AD_TOK_RBRACE);
            AdPVec elts = {0};
            if (!ad_parse_push(p, &elts, e) || !display_items(p, &elts, AD_TOK_RBRACE))
                return NULL;
            if (!ad_parse_accept(p, AD_TOK_RBRACE))
                return ad_parse_fail(p);
            AdExpr *s = ad_parse_expr_node(p, AD_EXPR_SET, ad_parse_span(p, start));
            if (s)
                s->u.set.elts = AD_PLIST(AdExprList, elts);
            return s;
        }
        if (e->kind == AD_EXPR_NAMEDEXPR && p->last_group != e)
            return ad_parse_fail(p);
        p->pos++; /* ':' */
        first_key = e;
        first_value = ad_parse_expression(p);
        if (!first_value)
            return NULL;
        if (at_comprehension(p))
            return comprehension_node(p, AD_EXPR_DICTCOMP, first_key, first_value, start,
                                      AD_TOK_RBRACE);
    }
    if (!ad_parse_push(p, &keys, first_key) || !ad_parse_push(p, &values, first_value) ||
        !dict_items(p, &keys, &values))
        return NULL;
    if (!ad_parse_accept(p, AD_TOK_RBRACE))
        return ad_parse_fail(p);
    AdExpr *d = ad_parse_expr_node(p, AD_EXPR_DICT, ad_parse_span(p, start));
    if (d) {
        d->u.dict.keys = AD_PLIST(AdExprList, keys);
        d->u.dict.values = AD_PLIST(AdExprList, values);
    }
    return d;
}

/* atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER | (tuple | group | genexp)
 *     | (list | listcomp) | (dict | set | dictcomp | setcomp) | '...' */
static AdExpr *atom(AdParser *p) {
    AdToken *t = ad_parse_peek(p, 0);
    AdExpr *e;
    switch (t->type) {
    case AD_TOK_NAME:
        p->pos++;
        return name_node(p, t, AD_CTX_LOAD);
    case AD_TOK_TRUE:
    case AD_TOK_FALSE:
    case AD_TOK_NONE:
    case AD_TOK_ELLIPSIS:
        p->pos++;
        e = constant_node(p,
                          t->type == AD_TOK_TRUE    ? AD_CONST_TRUE
                          : t->type == AD_TOK_FALSE ? AD_CONST_FALSE
                          : t->type == AD_TOK_NONE  ? AD_CONST_NONE
                                                    : AD_CONST_ELLIPSIS,
                          t);
        return e;
    case AD_TOK_STRING:
        return ad_parse_strings(p);
    case AD_TOK_NUMBER:
        return ad_parse_number(p);
    case AD_TOK_LPAR:
        return paren_atom(p);
    case AD_TOK_LSQB:
        return list_atom(p);
    case AD_TOK_LBRACE:
        return brace_atom(p);
    default:
        return ad_parse_fail(p);
    }
}

/* ---- yield and lambda ----------------------------------------------------------------- */

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
AdExpr *ad_parse_yield_expr(AdParser *p) {
    int start = p->pos++;
    if (ad_parse_accept(p, AD_TOK_FROM)) {
        AdExpr *v = ad_parse_expression(p);
        AdExpr *e = v ? ad_parse_expr_node(p, AD_EXPR_YIELDFROM, ad_parse_span(p, start)) : NULL;
        if (e)
            e->u.yieldfrom.value = v;
        return e;
    }
    AdExpr *v = NULL;
    AdTokType t = ad_parse_at(p);
    if ((t == AD_TOK_STAR || ad_parse_starts_expr(t)) && !(v = ad_parse_star_expressions(p)))
        return NULL;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_YIELD, ad_parse_span(p, start));
    if (e)
        e->u.yield.value = v;
    return e;
}

/* lambdef: 'lambda' [lambda_params] ':' expression */
static AdExpr *lambdef(AdParser *p) {
    int start = p->pos++;
    AdArguments *args =
        ad_parse_is(p, AD_TOK_COLON) ? ad_parse_empty_arguments(p) : ad_parse_params(p, true);
    if (!args)
        return NULL;
    if (!ad_parse_accept(p, AD_TOK_COLON))
        return ad_parse_fail(p);
    AdExpr *body = ad_parse_expression(p);
    if (!body)
        return NULL;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_LAMBDA, ad_parse_span(p, start));
    if (e) {
        e->u.lambda.args = args;
        e->u.lambda.body = body;
    }
    return e;
}
