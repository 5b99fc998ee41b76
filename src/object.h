/*
 * object.h - the layouts of the built-in object types and the functions each type file
 * exports. One type lives in one obj_<type>.c file; its struct is here so that the VM and
 * runtime can use fields directly on hot paths.
 *
 * The type system is uniform: every operation is a dunder method found through the type's
 * MRO, and a builtin type installs its dunders in its dict as native functions (so
 * `int.__add__` exists and `class MyList(list)` inherits behaviour for free). The runtime
 * and VM add fast paths for exact builtin types on hot operations; those must behave
 * exactly like the dunder they shortcut.
 *
 * Allocation: ad_gc_alloc() returns zeroed memory with the header set. Any function that
 * allocates may collect; see gc.h for the rooting rule.
 */
#ifndef ADDER_OBJECT_H
#define ADDER_OBJECT_H

#include <gmp.h>
#include <stdarg.h>

#include "value.h"

typedef struct AdStr AdStr;
typedef struct AdDict AdDict;
typedef struct AdList AdList;
typedef struct AdCode AdCode;
typedef struct AdFrame AdFrame;

typedef void (*AdTraceFn)(AdGC *gc, AdObj *o);   /* mark every reference the object holds */
typedef void (*AdFinalizeFn)(AdVM *vm, AdObj *o); /* free malloc'd parts; no allocation, no script */

/* ---- type ------------------------------------------------------------------------------ */

enum {
    AD_TPFLAG_HEAP = 1 << 0,      /* created by a class statement or type(); has a mutable dict */
    AD_TPFLAG_BASETYPE = 1 << 1,  /* may be subclassed */
    AD_TPFLAG_EXCEPTION = 1 << 2, /* BaseException or a subclass */
    AD_TPFLAG_ABSTRACT_DICT = 1 << 3,
    /* obj_type.c: */
    AD_TPFLAG_IS_ABSTRACT = 1 << 4,      /* non-empty __abstractmethods__: no instances */
    AD_TPFLAG_CACHED = 1 << 5,           /* the three bits below are up to date */
    AD_TPFLAG_HAS_GETATTRIBUTE = 1 << 6, /* __getattribute__ is not the generic one */
    AD_TPFLAG_HAS_GETATTR = 1 << 7,      /* defines __getattr__ */
    AD_TPFLAG_HAS_SETATTR = 1 << 8,      /* __setattr__ or __delattr__ is not the generic one */
    AD_TPFLAG_META = 1 << 9,             /* `type` or a subclass: its instances are types */
};

struct AdType {
    AdObj obj;
    AdStr *name;     /* __name__ */
    AdStr *qualname; /* __qualname__ */
    AdStr *module;   /* __module__ as text, or NULL for builtins */
    AdTuple *bases;  /* __bases__ */
    AdTuple *mro;    /* __mro__, self first; C3 linearisation */
    AdType *base;    /* the base whose C layout instances extend (solid base) */
    AdDict *dict;    /* the namespace: methods, class attributes, descriptors */
    AdType *metatype_unused;
    size_t instance_size; /* bytes of an instance, header included */
    size_t dict_offset;   /* offset of an AdDict* in instances that have __dict__, else 0 */
    size_t slots_offset;  /* offset of the AdValue array for __slots__, else 0 */
    uint32_t nslots;      /* entries in that array */
    uint32_t flags;       /* AD_TPFLAG_* */
    uint32_t version;     /* VM-unique tag, renewed whenever the dict of this type or a base
                             changes (caches); 0 once the VM has run out of tags */
    AdTraceFn trace;      /* NULL: nothing beyond the header (and dict/slots, traced by gc.c) */
    AdFinalizeFn finalize;
    AdValue doc;
    /* Classes derived from this one, so that ad_type_modified reaches them. Weak: the array
     * is malloc'd and untraced, and a dying class unlinks itself in its finalizer. */
    AdType **subclasses;
    uint32_t nsubclasses, subclasses_cap;
    void *lookup_cache; /* obj_type.c: MRO lookups by interned name, cleared on change */
};

/* ---- simple objects ------------------------------------------------------------------- */

struct AdStr {
    AdObj obj;   /* obj.flags: AD_STR_INTERNED, AD_STR_ASCII */
    size_t len;  /* bytes of UTF-8, excluding the terminating NUL */
    size_t nchars; /* code points */
    int64_t hash;  /* -1 until computed */
    char data[];   /* UTF-8, NUL-terminated */
};
enum { AD_STR_INTERNED = 1, AD_STR_ASCII = 2 };

