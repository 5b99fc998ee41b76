/*
 * ast.c - the arena every AST node lives in, and ad_ast_dump(), which prints a tree the way
 * Python's ast.dump() does (so tests compare with `python3 -c "import ast; ..."`).
 *
 * Invariant: an arena is a list of blocks; memory is only given back when the whole arena
 * goes (ad_arena_free). The dumper only reads the tree; positions are not printed, as
 * ast.dump() leaves them out by default. Literal reprs follow CPython's repr() for the
 * common cases (str quoting and escapes, shortest float repr, big ints in decimal).
 */
#include "ast.h"
#include "lexer.h"
#include "parser.h"

#include <math.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ---------------------------------------------------------------------------- */

struct AdArenaBlock {
    AdArenaBlock *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_BLOCK = 32 * 1024 };

void ad_arena_init(AdArena *a) {
    a->blocks = NULL;
}

void *ad_arena_alloc(AdArena *a, size_t size) {
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    AdArenaBlock *b = a->blocks;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
        AdArenaBlock *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        if (b && cap != ARENA_BLOCK) {
            /* a big lone allocation goes behind the current block so that block keeps
             * serving small requests */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->blocks = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *ad_arena_strndup(AdArena *a, const char *s, size_t n) {
    char *d = ad_arena_alloc(a, n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void ad_arena_free(AdArena *a) {
    AdArenaBlock *b = a->blocks;
    while (b) {
        AdArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->blocks = NULL;
}

void ad_ast_free(AdModuleAst *m) {
    if (!m)
        return;
    AdArena a = m->arena; /* m itself lives in its arena */
    ad_arena_free(&a);
}

/* ---- dump: output helpers ------------------------------------------------------------- */

typedef struct {
    AdLexBuf b;
    bool attrs; /* also print positions (ast.dump's include_attributes=True) */
} Out;

static void put(Out *o, const char *s) {
    ad_lexbuf_put(&o->b, s, strlen(s));
}

static void putf(Out *o, const char *fmt, ...) {
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(o, tmp);
}

/* Close a node that has positions: ", lineno=..." when asked for, then ')'. */
static void close_pos(Out *o, AdPos pos) {
    if (o->attrs) {
        bool empty = o->b.len && o->b.data[o->b.len - 1] == '(';
        putf(o, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", empty ? "" : ", ",
             pos.lineno, pos.col_offset, pos.end_lineno, pos.end_col_offset);
    }
    put(o, ")");
}

/* Is code point cp printed as itself by repr()? (An approximation of str.isprintable.) */
static bool repr_printable(uint32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD)
        return false;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || (cp >= 0xD800 && cp <= 0xF8FF) ||
        cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF ||
        cp >= 0xE0000)
        return false;
    return true;
}

/* Decode one UTF-8 sequence leniently (our strings may hold encoded lone surrogates). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i) {
    unsigned c = s[*i];
    int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (*i + (size_t)len > n)
        len = 1;
    uint32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len; k++)
        cp = (cp << 6) | (s[*i + (size_t)k] & 0x3F);
    *i += (size_t)len;
    return cp;
}

static void put_str_repr(Out *o, const char *s, size_t n, bool bytes) {
    bool has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    if (bytes)
        put(o, "b");
    ad_lexbuf_putc(&o->b, q);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t cp = bytes ? u[i++] : next_cp(u, n, &i);
        if (cp == (uint32_t)q || cp == '\\') {
            ad_lexbuf_putc(&o->b, '\\');
            ad_lexbuf_putc(&o->b, (int)cp);
        } else if (cp == '\n') {
            put(o, "\\n");
        } else if (cp == '\r') {
            put(o, "\\r");
        } else if (cp == '\t') {
            put(o, "\\t");
        } else if (bytes ? (cp < 0x20 || cp >= 0x7F) : !repr_printable(cp)) {
            if (cp < 0x100)
                putf(o, "\\x%02x", (unsigned)cp);
            else if (cp < 0x10000)
                putf(o, "\\u%04x", (unsigned)cp);
            else
                putf(o, "\\U%08x", (unsigned)cp);
        } else {
            ad_lexbuf_put(&o->b, s + at, i - at);
        }
    }
    ad_lexbuf_putc(&o->b, q);
}

/* repr() of a float: the shortest digits that read back the same, laid out as CPython's
 * float_repr_style 'short' does (exponent form outside 1e-4 <= |x| < 1e16). */
static void put_float_repr(Out *o, double v, bool imag) {
    if (isinf(v)) {
        put(o, v < 0 ? "-inf" : "inf");
        return;
    }
    if (isnan(v)) {
        put(o, "nan");
        return;
    }
    char buf[64];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* buf: [-]d[.ddd]e[+-]XX */
    char digits[32];
    int nd = 0;
    const char *p = buf;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e'; p++) {
        if (*p != '.')
            digits[nd++] = *p;
    }
    int exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    int decpt = exp10 + 1;
    if (neg)
        put(o, "-");
    if (decpt <= -4 || decpt > 16) {
        ad_lexbuf_putc(&o->b, digits[0]);
        if (nd > 1) {
            put(o, ".");
            put(o, digits + 1);
        }
        putf(o, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    } else if (decpt <= 0) {
        put(o, "0.");
        for (int i = 0; i < -decpt; i++)
            put(o, "0");
        put(o, digits);
    } else {
        for (int i = 0; i < decpt; i++)
            ad_lexbuf_putc(&o->b, i < nd ? digits[i] : '0');
        if (nd > decpt) {
            put(o, ".");
            put(o, digits + decpt);
        } else if (!imag) {
            put(o, ".0");
        }
    }
    if (imag)
        put(o, "j");
}

/* A big int literal in decimal: base conversion by repeated multiply-add on 10^9 limbs. */
static void put_big_int(Out *o, const char *digits, int base) {
    if (base == 10) {
        put(o, digits);
        return;
    }
    size_t n = strlen(digits), cap = n + 2, used = 1;
    uint32_t *limbs = calloc(cap, sizeof *limbs); /* little-endian base 1e9 */
    if (!limbs) {
        o->b.oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        int c = digits[i];
        uint64_t carry = (uint64_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        for (size_t k = 0; k < used; k++) {
            uint64_t x = (uint64_t)limbs[k] * (uint64_t)base + carry;
            limbs[k] = (uint32_t)(x % 1000000000u);
            carry = x / 1000000000u;
        }
        if (carry)
            limbs[used++] = (uint32_t)carry;
    }
    putf(o, "%u", limbs[used - 1]);
    for (size_t k = used - 1; k-- > 0;)
        putf(o, "%09u", limbs[k]);
    free(limbs);
}

static void put_const(Out *o, const AdConst *c) {
    switch (c->kind) {
    case AD_CONST_NONE:
        put(o, "None");
        break;
    case AD_CONST_TRUE:
        put(o, "True");
        break;
    case AD_CONST_FALSE:
        put(o, "False");
        break;
    case AD_CONST_ELLIPSIS:
        put(o, "Ellipsis");
        break;
    case AD_CONST_INT:
        if (c->big)
            put_big_int(o, c->big, c->base);
        else
            putf(o, "%lld", (long long)c->ival);
        break;
    case AD_CONST_FLOAT:
        put_float_repr(o, c->fval, false);
        break;
    case AD_CONST_IMAG:
        put_float_repr(o, c->fval, true);
        break;
    case AD_CONST_STR:
        put_str_repr(o, c->str, c->len, false);
        break;
    case AD_CONST_BYTES:
        put_str_repr(o, c->str, c->len, true);
        break;
    }
}

/* ---- dump: nodes ---------------------------------------------------------------------- */

static void dump_expr(Out *o, const AdExpr *e);
static void dump_stmts(Out *o, const AdStmtList *l);
static void dump_pattern(Out *o, const AdPattern *pt);

static const char *const binop_names[] = {
    /* in AD_BINOP_* order */
    "Add",   "BitAnd", "FloorDiv", "LShift", "MatMult", "Mult",   "Mod",
    "BitOr", "Pow",    "RShift",   "Sub",    "Div",     "BitXor",
};
static const char *const unary_names[] = {"USub", "UAdd", "Invert", "Not"};
static const char *const cmp_names[] = {"Lt",  "LtE", "Eq",    "NotEq", "Gt",
                                        "GtE", "Is",  "IsNot", "In",    "NotIn"};
static const char *const ctx_names[] = {"Load()", "Store()", "Del()"};

static void dump_exprs(Out *o, const AdExprList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(o, ", ");
        if (l->items[i])
            dump_expr(o, l->items[i]);
        else
            put(o, "None");
    }
    put(o, "]");
}

static void dump_names(Out *o, const AdNameList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(o, ", ");
        put_str_repr(o, l->items[i], strlen(l->items[i]), false);
    }
    put(o, "]");
}

static void put_name(Out *o, const char *field, const char *s) {
    putf(o, "%s=", field);
    put_str_repr(o, s, strlen(s), false);
}

/* ", field=<expr>" when e is present: ast.dump leaves out optional fields that are None */
static void opt_expr(Out *o, const char *field, const AdExpr *e) {
    if (e) {
        putf(o, ", %s=", field);
        dump_expr(o, e);
    }
}

static void dump_arg(Out *o, const AdArg *a) {
    put(o, "arg(");
    put_name(o, "arg", a->arg);
    opt_expr(o, "annotation", a->annotation);
    close_pos(o, a->pos);
}

static void dump_args_list(Out *o, const AdArgList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(o, ", ");
        dump_arg(o, l->items[i]);
    }
    put(o, "]");
}

static void dump_arguments(Out *o, const AdArguments *a) {
    put(o, "arguments(posonlyargs=");
    dump_args_list(o, &a->posonlyargs);
    put(o, ", args=");
    dump_args_list(o, &a->args);
    if (a->vararg) {
        put(o, ", vararg=");
        dump_arg(o, a->vararg);
    }
    put(o, ", kwonlyargs=");
    dump_args_list(o, &a->kwonlyargs);
    put(o, ", kw_defaults=");
    dump_exprs(o, &a->kw_defaults);
    if (a->kwarg) {
        put(o, ", kwarg=");
        dump_arg(o, a->kwarg);
    }
    put(o, ", defaults=");
    dump_exprs(o, &a->defaults);
    put(o, ")");
}

static void dump_keywords(Out *o, const AdKeywordList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        const AdKeyword *k = l->items[i];
        if (i)
            put(o, ", ");
        put(o, "keyword(");
        if (k->arg) {
            put_name(o, "arg", k->arg);
            put(o, ", ");
        }
        put(o, "value=");
        dump_expr(o, k->value);
        close_pos(o, k->pos);
    }
    put(o, "]");
}

