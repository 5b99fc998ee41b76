/*
 * vm.h - the interpreter state: one AdVM per interpreter, one AdThread per OS thread
 * running in it. Nothing mutable is global: everything hangs off these two, so a host
 * process may hold several VMs, each with its own GIL.
 *
 * The per-VM tables below (builtin types, exception classes, interned names) are X-macro
 * lists so that adding an entry adds the field, its creation and its GC root in one line.
 */
#ifndef ADDER_VM_H
#define ADDER_VM_H

#include <pthread.h>
#include <stdatomic.h>

#include "alloc.h"
#include "object.h"

/* Builtin types: field vm->type_<id>, Python name. Created by the owning obj_*.c setup. */
#define AD_BUILTIN_TYPES(X)                                                                 \
    X(type, "type") X(object, "object") X(none, "NoneType") X(bool, "bool") X(int, "int")     \
    X(float, "float") X(str, "str") X(bytes, "bytes") X(bytearray, "bytearray")              \
    X(tuple, "tuple") X(list, "list") X(dict, "dict") X(set, "set")                          \
    X(frozenset, "frozenset") X(range, "range") X(slice, "slice") X(cell, "cell")            \
    X(function, "function") X(builtin_function, "builtin_function_or_method")                \
    X(method, "method") X(getset, "getset_descriptor") X(property, "property")               \
    X(classmethod, "classmethod") X(staticmethod, "staticmethod") X(super, "super")          \
    X(module, "module") X(code, "code") X(traceback, "traceback")                            \
    X(generator, "generator") X(coroutine, "coroutine")                                      \
    X(async_generator, "async_generator") X(not_implemented, "NotImplementedType")           \
    X(ellipsis, "ellipsis") X(complex_unused, "complex") X(str_iterator, "str_iterator")     \
    X(list_iterator, "list_iterator") X(list_reverseiterator, "list_reverseiterator")        \
    X(tuple_iterator, "tuple_iterator") X(range_iterator, "range_iterator")                  \
    X(dict_keys, "dict_keys") X(dict_values, "dict_values") X(dict_items, "dict_items")      \
    X(dict_keyiterator, "dict_keyiterator") X(dict_valueiterator, "dict_valueiterator")      \
    X(dict_itemiterator, "dict_itemiterator") X(set_iterator, "set_iterator")                \
    X(bytes_iterator, "bytes_iterator") X(enumerate, "enumerate") X(zip, "zip")              \
    X(map, "map") X(filter, "filter") X(reversed, "reversed")                                \
    X(callable_iterator, "callable_iterator") X(text_io, "TextIOWrapper")                    \
    X(buffered_reader, "BufferedReader") X(buffered_writer, "BufferedWriter")                \
    X(buffered_random, "BufferedRandom") X(string_io, "StringIO") X(bytes_io, "BytesIO")      \
    X(member_descriptor, "member_descriptor") X(seq_iterator, "iterator")                   \
    X(generic_alias, "GenericAlias")                                                         \
    X(coroutine_wrapper, "coroutine_wrapper") X(async_gen_asend, "async_generator_asend")    \
    X(async_gen_athrow, "async_generator_athrow")                                            \
    X(longrange_iterator, "longrange_iterator")