typedef struct AdBigInt {
    AdObj obj;
    mpz_t z; /* never within int64 range */
} AdBigInt;

struct AdTuple {
    AdObj obj;
    size_t len;
    int64_t hash; /* -1 until computed */
    AdValue items[];
};

struct AdList {
    AdObj obj;
    size_t len, cap;
    AdValue *items; /* malloc'd through ad_mem_* */
};

/* Compact ordered dict: `entries` in insertion order (deleted ones have key AD_NULLV) and
 * an open-addressing `index` of entry positions, as in CPython 3.6+. */
typedef struct AdDictEntry {
    int64_t hash;
    AdValue key, value;
} AdDictEntry;
/* obj.flags of a dict: AD_DICT_NO_SHADOW says that, as of the type version in obj.extra, no
 * key shadows a method of the class of the instance owning this dict (the dispatch loop's
 * LOAD_METHOD then skips the instance-dict lookup). Adding a key clears it. */
enum { AD_DICT_NO_SHADOW = 1 };
struct AdDict {
    AdObj obj;
    /* 32-bit counts keep the object in 64 bytes (the index tops out at 2^31 slots). */
    uint32_t len;        /* live entries */
    uint32_t nentries;   /* used entry slots, live or deleted */
    uint32_t entry_cap;
    uint32_t index_size; /* power of two */
    AdDictEntry *entries;
    void *index;         /* private to obj_dict.c: int8/16/32 slots by index_size */
    uint32_t version;    /* bumped on every change that adds or removes a key */
};

/* set and frozenset: CPython's open-addressing table (same probing, same growth), so that
 * small-int sets iterate in the order CPython prints them. */
typedef struct AdSetEntry {
    int64_t hash;
    AdValue key; /* AD_NULLV empty; a set's `dummy` marker (tag OBJ, vm->set_dummy) deleted */
} AdSetEntry;
typedef struct AdSet {
    AdObj obj;
    size_t used, fill, mask;
    AdSetEntry *table;
    int64_t hash; /* frozenset only; -1 until computed */
} AdSet;

typedef struct AdBytes {
    AdObj obj;
    size_t len;
    int64_t hash;
    uint8_t data[]; /* NUL-terminated for convenience */
} AdBytes;

typedef struct AdByteArray {
    AdObj obj;
    size_t len, cap;
    uint8_t *data;
} AdByteArray;

typedef struct AdRange {
    AdObj obj;
    int64_t start, stop, step, len;
} AdRange;

typedef struct AdSlice {
    AdObj obj;
    AdValue start, stop, step; /* None when omitted */
} AdSlice;

typedef struct AdCell {
    AdObj obj;
    AdValue value; /* AD_NULLV while unbound */
} AdCell;

typedef struct AdModule {
    AdObj obj;
    AdDict *dict;
    AdStr *name;
} AdModule;

/* An instance of a class whose solid base is `object`. */
typedef struct AdInstance {
    AdObj obj;
    AdDict *dict; /* NULL until the first attribute is set, or when __slots__ removes it */
} AdInstance;

/* ---- callables ------------------------------------------------------------------------ */

typedef struct AdFunc {
    AdObj obj;
    AdCode *code;
    AdDict *globals;
    AdValue builtins_unused;
    AdTuple *defaults;    /* positional defaults or NULL */
    AdDict *kwdefaults;   /* keyword-only defaults or NULL */
    AdTuple *closure;     /* cells for the code's free variables, or NULL */
    AdStr *name, *qualname;
    AdValue doc;          /* __doc__ */
    AdValue module;       /* __module__ */
    AdDict *dict;         /* __dict__ (e.g. __wrapped__ set by functools.wraps), lazily made */
    AdDict *annotations;  /* or NULL */
} AdFunc;

typedef struct AdNative {
    AdObj obj;
    const char *name; /* static string */
    AdCFunc fn;
    int kind;         /* AD_METH_* */
    AdType *owner;    /* the type whose dict holds it, for methods; NULL for functions */
    AdValue module;   /* module name for module functions */
    const char *doc;
} AdNative;

/* A function (AdFunc or AdNative or any callable) bound to its first argument. */
typedef struct AdBoundMethod {
    AdObj obj;
    AdValue func, self;
} AdBoundMethod;

