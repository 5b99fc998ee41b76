/*
 * test_compiler.c - the compiler without running code: the SyntaxErrors it reports (type,
 * message, line), the layout of code objects (parameter order, cells and free variables,
 * flags, qualified names, docstrings) and the disassembler. Script tests cover behaviour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core.h"

static AdVM *vm;
static AdThread *t;

static int setup(void **state) {
    (void)state;
    vm = ad_vm_new();
    if (!vm) return -1;
    t = vm->main_thread;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    ad_vm_free(vm);
    return 0;
}

static AdCode *compile_ok(const char *src) {
    AdCode *code = ad_compile(t, src, strlen(src), "<test>", AD_MODE_EXEC);
    if (!code) {
        AdValue exc = ad_err_fetch(t);
        AdException *e = AD_AS(AdException, exc);
        if (e->args && e->args->len && ad_is_str(t, e->args->items[0]))
            fail_msg("unexpected error: %s", AD_AS(AdStr, e->args->items[0])->data);
        fail_msg("unexpected error");
    }
    ad_gc_push_obj(t, code);
    return code;
}

/* Compiles `src`, expecting an exception of `type` whose message is `msg` on `line`. */
static void expect_error(const char *src, AdType *type, const char *msg, int line) {
    AdCode *code = ad_compile(t, src, strlen(src), "<test>", AD_MODE_EXEC);
    assert_null(code);
    assert_true(ad_err_occurred(t));
    AdValue exc = ad_err_fetch(t);
    assert_ptr_equal(ad_type_of(t, exc), type);
    AdException *e = AD_AS(AdException, exc);
    assert_non_null(e->args);
    assert_int_equal(e->args->len, 2);
    assert_string_equal(AD_AS(AdStr, e->args->items[0])->data, msg);
    AdTuple *loc = AD_AS(AdTuple, e->args->items[1]);
    assert_int_equal(loc->len, 6);
    assert_int_equal(loc->items[1].as.i, line);
}

static AdCode *nested(AdCode *code, const char *name) {
    for (uint32_t i = 0; i < code->nconsts; i++) {
        AdValue v = code->consts[i];
        if (v.tag == AD_TAG_OBJ && v.as.o->type == vm->type_code &&
            strcmp(AD_AS(AdCode, v)->name->data, name) == 0)
            return AD_AS(AdCode, v);
    }
    fail_msg("no nested code %s", name);
    return NULL;
}

static void assert_names(AdStr **names, uint32_t n, const char *expected) {
    char buf[256] = "";
    for (uint32_t i = 0; i < n; i++) {
        if (i) strcat(buf, ",");
        strcat(buf, names[i]->data);
    }
    assert_string_equal(buf, expected);
}

static void test_syntax_errors(void **state) {
    (void)state;
    AdType *se = vm->exc_SyntaxError;
    expect_error("x = 1\nreturn x\n", se, "'return' outside function", 2);
    expect_error("break\n", se, "'break' outside loop", 1);
    expect_error("for x in y:\n    def f():\n        continue\n", se,
                 "'continue' not properly in loop", 3);
    expect_error("yield 1\n", se, "'yield' outside function", 1);
    expect_error("class C:\n    yield 1\n", se, "'yield' outside function", 2);
    expect_error("await x\n", se, "'await' outside function", 1);
    expect_error("def f():\n    await x\n", se, "'await' outside async function", 2);
    expect_error("def f():\n    x = 1\n    global x\n", se,
                 "name 'x' is assigned to before global declaration", 3);
    expect_error("def f():\n    print(x)\n    global x\n", se,
                 "name 'x' is used prior to global declaration", 3);
    expect_error("nonlocal x\n", se, "nonlocal declaration not allowed at module level", 1);
    expect_error("def f():\n    nonlocal x\n", se, "no binding for nonlocal 'x' found", 2);
    expect_error("def f(a, a): pass\n", se, "duplicate argument 'a' in function definition", 1);
    expect_error("def f():\n    [(yield x) for x in y]\n", se,
                 "'yield' inside list comprehension", 2);
    expect_error("*a = [1]\n", se, "starred assignment target must be in a list or tuple", 1);
    expect_error("*a, *b = [1]\n", se, "multiple starred expressions in assignment", 1);
    expect_error("f(a=1, a=2)\n", se, "keyword argument repeated: a", 1);
    expect_error("def f():\n    async with x: pass\n", se,
                 "'async with' outside async function", 2);
    expect_error("async def f():\n    yield 1\n    return 2\n", se,
                 "'return' with value in async generator", 3);
}

