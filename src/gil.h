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
/* Thread exit: free `t` (which holds the GIL) and release the GIL, both under the GIL's
 * mutex so that no waiter ever sees the freed thread as the holder. */
AD_FUNC void ad_gil_release_and_free(AdThread *t);
/* The breaker's half of a forced switch: if a waiter asked for the GIL, hand it over and
 * do not take it back before some other thread has had it. */
AD_FUNC void ad_gil_yield_if_requested(AdThread *t);

/* mod_thread.c: what the host should call once the main program has finished (before
 * freeing the VM): if threading was imported, threading._shutdown() joins the non-daemon
 * threads. false with the exception pending if that raised. */
AD_FUNC bool ad_threads_shutdown(AdThread *t) AD_RAISES;

#endif