/* Attribute of a builtin type implemented in C (AD_METH_GETSET). */
typedef struct AdGetSet {
    AdObj obj;
    const char *name;
    AdCFunc get;
    AdCSetter set;
    AdType *owner;
    const char *doc;
} AdGetSet;

typedef struct AdProperty {
    AdObj obj;
    AdValue fget, fset, fdel, doc; /* None when absent */
    AdValue name;                  /* set by __set_name__, for error messages */
} AdProperty;

typedef struct AdClassMethod {
    AdObj obj;
    AdValue func; /* used for classmethod and staticmethod alike */
    AdDict *dict;
} AdClassMethod;

typedef struct AdSuper {
    AdObj obj;
    AdType *type;   /* the class super() was called in */
    AdValue obj_;   /* the instance (or class) */
    AdType *objtype;
} AdSuper;

/* ---- exceptions ----------------------------------------------------------------------- */

typedef struct AdTraceback {
    AdObj obj;
    struct AdTraceback *next; /* toward where the exception was raised */
    AdCode *code;
    int lineno;
} AdTraceback;

typedef struct AdException {
    AdObj obj;
    AdDict *dict;
    AdTuple *args;
    AdValue traceback; /* AdTraceback or None */
    AdValue cause;     /* None or exception */
    AdValue context;   /* None or exception */
    bool suppress_context;
    AdValue value;     /* StopIteration.value / SystemExit.code / OSError.errno etc. */
    AdValue extra[3];  /* per-subclass fields: KeyError-free; SyntaxError filename/lineno/text,
                          OSError strerror/filename, ImportError name... (see obj_exc.c) */
} AdException;

/* ---- generators, coroutines ----------------------------------------------------------- */
/* Their layout is in frame.h (they embed a frame); the type objects are on the VM. */

/* ---- per-type entry points ----------------------------------------------------------- */
/* Every obj_<type>.c exports a setup function, called once by ad_vm_new in dependency
 * order, which creates its type object(s) on the VM and fills their dicts from a static
 * AdMethodDef table: `bool ad_<type>_setup(AdThread *t)` (false on out-of-memory). */

/* obj_type.c: types, classes, object, super, property, classmethod, staticmethod */
AD_FUNC AdType *ad_type_new_builtin(AdThread *t, const char *name, AdType *base,
                                    size_t instance_size, AdTraceFn trace, AdFinalizeFn fin,
                                    const AdMethodDef *methods, uint32_t flags) AD_RAISES;
/* Completes a builtin type object that vm_state.c pre-allocated raw (zeroed). */
AD_FUNC bool ad_type_init_builtin(AdThread *t, AdType *type, const char *name, AdType *base,
                                  size_t instance_size, AdTraceFn trace, AdFinalizeFn fin,
                                  const AdMethodDef *methods, uint32_t flags) AD_RAISES;
AD_FUNC bool ad_type_add_methods(AdThread *t, AdType *type, const AdMethodDef *methods) AD_RAISES;
AD_FUNC bool ad_type_is_subtype(AdType *sub, AdType *base); /* via the MRO; never raises */
AD_FUNC AdValue ad_type_lookup(AdType *type, AdStr *name); /* MRO dict walk; AD_NULLV if absent; no raise */
AD_FUNC AdValue ad_type_new_class(AdThread *t, AdValue metatype, AdStr *name, AdTuple *bases,
                                  AdDict *ns, AdTuple *kwnames_unused) AD_RAISES;
AD_FUNC AdValue ad_instance_new(AdThread *t, AdType *type) AD_RAISES; /* object.__new__ */
/* New version tags for `type` and its subclasses after their dicts (or MROs) changed. */
AD_FUNC void ad_type_modified(AdVM *vm, AdType *type);
AD_FUNC const char *ad_type_name(AdType *type);
/* runtime.c: origin[key] as types.GenericAlias (what list.__class_getitem__ returns). */
AD_FUNC AdValue ad_generic_alias_new(AdThread *t, AdValue origin, AdValue key) AD_RAISES;

