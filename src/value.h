/*
 * value.h - how every Adder value is represented.
 *
 * An AdValue is a 16-byte tagged union passed by value. None, bools, ints that fit in
 * 64 bits and floats live entirely inside it, so arithmetic on them never touches the
 * heap; everything else is a pointer to a garbage-collected AdObj. An int that does not
 * fit in int64 is a heap AdBigInt (GMP), and the invariant that a big int is never in
 * int64 range keeps equality and hashing of ints simple.
 *
 * The tag AD_TAG_NULL is "no value": it is never visible to scripts. It marks an unbound
 * local, a missing optional argument, and - as the return value of a function returning
 * AdValue - an error, with the exception left pending on the thread (see vm.h).
 */
#ifndef ADDER_VALUE_H
#define ADDER_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

typedef struct AdObj AdObj;
typedef struct AdType AdType;
typedef struct AdVM AdVM;
typedef struct AdThread AdThread;
typedef struct AdGC AdGC;

/* Opens the prototype of a function that may leave an exception on the thread.
 * Free for the compiler, telling for the reader (the PocketPy convention). */
#define AD_RAISES

/* Internal symbols are hidden from hosts that link libadder.so. */
#define AD_FUNC __attribute__((visibility("hidden"))) extern

enum {
    AD_TAG_NULL = 0, /* no value / error sentinel */
    AD_TAG_NONE,
    AD_TAG_BOOL,  /* as.i is 0 or 1 */
    AD_TAG_INT,   /* as.i: a small int */
    AD_TAG_FLOAT, /* as.f */
    AD_TAG_OBJ,   /* as.o: heap object, never NULL */
};

typedef struct AdValue {
    uint32_t tag;
    uint32_t aux; /* zero; reserved for later (e.g. inline-cache hints) */
    union {
        int64_t i;
        double f;
        AdObj *o;
    } as;
} AdValue;

#define AD_NULLV ((AdValue){.tag = AD_TAG_NULL})
#define AD_NONE ((AdValue){.tag = AD_TAG_NONE})
#define AD_TRUE ((AdValue){.tag = AD_TAG_BOOL, .as.i = 1})
#define AD_FALSE ((AdValue){.tag = AD_TAG_BOOL, .as.i = 0})

static inline AdValue ad_bool(bool b) { return (AdValue){.tag = AD_TAG_BOOL, .as.i = b}; }
static inline AdValue ad_small_int(int64_t i) { return (AdValue){.tag = AD_TAG_INT, .as.i = i}; }
static inline AdValue ad_float(double f) { return (AdValue){.tag = AD_TAG_FLOAT, .as.f = f}; }
static inline AdValue ad_obj(void *o) { return (AdValue){.tag = AD_TAG_OBJ, .as.o = (AdObj *)o}; }

#define AD_IS_NULL(v) ((v).tag == AD_TAG_NULL)
#define AD_IS_NONE(v) ((v).tag == AD_TAG_NONE)
#define AD_IS_BOOL(v) ((v).tag == AD_TAG_BOOL)
#define AD_IS_INT(v) ((v).tag == AD_TAG_INT) /* small int only; see ad_is_int() */
#define AD_IS_FLOAT(v) ((v).tag == AD_TAG_FLOAT)
#define AD_IS_OBJ(v) ((v).tag == AD_TAG_OBJ)
#define AD_AS_OBJ(v) ((v).as.o)
#define AD_AS(type, v) ((type *)(v).as.o)

/* Identity, as the `is` operator sees it. */
static inline bool ad_is(AdValue a, AdValue b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
    case AD_TAG_NULL:
    case AD_TAG_NONE: return true;
    /* Floats are unboxed, so identity is approximated by equal bits; a NaN is never
     * identical to anything, which matches `float("nan") in [float("nan")]`. */
    case AD_TAG_FLOAT: return a.as.i == b.as.i && a.as.f == a.as.f;
    default: return a.as.i == b.as.i; /* ints, bools and pointers share the bits */
    }
}

/*
 * Every heap object starts with this header. `type` is the object's class; `gc_next` is
 * the heap's link (a dead block's free-list link, or the large-object list: alloc.c);
 * `gc_mark` is the mark bit of the current collection (0xff marks a free block). `flags` is free for the owning type (e.g. a str records "interned").
 */
struct AdObj {
    AdType *type;
    AdObj *gc_next;
    uint8_t gc_mark;
    uint8_t gc_flags; /* reserved for gc.c */
    uint16_t flags;   /* per-type use */
    uint32_t extra;   /* per-type use (e.g. a str caches "is ascii") */
};

/* A native (C) function. `args` holds `nargs` positional values followed by one value per
 * name in `kwnames` (NULL when there are no keywords). For methods args[0] is self.
 * Returns the result, or AD_NULLV with an exception pending. Must not keep `args`. */
typedef struct AdTuple AdTuple;
typedef AdValue (*AdCFunc)(AdThread *t, AdValue *args, int nargs, AdTuple *kwnames);
/* Setter of a get/set descriptor; `value` is AD_NULLV for `del`. false = error pending. */
typedef bool (*AdCSetter)(AdThread *t, AdValue self, AdValue value);

/* How a builtin type lists its methods and attributes (a NULL name ends the table). */
enum {
    AD_METH_INSTANCE = 0, /* plain method: args[0] is self; looked up on an instance it binds */
    AD_METH_CLASS = 1,    /* classmethod: args[0] is the class */
    AD_METH_STATIC = 2,   /* staticmethod: no implicit argument (used for __new__, which takes cls) */
    AD_METH_GETSET = 3,   /* attribute: `fn` is called with args = {self}, nargs = 1; `set` may be NULL */
};
typedef struct AdMethodDef {
    const char *name;
    AdCFunc fn;
    int kind; /* AD_METH_* */
    AdCSetter set;
    const char *doc; /* may be NULL */
} AdMethodDef;

#endif
