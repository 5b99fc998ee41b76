/*
 * test_gc_alloc.c - the per-VM heap under the collector: size classes, block reuse,
 * large objects and buffers, pages moving between classes, and many VMs side by side.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core.h"

static void test_size_classes(void **state) {
    (void)state;
    assert_int_equal(ad_size_class(0), 0);
    assert_int_equal(ad_size_class(1), 0);
    assert_int_equal(ad_size_class(16), 0);
    assert_int_equal(ad_size_class(17), 1);
    assert_int_equal(ad_size_class(AD_SMALL_MAX), AD_NCLASSES - 1);

    AdVM *vm = ad_vm_new();
    assert_non_null(vm);
    AdThread *t = vm->main_thread;
    size_t sizes[] = {0, 1, 15, 16, 17, 100, 250, 511, 512};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = ad_mem_alloc(t, sizes[i]);
        assert_non_null(p);
        assert_true(ad_heap_owns(&vm->heap, p));
        assert_int_equal((uintptr_t)p % AD_ALLOC_GRAIN, 0);
        AdPage *pg = ad_page_of(p);
        assert_false(pg->is_obj);
        assert_int_equal(pg->block_size, (ad_size_class(sizes[i]) + 1) * AD_ALLOC_GRAIN);
        memset(p, 0x5a, sizes[i]);
        ad_mem_free(vm, p, 0);
    }
    /* Objects have pages of their own, apart from buffers. */
    AdList *l = ad_list_new(t, 0);
    assert_non_null(l);
    assert_true(ad_heap_owns(&vm->heap, l));
    assert_true(ad_page_of(l)->is_obj);
    ad_vm_free(vm);
}

static void test_freed_blocks_are_reused(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    void *a = ad_mem_alloc(t, 40);
    ad_mem_free(vm, a, 40);
    void *b = ad_mem_alloc(t, 48); /* same class: the block just freed comes back */
    assert_ptr_equal(a, b);
    ad_mem_free(vm, b, 48);

    /* Dead objects' blocks serve the next allocations instead of new pages. */
    ad_gc_collect(t);
    size_t arenas = vm->heap.narenas;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 20000; i++) assert_non_null(ad_list_new(t, 0));
        ad_gc_collect(t);
    }
    assert_int_equal(vm->heap.narenas, arenas);
    ad_vm_free(vm);
}

static void test_realloc_keeps_contents_across_sizes(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    ad_gc_collect(t);
    size_t base = vm->mem_bytes;
    unsigned char *p = ad_mem_alloc(t, 8);
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)i;
    size_t steps[] = {16, 100, 500, 513, 4000, 300, 20, 8};
    size_t have = 8;
    for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        p = ad_mem_realloc(t, p, have, steps[s]);
        assert_non_null(p);
        assert_int_equal(ad_heap_owns(&vm->heap, p), steps[s] <= AD_SMALL_MAX);
        size_t keep = have < steps[s] ? have : steps[s];
        for (size_t i = 0; i < keep; i++) assert_int_equal(p[i], (unsigned char)i);
        for (size_t i = keep; i < steps[s]; i++) p[i] = (unsigned char)i;
        have = steps[s];
    }
    ad_mem_free(vm, p, have);
    assert_int_equal(vm->mem_bytes, base);
    /* A buffer from plain malloc handed to ad_mem_free is released the malloc way. */
    ad_mem_free(vm, malloc(64), 64);
    ad_vm_free(vm);
}

static void test_large_objects(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    ad_gc_collect(t);
    size_t nlarge = vm->heap.nlarge;
    AdTuple *keep = ad_tuple_new(t, 200);
    assert_non_null(keep);
    assert_false(ad_heap_owns(&vm->heap, keep));
    ad_gc_push_obj(t, keep);
    for (size_t i = 0; i < 200; i++) {
        AdStr *s = ad_str_printf(t, "v%zu", i);
        assert_non_null(s);
        keep->items[i] = ad_obj(s);
    }
    for (int i = 0; i < 50; i++) assert_non_null(ad_tuple_new(t, 100 + i));
    assert_int_equal(vm->heap.nlarge, nlarge + 51);
    ad_gc_collect(t);
    assert_int_equal(vm->heap.nlarge, nlarge + 1);
    assert_string_equal(AD_AS(AdStr, keep->items[123])->data, "v123");
    t->nroots--;
    ad_gc_collect(t);
    assert_int_equal(vm->heap.nlarge, nlarge);
    ad_vm_free(vm);
}

