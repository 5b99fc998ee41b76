/*
 * test_embed.c - the embedding contract of include/adder.h, seen from a host.
 *
 * Uses nothing but adder.h: output through the host's callbacks, statuses for errors and
 * SystemExit, the traceback text, __main__ kept between runs, and two VMs in one process
 * that share nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "adder.h"

/* What a VM wrote, per stream. */
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

static AdderVM *new_captured_vm(Capture *cap) {
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

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void test_version(void **state) {
    (void)state;
    const char *v = adder_version();
    assert_non_null(v);
    assert_true(strncmp(v, "3.11", 4) == 0);
    assert_non_null(strstr(v, "adder"));
}

static void test_config_defaults(void **state) {
    (void)state;
    AdderConfig cfg;
    memset(&cfg, 0x5a, sizeof cfg);
    adder_config_init(&cfg);
    assert_int_equal(cfg.argc, 0);
    assert_null(cfg.argv);
    assert_null(cfg.stdlib_dir);
    assert_null(cfg.write_out);
    assert_null(cfg.write_err);
    assert_null(cfg.ud);
}

static void test_output_goes_to_host(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_captured_vm(&cap);
    assert_int_equal(adder_run_string(vm, "print('hi', 1 + 1)\n", "<test>"), ADDER_OK);
    assert_string_equal(cap.out, "hi 2\n");
    assert_string_equal(adder_error_text(vm), "");
    adder_free(vm);
}

static void test_main_namespace_persists(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_captured_vm(&cap);
    assert_int_equal(adder_run_string(vm, "x = 40\n", NULL), ADDER_OK);
    assert_int_equal(adder_run_string(vm, "print(__name__, x + 2)\n", NULL), ADDER_OK);
    assert_string_equal(cap.out, "__main__ 42\n");
    adder_free(vm);
}

static void test_uncaught_exception(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_captured_vm(&cap);
    assert_int_equal(adder_run_string(vm, "print('before')\n1 / 0\n", "<test>"), ADDER_ERROR);
    assert_string_equal(cap.out, "before\n");
    const char *text = adder_error_text(vm);
    assert_true(strncmp(text, "Traceback (most recent call last):\n", 35) == 0);
    assert_true(ends_with(text, "ZeroDivisionError: division by zero\n"));
    assert_int_equal(cap.err_len, 0); /* nothing printed until the host asks */
    adder_print_error(vm);
    assert_true(ends_with(cap.err, "ZeroDivisionError: division by zero\n"));
    /* The VM is still usable. */
    assert_int_equal(adder_run_string(vm, "print('after')\n", "<test>"), ADDER_OK);
    assert_string_equal(cap.out, "before\nafter\n");
    adder_free(vm);
}

static void test_syntax_error(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_captured_vm(&cap);
    assert_int_equal(adder_run_string(vm, "print('no')\nx = = 1\n", "<test>"), ADDER_SYNTAX);
    assert_int_equal(cap.out_len, 0); /* nothing ran */
    assert_non_null(strstr(adder_error_text(vm), "SyntaxError"));
    adder_free(vm);
}

static void test_system_exit(void **state) {
    (void)state;
    Capture cap;
    AdderVM *vm = new_captured_vm(&cap);
    assert_int_equal(adder_run_string(vm, "import sys\nsys.exit(3)\n", NULL), ADDER_EXIT);
    assert_int_equal(adder_exit_code(vm), 3);
    assert_int_equal(adder_run_string(vm, "raise SystemExit\n", NULL), ADDER_EXIT);
    assert_int_equal(adder_exit_code(vm), 0);
    assert_int_equal(adder_run_string(vm, "import sys\nsys.exit('bye')\n", NULL), ADDER_EXIT);
    assert_int_equal(adder_exit_code(vm), 1);
    assert_string_equal(cap.err, "bye\n");
    adder_free(vm);
}

static void test_two_vms_share_nothing(void **state) {
    (void)state;
    Capture a, b;
    AdderVM *vm1 = new_captured_vm(&a);
    AdderVM *vm2 = new_captured_vm(&b);
    assert_int_equal(adder_run_string(vm1, "only_here = 1\n", NULL), ADDER_OK);
    assert_int_equal(adder_run_string(vm2, "only_here\n", NULL), ADDER_ERROR);
    assert_true(ends_with(adder_error_text(vm2), "NameError: name 'only_here' is not defined\n"));
    assert_int_equal(adder_run_string(vm1, "print(only_here)\n", NULL), ADDER_OK);
    assert_string_equal(a.out, "1\n");
    assert_int_equal(b.out_len, 0);
    adder_free(vm2);
    adder_free(vm1);
}

static void test_argv(void **state) {
    (void)state;
    Capture cap;
    memset(&cap, 0, sizeof cap);
    char *args[] = {"script.py", "one", "two"};
    AdderConfig cfg;
    adder_config_init(&cfg);
    cfg.argc = 3;
    cfg.argv = args;
    cfg.write_out = write_out;
    cfg.ud = &cap;
    AdderVM *vm = adder_new(&cfg);
    assert_non_null(vm);
    args[1] = "changed"; /* adder_new copied them */
    assert_int_equal(adder_run_string(vm, "import sys\nprint(sys.argv)\n", NULL), ADDER_OK);
    assert_string_equal(cap.out, "['script.py', 'one', 'two']\n");
    adder_free(vm);
}

static void test_free_null(void **state) {
    (void)state;
    adder_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_config_defaults),
        cmocka_unit_test(test_output_goes_to_host),
        cmocka_unit_test(test_main_namespace_persists),
        cmocka_unit_test(test_uncaught_exception),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_system_exit),
        cmocka_unit_test(test_two_vms_share_nothing),
        cmocka_unit_test(test_argv),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
