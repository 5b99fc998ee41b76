/*
 * test_interactive.c - adder_run_interactive, the REPL step of include/adder.h.
 *
 * Feeds statements line by line as src/main.c does and checks which are incomplete, what
 * complete ones display (through the host's write_out), and that errors leave the session
 * usable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "adder.h"

typedef struct Capture {
    char out[4096];
    size_t out_len;
    char err[4096];
    size_t err_len;
} Capture;

static void append(char *buf, size_t *len, const char *s, size_t n) {
    if (*len + n >= 4096)
        n = 4095 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

static void write_out(void *ud, const char *s, size_t n) {
    Capture *c = ud;
    append(c->out, &c->out_len, s, n);
}

static void write_err(void *ud, const char *s, size_t n) {
    Capture *c = ud;
    append(c->err, &c->err_len, s, n);
}

static AdderVM *new_vm(Capture *cap) {
    memset(cap, 0, sizeof *cap);
    AdderConfig cfg;
    adder_config_init(&cfg);
    cfg.write_out = write_out;
    cfg.write_err = write_err;
    cfg.ud = cap;
    AdderVM *vm = adder_new(&cfg);
    assert_non_null(vm);
    return vm;
}

static AdderStatus run(AdderVM *vm, const char *src) {
    return adder_run_interactive(vm, src, NULL);
}

static void test_expression_displayed(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_vm(&cap);
    assert_int_equal(run(vm, "1 + 1\n"), ADDER_OK);
    assert_int_equal(run(vm, "None\n"), ADDER_OK);
    assert_int_equal(run(vm, "x = 'a'\n"), ADDER_OK);
    assert_int_equal(run(vm, "x\n"), ADDER_OK);
    assert_int_equal(run(vm, "_\n"), ADDER_OK);
    assert_string_equal(cap.out, "2\n'a'\n'a'\n");
    assert_string_equal(cap.err, "");
    adder_free(vm);
}

static void test_incomplete(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_vm(&cap);
    assert_int_equal(run(vm, "if True:\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "if True:\n    print('in')\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "if True:\n    print('in')\n\n"), ADDER_OK);
    assert_int_equal(run(vm, "if True: print('one')\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "(1,\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "(1,\n\n"), ADDER_INCOMPLETE); /* brackets outlast empty lines */
    assert_int_equal(run(vm, "(1,\n\n2)\n"), ADDER_OK);
    assert_int_equal(run(vm, "s = '''a\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "s = '''a\nb'''\n"), ADDER_OK);
    assert_int_equal(run(vm, "y = 1 + \\\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "@dec\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "try:\n  pass\n"), ADDER_INCOMPLETE);
    assert_string_equal(cap.out, "in\n(1, 2)\n");
    assert_string_equal(adder_error_text(vm), "");
    adder_free(vm);
}

static void test_syntax_error(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_vm(&cap);
    assert_int_equal(run(vm, "x = \n"), ADDER_SYNTAX);
    assert_non_null(strstr(adder_error_text(vm), "SyntaxError: invalid syntax"));
    assert_int_equal(run(vm, "def f(:\n"), ADDER_SYNTAX); /* fails before the open bracket */
    assert_int_equal(run(vm, "(1, 2\n3\n"), ADDER_SYNTAX);    /* wrong whatever comes next */
    assert_non_null(strstr(adder_error_text(vm), "Perhaps you forgot a comma?"));
    assert_int_equal(run(vm, "if 1:\n\n"), ADDER_SYNTAX);
    assert_non_null(strstr(adder_error_text(vm), "IndentationError: expected an indented"));
    assert_int_equal(run(vm, "'abc\n"), ADDER_SYNTAX);
    /* A statement after a block without the empty line: CPython's REPL message. */
    assert_int_equal(run(vm, "if 1:\n  pass\nprint(2)\n"), ADDER_SYNTAX);
    assert_non_null(strstr(adder_error_text(vm), "SyntaxError: invalid syntax\n"));
    assert_int_equal(run(vm, "3\n"), ADDER_OK); /* the session goes on */
    assert_string_equal(cap.out, "3\n");
    adder_free(vm);
}

static void test_error_and_exit(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_vm(&cap);
    assert_int_equal(run(vm, "1/0\n"), ADDER_ERROR);
    assert_string_equal(adder_error_text(vm),
                        "Traceback (most recent call last):\n"
                        "  File \"<stdin>\", line 1, in <module>\n"
                        "ZeroDivisionError: division by zero\n");
    assert_int_equal(run(vm, "import sys\n"), ADDER_OK);
    assert_int_equal(run(vm, "sys.exit(3)\n"), ADDER_EXIT);
    assert_int_equal(adder_exit_code(vm), 3);
    adder_free(vm);
}

static void test_displayhook_replaced(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_vm(&cap);
    assert_int_equal(run(vm, "import sys; sys.displayhook = lambda v: print('<', v, '>')\n"),
                     ADDER_OK);
    assert_int_equal(run(vm, "7\n"), ADDER_OK);
    assert_int_equal(run(vm, "sys.displayhook = sys.__displayhook__\n"), ADDER_OK);
    assert_int_equal(run(vm, "8\n"), ADDER_OK);
    assert_string_equal(cap.out, "< 7 >\n8\n");
    adder_free(vm);
}

/* Pasted notes: a uniform indent and non-breaking spaces, accepted as in files. */
static void test_pasted_indent(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_vm(&cap);
    assert_int_equal(run(vm, "    z = 4\n"), ADDER_OK);
    assert_int_equal(run(vm, "  for i in range(2):\n"), ADDER_INCOMPLETE);
    assert_int_equal(run(vm, "  for i in range(2):\n  \xc2\xa0\xc2\xa0print(i + z)\n\n"),
                     ADDER_OK);
    assert_string_equal(cap.out, "4\n5\n");
    assert_string_equal(cap.err, "");
    adder_free(vm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expression_displayed), cmocka_unit_test(test_incomplete),
        cmocka_unit_test(test_syntax_error),         cmocka_unit_test(test_error_and_exit),
        cmocka_unit_test(test_displayhook_replaced), cmocka_unit_test(test_pasted_indent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