static void test_too_many_blocks(void **state) {
    (void)state;
    char src[4096] = "";
    for (int i = 0; i < 21; i++) {
        for (int k = 0; k < i; k++) strcat(src, " ");
        strcat(src, "while x:\n");
    }
    for (int k = 0; k < 21; k++) strcat(src, " ");
    strcat(src, "pass\n");
    expect_error(src, vm->exc_SyntaxError, "too many statically nested blocks", 21);
}

static void test_parameters_and_locals(void **state) {
    (void)state;
    AdCode *mod = compile_ok("def f(p, /, a, b=1, *args, k, kk=2, **kw):\n    x = 1\n    return x\n");
    AdCode *f = nested(mod, "f");
    assert_names(f->localnames, f->nlocals, "p,a,b,k,kk,args,kw,x");
    assert_int_equal(f->argcount, 3);
    assert_int_equal(f->posonlyargcount, 1);
    assert_int_equal(f->kwonlyargcount, 2);
    assert_int_equal(f->flags, AD_CODE_FUNCTION | AD_CODE_VARARGS | AD_CODE_VARKEYWORDS);
    assert_true(AD_IS_NONE(f->doc));
    assert_int_equal(mod->nlocals, 0);
    assert_int_equal(mod->flags, 0);
}

static void test_cells_and_frees(void **state) {
    (void)state;
    AdCode *mod = compile_ok("def outer(a, b):\n"
                             "    c = 1\n"
                             "    def inner():\n"
                             "        return a + c\n"
                             "    return inner\n");
    AdCode *outer = nested(mod, "outer");
    assert_names(outer->cellnames, outer->ncells, "a,c");
    assert_int_equal(outer->cell_param[0], 0);
    assert_int_equal(outer->cell_param[1], -1);
    assert_names(outer->localnames, outer->nlocals, "a,b,inner");
    AdCode *inner = nested(outer, "inner");
    assert_names(inner->freenames, inner->nfree, "a,c");
    assert_string_equal(inner->qualname->data, "outer.<locals>.inner");
}

static void test_class_cell_and_qualnames(void **state) {
    (void)state;
    AdCode *mod = compile_ok("class C:\n"
                             "    '''doc'''\n"
                             "    def m(self):\n"
                             "        return super().m()\n"
                             "    def plain(self):\n"
                             "        return [x for x in self]\n"
                             "    f = lambda self: 1\n");
    AdCode *body = nested(mod, "C");
    assert_int_equal(body->flags, AD_CODE_CLASS_BODY);
    assert_names(body->cellnames, body->ncells, "__class__");
    assert_string_equal(AD_AS(AdStr, body->doc)->data, "doc");
    AdCode *m = nested(body, "m");
    assert_names(m->freenames, m->nfree, "__class__");
    assert_string_equal(m->qualname->data, "C.m");
    AdCode *plain = nested(body, "plain");
    assert_int_equal(plain->nfree, 0);
    AdCode *comp = nested(plain, "<listcomp>");
    assert_string_equal(comp->qualname->data, "C.plain.<locals>.<listcomp>");
    assert_names(comp->localnames, comp->nlocals, ".0,x");
    assert_int_equal(comp->argcount, 1);
    assert_string_equal(nested(body, "<lambda>")->qualname->data, "C.<lambda>");
}

