/*
 * gil.c - the global interpreter lock: a mutex-protected holder pointer and a condition
 * variable. Waiters wait in slices of switch_interval_us; one that times out while the same
 * thread still holds the lock sets drop_request and the holder's eval_breaker, so the holder
 * drops the lock at its next breaker check (vm_breaker.c). Fairness: a thread that dropped
 * on request waits until drop_request is cleared, which only a thread taking the lock does,
 * so the dropper cannot immediately win it back (CPython's FORCE_SWITCHING).
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
 * that asked for it has taken it), then take it. */
static void take_locked(AdGIL *gil, AdThread *t, bool after_drop) {
    while (gil->holder || (after_drop && atomic_load(&gil->drop_request))) {
        AdThread *seen = gil->holder;
        struct timespec ts;
        deadline_after(&ts, gil->switch_interval_us ? gil->switch_interval_us : 5000);
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