/* Exception classes: field vm->exc_<Name>, and its base. Order matters: a base comes first. */
#define AD_EXCEPTIONS(X)                                                                    \
    X(BaseException, NULL) X(GeneratorExit, BaseException) X(KeyboardInterrupt, BaseException) \
    X(SystemExit, BaseException) X(Exception, BaseException)                                  \
    X(ArithmeticError, Exception) X(FloatingPointError, ArithmeticError)                      \
    X(OverflowError, ArithmeticError) X(ZeroDivisionError, ArithmeticError)                   \
    X(AssertionError, Exception) X(AttributeError, Exception) X(BufferError, Exception)       \
    X(EOFError, Exception) X(ImportError, Exception) X(ModuleNotFoundError, ImportError)      \
    X(LookupError, Exception) X(IndexError, LookupError) X(KeyError, LookupError)             \
    X(MemoryError, Exception) X(NameError, Exception) X(UnboundLocalError, NameError)         \
    X(OSError, Exception) X(BlockingIOError, OSError) X(ChildProcessError, OSError)           \
    X(ConnectionError, OSError) X(BrokenPipeError, ConnectionError)                           \
    X(ConnectionAbortedError, ConnectionError) X(ConnectionRefusedError, ConnectionError)     \
    X(ConnectionResetError, ConnectionError) X(FileExistsError, OSError)                      \
    X(FileNotFoundError, OSError) X(InterruptedError, OSError) X(IsADirectoryError, OSError)  \
    X(NotADirectoryError, OSError) X(PermissionError, OSError)                                \
    X(ProcessLookupError, OSError) X(TimeoutError, OSError) X(ReferenceError, Exception)      \
    X(RuntimeError, Exception) X(NotImplementedError, RuntimeError)                           \
    X(RecursionError, RuntimeError) X(StopAsyncIteration, Exception)                          \
    X(StopIteration, Exception) X(SyntaxError, Exception) X(IndentationError, SyntaxError)    \
    X(TabError, IndentationError) X(SystemError, Exception) X(TypeError, Exception)           \
    X(ValueError, Exception) X(UnicodeError, ValueError)                                      \
    X(UnicodeDecodeError, UnicodeError) X(UnicodeEncodeError, UnicodeError)                   \
    X(Warning, Exception) X(DeprecationWarning, Warning) X(RuntimeWarning, Warning)           \
    X(UserWarning, Warning) X(SyntaxWarning, Warning) X(FutureWarning, Warning)               \
    X(PendingDeprecationWarning, Warning) X(ImportWarning, Warning)                           \
    X(UnicodeWarning, Warning) X(BytesWarning, Warning) X(ResourceWarning, Warning)           \
    X(EncodingWarning, Warning)

/* Interned names the C code uses: field vm->name.<id>, text. */
#define AD_NAMES(X)                                                                         \
    X(init, "__init__") X(new, "__new__") X(call, "__call__") X(getattr, "__getattr__")      \
    X(getattribute, "__getattribute__") X(setattr, "__setattr__") X(delattr, "__delattr__")  \
    X(get, "__get__") X(set, "__set__") X(delete, "__delete__") X(set_name, "__set_name__")   \
    X(init_subclass, "__init_subclass__") X(class_, "__class__") X(dict, "__dict__")         \
    X(name, "__name__") X(qualname, "__qualname__") X(module, "__module__") X(doc, "__doc__") \
    X(repr, "__repr__") X(str, "__str__") X(format, "__format__") X(hash, "__hash__")        \
    X(eq, "__eq__") X(ne, "__ne__") X(lt, "__lt__") X(le, "__le__") X(gt, "__gt__")           \
    X(ge, "__ge__") X(bool_, "__bool__") X(len, "__len__") X(iter, "__iter__")               \
    X(next, "__next__") X(getitem, "__getitem__") X(setitem, "__setitem__")                   \
    X(delitem, "__delitem__") X(contains, "__contains__") X(missing, "__missing__")          \
    X(enter, "__enter__") X(exit, "__exit__") X(aenter, "__aenter__") X(aexit, "__aexit__")  \
    X(await, "__await__") X(aiter, "__aiter__") X(anext, "__anext__") X(index, "__index__")  \
    X(int_, "__int__") X(float_, "__float__") X(neg, "__neg__") X(pos, "__pos__")            \
    X(abs, "__abs__") X(invert, "__invert__") X(round, "__round__") X(trunc, "__trunc__")    \
    X(floor, "__floor__") X(ceil, "__ceil__") X(reversed, "__reversed__")                    \
    X(main, "__main__") X(builtins, "__builtins__") X(file, "__file__")                      \
    X(annotations, "__annotations__") X(slots, "__slots__") X(prepare, "__prepare__")        \
    X(class_getitem, "__class_getitem__") X(bases, "__bases__") X(mro, "__mro__")            \
    X(instancecheck, "__instancecheck__") X(subclasscheck, "__subclasscheck__")              \
    X(path, "__path__") X(package, "__package__") X(spec, "__spec__") X(all, "__all__")      \
    X(wrapped, "__wrapped__") X(import, "__import__") X(traceback, "__traceback__")          \
    X(cause, "__cause__") X(context, "__context__") X(mro_entries, "__mro_entries__")        \
    X(send, "send") X(throw, "throw") X(close, "close") X(keys, "keys") X(items, "items")   \
    X(values, "values") X(append, "append") X(args, "args") X(write, "write")               \
    X(flush, "flush") X(readline, "readline") X(empty, "") X(lambda, "<lambda>")            \
    X(module_body, "<module>") X(stdout, "stdout") X(stderr, "stderr") X(stdin, "stdin")     \
    X(copy, "copy") X(sizeof_, "__sizeof__") X(length_hint, "__length_hint__")              \
    X(classcell, "__classcell__") X(weakref, "__weakref__") X(abstractmethods, "__abstractmethods__")

