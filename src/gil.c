/*
 * gil.c - the global interpreter lock: a mutex-protected holder pointer and a condition
 * variable. Waiters wait in slices of switch_interval_us; one that times out while the same
 * thread still holds the lock sets drop_request and the holder's eval_breaker, so the holder
 * drops the lock at its next breaker check (vm_breaker.c). Fairness: a thread that dropped
 * on request waits until drop_request is cleared, which only a thread taking the lock does,
 * so the dropper cannot immediately win it back (CPython's FORCE_SWITCHING).
 *
 * Also the blocking waits shared by several modules: a sleep that the main thread cuts into
 * slices, so that a signal the host reported (adder_interrupt) gets its handler run, and a
 * KeyboardInterrupt raised, while the script is asleep.
 */
#include <errno.h>
#include <time.h>

#include "core.h"
#include "gil.h"

static void deadline_after(struct timespec *ts, unsigned long us) {
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += (time_t)(us / 1000000);
    ts->tv_nsec += (long)(us % 1000000) * 1000;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* With gil->mutex held: wait until the GIL is free (and, if `after_drop`, until a thread
 * that asked for it has taken it), then take it. A dropper is an ordinary waiter again once
 * the requester has taken the lock: it too may then ask the new holder to drop it, or a
 * holder that never blocks (a spinning loop) would keep the lock for good. */
static void take_locked(AdGIL *gil, AdThread *t, bool after_drop) {
    for (;;) {
        if (after_drop && !atomic_load(&gil->drop_request)) after_drop = false;
        if (!gil->holder && !after_drop) break;
        AdThread *seen = gil->holder;
        struct timespec ts;
        unsigned long interval = atomic_load(&gil->switch_interval_us);
        deadline_after(&ts, interval ? interval : 5000);
        int rc = pthread_cond_timedwait(&gil->cond, &gil->mutex, &ts);
        if (rc == ETIMEDOUT && gil->holder && gil->holder == seen && !after_drop) {
            atomic_store(&gil->drop_request, 1);
            atomic_store(&gil->holder->eval_breaker, 1);
        }
    }
    gil->holder = t;
    atomic_store(&gil->drop_request, 0);
}

void ad_gil_acquire(AdThread *t) {
    AdGIL *gil = &t->vm->gil;
    pthread_mutex_lock(&gil->mutex);
    take_locked(gil, t, false);
    pthread_mutex_unlock(&gil->mutex);
}

void ad_gil_release(AdThread *t) {
    AdGIL *gil = &t->vm->gil;
    pthread_mutex_lock(&gil->mutex);
    gil->holder = NULL;
    pthread_cond_broadcast(&gil->cond);
    pthread_mutex_unlock(&gil->mutex);
}

void ad_gil_release_and_free(AdThread *t) {
    AdGIL *gil = &t->vm->gil;
    pthread_mutex_lock(&gil->mutex);
    ad_thread_free(t);
    gil->holder = NULL;
    pthread_cond_broadcast(&gil->cond);
    pthread_mutex_unlock(&gil->mutex);
}

void ad_gil_yield_if_requested(AdThread *t) {
    AdGIL *gil = &t->vm->gil;
    if (!atomic_load(&gil->drop_request)) return;
    pthread_mutex_lock(&gil->mutex);
    if (gil->holder == t && atomic_load(&gil->drop_request)) {
        gil->holder = NULL;
        pthread_cond_broadcast(&gil->cond);
        take_locked(gil, t, true);
    }
    pthread_mutex_unlock(&gil->mutex);
}

void ad_vm_after_fork_child(AdThread *t) {
    AdVM *vm = t->vm;
    /* Their stacks are copies nobody will run: free them, so the collector forgets their
     * roots too. */
    while (vm->threads != t || t->next_thread) {
        AdThread *other = vm->threads != t ? vm->threads : t->next_thread;
        ad_thread_free(other);
    }
    AdGIL *gil = &vm->gil;
    pthread_mutex_init(&gil->mutex, NULL);
    pthread_cond_init(&gil->cond, NULL);
    gil->holder = t;
    atomic_store(&gil->drop_request, 0);
    vm->main_thread = t;
}

bool ad_signals_pending(AdThread *t) {
    return t == t->vm->main_thread && atomic_load(&t->vm->pending_signals) != 0;
}

void ad_deadline_after(struct timespec *ts, double secs) {
    clock_gettime(CLOCK_MONOTONIC, ts);
    /* Past ~30 years is forever for our purposes, and keeps tv_sec from overflowing; NaN
     * and negatives are now. */
    if (secs > 1e9) secs = 1e9;
    if (!(secs > 0)) secs = 0;
    time_t whole = (time_t)secs;
    ts->tv_sec += whole;
    ts->tv_nsec += (long)((secs - (double)whole) * 1e9);
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

bool ad_timespec_before(const struct timespec *a, const struct timespec *b) {
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

void ad_signal_slice(struct timespec *until, const struct timespec *deadline) {
    ad_deadline_after(until, AD_SIGNAL_POLL_SECONDS);
    if (deadline && ad_timespec_before(deadline, until)) *until = *deadline;
}

bool ad_gil_sleep(AdThread *t, double secs) {
    struct timespec deadline;
    ad_deadline_after(&deadline, secs);
    bool main = t == t->vm->main_thread;
    for (;;) {
        if (ad_signals_pending(t) && !ad_signals_run(t)) return false;
        bool done = false;
        ad_gil_release(t);
        while (!done && !ad_signals_pending(t)) {
            /* Only the main thread runs signal handlers, so only it needs to wake early. */
            struct timespec until = deadline;
            if (main) ad_signal_slice(&until, &deadline);
            int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
            if (rc == 0 && !ad_timespec_before(&until, &deadline)) done = true;
        }
        ad_gil_acquire(t);
        if (done) return true;
    }
}
