/*
 * vm_breaker.c - what the dispatch loop does when t->eval_breaker is set. This is the
 * stub: nothing is ever pending, so it clears the word and carries on. The GIL and
 * signal handling (gil.c / signals) replace it with the real hand-off and
 * KeyboardInterrupt delivery; vm.c only promises to call it at backward jumps and calls.
 */
#include "core.h"

bool ad_vm_handle_breaker(AdThread *t) {
    atomic_store_explicit(&t->eval_breaker, 0, memory_order_relaxed);
    return true;
}
