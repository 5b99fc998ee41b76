/*
 * gil.h - the global interpreter lock of one VM (gil.c), and the blocking waits and signal
 * checks that go with it. Exactly one AdThread runs script code or touches the heap at a
 * time: the holder of vm->gil. A thread gives the lock up only where its stack_top and
 * frame chain are consistent (inside a native call, or at a breaker check after SAVE()),
 * and only where the objects the C code still needs are rooted (as before any
 * allocation), so the collector, which runs in the holder, sees every other thread's
 * roots whole.
 */
#ifndef ADDER_GIL_H
#define ADDER_GIL_H

#include <time.h>

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

/* In the child of a fork(), called by the forking thread `t` (which holds the GIL): the
 * other threads do not exist there, so they are dropped from the VM, the GIL's mutex and
 * condition variable are made anew (another thread may have held the mutex) and `t`
 * becomes the main thread and the GIL's holder. */
AD_FUNC void ad_vm_after_fork_child(AdThread *t);

/* ---- blocking waits and signals --------------------------------------------------------
 * Only the main thread runs signal handlers (as in CPython). A blocking wait on the main
 * thread therefore wakes every AD_SIGNAL_POLL_SECONDS to look at vm->pending_signals: a
 * handler cannot wake a condition variable, and the signal may have been delivered to
 * another thread of the process, so EINTR alone is not enough. */
#define AD_SIGNAL_POLL_SECONDS 0.02

/* `t` is the main thread and a signal is waiting for its handler. Never touches the heap. */
AD_FUNC bool ad_signals_pending(AdThread *t);
/* mod_signal.c: runs the handlers of the pending signals on the main thread (`t` holds the
 * GIL); false with the exception pending if one raised (default SIGINT: KeyboardInterrupt).
 * Does nothing on other threads. */
AD_FUNC bool ad_signals_run(AdThread *t) AD_RAISES;
/* Sleeps `secs` with the GIL released (time.sleep). On the main thread a signal ends the
 * nap early to run its handler; the sleep goes on if the handler returned normally, and
 * false comes back with the exception pending if it raised. */
AD_FUNC bool ad_gil_sleep(AdThread *t, double secs) AD_RAISES;
/* CLOCK_MONOTONIC deadlines for timed waits (condition variables made with that clock). */
AD_FUNC void ad_deadline_after(struct timespec *ts, double secs);
AD_FUNC bool ad_timespec_before(const struct timespec *a, const struct timespec *b);
/* The end of the main thread's next wait slice: now + AD_SIGNAL_POLL_SECONDS, or
 * `deadline` (may be NULL: none) if that comes first. */
AD_FUNC void ad_signal_slice(struct timespec *until, const struct timespec *deadline);

/* mod_thread.c: what the host should call once the main program has finished (before
 * freeing the VM): if threading was imported, threading._shutdown() joins the non-daemon
 * threads. false with the exception pending if that raised. */
AD_FUNC bool ad_threads_shutdown(AdThread *t) AD_RAISES;

#endif
