/*
 * parser_pattern.c - the match statement and its patterns (grammar/python.gram, "Match
 * statement"). `match` and `case` are soft keywords: a line starting with `match` is a
 * match statement only when a subject expression and ':' follow, otherwise it is parsed
 * again as an ordinary statement (so `match = 1` and `match(x)` keep working).
 *
 * Patterns are their own small grammar; the expressions they contain (literals, dotted
 * names, guards) are built with the expression parser's node constructors.
 */
#include "parser.h"

#include <string.h>

static AdPattern *pattern(AdParser *p);
static AdPattern *closed_pattern(AdParser *p);

static AdPattern *pattern_node(AdParser *p, AdPatternKind kind, AdPos pos) {
    AdPattern *pt = ad_parse_alloc(p, sizeof *pt);
    if (pt) {
        pt->kind = kind;
        pt->pos = pos;
    }
    return pt;
}

static AdPos tok_pos(const AdToken *t) {
    AdPos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
    return pos;
}

static bool is_wildcard(AdParser *p) {
    return ad_parse_is_word(p, 0, "_");
}

/* pattern_capture_target: !"_" NAME !('.' | '(' | '=') ; returns the name */
static const char *capture_target(AdParser *p) {
    AdToken *t = ad_parse_peek(p, 0);
    AdTokType next = ad_parse_peek(p, 1)->type;
    if (t->type != AD_TOK_NAME || is_wildcard(p) || next == AD_TOK_DOT || next == AD_TOK_LPAR ||
        next == AD_TOK_EQUAL)
        return ad_parse_fail(p);
    p->pos++;
    return ad_parse_ident(p, t);
}

/* signed_number !('+' | '-') | complex_number
 * complex_number: signed_real_number ('+' | '-') imaginary_number */
static AdExpr *number_literal(AdParser *p) {
    int start = p->pos;
    bool neg = ad_parse_accept(p, AD_TOK_MINUS);
    if (!ad_parse_is(p, AD_TOK_NUMBER))
        return ad_parse_fail(p);
    AdExpr *value = ad_parse_number(p);
    if (!value)
        return NULL;
    AdExpr *real = value;
    if (neg) {
        AdExpr *u = ad_parse_expr_node(p, AD_EXPR_UNARYOP, ad_parse_span(p, start));
        if (!u)
            return NULL;
        u->u.unaryop.op = AD_PUN_NEG;
        u->u.unaryop.operand = value;
        real = u;
    }
    AdTokType t = ad_parse_at(p);
    if (t != AD_TOK_PLUS && t != AD_TOK_MINUS)
        return real;
    if (value->u.constant.kind == AD_CONST_IMAG)
        return ad_parse_error_pos(p, value->pos, "real number required in complex literal");
    p->pos++;
    if (!ad_parse_is(p, AD_TOK_NUMBER))
        return ad_parse_fail(p);
    AdExpr *imag = ad_parse_number(p);
    if (!imag)
        return NULL;
    if (imag->u.constant.kind != AD_CONST_IMAG)
        return ad_parse_error_pos(p, imag->pos, "imaginary number required in complex literal");
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_BINOP, ad_parse_span(p, start));
    if (e) {
        e->u.binop.left = real;
        e->u.binop.op = t == AD_TOK_PLUS ? AD_PBIN_ADD : AD_PBIN_SUB;
        e->u.binop.right = imag;
    }
    return e;
}

static AdExpr *string_literal(AdParser *p) {
    AdExpr *s = ad_parse_strings(p);
    if (s && s->kind == AD_EXPR_JOINEDSTR)
        return ad_parse_error_pos(p, s->pos,
                                  "patterns may only match literals and attribute lookups");
    return s;
}