static void test_empty_pages_move_between_classes(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    enum { N = 100000 };
    void **ptrs = malloc(N * sizeof *ptrs);
    assert_non_null(ptrs);
    for (int i = 0; i < N; i++) assert_non_null(ptrs[i] = ad_mem_alloc(t, 32));
    for (int i = 0; i < N; i++) ad_mem_free(vm, ptrs[i], 32);
    size_t arenas = vm->heap.narenas;
    /* About as many bytes again, in another class: the emptied pages take them. */
    for (int i = 0; i < N / 8; i++) assert_non_null(ptrs[i] = ad_mem_alloc(t, 256));
    assert_int_equal(vm->heap.narenas, arenas);
    for (int i = 0; i < N / 8; i++) ad_mem_free(vm, ptrs[i], 256);
    free(ptrs);
    ad_vm_free(vm);
}

static void test_many_vms(void **state) {
    (void)state;
    enum { NVM = 12 };
    AdVM *vms[NVM];
    AdList *lists[NVM];
    for (int i = 0; i < NVM; i++) {
        vms[i] = ad_vm_new();
        assert_non_null(vms[i]);
        AdThread *t = vms[i]->main_thread;
        lists[i] = ad_list_new(t, 0);
        ad_gc_push_obj(t, lists[i]);
        for (int k = 0; k < 300; k++) {
            AdStr *s = ad_str_printf(t, "vm%d-%d", i, k);
            assert_non_null(s);
            assert_true(ad_list_append(t, lists[i], ad_obj(s)));
        }
    }
    for (int i = 0; i < NVM; i++) {
        ad_gc_collect(vms[i]->main_thread);
        for (int j = 0; j < NVM; j++)
            assert_int_equal(ad_heap_owns(&vms[j]->heap, lists[i]), i == j);
    }
    /* Free every other VM first; the rest must be untouched. */
    for (int i = 0; i < NVM; i += 2) ad_vm_free(vms[i]);
    for (int i = 1; i < NVM; i += 2) {
        ad_gc_collect(vms[i]->main_thread);
        char want[32];
        snprintf(want, sizeof want, "vm%d-%d", i, 299);
        assert_string_equal(AD_AS(AdStr, lists[i]->items[299])->data, want);
        ad_vm_free(vms[i]);
    }
}

/* Classes die together with their bases: type finalizers read the bases (and their
 * __bases__ tuples) during the same sweep that frees them. */
static void test_dead_classes_with_dead_bases(void **state) {
    (void)state;
    AdVM *vm = ad_vm_new();
    AdThread *t = vm->main_thread;
    const char *src = "for i in range(200):\n"
                      "    class A: pass\n"
                      "    class B(A): pass\n"
                      "    class C(B, A if False else object): pass\n"
                      "    x = [C(), B(), {1: A()}]\n";
    AdCode *code = ad_compile(t, src, strlen(src), "<test>", AD_MODE_EXEC);
    assert_non_null(code);
    ad_gc_push_obj(t, code);
    AdDict *globals = ad_dict_new(t);
    assert_non_null(globals);
    ad_gc_push_obj(t, globals);
    assert_true(ad_dict_set_str(t, globals, ad_str_intern_cstr(t, "__builtins__"), ad_obj(vm->builtins_module)));
    AdValue r = ad_vm_run_code(t, code, globals, globals);
    assert_false(AD_IS_NULL(r));
    t->nroots -= 2;
    ad_gc_collect(t);
    ad_gc_collect(t);
    ad_vm_free(vm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_classes),
        cmocka_unit_test(test_freed_blocks_are_reused),
        cmocka_unit_test(test_realloc_keeps_contents_across_sizes),
        cmocka_unit_test(test_large_objects),
        cmocka_unit_test(test_empty_pages_move_between_classes),
        cmocka_unit_test(test_many_vms),
        cmocka_unit_test(test_dead_classes_with_dead_bases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