static void dump_comprehensions(Out *o, const AdComprehensionList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        const AdComprehension *c = l->items[i];
        if (i)
            put(o, ", ");
        put(o, "comprehension(target=");
        dump_expr(o, c->target);
        put(o, ", iter=");
        dump_expr(o, c->iter);
        put(o, ", ifs=");
        dump_exprs(o, &c->ifs);
        putf(o, ", is_async=%d)", c->is_async ? 1 : 0);
    }
    put(o, "]");
}

static void dump_expr(Out *o, const AdExpr *e) {
    switch (e->kind) {
    case AD_EXPR_BOOLOP:
        putf(o, "BoolOp(op=%s(), values=", e->u.boolop.op == AD_BOOL_AND ? "And" : "Or");
        dump_exprs(o, &e->u.boolop.values);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_NAMEDEXPR:
        put(o, "NamedExpr(target=");
        dump_expr(o, e->u.namedexpr.target);
        put(o, ", value=");
        dump_expr(o, e->u.namedexpr.value);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_BINOP:
        put(o, "BinOp(left=");
        dump_expr(o, e->u.binop.left);
        putf(o, ", op=%s(), right=", binop_names[e->u.binop.op]);
        dump_expr(o, e->u.binop.right);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_UNARYOP:
        putf(o, "UnaryOp(op=%s(), operand=", unary_names[e->u.unaryop.op]);
        dump_expr(o, e->u.unaryop.operand);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_LAMBDA:
        put(o, "Lambda(args=");
        dump_arguments(o, e->u.lambda.args);
        put(o, ", body=");
        dump_expr(o, e->u.lambda.body);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_IFEXP:
        put(o, "IfExp(test=");
        dump_expr(o, e->u.ifexp.test);
        put(o, ", body=");
        dump_expr(o, e->u.ifexp.body);
        put(o, ", orelse=");
        dump_expr(o, e->u.ifexp.orelse);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_DICT:
        put(o, "Dict(keys=");
        dump_exprs(o, &e->u.dict.keys);
        put(o, ", values=");
        dump_exprs(o, &e->u.dict.values);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_SET:
        put(o, "Set(elts=");
        dump_exprs(o, &e->u.set.elts);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_LISTCOMP:
    case AD_EXPR_SETCOMP:
    case AD_EXPR_GENERATOREXP:
        put(o, e->kind == AD_EXPR_LISTCOMP  ? "ListComp(elt="
               : e->kind == AD_EXPR_SETCOMP ? "SetComp(elt="
                                            : "GeneratorExp(elt=");
        dump_expr(o, e->u.comp.elt);
        put(o, ", generators=");
        dump_comprehensions(o, &e->u.comp.generators);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_DICTCOMP:
        put(o, "DictComp(key=");
        dump_expr(o, e->u.comp.elt);
        put(o, ", value=");
        dump_expr(o, e->u.comp.value);
        put(o, ", generators=");
        dump_comprehensions(o, &e->u.comp.generators);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_AWAIT:
        put(o, "Await(value=");
        dump_expr(o, e->u.await_.value);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_YIELD:
        put(o, "Yield(");
        if (e->u.yield.value) {
            put(o, "value=");
            dump_expr(o, e->u.yield.value);
        }
        close_pos(o, e->pos);
        break;
    case AD_EXPR_YIELDFROM:
        put(o, "YieldFrom(value=");
        dump_expr(o, e->u.yieldfrom.value);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_COMPARE:
        put(o, "Compare(left=");
        dump_expr(o, e->u.compare.left);
        put(o, ", ops=[");
        for (int i = 0; i < e->u.compare.nops; i++)
            putf(o, "%s%s()", i ? ", " : "", cmp_names[e->u.compare.ops[i]]);
        put(o, "], comparators=");
        dump_exprs(o, &e->u.compare.comparators);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_CALL:
        put(o, "Call(func=");
        dump_expr(o, e->u.call.func);
        put(o, ", args=");
        dump_exprs(o, &e->u.call.args);
        put(o, ", keywords=");
        dump_keywords(o, &e->u.call.keywords);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_FORMATTEDVALUE:
        put(o, "FormattedValue(value=");
        dump_expr(o, e->u.formattedvalue.value);
        putf(o, ", conversion=%d", e->u.formattedvalue.conversion);
        opt_expr(o, "format_spec", e->u.formattedvalue.format_spec);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_JOINEDSTR:
        put(o, "JoinedStr(values=");
        dump_exprs(o, &e->u.joinedstr.values);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_CONSTANT:
        put(o, "Constant(value=");
        put_const(o, &e->u.constant);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_ATTRIBUTE:
        put(o, "Attribute(value=");
        dump_expr(o, e->u.attribute.value);
        put(o, ", ");
        put_name(o, "attr", e->u.attribute.attr);
        putf(o, ", ctx=%s", ctx_names[e->u.attribute.ctx]);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_SUBSCRIPT:
        put(o, "Subscript(value=");
        dump_expr(o, e->u.subscript.value);
        put(o, ", slice=");
        dump_expr(o, e->u.subscript.slice);
        putf(o, ", ctx=%s", ctx_names[e->u.subscript.ctx]);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_STARRED:
        put(o, "Starred(value=");
        dump_expr(o, e->u.starred.value);
        putf(o, ", ctx=%s", ctx_names[e->u.starred.ctx]);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_NAME:
        put(o, "Name(");
        put_name(o, "id", e->u.name.id);
        putf(o, ", ctx=%s", ctx_names[e->u.name.ctx]);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_LIST:
    case AD_EXPR_TUPLE:
        put(o, e->kind == AD_EXPR_LIST ? "List(elts=" : "Tuple(elts=");
        dump_exprs(o, &e->u.list.elts);
        putf(o, ", ctx=%s", ctx_names[e->u.list.ctx]);
        close_pos(o, e->pos);
        break;
    case AD_EXPR_SLICE: {
        put(o, "Slice(");
        const char *sep = "";
        const AdExpr *parts[3] = {e->u.slice.lower, e->u.slice.upper, e->u.slice.step};
        const char *names[3] = {"lower", "upper", "step"};
        for (int i = 0; i < 3; i++) {
            if (parts[i]) {
                putf(o, "%s%s=", sep, names[i]);
                dump_expr(o, parts[i]);
                sep = ", ";
            }
        }
        close_pos(o, e->pos);
        break;
    }
    }
}