/* Binary operators, in CPython 3.11's NB_* order; BINARY_OP's argument. In-place forms are
 * AD_BINOP_INPLACE + the plain operator. */
enum {
    AD_BINOP_ADD, AD_BINOP_AND, AD_BINOP_FLOORDIV, AD_BINOP_LSHIFT, AD_BINOP_MATMUL,
    AD_BINOP_MUL, AD_BINOP_MOD, AD_BINOP_OR, AD_BINOP_POW, AD_BINOP_RSHIFT, AD_BINOP_SUB,
    AD_BINOP_TRUEDIV, AD_BINOP_XOR,
    AD_BINOP_COUNT,
    AD_BINOP_INPLACE = AD_BINOP_COUNT,
};
/* Rich comparisons, in CPython's Py_LT.. order; COMPARE_OP's argument. */
enum { AD_CMP_LT, AD_CMP_LE, AD_CMP_EQ, AD_CMP_NE, AD_CMP_GT, AD_CMP_GE };
/* Unary operators; UNARY_OP's argument. */
enum { AD_UNARY_NEG, AD_UNARY_POS, AD_UNARY_INVERT, AD_UNARY_NOT };

/* A remembered (code point index, byte offset) pair in one str (AdVM.str_cursors). */
typedef struct AdStrCursor {
    const AdStr *str;
    uint32_t stamp;
    size_t index, offset;
} AdStrCursor;

/* The per-VM lock that serialises script execution. A thread holds it while it touches
 * any object; blocking calls release it (gil.c). */
typedef struct AdGIL {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    AdThread *holder;    /* NULL when free */
    atomic_int drop_request;
    _Atomic unsigned long switch_interval_us; /* sys.setswitchinterval writes it unlocked */
} AdGIL;

/* Exception-handling blocks of a frame (see opcodes.h, SETUP_FINALLY/POP_EXCEPT). */
enum { AD_BLOCK_HANDLER = 1, AD_BLOCK_EXCEPT = 2 };
typedef struct AdBlock {
    uint32_t kind;    /* AD_BLOCK_* */
    uint32_t handler; /* HANDLER: instruction index of the handler */
    uint32_t level;   /* operand stack depth (slots above the stack base) to unwind to */
    AdValue saved;    /* EXCEPT: the exception that was being handled before (or None) */
} AdBlock;

/* A frame of a running (or suspended) code object. Ordinary calls use frame records from
 * the thread's pool, with slots on the thread stack: the caller's pushed arguments become
 * the callee's first locals, so a call allocates nothing. A generator's frame is embedded
 * in the generator object with its slots beside it, and is linked into the thread's chain
 * while it runs. */
enum {
    AD_FRAME_ENTRY = 1 << 0, /* returning from it leaves the dispatch loop (C called it) */
    AD_FRAME_GEN = 1 << 1,   /* owned by a generator/coroutine */
    AD_FRAME_INIT = 1 << 2,  /* runs __init__ for a constructor: return the instance below it */
};
struct AdFrame {
    AdFrame *prev;
    AdCode *code;
    AdFunc *func;     /* NULL for module bodies and exec() */
    AdDict *globals;
    AdDict *locals;   /* module/class bodies and exec(): name lookups go here; NULL in functions */
    AdValue *slots;   /* [locals][cells and free vars][operand stack] */
    AdValue *sp;      /* operand stack top, saved when the frame is not running */
    /* Not beside sp: the compiler would pair the two into one vector store and then keep
     * ip and sp packed in a vector register across every dispatch of the loop. */
    AdObj *gen;       /* owning generator, if AD_FRAME_GEN */
    const uint32_t *ip; /* next instruction, saved when the frame is not running */
    uint32_t flags;
    uint32_t nblocks;
    AdBlock blocks[AD_MAX_BLOCKS];
};

/* Code object: produced by compiler.c, run by vm.c. Instructions are 32-bit words, the
 * opcode in the low 8 bits and a 24-bit argument above (opcodes.h). */
enum {
    AD_CODE_VARARGS = 1 << 0,
    AD_CODE_VARKEYWORDS = 1 << 1,
    AD_CODE_GENERATOR = 1 << 2,
    AD_CODE_COROUTINE = 1 << 3,
    AD_CODE_ASYNC_GENERATOR = 1 << 4,
    AD_CODE_FUNCTION = 1 << 5, /* fast locals; otherwise a module/class body using `locals` */
    AD_CODE_CLASS_BODY = 1 << 6,
    AD_CODE_ITERABLE_COROUTINE = 1 << 7, /* generator usable by await (types.coroutine) */
};
/* Flags under which a call cannot just take its positionals in place as the first locals. */
#define AD_CODE_NOT_SIMPLE                                                                  \
    (AD_CODE_VARARGS | AD_CODE_VARKEYWORDS | AD_CODE_GENERATOR | AD_CODE_COROUTINE |          \
     AD_CODE_ASYNC_GENERATOR)
