/*
 * vm_breaker.c - what the dispatch loop does when t->eval_breaker is set: the GIL
 * hand-off (gil.c) when another thread asked for the lock. vm.c calls it at backward jumps
 * and calls, after saving ip/sp, so the frame is consistent while the lock is away.
 * and the main thread's signal handlers (mod_signal.c: KeyboardInterrupt on Ctrl-C).
 */
#include "core.h"
#include "gil.h"

bool ad_vm_handle_breaker(AdThread *t) {
    /* Sequentially consistent, so a signal flagged just before is not cleared unseen. */
    atomic_store(&t->eval_breaker, 0);
    ad_gil_yield_if_requested(t);
    /* After the hand-off: a signal that came while another thread held the GIL. */
    if (ad_signals_pending(t)) return ad_signals_run(t);
    return true;
}