/* name_or_attr: attr | NAME ; attr: name_or_attr '.' NAME */
static AdExpr *name_or_attr(AdParser *p, bool *dotted) {
    int start = p->pos;
    AdToken *t = ad_parse_peek(p, 0);
    p->pos++;
    AdExpr *e = ad_parse_expr_node(p, AD_EXPR_NAME, tok_pos(t));
    if (!e || !(e->u.name.id = ad_parse_ident(p, t)))
        return NULL;
    *dotted = false;
    while (ad_parse_is(p, AD_TOK_DOT)) {
        AdToken *n = ad_parse_peek(p, 1);
        if (n->type != AD_TOK_NAME) {
            p->pos++;
            return ad_parse_fail(p);
        }
        p->pos += 2;
        AdExpr *a = ad_parse_expr_node(p, AD_EXPR_ATTRIBUTE, ad_parse_span(p, start));
        if (!a || !(a->u.attribute.attr = ad_parse_ident(p, n)))
            return NULL;
        a->u.attribute.value = e;
        e = a;
        *dotted = true;
    }
    return e;
}

static AdPattern *value_pattern(AdParser *p, AdExpr *value) {
    AdPattern *pt = pattern_node(p, AD_PAT_VALUE, value->pos);
    if (pt)
        pt->u.value.value = value;
    return pt;
}

/* star_pattern: '*' pattern_capture_target | '*' wildcard_pattern ; or a pattern */
static AdPattern *maybe_star_pattern(AdParser *p) {
    if (!ad_parse_is(p, AD_TOK_STAR))
        return pattern(p);
    int start = p->pos++;
    const char *name = NULL;
    if (is_wildcard(p))
        p->pos++;
    else if (!(name = capture_target(p)))
        return NULL;
    AdPattern *pt = pattern_node(p, AD_PAT_STAR, ad_parse_span(p, start));
    if (pt)
        pt->u.star.name = name;
    return pt;
}

/* maybe_sequence_pattern: ','.maybe_star_pattern+ ','? (up to `close`) */
static AdPattern *sequence_rest(AdParser *p, int start, AdPVec *items, AdTokType close) {
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        if (ad_parse_is(p, close))
            break;
        AdPattern *pt = maybe_star_pattern(p);
        if (!pt || !ad_parse_push(p, items, pt))
            return NULL;
    }
    if (!ad_parse_accept(p, close))
        return ad_parse_fail(p);
    AdPattern *seq = pattern_node(p, AD_PAT_SEQUENCE, ad_parse_span(p, start));
    if (seq)
        seq->u.sequence.patterns = AD_PLIST(AdPatternList, *items);
    return seq;
}

/* group_pattern: '(' pattern ')'
 * sequence_pattern: '[' maybe_sequence_pattern? ']' | '(' open_sequence_pattern? ')' */
static AdPattern *bracket_pattern(AdParser *p) {
    int start = p->pos;
    bool paren = ad_parse_peek(p, 0)->type == AD_TOK_LPAR;
    AdTokType close = paren ? AD_TOK_RPAR : AD_TOK_RSQB;
    p->pos++;
    AdPVec items = {0};
    if (ad_parse_is(p, close))
        return sequence_rest(p, start, &items, close);
    AdPattern *first = maybe_star_pattern(p);
    if (!first)
        return NULL;
    if (paren && !ad_parse_is(p, AD_TOK_COMMA)) {
        if (first->kind == AD_PAT_STAR || !ad_parse_accept(p, AD_TOK_RPAR))
            return ad_parse_fail(p);
        return first;
    }
    if (!ad_parse_push(p, &items, first))
        return NULL;
    return sequence_rest(p, start, &items, close);
}

/* key_value_pattern's key: literal_expr | attr */
static AdExpr *mapping_key(AdParser *p) {
    AdToken *t = ad_parse_peek(p, 0);
    switch (t->type) {
    case AD_TOK_NUMBER:
    case AD_TOK_MINUS:
        return number_literal(p);
    case AD_TOK_STRING:
        return string_literal(p);
    case AD_TOK_NONE:
    case AD_TOK_TRUE:
    case AD_TOK_FALSE: {
        p->pos++;
        AdExpr *c = ad_parse_expr_node(p, AD_EXPR_CONSTANT, tok_pos(t));
        if (c)
            c->u.constant.kind = t->type == AD_TOK_NONE   ? AD_CONST_NONE
                                 : t->type == AD_TOK_TRUE ? AD_CONST_TRUE
                                                          : AD_CONST_FALSE;
        return c;
    }
    case AD_TOK_NAME: {
        bool dotted;
        AdExpr *e = name_or_attr(p, &dotted);
        if (e && !dotted)
            return ad_parse_fail(p);
        return e;
    }
    default:
        return ad_parse_fail(p);
    }
}