struct AdCode {
    AdObj obj;
    uint32_t *code;
    uint32_t ncode;
    uint32_t *lines; /* source line of each instruction */
    AdValue *consts;
    uint32_t nconsts;
    AdStr **names; /* globals, attributes, imports */
    uint32_t nnames;
    AdStr **localnames; /* parameters first: positional, kw-only, *args, **kwargs */
    uint32_t nlocals;
    AdStr **cellnames; /* variables of this code captured by inner functions */
    uint32_t ncells;
    AdStr **freenames; /* variables captured from enclosing functions */
    uint32_t nfree;
    int32_t *cell_param; /* per cell: index of the parameter whose value seeds it, or -1 */
    uint32_t argcount, posonlyargcount, kwonlyargcount;
    uint32_t flags;     /* AD_CODE_* */
    uint32_t stacksize; /* operand stack slots needed */
    AdStr *name, *qualname, *filename;
    int firstlineno;
    AdValue doc; /* docstring or None */
};
#define AD_OP(word) ((word) & 0xFF)
#define AD_ARG(word) ((word) >> 8)
#define AD_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))

/* Generators, coroutines and async generators share this layout. */
enum { AD_GEN_CREATED, AD_GEN_SUSPENDED, AD_GEN_RUNNING, AD_GEN_DONE };
typedef struct AdGen {
    AdObj obj;
    AdFrame frame; /* frame.slots points into `storage` */
    AdStr *name, *qualname;
    uint32_t state;   /* AD_GEN_* */
    uint32_t nstorage;
    AdValue storage[]; /* nlocals + ncells + nfree + stacksize */
} AdGen;

/* One OS thread running in a VM. */
struct AdThread {
    AdVM *vm;
    AdThread *next_thread;
    /* The value stack. Invariant for the GC: every slot below stack_top is NULL or a live
     * value and is a root; slots at or above it are garbage that gc.c clears. Whoever
     * pushes a frame or C-side call arguments moves stack_top past them. */
    AdValue *stack, *stack_end, *stack_top, *stack_hw;
    AdFrame *frame_pool; /* AD_MAX_FRAMES records; pool[depth] is the next free */
    AdFrame *frame;      /* innermost running frame, or NULL */
    int depth;           /* Python call depth (frames in use) */
    int c_depth;         /* nested dispatch loops on the C stack */
    AdValue exc;         /* exception being raised, or AD_NULLV */
    AdValue handled;     /* exception being handled (sys.exc_info()), or None */
    AdValue roots[AD_MAX_TEMP_ROOTS];
    int nroots;
    atomic_int eval_breaker; /* nonzero: the loop should look at the GIL/signals/etc. */
    unsigned long ident;
    void *os_thread; /* the pthread_t, when created by the threading module */
    /* Containers being repr'd on this thread (the `[...]` / `{...}` guard): a chain of
     * records on the C stack (obj_list.c), so gc.c need not trace it. */
    struct AdReprGuard *repr_guard;
};

/* A native module the VM can import: its init builds the module object. */
typedef AdModule *(*AdModuleInit)(AdThread *t);
typedef struct AdNativeModule {
    const char *name;
    AdModuleInit init;
} AdNativeModule;

struct AdVM {
    /* memory */
    AdHeap heap;           /* every object and object-owned buffer (alloc.h) */
    size_t bytes_allocated, gc_threshold;
    size_t mem_bytes;      /* live buffers from ad_mem_* (usable sizes), part of the heap size */
    bool gc_stress;        /* collect on every allocation (ADDER_GC_STRESS) */
    bool gc_running;
    AdObj **gray;          /* the mark stack */
    size_t ngray, gray_cap;

    /* interned strings: an open-addressing set of AdStr*, strong roots */
    AdStr **interned;
    size_t ninterned, interned_cap;
    /* obj_str.c: the one-character strs of U+0000..U+00FF, made (interned, hence rooted)
     * at first use, so iterating or indexing text allocates nothing */
    AdStr *latin1_chars[256];
    /* obj_str.c: where the last indexings of long non-ASCII strs landed (see there); weak */
    AdStrCursor str_cursors[4];
    uint32_t str_cursor_stamp, str_cursor_next;