/* obj_str.c */
AD_FUNC AdStr *ad_str_new(AdThread *t, const char *utf8, size_t len) AD_RAISES;
AD_FUNC AdStr *ad_str_from_cstr(AdThread *t, const char *s) AD_RAISES;
AD_FUNC AdStr *ad_str_printf(AdThread *t, const char *fmt, ...) AD_RAISES;
AD_FUNC AdStr *ad_str_vprintf(AdThread *t, const char *fmt, va_list ap) AD_RAISES;
AD_FUNC AdStr *ad_str_intern(AdThread *t, const char *utf8, size_t len) AD_RAISES;
AD_FUNC AdStr *ad_str_intern_cstr(AdThread *t, const char *s) AD_RAISES;
AD_FUNC AdStr *ad_str_intern_str(AdThread *t, AdStr *s) AD_RAISES;
AD_FUNC bool ad_str_eq(AdStr *a, AdStr *b);
AD_FUNC bool ad_str_eq_cstr(AdStr *a, const char *s);
AD_FUNC int64_t ad_str_hash(AdStr *s);
AD_FUNC AdStr *ad_str_concat(AdThread *t, AdStr *a, AdStr *b) AD_RAISES;
AD_FUNC AdValue ad_str_format_spec(AdThread *t, AdValue v, AdStr *spec) AD_RAISES; /* format(v, spec) for builtin types */
AD_FUNC AdValue ad_str_mod(AdThread *t, AdStr *fmt, AdValue args) AD_RAISES; /* fmt % args */
AD_FUNC AdValue ad_str_repr(AdThread *t, AdStr *s) AD_RAISES;
AD_FUNC AdValue ad_str_getitem(AdThread *t, AdStr *s, AdValue index) AD_RAISES;
AD_FUNC void ad_str_table_trace(AdGC *gc, AdVM *vm); /* interned table: weak, see gc.c */
/* Text codecs ("utf-8", "ascii", "latin-1" and their aliases; errors "strict", "ignore",
 * "replace", "backslashreplace", encode also "xmlcharrefreplace"; NULL = the default).
 * LookupError for other encodings, UnicodeDecodeError/UnicodeEncodeError as CPython words them. */
AD_FUNC AdValue ad_str_decode(AdThread *t, const uint8_t *data, size_t len, const char *encoding,
                              const char *errors) AD_RAISES; /* a str value */
AD_FUNC AdValue ad_str_encode(AdThread *t, AdStr *s, const char *encoding,
                              const char *errors) AD_RAISES; /* a bytes value */

/* A growable byte buffer for building strings in C (malloc-backed, not a GC object). */
typedef struct AdBuf {
    char *data;
    size_t len, cap;
} AdBuf;
AD_FUNC void ad_buf_init(AdBuf *b);
AD_FUNC bool ad_buf_add(AdThread *t, AdBuf *b, const char *s, size_t n) AD_RAISES;
AD_FUNC bool ad_buf_adds(AdThread *t, AdBuf *b, const char *s) AD_RAISES;
AD_FUNC bool ad_buf_addc(AdThread *t, AdBuf *b, char c) AD_RAISES;
AD_FUNC bool ad_buf_addf(AdThread *t, AdBuf *b, const char *fmt, ...) AD_RAISES;
AD_FUNC bool ad_buf_add_codepoint(AdThread *t, AdBuf *b, uint32_t cp) AD_RAISES;
AD_FUNC AdStr *ad_buf_finish(AdThread *t, AdBuf *b) AD_RAISES; /* makes a str and frees the buffer */
AD_FUNC void ad_buf_free(AdBuf *b);

/* obj_int.c (small ints are unboxed; these handle both kinds) */
AD_FUNC AdValue ad_int_from_mpz(AdThread *t, const mpz_t z) AD_RAISES; /* normalises to small */
AD_FUNC AdValue ad_int_from_str(AdThread *t, const char *s, size_t len, int base) AD_RAISES; /* ValueError as int() */
AD_FUNC AdValue ad_int_from_double(AdThread *t, double d) AD_RAISES; /* truncates; OverflowError/ValueError */
AD_FUNC bool ad_int_to_i64(AdThread *t, AdValue v, int64_t *out) AD_RAISES; /* OverflowError if too big */
AD_FUNC bool ad_int_to_mpz(AdValue v, mpz_t out); /* out must be initialised; v is int or bool */
AD_FUNC double ad_int_to_double(AdThread *t, AdValue v, bool *ok) AD_RAISES;
AD_FUNC AdValue ad_int_binop(AdThread *t, int op, AdValue a, AdValue b) AD_RAISES; /* both int/bool; NotImplemented never */
AD_FUNC AdValue ad_int_repr(AdThread *t, AdValue v) AD_RAISES;
AD_FUNC int ad_int_compare(AdValue a, AdValue b); /* -1/0/1, both int/bool */
AD_FUNC int64_t ad_int_hash(AdValue v);
AD_FUNC int64_t ad_float_hash(double d);
AD_FUNC AdValue ad_float_repr(AdThread *t, double d) AD_RAISES; /* repr() as CPython: shortest round-trip */
AD_FUNC AdValue ad_float_binop(AdThread *t, int op, double a, double b) AD_RAISES;
/* An instance of a subclass of float (plain floats are unboxed in AdValue). */
typedef struct AdFloatObj {
    AdObj obj;
    double value;
} AdFloatObj;
/* PyFloat_AsDouble: a float (or subclass), an int, __float__ or __index__ gives *out;
 * otherwise TypeError "must be real number, not str". */
