/*
 * seq.h - operations on arrays of values that the sequence types share (seq.c): subscript
 * classification, lexicographic comparison, repr, search, and the operand rules of `+` and
 * `*`, so list, tuple, bytes, range and slice give CPython's results and messages alike.
 *
 * Items and lengths are passed by address wherever script code can run in between (an
 * __eq__ or __repr__ may mutate a list under us): the helpers re-read them after every call
 * out. The caller keeps the container rooted; the helpers root what they make.
 */
#ifndef ADDER_SEQ_H
#define ADDER_SEQ_H

#include <string.h>

#include "runtime.h"
#include "vm.h"

/* Classify a subscript: 1 with *i set for an integer (or __index__) key, 2 for a slice, -1
 * with TypeError "<what> indices must be integers or slices, not <type>". */
AD_FUNC int ad_seq_key(AdThread *t, AdValue key, int64_t *i, const char *what) AD_RAISES;

/* An item index made non-negative against `len` (a negative one counts from the end): true,
 * or false with IndexError `msg` ("list index out of range") when it is out of range. */
AD_FUNC bool ad_seq_item_index(AdThread *t, int64_t *i, size_t len, const char *msg) AD_RAISES;
/* Deletes the n >= 1 items start, start+step, ... (step != 0, may be negative: the same
 * items in the other order) from an array of `len` items of `size` bytes, closing the gaps;
 * returns the new length. Never fails. */
AD_FUNC size_t ad_seq_delete_stepped(void *items, size_t size, size_t len, int64_t start,
                                     int64_t step, int64_t n);

/* Rich comparison of two sequences, CPython's list/tuple algorithm. `len_shortcut`: == / !=
 * decide on unequal lengths first (lists do). */
AD_FUNC AdValue ad_seq_compare(AdThread *t, int op, AdValue *const *a_items, const size_t *a_len,
                               AdValue *const *b_items, const size_t *b_len,
                               bool len_shortcut) AD_RAISES;

/* "(a, b)", "[a, b]": repr of a sequence between `open` and `close`, with the recursion
 * guard on `self` (giving open "..." close), and "(a,)" when `one_comma` and one item. */
AD_FUNC AdValue ad_seq_repr(AdThread *t, void *self, const char *open, const char *close,
                            AdValue *const *items, const size_t *len, bool one_comma) AD_RAISES;
/* The middle of such a repr, "a, b", appended to `b` (which the caller frees on failure);
 * for containers that wrap it their own way (sets). No recursion guard. */
AD_FUNC bool ad_seq_repr_items(AdThread *t, AdBuf *b, AdValue *const *items,
                               const size_t *len) AD_RAISES;

/* The optional start and stop of seq.index(x, start, stop) in args[2] and args[3] (absent
 * past nargs), made non-negative against `len`; stop defaults to INT64_MAX, so a list that
 * grows during the search is searched to its new end, as in CPython. */
AD_FUNC bool ad_seq_index_bounds(AdThread *t, AdValue *args, int nargs, int64_t len,
                                 int64_t *start, int64_t *stop) AD_RAISES;
/* Index of the first item == x in [start, stop), -1 if none, -2 with an exception. */
AD_FUNC int64_t ad_seq_find(AdThread *t, AdValue *const *items, const size_t *len, AdValue x,
                            int64_t start, int64_t stop) AD_RAISES;
/* How many items == x; -1 with an exception. */
AD_FUNC int64_t ad_seq_count(AdThread *t, AdValue *const *items, const size_t *len,
                             AdValue x) AD_RAISES;

/* Should `seq <binop> other`, other not a sequence seq accepts, return NotImplemented and
 * give way to other's reflected method? Only for classes that define one; for everything
 * else CPython's sequences raise their own message. Never raises. */
AD_FUNC bool ad_seq_defers_to(AdThread *t, AdValue other, int binop);
/* The count of `seq * v`: 1 with *n set (a negative count is 0), 0 when v's class should get
 * its turn (NotImplemented), -1 with CPython's error (TypeError "can't multiply sequence by
 * non-int", OverflowError beyond an index-sized integer). */
AD_FUNC int ad_seq_repeat_count(AdThread *t, AdValue v, int64_t *n) AD_RAISES;
/* Fills dst with n repetitions of src[0..len). Never fails. */
static inline void ad_seq_repeat_into(AdValue *dst, const AdValue *src, size_t len, size_t n) {
    if (len == 1) {
        for (size_t i = 0; i < n; i++) dst[i] = src[0];
        return;
    }
    if (len == 0) return; /* src may be NULL */
    for (size_t k = 0; k < n; k++) memcpy(dst + k * len, src, len * sizeof(AdValue));
}

/* obj_slice.c: a slice or search bound as int64, clamping big ints (CPython's
 * _PyEval_SliceIndex). A value without __index__ (None included: callers that accept None
 * test it first) raises TypeError "slice indices must be integers or None or have an
 * __index__ method", or without "or None" when `none_ok` is false. */
AD_FUNC bool ad_slice_bound(AdThread *t, AdValue v, bool none_ok, int64_t *out) AD_RAISES;

#endif