/* mapping_pattern: '{' [items_pattern ','] [double_star_pattern ','?] '}' */
static AdPattern *mapping_pattern(AdParser *p) {
    int start = p->pos++;
    AdPVec keys = {0}, pats = {0};
    const char *rest = NULL;
    while (!ad_parse_is(p, AD_TOK_RBRACE)) {
        if (ad_parse_accept(p, AD_TOK_DOUBLESTAR)) {
            if (!(rest = capture_target(p)))
                return NULL;
            ad_parse_accept(p, AD_TOK_COMMA);
            break;
        }
        AdExpr *key = mapping_key(p);
        if (!key)
            return NULL;
        if (!ad_parse_accept(p, AD_TOK_COLON))
            return ad_parse_fail(p);
        AdPattern *v = pattern(p);
        if (!v || !ad_parse_push(p, &keys, key) || !ad_parse_push(p, &pats, v))
            return NULL;
        if (!ad_parse_accept(p, AD_TOK_COMMA))
            break;
    }
    if (!ad_parse_accept(p, AD_TOK_RBRACE))
        return ad_parse_fail(p);
    AdPattern *pt = pattern_node(p, AD_PAT_MAPPING, ad_parse_span(p, start));
    if (pt) {
        pt->u.mapping.keys = AD_PLIST(AdExprList, keys);
        pt->u.mapping.patterns = AD_PLIST(AdPatternList, pats);
        pt->u.mapping.rest = rest;
    }
    return pt;
}

/* class_pattern: name_or_attr '(' [positional_patterns ','] [keyword_patterns] ','? ')' */
static AdPattern *class_pattern(AdParser *p, int start, AdExpr *cls) {
    p->pos++; /* '(' */
    AdPVec pats = {0}, attrs = {0}, kwpats = {0};
    while (!ad_parse_is(p, AD_TOK_RPAR)) {
        AdToken *t = ad_parse_peek(p, 0);
        if (t->type == AD_TOK_NAME && ad_parse_peek(p, 1)->type == AD_TOK_EQUAL) {
            p->pos += 2;
            const char *attr = ad_parse_ident(p, t);
            AdPattern *v = attr ? pattern(p) : NULL;
            if (!v || !ad_parse_push(p, &attrs, (void *)attr) || !ad_parse_push(p, &kwpats, v))
                return NULL;
        } else {
            AdPattern *v = pattern(p);
            if (!v)
                return NULL;
            if (attrs.n)
                return ad_parse_error_pos(p, v->pos, "positional patterns follow keyword patterns");
            if (!ad_parse_push(p, &pats, v))
                return NULL;
        }
        if (!ad_parse_accept(p, AD_TOK_COMMA))
            break;
    }
    if (!ad_parse_accept(p, AD_TOK_RPAR))
        return ad_parse_fail(p);
    AdPattern *pt = pattern_node(p, AD_PAT_CLASS, ad_parse_span(p, start));
    if (pt) {
        pt->u.cls.cls = cls;
        pt->u.cls.patterns = AD_PLIST(AdPatternList, pats);
        pt->u.cls.kwd_attrs = AD_PLIST(AdNameList, attrs);
        pt->u.cls.kwd_patterns = AD_PLIST(AdPatternList, kwpats);
    }
    return pt;
}

/* closed_pattern: literal_pattern | capture_pattern | wildcard_pattern | value_pattern
 *               | group_pattern | sequence_pattern | mapping_pattern | class_pattern */