AD_FUNC bool ad_float_from_value(AdThread *t, AdValue v, double *out) AD_RAISES;

/* obj_tuple.c, obj_list.c */
AD_FUNC AdTuple *ad_tuple_new(AdThread *t, size_t len) AD_RAISES; /* items AD_NULLV: fill them all */
AD_FUNC AdTuple *ad_tuple_from_array(AdThread *t, const AdValue *items, size_t len) AD_RAISES;
AD_FUNC AdTuple *ad_tuple_pack(AdThread *t, size_t len, ...) AD_RAISES; /* AdValue varargs */
AD_FUNC AdList *ad_list_new(AdThread *t, size_t cap) AD_RAISES; /* empty list */
AD_FUNC AdList *ad_list_from_array(AdThread *t, const AdValue *items, size_t len) AD_RAISES;
AD_FUNC bool ad_list_append(AdThread *t, AdList *l, AdValue v) AD_RAISES;
AD_FUNC bool ad_list_extend(AdThread *t, AdList *l, AdValue iterable) AD_RAISES;
AD_FUNC bool ad_list_sort(AdThread *t, AdList *l, AdValue key, bool reverse) AD_RAISES;
AD_FUNC AdValue ad_sequence_to_list(AdThread *t, AdValue iterable) AD_RAISES; /* list(x) */
AD_FUNC AdValue ad_sequence_to_tuple(AdThread *t, AdValue iterable) AD_RAISES; /* tuple(x) */
/* hash(tuple), CPython's xxHash-based tuplehash over ad_rt_hash of the items (cached). */
AD_FUNC bool ad_tuple_hash(AdThread *t, AdTuple *tup, int64_t *out) AD_RAISES;
/* The `[...]` / `{...}` guard of container reprs. ad_repr_enter returns true when `o` is
 * already being repr'd on this thread (print the ellipsis form and do not leave), else
 * links `g` (a record on the caller's C stack) and returns false: then call ad_repr_leave
 * on every path out. Never raises, never allocates. */
typedef struct AdReprGuard {
    struct AdReprGuard *prev;
    void *obj;
} AdReprGuard;
AD_FUNC bool ad_repr_enter(AdThread *t, AdReprGuard *g, void *o);
AD_FUNC void ad_repr_leave(AdThread *t, AdReprGuard *g);

/* obj_structseq.c: tuple subclasses with named fields (sys.version_info, time.struct_time).
 * `repr_name` is the dotted name repr shows ("time.struct_time"). */
AD_FUNC AdType *ad_structseq_type(AdThread *t, const char *repr_name, const char *const *fields,
                                  int n) AD_RAISES;
AD_FUNC AdValue ad_structseq_new(AdThread *t, AdType *type, const AdValue *items, int n) AD_RAISES;

/* obj_dict.c. Lookups return 1 found, 0 absent, -1 error (hash/eq may run script code). */
AD_FUNC AdDict *ad_dict_new(AdThread *t) AD_RAISES;
AD_FUNC int ad_dict_get(AdThread *t, AdDict *d, AdValue key, AdValue *out) AD_RAISES;
AD_FUNC bool ad_dict_set(AdThread *t, AdDict *d, AdValue key, AdValue value) AD_RAISES;
AD_FUNC int ad_dict_del(AdThread *t, AdDict *d, AdValue key) AD_RAISES;
AD_FUNC AdValue ad_dict_get_str(AdDict *d, AdStr *key); /* AD_NULLV if absent; never raises */
/* Position of `key` in d->entries, or -1 if absent; never raises. Lets a cache keep a hint
 * that it verifies by key identity before trusting it. */
