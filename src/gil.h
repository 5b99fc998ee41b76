/*
 * gil.h - the global interpreter lock of one VM (gil.c). Exactly one AdThread runs script
 * code or touches the heap at a time: the holder of vm->gil. A thread gives the lock up
 * only where its stack_top and frame chain are consistent (inside a native call, or at a
 * breaker check after SAVE()), so the collector, which runs in the holder, sees every
 * other thread's roots whole.
 */
#ifndef ADDER_GIL_H
#define ADDER_GIL_H

#include "vm.h"

/* Block until `t` holds the GIL. A waiter that has waited switch_interval_us without the
 * holder changing asks the holder to drop it (drop_request + the holder's eval_breaker). */
AD_FUNC void ad_gil_acquire(AdThread *t);
/* Give the GIL up; `t` must hold it. Never touches the heap. */
AD_FUNC void ad_gil_release(AdThread *t);
/* The same, for a thread whose AdThread has just been freed (thread exit). */
AD_FUNC void ad_gil_release_vm(AdVM *vm);
/* The breaker's half of a forced switch: if a waiter asked for the GIL, hand it over and
 * do not take it back before some other thread has had it. */
AD_FUNC void ad_gil_yield_if_requested(AdThread *t);

#endif