static void dump_patterns(Out *o, const AdPatternList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(o, ", ");
        dump_pattern(o, l->items[i]);
    }
    put(o, "]");
}

static void dump_pattern(Out *o, const AdPattern *pt) {
    switch (pt->kind) {
    case AD_PAT_VALUE:
        put(o, "MatchValue(value=");
        dump_expr(o, pt->u.value.value);
        close_pos(o, pt->pos);
        break;
    case AD_PAT_SINGLETON:
        put(o, "MatchSingleton(value=");
        put_const(o, &pt->u.singleton.value);
        close_pos(o, pt->pos);
        break;
    case AD_PAT_SEQUENCE:
        put(o, "MatchSequence(patterns=");
        dump_patterns(o, &pt->u.sequence.patterns);
        close_pos(o, pt->pos);
        break;
    case AD_PAT_MAPPING:
        put(o, "MatchMapping(keys=");
        dump_exprs(o, &pt->u.mapping.keys);
        put(o, ", patterns=");
        dump_patterns(o, &pt->u.mapping.patterns);
        if (pt->u.mapping.rest) {
            put(o, ", ");
            put_name(o, "rest", pt->u.mapping.rest);
        }
        close_pos(o, pt->pos);
        break;
    case AD_PAT_CLASS:
        put(o, "MatchClass(cls=");
        dump_expr(o, pt->u.cls.cls);
        put(o, ", patterns=");
        dump_patterns(o, &pt->u.cls.patterns);
        put(o, ", kwd_attrs=");
        dump_names(o, &pt->u.cls.kwd_attrs);
        put(o, ", kwd_patterns=");
        dump_patterns(o, &pt->u.cls.kwd_patterns);
        close_pos(o, pt->pos);
        break;
    case AD_PAT_STAR:
        put(o, "MatchStar(");
        if (pt->u.star.name)
            put_name(o, "name", pt->u.star.name);
        close_pos(o, pt->pos);
        break;
    case AD_PAT_AS:
        put(o, "MatchAs(");
        if (pt->u.as.pattern) {
            put(o, "pattern=");
            dump_pattern(o, pt->u.as.pattern);
            if (pt->u.as.name)
                put(o, ", ");
        }
        if (pt->u.as.name)
            put_name(o, "name", pt->u.as.name);
        close_pos(o, pt->pos);
        break;
    case AD_PAT_OR:
        put(o, "MatchOr(patterns=");
        dump_patterns(o, &pt->u.or_.patterns);
        close_pos(o, pt->pos);
        break;
    }
}

