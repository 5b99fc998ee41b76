/*
 * test_embed.c - the embedding contract of include/adder.h, seen from a host.
 *
 * Uses nothing but adder.h: output through the host's callbacks, statuses for errors and
 * SystemExit, the traceback text, __main__ kept between runs, two VMs in one process
 * that share nothing, and threads: a host that releases the GIL lets script threads run,
 * adder_interrupt from another thread raises KeyboardInterrupt, adder_join_threads waits.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* ---- threads ------------------------------------------------------------------------ */

/* A host whose write_out also posts a semaphore when a line holding "done" arrives, so
 * it can block (with the GIL released) until a script thread has got that far. */
typedef struct ThreadHost {
    Capture cap;
    sem_t done;
} ThreadHost;

static void thread_host_out(void *ud, const char *s, size_t n) {
    ThreadHost *h = ud;
    append(h->cap.out, &h->cap.out_len, s, n);
    if (memmem(s, n, "done", 4))
        sem_post(&h->done);
}

static AdderVM *new_thread_host(ThreadHost *h) {
    memset(h, 0, sizeof *h);
    sem_init(&h->done, 0, 0);
    AdderConfig cfg;
    adder_config_init(&cfg);
    cfg.write_out = thread_host_out;
    cfg.write_err = write_err;
    cfg.ud = h;
    AdderVM *vm = adder_new(&cfg);
    assert_non_null(vm);
    return vm;
}

/* sem_wait with a generous limit, so a broken GIL fails the test instead of hanging it. */
static int wait_done(ThreadHost *h, int seconds) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += seconds;
    while (sem_timedwait(&h->done, &ts) != 0)
        if (errno != EINTR)
            return 0;
    return 1;
}

static const char start_worker[] =
    "import _thread\n"
    "result = []\n"
    "def work():\n"
    "    result.append(sum(range(100000)))\n"
    "    print('worker done')\n"
    "_thread.start_new_thread(work, ())\n";

/* Lets the script's threads finish (they get the GIL from this loop) before the VM is
 * freed: adder_free leaves a VM with live threads to the process exit. */
static const char wait_for_threads[] = "while _thread._count():\n    pass\n";

static void test_release_gil_lets_threads_run(void **state) {
    (void)state;
    ThreadHost h;
    AdderVM *vm = new_thread_host(&h);
    assert_int_equal(adder_run_string(vm, start_worker, "<test>"), ADDER_OK);
    /* Between calls the host holds the GIL: the worker cannot get anywhere. */
    struct timespec pause = {0, 50 * 1000 * 1000};
    nanosleep(&pause, NULL);
    assert_int_equal(sem_trywait(&h.done), -1);
    /* Blocking in the host with the GIL released, it runs to its end. */
    adder_release_gil(vm);
    int finished = wait_done(&h, 20);
    adder_acquire_gil(vm);
    assert_true(finished);
    assert_int_equal(adder_run_string(vm, "print(result)\n", "<test>"), ADDER_OK);
    assert_string_equal(h.cap.out, "worker done\n[4999950000]\n");
    assert_int_equal(adder_run_string(vm, wait_for_threads, "<test>"), ADDER_OK);
    adder_free(vm);
    sem_destroy(&h.done);
}

static void test_join_threads_waits(void **state) {
    (void)state;
    ThreadHost h;
    AdderVM *vm = new_thread_host(&h);
    assert_int_equal(adder_run_string(vm, start_worker, "<test>"), ADDER_OK);
    /* No stdlib here, so no threading module: nothing to join, and no wait. */
    adder_join_threads(vm);
    /* A script thread blocked in a lock wait does not hold the GIL up either. */
    assert_int_equal(adder_run_string(vm,
                                      "lock = _thread.allocate_lock()\n"
                                      "lock.acquire()\n"
                                      "def second():\n"
                                      "    lock.acquire()\n"
                                      "    print('second done')\n"
                                      "_thread.start_new_thread(second, ())\n"
                                      "lock.release()\n",
                                      "<test>"),
                     ADDER_OK);
    adder_release_gil(vm);
    int first = wait_done(&h, 20);
    int second = wait_done(&h, 20);
    adder_acquire_gil(vm);
    assert_true(first && second);
    assert_int_equal(adder_run_string(vm, wait_for_threads, "<test>"), ADDER_OK);
    adder_free(vm);
    sem_destroy(&h.done);
}

typedef struct Interrupter {
    AdderVM *vm;
    ThreadHost *h;
} Interrupter;

/* Waits for the script to say it is about to block or spin, then interrupts it. */
static void *interrupt_when_ready(void *arg) {
    Interrupter *in = arg;
    if (wait_done(in->h, 20)) {
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
        adder_interrupt(in->vm);
    }
    return NULL;
}

static void check_interrupted(const char *source) {
    ThreadHost h;
    AdderVM *vm = new_thread_host(&h);
    Interrupter in = {vm, &h};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, interrupt_when_ready, &in), 0);
    assert_int_equal(adder_run_string(vm, source, "<test>"), ADDER_ERROR);
    pthread_join(th, NULL);
    assert_true(ends_with(adder_error_text(vm), "\nKeyboardInterrupt\n"));
    assert_int_equal(adder_exit_code(vm), 130);
    /* The VM goes on working, and a handler set in the script is used next time. */
    assert_int_equal(adder_run_string(vm, "print('still here')\n", "<test>"), ADDER_OK);
    assert_true(ends_with(h.cap.out, "still here\n"));
    adder_free(vm);
    sem_destroy(&h.done);
}

static void test_interrupt_busy_loop(void **state) {
    (void)state;
    check_interrupted("print('done: spinning')\nwhile True:\n    pass\n");
}

static void test_interrupt_blocked_wait(void **state) {
    (void)state;
    check_interrupted("import _thread\n"
                      "lock = _thread.allocate_lock()\n"
                      "lock.acquire()\n"
                      "print('done: blocking')\n"
                      "lock.acquire()\n");
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
        cmocka_unit_test(test_release_gil_lets_threads_run),
        cmocka_unit_test(test_join_threads_waits),
        cmocka_unit_test(test_interrupt_busy_loop),
        cmocka_unit_test(test_interrupt_blocked_wait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