AD_FUNC int64_t ad_dict_find_str(AdDict *d, AdStr *key);
AD_FUNC AdValue ad_dict_get_cstr(AdDict *d, const char *key); /* slow; for setup code */
AD_FUNC bool ad_dict_set_str(AdThread *t, AdDict *d, AdStr *key, AdValue value) AD_RAISES;
AD_FUNC bool ad_dict_set_cstr(AdThread *t, AdDict *d, const char *key, AdValue value) AD_RAISES;
AD_FUNC int ad_dict_del_str(AdThread *t, AdDict *d, AdStr *key); /* 1 deleted, 0 absent */
/* Room for `n` more keys without a resize (setup code that knows how many it adds). May collect. */
AD_FUNC bool ad_dict_reserve(AdThread *t, AdDict *d, size_t n) AD_RAISES;
AD_FUNC bool ad_dict_next(AdDict *d, size_t *pos, AdValue *key, AdValue *value); /* start pos at 0 */
AD_FUNC bool ad_dict_update(AdThread *t, AdDict *d, AdValue other) AD_RAISES; /* mapping or pairs */
AD_FUNC AdDict *ad_dict_copy(AdThread *t, AdDict *d) AD_RAISES;
/* d[key] for an exact dict: KeyError(key) when absent (no __missing__). */
AD_FUNC AdValue ad_dict_getitem(AdThread *t, AdDict *d, AdValue key) AD_RAISES;
/* Raise KeyError with `key` as its argument (so str(e) is repr(key)). Returns false. */
AD_FUNC bool ad_err_key(AdThread *t, AdValue key);

/* obj_set.c */
AD_FUNC AdSet *ad_set_new(AdThread *t, bool frozen) AD_RAISES;
AD_FUNC bool ad_set_add(AdThread *t, AdSet *s, AdValue key) AD_RAISES;
AD_FUNC int ad_set_contains(AdThread *t, AdSet *s, AdValue key) AD_RAISES;
AD_FUNC bool ad_set_update(AdThread *t, AdSet *s, AdValue iterable) AD_RAISES;
/* The frozenset constant CPython's compiler makes for a set display of more than two
 * constants: built from `items`, then rebuilt from its own iteration order (as its
 * merge_consts step does). Emitting BUILD_SET 0; LOAD_CONST fs; SET_UPDATE 1 for such a
 * display makes print({3, 1, 2}) and friends iterate exactly as in CPython. */
AD_FUNC AdSet *ad_set_display_const(AdThread *t, const AdValue *items, size_t n) AD_RAISES;

/* obj_bytes.c */
AD_FUNC AdBytes *ad_bytes_new(AdThread *t, const void *data, size_t len) AD_RAISES;
AD_FUNC AdValue ad_bytes_repr(AdThread *t, const uint8_t *data, size_t len, bool bytearray) AD_RAISES;

/* obj_range.c, obj_slice.c */
AD_FUNC AdValue ad_range_new(AdThread *t, int64_t start, int64_t stop, int64_t step) AD_RAISES;
AD_FUNC AdValue ad_slice_new(AdThread *t, AdValue start, AdValue stop, AdValue step) AD_RAISES;
/* Clamp a slice to a sequence of `len` items, as PySlice_GetIndicesEx. */
AD_FUNC bool ad_slice_indices(AdThread *t, AdSlice *s, int64_t len, int64_t *start, int64_t *stop,
                              int64_t *step, int64_t *slicelen) AD_RAISES;

/* obj_func.c */
AD_FUNC AdFunc *ad_func_new(AdThread *t, AdCode *code, AdDict *globals, AdStr *qualname) AD_RAISES;
AD_FUNC AdValue ad_native_new(AdThread *t, const char *name, AdCFunc fn, int kind,
                              AdType *owner) AD_RAISES;
AD_FUNC AdValue ad_bound_method_new(AdThread *t, AdValue func, AdValue self) AD_RAISES;
AD_FUNC AdCell *ad_cell_new(AdThread *t, AdValue v) AD_RAISES;

/* obj_module.c */
AD_FUNC AdModule *ad_module_new(AdThread *t, AdStr *name) AD_RAISES; /* sets __name__ */
/* Builds a native module from a method table (AD_METH_INSTANCE entries are plain functions). */
AD_FUNC AdModule *ad_module_new_native(AdThread *t, const char *name, const AdMethodDef *fns) AD_RAISES;

/* obj_exc.c: see error.h for raising */


#endif