static void dump_aliases(Out *o, const AdAliasList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(o, ", ");
        put(o, "alias(");
        put_name(o, "name", l->items[i]->name);
        if (l->items[i]->asname) {
            put(o, ", ");
            put_name(o, "asname", l->items[i]->asname);
        }
        close_pos(o, l->items[i]->pos);
    }
    put(o, "]");
}

static void dump_body_orelse(Out *o, const AdStmtList *body, const AdStmtList *orelse, AdPos pos) {
    put(o, ", body=");
    dump_stmts(o, body);
    put(o, ", orelse=");
    dump_stmts(o, orelse);
    close_pos(o, pos);
}

static void dump_stmt(Out *o, const AdStmt *s) {
    switch (s->kind) {
    case AD_STMT_FUNCTIONDEF:
        put(o, s->u.functiondef.is_async ? "AsyncFunctionDef(" : "FunctionDef(");
        put_name(o, "name", s->u.functiondef.name);
        put(o, ", args=");
        dump_arguments(o, s->u.functiondef.args);
        put(o, ", body=");
        dump_stmts(o, &s->u.functiondef.body);
        put(o, ", decorator_list=");
        dump_exprs(o, &s->u.functiondef.decorator_list);
        opt_expr(o, "returns", s->u.functiondef.returns);
        close_pos(o, s->pos);
        break;
    case AD_STMT_CLASSDEF:
        put(o, "ClassDef(");
        put_name(o, "name", s->u.classdef.name);
        put(o, ", bases=");
        dump_exprs(o, &s->u.classdef.bases);
        put(o, ", keywords=");
        dump_keywords(o, &s->u.classdef.keywords);
        put(o, ", body=");
        dump_stmts(o, &s->u.classdef.body);
        put(o, ", decorator_list=");
        dump_exprs(o, &s->u.classdef.decorator_list);
        close_pos(o, s->pos);
        break;
    case AD_STMT_RETURN:
        put(o, "Return(");
        if (s->u.return_.value) {
            put(o, "value=");
            dump_expr(o, s->u.return_.value);
        }
        close_pos(o, s->pos);
        break;
    case AD_STMT_DELETE:
        put(o, "Delete(targets=");
        dump_exprs(o, &s->u.delete_.targets);
        close_pos(o, s->pos);
        break;
    case AD_STMT_ASSIGN:
        put(o, "Assign(targets=");
        dump_exprs(o, &s->u.assign.targets);
        put(o, ", value=");
        dump_expr(o, s->u.assign.value);
        close_pos(o, s->pos);
        break;
    case AD_STMT_AUGASSIGN:
        put(o, "AugAssign(target=");
        dump_expr(o, s->u.augassign.target);
        putf(o, ", op=%s(), value=", binop_names[s->u.augassign.op]);
        dump_expr(o, s->u.augassign.value);
        close_pos(o, s->pos);
        break;
    case AD_STMT_ANNASSIGN:
        put(o, "AnnAssign(target=");
        dump_expr(o, s->u.annassign.target);
        put(o, ", annotation=");
        dump_expr(o, s->u.annassign.annotation);
        opt_expr(o, "value", s->u.annassign.value);
        putf(o, ", simple=%d", s->u.annassign.simple ? 1 : 0);
        close_pos(o, s->pos);
        break;
    case AD_STMT_FOR:
        put(o, s->u.for_.is_async ? "AsyncFor(target=" : "For(target=");
        dump_expr(o, s->u.for_.target);
        put(o, ", iter=");
        dump_expr(o, s->u.for_.iter);
        dump_body_orelse(o, &s->u.for_.body, &s->u.for_.orelse, s->pos);
        break;
    case AD_STMT_WHILE:
    case AD_STMT_IF:
        put(o, s->kind == AD_STMT_WHILE ? "While(test=" : "If(test=");
        dump_expr(o, s->u.if_.test);
        dump_body_orelse(o, &s->u.if_.body, &s->u.if_.orelse, s->pos);
        break;
    case AD_STMT_WITH:
        put(o, s->u.with.is_async ? "AsyncWith(items=[" : "With(items=[");
        for (int i = 0; i < s->u.with.items.n; i++) {
            const AdWithItem *w = s->u.with.items.items[i];
            put(o, i ? ", withitem(context_expr=" : "withitem(context_expr=");
            dump_expr(o, w->context_expr);
            opt_expr(o, "optional_vars", w->optional_vars);
            put(o, ")");
        }
        put(o, "], body=");
        dump_stmts(o, &s->u.with.body);
        close_pos(o, s->pos);
        break;
    case AD_STMT_MATCH:
        put(o, "Match(subject=");
        dump_expr(o, s->u.match.subject);
        put(o, ", cases=[");
        for (int i = 0; i < s->u.match.cases.n; i++) {
            const AdMatchCase *c = s->u.match.cases.items[i];
            put(o, i ? ", match_case(pattern=" : "match_case(pattern=");
            dump_pattern(o, c->pattern);
            opt_expr(o, "guard", c->guard);
            put(o, ", body=");
            dump_stmts(o, &c->body);
            put(o, ")");
        }
        put(o, "]");
        close_pos(o, s->pos);
        break;
    case AD_STMT_RAISE:
        put(o, "Raise(");
        if (s->u.raise.exc) {
            put(o, "exc=");
            dump_expr(o, s->u.raise.exc);
            opt_expr(o, "cause", s->u.raise.cause);
        }
        close_pos(o, s->pos);
        break;
    case AD_STMT_TRY:
        put(o, "Try(body=");
        dump_stmts(o, &s->u.try_.body);
        put(o, ", handlers=[");
        for (int i = 0; i < s->u.try_.handlers.n; i++) {
            const AdExceptHandler *h = s->u.try_.handlers.items[i];
            put(o, i ? ", ExceptHandler(" : "ExceptHandler(");
            if (h->type) {
                put(o, "type=");
                dump_expr(o, h->type);
                put(o, ", ");
            }
            if (h->name) {
                put_name(o, "name", h->name);
                put(o, ", ");
            }
            put(o, "body=");
            dump_stmts(o, &h->body);
            close_pos(o, h->pos);
        }
        put(o, "], orelse=");
        dump_stmts(o, &s->u.try_.orelse);
        put(o, ", finalbody=");
        dump_stmts(o, &s->u.try_.finalbody);
        close_pos(o, s->pos);
        break;
    case AD_STMT_ASSERT:
        put(o, "Assert(test=");
        dump_expr(o, s->u.assert_.test);
        opt_expr(o, "msg", s->u.assert_.msg);
        close_pos(o, s->pos);
        break;
    case AD_STMT_IMPORT:
        put(o, "Import(names=");
        dump_aliases(o, &s->u.import.names);
        close_pos(o, s->pos);
        break;
    case AD_STMT_IMPORTFROM:
        put(o, "ImportFrom(");
        if (s->u.importfrom.module) {
            put_name(o, "module", s->u.importfrom.module);
            put(o, ", ");
        }
        put(o, "names=");
        dump_aliases(o, &s->u.importfrom.names);
        putf(o, ", level=%d", s->u.importfrom.level);
        close_pos(o, s->pos);
        break;
    case AD_STMT_GLOBAL:
    case AD_STMT_NONLOCAL:
        put(o, s->kind == AD_STMT_GLOBAL ? "Global(names=" : "Nonlocal(names=");
        dump_names(o, &s->u.global.names);
        close_pos(o, s->pos);
        break;
    case AD_STMT_EXPR:
        put(o, "Expr(value=");
        dump_expr(o, s->u.expr.value);
        close_pos(o, s->pos);
        break;
    case AD_STMT_PASS:
        put(o, "Pass(");
        close_pos(o, s->pos);
        break;
    case AD_STMT_BREAK:
        put(o, "Break(");
        close_pos(o, s->pos);
        break;
    case AD_STMT_CONTINUE:
        put(o, "Continue(");
        close_pos(o, s->pos);
        break;
    }
}

static void dump_stmts(Out *o, const AdStmtList *l) {
    put(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i)
            put(o, ", ");
        dump_stmt(o, l->items[i]);
    }
    put(o, "]");
}

static char *dump_module(const AdModuleAst *m, bool attrs) {
    Out o = {{0}, attrs};
    put(&o, "Module(body=");
    dump_stmts(&o, &m->body);
    put(&o, ", type_ignores=[])");
    if (o.b.oom) {
        ad_lexbuf_free(&o.b);
        return NULL;
    }
    return o.b.data;
}

char *ad_ast_dump(const AdModuleAst *m) {
    return dump_module(m, false);
}

char *ad_ast_dump_positions(const AdModuleAst *m) {
    return dump_module(m, true);
}