    /* threads */
    AdGIL gil;
    AdThread *threads;
    AdThread *main_thread;
    int recursion_limit;
    /* Bit n: signal n arrived (adder_interrupt, from the host's signal handler) and the
     * main thread has not run its handler yet (mod_signal.c). */
    atomic_uint pending_signals;

#define X(id, name) AdType *type_##id;
    AD_BUILTIN_TYPES(X)
#undef X
#define X(id, base) AdType *exc_##id;
    AD_EXCEPTIONS(X)
#undef X
    struct {
#define X(id, text) AdStr *id;
        AD_NAMES(X)
#undef X
    } name;
    AdStr *binop_names[AD_BINOP_COUNT * 3]; /* __add__..., __radd__..., __iadd__... */

    /* singletons */
    AdValue not_implemented, ellipsis;
    AdTuple *empty_tuple;
    AdValue set_dummy;
    AdValue memory_error; /* preallocated, raised when allocation fails */

    /* modules */
    AdModule *builtins_module;
    AdDict *builtins;       /* its dict */
    AdDict *modules;        /* sys.modules */
    AdModule *sys_module;
    AdList *path;           /* sys.path */
    const AdNativeModule *native_modules; /* NULL-terminated table, modules.c */
    AdValue module_state[8]; /* per-VM state of native modules, indexed by AD_MODSTATE_* */

    /* host configuration */
    int argc;
    char **argv;
    char *stdlib_dir;
    void (*write_out)(void *ud, const char *s, size_t n);
    void (*write_err)(void *ud, const char *s, size_t n);
    void *host_ud;
    int exit_code;

    /* The last AdType.version handed out: every class state gets a tag of its own (0: none
     * left), so caches can compare one number to know both the class and its contents. */
    uint32_t type_version_last;
};
enum {
    AD_MODSTATE_RANDOM, AD_MODSTATE_STRUCT_TIME, AD_MODSTATE_THREAD_LOCK, AD_MODSTATE_THREAD_RLOCK,
    AD_MODSTATE_SIGINT_HANDLER, /* signal.signal(SIGINT, h)'s h; NULL: default_int_handler */
    AD_MODSTATE_SELECT_POLL,    /* the select.poll type, which select.poll() instantiates */
    AD_MODSTATE_COUNT
};

/* vm_state.c */
AD_FUNC AdVM *ad_vm_new(void);          /* NULL if memory ran out; the main thread is made too */
AD_FUNC void ad_vm_free(AdVM *vm);
AD_FUNC AdThread *ad_thread_new(AdVM *vm); /* NULL on out-of-memory; links into vm->threads */
AD_FUNC void ad_thread_free(AdThread *t);

/* Convenience: the type of any value (never raises). */
static inline AdType *ad_type_of(AdThread *t, AdValue v) {
    switch (v.tag) {
    case AD_TAG_OBJ: return v.as.o->type;
    case AD_TAG_INT: return t->vm->type_int;
    case AD_TAG_FLOAT: return t->vm->type_float;
    case AD_TAG_BOOL: return t->vm->type_bool;
    default: return t->vm->type_none;
    }
}
static inline bool ad_is_type(AdValue v, AdType *type) {
    return v.tag == AD_TAG_OBJ && v.as.o->type == type;
}
/* Exact-type or subclass instance check on the value's type. */
static inline bool ad_is_instance_of(AdThread *t, AdValue v, AdType *type) {
    AdType *vt = ad_type_of(t, v);
    return vt == type || ad_type_is_subtype(vt, type);
}
static inline bool ad_is_str(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_OBJ && (v.as.o->type == t->vm->type_str ||
                                   ad_type_is_subtype(v.as.o->type, t->vm->type_str));
}
/* int in the Python sense: small, big, or bool. */
static inline bool ad_is_int(AdThread *t, AdValue v) {
    return v.tag == AD_TAG_INT || v.tag == AD_TAG_BOOL ||
           (v.tag == AD_TAG_OBJ && ad_type_is_subtype(v.as.o->type, t->vm->type_int));
}
static inline AdValue ad_str_value(AdStr *s) { return ad_obj(s); }

/* Move the thread stack's top (frame push/pop, C-side argument pushes). Always use this:
 * the high-water mark tells gc.c how far stale slots above the top may reach, which it
 * clears so that a later frame never exposes a dangling value to the collector. */
static inline void ad_stack_set_top(AdThread *t, AdValue *top) {
    t->stack_top = top;
    if (top > t->stack_hw) t->stack_hw = top;
}

#endif