static void test_generator_flags(void **state) {
    (void)state;
    AdCode *mod = compile_ok("def g():\n    yield 1\n"
                             "async def c():\n    await x\n"
                             "async def ag():\n    yield 1\n"
                             "e = (i for i in range(3))\n");
    assert_true(nested(mod, "g")->flags & AD_CODE_GENERATOR);
    assert_true(nested(mod, "c")->flags & AD_CODE_COROUTINE);
    assert_true(nested(mod, "ag")->flags & AD_CODE_ASYNC_GENERATOR);
    AdCode *ge = nested(mod, "<genexpr>");
    assert_true(ge->flags & AD_CODE_GENERATOR);
    assert_true(ge->flags & AD_CODE_FUNCTION);
}

static void test_walrus_in_comprehension_binds_outside(void **state) {
    (void)state;
    AdCode *mod = compile_ok("def f(xs):\n    [y := x for x in xs]\n    return y\n");
    AdCode *f = nested(mod, "f");
    assert_names(f->cellnames, f->ncells, "y");
    assert_names(nested(f, "<listcomp>")->freenames, 1, "y");
}

static void test_decorated_firstlineno_and_lines(void **state) {
    (void)state;
    AdCode *mod = compile_ok("\n@dec\n\ndef f():\n    pass\n");
    AdCode *f = nested(mod, "f");
    assert_int_equal(f->firstlineno, 2);
    assert_int_equal(mod->lines[0], 2);
    for (uint32_t i = 0; i < mod->ncode; i++) assert_true(mod->lines[i] >= 2);
}

static bool has_str_const(AdCode *code, const char *text) {
    for (uint32_t i = 0; i < code->nconsts; i++)
        if (ad_is_str(t, code->consts[i]) && strcmp(AD_AS(AdStr, code->consts[i])->data, text) == 0)
            return true;
    return false;
}

static void test_future_annotations_are_unparsed(void **state) {
    (void)state;
    AdCode *mod = compile_ok("from __future__ import annotations\n"
                             "def f(a: x ** -y, b: list[int] | None, c: 'q', d: f(x for x in y),\n"
                             "      e: a[1:2, ::3], g: lambda: z) -> 1 .real: pass\n"
                             "v: dict[str, (int, float)] = {}\n");
    const char *expected[] = {"x ** (-y)", "list[int] | None", "'q'", "f(x for x in y)",
                              "a[1:2, ::3]", "lambda: z", "1 .real", "dict[str, (int, float)]"};
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        if (!has_str_const(mod, expected[i])) fail_msg("missing annotation %s", expected[i]);
    expect_error("import os\nfrom __future__ import annotations\n", vm->exc_SyntaxError,
                 "from __future__ imports must occur at the beginning of the file", 2);
    expect_error("from __future__ import nope\n", vm->exc_SyntaxError,
                 "future feature nope is not defined", 1);
}

static void test_disassembler(void **state) {
    (void)state;
    AdCode *mod = compile_ok("def f(a):\n    return a + 1\n");
    AdBuf b;
    ad_buf_init(&b);
    assert_true(ad_code_disassemble(t, mod, &b));
    assert_true(ad_buf_addc(t, &b, '\0'));
    assert_non_null(strstr(b.data, "MAKE_FUNCTION"));
    assert_non_null(strstr(b.data, "LOAD_FAST"));
    assert_non_null(strstr(b.data, "(a)"));
    assert_non_null(strstr(b.data, "Disassembly of f"));
    ad_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_too_many_blocks),
        cmocka_unit_test(test_parameters_and_locals),
        cmocka_unit_test(test_cells_and_frees),
        cmocka_unit_test(test_class_cell_and_qualnames),
        cmocka_unit_test(test_generator_flags),
        cmocka_unit_test(test_walrus_in_comprehension_binds_outside),
        cmocka_unit_test(test_decorated_firstlineno_and_lines),
        cmocka_unit_test(test_future_annotations_are_unparsed),
        cmocka_unit_test(test_disassembler),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