static AdPattern *closed_pattern(AdParser *p) {
    AdToken *t = ad_parse_peek(p, 0);
    switch (t->type) {
    case AD_TOK_NUMBER:
    case AD_TOK_MINUS: {
        AdExpr *v = number_literal(p);
        return v ? value_pattern(p, v) : NULL;
    }
    case AD_TOK_STRING: {
        AdExpr *v = string_literal(p);
        return v ? value_pattern(p, v) : NULL;
    }
    case AD_TOK_NONE:
    case AD_TOK_TRUE:
    case AD_TOK_FALSE: {
        p->pos++;
        AdPattern *pt = pattern_node(p, AD_PAT_SINGLETON, tok_pos(t));
        if (pt)
            pt->u.singleton.value.kind = t->type == AD_TOK_NONE   ? AD_CONST_NONE
                                         : t->type == AD_TOK_TRUE ? AD_CONST_TRUE
                                                                  : AD_CONST_FALSE;
        return pt;
    }
    case AD_TOK_LPAR:
    case AD_TOK_LSQB:
        return bracket_pattern(p);
    case AD_TOK_LBRACE:
        return mapping_pattern(p);
    case AD_TOK_NAME: {
        AdTokType next = ad_parse_peek(p, 1)->type;
        if (is_wildcard(p) && next != AD_TOK_DOT && next != AD_TOK_LPAR) {
            p->pos++;
            return pattern_node(p, AD_PAT_AS, tok_pos(t));
        }
        int start = p->pos;
        bool dotted;
        AdExpr *e = name_or_attr(p, &dotted);
        if (!e)
            return NULL;
        if (ad_parse_is(p, AD_TOK_LPAR))
            return class_pattern(p, start, e);
        if (dotted)
            return value_pattern(p, e);
        if (ad_parse_is(p, AD_TOK_EQUAL))
            return ad_parse_fail(p);
        AdPattern *pt = pattern_node(p, AD_PAT_AS, tok_pos(t));
        if (pt)
            pt->u.as.name = e->u.name.id;
        return pt;
    }
    default:
        return ad_parse_fail(p);
    }
}

/* or_pattern: '|'.closed_pattern+ */
static AdPattern *or_pattern(AdParser *p) {
    int start = p->pos;
    AdPattern *first = closed_pattern(p);
    if (!first || !ad_parse_is(p, AD_TOK_VBAR))
        return first;
    AdPVec alts = {0};
    if (!ad_parse_push(p, &alts, first))
        return NULL;
    while (ad_parse_accept(p, AD_TOK_VBAR)) {
        AdPattern *pt = closed_pattern(p);
        if (!pt || !ad_parse_push(p, &alts, pt))
            return NULL;
    }
    AdPattern *pt = pattern_node(p, AD_PAT_OR, ad_parse_span(p, start));
    if (pt)
        pt->u.or_.patterns = AD_PLIST(AdPatternList, alts);
    return pt;
}

/* pattern: as_pattern | or_pattern ; as_pattern: or_pattern 'as' pattern_capture_target */
static AdPattern *pattern(AdParser *p) {
    if (!ad_parse_enter(p))
        return NULL;
    int start = p->pos;
    AdPattern *o = or_pattern(p);
    ad_parse_leave(p);
    if (!o || !ad_parse_accept(p, AD_TOK_AS))
        return o;
    if (is_wildcard(p))
        return ad_parse_error_tok(p, ad_parse_peek(p, 0), "cannot use '_' as a target");
    const char *name = capture_target(p);
    if (!name)
        return NULL;
    AdPattern *pt = pattern_node(p, AD_PAT_AS, ad_parse_span(p, start));
    if (pt) {
        pt->u.as.pattern = o;
        pt->u.as.name = name;
    }
    return pt;
}

/* patterns: open_sequence_pattern | pattern */
static AdPattern *patterns(AdParser *p) {
    int start = p->pos;
    AdPattern *first = maybe_star_pattern(p);
    if (!first)
        return NULL;
    if (!ad_parse_is(p, AD_TOK_COMMA)) {
        if (first->kind == AD_PAT_STAR)
            return ad_parse_fail(p);
        return first;
    }
    AdPVec items = {0};
    if (!ad_parse_push(p, &items, first))
        return NULL;
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        AdTokType t = ad_parse_at(p);
        if (t == AD_TOK_COLON || t == AD_TOK_IF)
            break;
        AdPattern *pt = maybe_star_pattern(p);
        if (!pt || !ad_parse_push(p, &items, pt))
            return NULL;
    }
    AdPattern *seq = pattern_node(p, AD_PAT_SEQUENCE, ad_parse_span(p, start));
    if (seq)
        seq->u.sequence.patterns = AD_PLIST(AdPatternList, items);
    return seq;
}

