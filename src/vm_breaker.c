/*
 * vm_breaker.c - what the dispatch loop does when t->eval_breaker is set: the GIL
 * hand-off (gil.c) when another thread asked for the lock. vm.c calls it at backward jumps
 * and calls, after saving ip/sp, so the frame is consistent while the lock is away.
 * Signal delivery (KeyboardInterrupt) is still to come.
 */
#include "core.h"
#include "gil.h"

bool ad_vm_handle_breaker(AdThread *t) {
    atomic_store_explicit(&t->eval_breaker, 0, memory_order_relaxed);
    ad_gil_yield_if_requested(t);
    return true;
}
