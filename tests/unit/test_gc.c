/*
 * test_gc.c - the collector: rooted objects survive, unreachable ones are freed, deep
 * structures do not overflow the C stack, and two VMs in one process stay independent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core.h"

static size_t count_objects(AdVM *vm) {
    return ad_heap_count_objects(&vm->heap);
}

static void test_unreachable_objects_are_freed(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    assert_non_null(vm);
    AdThread *t = vm->main_thread;
    ad_gc_collect(t);
    size_t base = count_objects(vm);
    for (int i = 0; i < 1000; i++) assert_non_null(ad_list_new(t, 4));
    assert_true(count_objects(vm) >= base + 1000);
    ad_gc_collect(t);
    assert_int_equal(count_objects(vm), base);
    ad_vm_free(vm);
}

static void test_rooted_objects_survive_with_contents(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    AdList *list = ad_list_new(t, 0);
    assert_non_null(list);
    ad_gc_push_obj(t, list);
    for (int i = 0; i < 100; i++) {
        AdStr *s = ad_str_printf(t, "item %d", i);
        assert_non_null(s);
        assert_true(ad_list_append(t, list, ad_obj(s)));
    }
    ad_gc_collect(t);
    ad_gc_collect(t);
    assert_int_equal(list->len, 100);
    assert_string_equal(AD_AS(AdStr, list->items[42])->data, "item 42");
    t->nroots--;
    ad_vm_free(vm);
}

static void test_deep_nesting_is_marked_iteratively(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    /* A million nested one-element lists would overflow a recursive marker. */
    AdList *outer = ad_list_new(t, 1);
    ad_gc_push_obj(t, outer);
    AdList *cur = outer;
    for (int i = 0; i < 1000000; i++) {
        AdList *next = ad_list_new(t, 1);
        assert_non_null(next);
        assert_true(ad_list_append(t, cur, ad_obj(next)));
        cur = next;
    }
    ad_gc_collect(t);
    size_t depth = 0;
    for (AdList *l = outer; l->len; l = AD_AS(AdList, l->items[0])) depth++;
    assert_int_equal(depth, 1000000);
    t->nroots--;
    ad_vm_free(vm);
}

static void test_two_vms_are_independent(void **state) {
    (void)state;
    AdVM *a = ad_vm_new(), *b = ad_vm_new();
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a->type_int, b->type_int);
    AdStr *sa = ad_str_intern_cstr(a->main_thread, "shared_name");
    AdStr *sb = ad_str_intern_cstr(b->main_thread, "shared_name");
    assert_ptr_not_equal(sa, sb);
    ad_gc_collect(a->main_thread);
    assert_ptr_equal(ad_str_intern_cstr(a->main_thread, "shared_name"), sa);
    ad_vm_free(a);
    assert_ptr_equal(ad_str_intern_cstr(b->main_thread, "shared_name"), sb);
    ad_vm_free(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unreachable_objects_are_freed),
        cmocka_unit_test(test_rooted_objects_survive_with_contents),
        cmocka_unit_test(test_deep_nesting_is_marked_iteratively),
        cmocka_unit_test(test_two_vms_are_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