/* case_block: "case" patterns guard? ':' block ; guard: 'if' named_expression */
static AdMatchCase *case_block(AdParser *p) {
    int line = ad_parse_peek(p, 0)->lineno;
    p->pos++;
    AdMatchCase *c = ad_parse_alloc(p, sizeof *c);
    if (!c || !(c->pattern = patterns(p)))
        return NULL;
    if (ad_parse_accept(p, AD_TOK_IF) && !(c->guard = ad_parse_named_expression(p)))
        return NULL;
    if (!ad_parse_expect_colon(p, false) || !ad_parse_block(p, &c->body, "'case' statement", line))
        return NULL;
    return c;
}

/* subject_expr: star_named_expression ',' star_named_expressions? | named_expression */
static AdExpr *subject_expr(AdParser *p) {
    int start = p->pos;
    AdExpr *first = ad_parse_star_named_expression(p);
    if (!first || !ad_parse_is(p, AD_TOK_COMMA))
        return first;
    AdPVec elts = {0};
    if (!ad_parse_push(p, &elts, first))
        return NULL;
    while (ad_parse_accept(p, AD_TOK_COMMA)) {
        AdTokType t = ad_parse_at(p);
        if (t != AD_TOK_STAR && !ad_parse_starts_expr(t))
            break;
        AdExpr *e = ad_parse_star_named_expression(p);
        if (!e || !ad_parse_push(p, &elts, e))
            return NULL;
    }
    AdExpr *tuple = ad_parse_expr_node(p, AD_EXPR_TUPLE, ad_parse_span(p, start));
    if (tuple) {
        tuple->u.tuple.elts = AD_PLIST(AdExprList, elts);
        tuple->u.tuple.ctx = AD_CTX_LOAD;
    }
    return tuple;
}

/* match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT */
AdStmt *ad_parse_match_stmt(AdParser *p, bool *is_match) {
    int start = p->pos;
    int line = ad_parse_peek(p, 0)->lineno;
    *is_match = true;
    p->pos++;
    AdTokType t = ad_parse_at(p);
    AdExpr *subject = NULL;
    if (t == AD_TOK_STAR || ad_parse_starts_expr(t)) {
        p->no_diag++;
        subject = subject_expr(p);
        p->no_diag--;
    }
    if (!subject || !ad_parse_is(p, AD_TOK_COLON)) {
        /* not a match statement after all */
        if (p->error && !ad_parse_rollback(p, start))
            return NULL;
        p->pos = start;
        *is_match = false;
        return NULL;
    }
    p->pos++;
    if (!ad_parse_accept(p, AD_TOK_NEWLINE))
        return ad_parse_fail(p);
    AdToken *ind = ad_parse_peek(p, 0);
    if (ind->type != AD_TOK_INDENT)
        return ad_parse_error(p, ind->lineno, ind->col, ind->end_lineno, ind->end_col, true,
                              "expected an indented block after 'match' statement on line %d",
                              line);
    p->pos++;
    AdPVec cases = {0};
    while (ad_parse_is_word(p, 0, "case")) {
        AdMatchCase *c = case_block(p);
        if (!c || !ad_parse_push(p, &cases, c))
            return NULL;
    }
    if (cases.n == 0 || !ad_parse_accept(p, AD_TOK_DEDENT))
        return ad_parse_fail(p);
    AdStmt *s = ad_parse_stmt_node(p, AD_STMT_MATCH, ad_parse_span(p, start));
    if (s) {
        s->u.match.subject = subject;
        s->u.match.cases = AD_PLIST(AdMatchCaseList, cases);
    }
    return s;
}
