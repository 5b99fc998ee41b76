/*
 * opcodes.h - the one list of bytecode instructions: the contract between compiler.c and
 * vm.c. Each entry: name, stack effect when it is fixed (VAR when it depends on the
 * argument or the branch; the compiler's stack-depth pass handles those by name), and its
 * meaning. "TOS" is the top of the operand stack, TOS1 the one below. Stack pictures list
 * the bottom first: [a, b] means b is TOS. Jump targets are absolute instruction indexes.
 *
 * Exception handling uses blocks on the frame (vm.h AdBlock):
 *  - SETUP_FINALLY L pushes a HANDLER block recording L and the current stack depth.
 *  - When an exception is raised, the VM pops blocks from the top: an EXCEPT block restores
 *    t->handled = block.saved and is discarded; the first HANDLER block found is popped,
 *    the operand stack is cut to its depth, an EXCEPT block is pushed saving the current
 *    t->handled, t->handled becomes the exception, the exception is pushed, and execution
 *    continues at L. With no HANDLER left the frame is popped, a traceback entry added, and
 *    the search continues in the caller.
 *  - So a handler starts with [.., exc] on the stack and an EXCEPT block active; it ends
 *    either with POP_EXCEPT (handled: restores t->handled, pops the EXCEPT block) or by
 *    raising/RERAISE (the unwinder pops the EXCEPT block itself).
 *  - return/break/continue leaving a handler or try-body are compiled to emit the POP_BLOCK /
 *    POP_EXCEPT / POP_TOP and inline `finally` bodies needed on the way out (as CPython's
 *    compiler_unwind_fblock does); the VM does no implicit unwinding on those paths.
 */
#ifndef ADDER_OPCODES_H
#define ADDER_OPCODES_H

#define VAR 99

#define AD_OPCODES(X)                                                                        \
    X(NOP, 0)               /* */                                                            \
    X(POP_TOP, -1)          /* pop TOS */                                                    \
    X(COPY, 1)              /* arg n>=1: push a copy of the n-th item from the top (1=TOS) */ \
    X(SWAP, 0)              /* arg n>=2: swap TOS with the n-th item from the top */         \
    X(ROT_N, 0)             /* arg n: move TOS down to position n, lifting the n-1 above it */ \
    X(LOAD_CONST, 1)        /* push consts[arg] */                                           \
    X(LOAD_FAST, 1)         /* push local arg; UnboundLocalError if unbound */               \
    X(STORE_FAST, -1)       /* local arg = pop */                                            \
    X(DELETE_FAST, 0)       /* unbind local arg (UnboundLocalError if unbound) */            \
    X(LOAD_DEREF, 1)        /* push the value of cell arg (cells then frees); NameError /    \
                               UnboundLocalError if empty, worded as CPython */              \
    X(STORE_DEREF, -1)      /* cell arg's value = pop */                                     \
    X(DELETE_DEREF, 0)      /* empty cell arg */                                             \
    X(LOAD_CLOSURE, 1)      /* push the cell object arg itself (for MAKE_FUNCTION) */        \
    X(LOAD_CLASSDEREF, 1)   /* class body reading a free variable: locals dict first, then   \
                               the cell */                                                   \
    X(LOAD_NAME, 1)         /* push locals[names[arg]] / globals / builtins; NameError */    \
    X(STORE_NAME, -1)       /* locals[names[arg]] = pop */                                   \
    X(DELETE_NAME, 0)       /* del locals[names[arg]]; NameError */                          \
    X(LOAD_GLOBAL, 1)       /* push globals[names[arg]] or builtins; NameError */            \
    X(STORE_GLOBAL, -1)     /* globals[names[arg]] = pop */                                  \
    X(DELETE_GLOBAL, 0)     /* */                                                            \
    X(LOAD_ATTR, 0)         /* TOS = getattr(TOS, names[arg]) */                             \
    X(STORE_ATTR, -2)       /* [value, obj]: setattr(obj, names[arg], value) */              \
    X(DELETE_ATTR, -1)      /* delattr(pop, names[arg]) */                                   \
    X(LOAD_METHOD, 1)       /* [obj] -> [meth, obj] when names[arg] is a plain method on the  \
                               type (unbound function, self follows), else [NULL, attr]:      \
                               then CALL_METHOD n calls with n args, or n+1 with self */     \
    X(CALL_METHOD, VAR)     /* arg n: [meth_or_NULL, self_or_attr, a1..an] -> [result] */     \
    X(CALL_METHOD_KW, VAR)  /* arg n: as CALL_METHOD but TOS is a tuple of keyword names for   \
                               the last len(names) of the n arguments */                    \
    X(CALL, VAR)            /* arg n: [f, a1..an] -> [f(a1..an)] */                          \
    X(CALL_KW, VAR)         /* arg n: [f, a1..an, kwnames] -> [result]; the last len(kwnames) \
                               args are keyword values */                                    \
    X(CALL_FUNCTION_EX, VAR) /* arg 0: [f, args_tuple] ; arg 1: [f, args_tuple, kwargs_dict] */ \
    X(BINARY_OP, -1)        /* [a, b] -> [a op b]; arg: AD_BINOP_* (inplace forms included) */ \
    X(UNARY_OP, 0)          /* TOS = op TOS; arg: AD_UNARY_* (NOT gives a bool) */           \
    X(COMPARE_OP, -1)       /* [a, b] -> [a cmp b]; arg: AD_CMP_* */                         \
    X(IS_OP, -1)            /* [a, b] -> [a is b]; arg 1: `is not` */                        \
    X(CONTAINS_OP, -1)      /* [a, b] -> [a in b]; arg 1: `not in` */                        \
    X(BINARY_SUBSCR, -1)    /* [obj, key] -> [obj[key]] */                                   \
    X(STORE_SUBSCR, -3)     /* [value, obj, key]: obj[key] = value; arg 1: [obj, key, value] \
                               (augmented assignment) */                                     \
    X(DELETE_SUBSCR, -2)    /* [obj, key]: del obj[key] */                                   \
    X(BUILD_SLICE, VAR)     /* arg 2: [a, b] -> slice(a, b); arg 3: [a, b, c] */             \
    X(JUMP, 0)              /* goto arg (the VM checks the eval breaker on backward jumps) */ \
    X(POP_JUMP_IF_FALSE, -1) /* if not pop: goto arg */                                      \
    X(POP_JUMP_IF_TRUE, -1) /* if pop: goto arg */                                           \
    X(JUMP_IF_FALSE_OR_POP, VAR) /* if not TOS: goto arg (keeping TOS) else pop */           \
    X(JUMP_IF_TRUE_OR_POP, VAR)  /* if TOS: goto arg (keeping TOS) else pop */               \
    X(POP_JUMP_IF_NONE, -1)     /* if pop is None: goto arg */                               \
    X(POP_JUMP_IF_NOT_NONE, -1) /* if pop is not None: goto arg */                           \
    X(GET_ITER, 0)          /* TOS = iter(TOS) */                                            \
    X(FOR_ITER, VAR)        /* [it] -> [it, next(it)]; when exhausted pop it and goto arg */ \
    X(BUILD_TUPLE, VAR)     /* arg n: pop n items -> tuple */                                \
    X(BUILD_LIST, VAR)      /* arg n: pop n items -> list */                                 \
    X(BUILD_SET, VAR)       /* arg n: pop n items -> set */                                  \
    X(BUILD_MAP, VAR)       /* arg n: pop n key/value pairs [k1, v1, .. kn, vn] -> dict */   \
    X(BUILD_STRING, VAR)    /* arg n: concatenate n strs */                                  \
    X(LIST_APPEND, -1)      /* arg i: v = pop; stack[-i].append(v) (comprehensions) */       \
    X(SET_ADD, -1)          /* arg i: v = pop; stack[-i].add(v) */                           \
    X(MAP_ADD, -2)          /* arg i: pop v, pop k, then stack[-i][k] = v (comprehensions) */ \
    X(LIST_EXTEND, -1)      /* arg i: v = pop; stack[-i].extend(v)  (star unpacking) */      \
    X(SET_UPDATE, -1)       /* arg i: v = pop; stack[-i].update(v) */                        \
    X(DICT_UPDATE, -1)      /* arg i: v = pop; stack[-i].update(v) ({**a}) ; TypeError       \
                               "'int' object is not a mapping" */                            \
    X(DICT_MERGE, -1)       /* arg i: like DICT_UPDATE for f(**a): duplicate keys raise       \
                               TypeError "f() got multiple values for keyword argument 'k'"   \
                               (the callable is at stack[-i-2]) */                           \
    X(LIST_TO_TUPLE, 0)     /* TOS = tuple(TOS list) */                                      \
    X(UNPACK_SEQUENCE, VAR) /* arg n: pop an iterable of exactly n items, push them so the    \
                               first is TOS; ValueError messages as CPython */               \
    X(UNPACK_EX, VAR)       /* arg = before | after << 8: a, *b, c = ... pushes after+1+before \
                               values, the first item on top, the starred one a list */      \
    X(FORMAT_VALUE, VAR)    /* arg & 3: conversion 0 none, 1 str, 2 repr, 3 ascii; arg & 4: a  \
                               format spec str is TOS (above the value). Result: str */      \
    X(MAKE_FUNCTION, VAR)   /* [(defaults tuple if arg&1), (kwdefaults dict if arg&2),        \
                               (annotations dict if arg&4), (closure tuple of cells if arg&8), \
                               code, qualname] -> function */                                \
    X(RETURN_VALUE, -1)     /* return pop */                                                 \
    X(YIELD_VALUE, 0)       /* suspend the generator yielding TOS; on resume TOS is the sent \
                               value (None for next()) */                                    \
    X(GET_YIELD_FROM_ITER, 0) /* TOS = iter(TOS) unless it is a generator/coroutine */        \
    X(SEND, VAR)            /* [sub, v]: send v into sub (next() when v is None and sub is not \
                               a generator); if it yields a value y: [sub, y], continue (next \
                               is YIELD_VALUE then JUMP back to SEND); if it returns r: pop    \
                               both, push r, goto arg */                                     \
    X(GET_AWAITABLE, 0)     /* TOS = the iterator of TOS.__await__() (coroutines as is);      \
                               TypeError "object X can't be used in 'await' expression" */    \
    X(GET_AITER, 0)         /* TOS = TOS.__aiter__() */                                      \
    X(GET_ANEXT, 1)         /* [ait] -> [ait, awaitable of ait.__anext__()] */               \
    X(END_ASYNC_FOR, -2)    /* in the handler of an async for: [ait, exc]: if exc is a        \
                               StopAsyncIteration pop both and POP_EXCEPT, else re-raise */  \
    X(BEFORE_ASYNC_WITH, 1) /* [mgr] -> [bound __aexit__, mgr.__aenter__()]; GET_AWAITABLE follows */ \
    X(SETUP_FINALLY, 0)     /* push a HANDLER block for target arg (see top of file) */      \
    X(POP_BLOCK, 0)         /* pop the top (HANDLER) block */                                \
    X(POP_EXCEPT, 0)        /* pop the top (EXCEPT) block, restoring t->handled */          \
    X(RERAISE, -1)          /* raise pop again, keeping its traceback */                     \
    X(RAISE_VARARGS, VAR)   /* arg 0: re-raise t->handled ("No active exception to reraise"); \
                               1: raise pop; 2: [exc, cause] raise exc from cause */         \
    X(CHECK_EXC_MATCH, 0)   /* [exc, type] -> [exc, isinstance(exc, type)]; TypeError if type \
                               is not an exception class or tuple of them */                 \
    X(BEFORE_WITH, 1)       /* [mgr] -> [bound mgr.__exit__, mgr.__enter__()]; TypeError as  \
                               CPython when mgr lacks them */                                \
    X(WITH_EXCEPT_START, 1) /* [exit, exc] -> [exit, exc, exit(type(exc), exc, tb)] */       \
    X(LOAD_BUILD_CLASS, 1)  /* push builtins.__build_class__ */                              \
    X(LOAD_ASSERTION_ERROR, 1) /* push AssertionError */                                     \
    X(IMPORT_NAME, -1)      /* [level, fromlist] -> [module]: __import__(names[arg], globals, \
                               None, fromlist, level) */                                     \
    X(IMPORT_FROM, 1)       /* [module] -> [module, attr]: getattr or submodule import;      \
                               ImportError "cannot import name 'x' from 'm' (path)" */        \
    X(IMPORT_STAR, -1)      /* pop module; copy its public names (or __all__) to locals */   \
    X(SETUP_ANNOTATIONS, 0) /* ensure __annotations__ dict exists in locals */              \
    X(PRINT_EXPR, -1)       /* REPL: pop, and if not None print repr and set builtins._ */   \
    X(GET_LEN, 1)           /* [obj] -> [obj, len(obj)] (match) */                           \
    X(MATCH_MAPPING, 1)     /* [subj] -> [subj, is mapping] */                               \
    X(MATCH_SEQUENCE, 1)    /* [subj] -> [subj, is sequence (not str/bytes/bytearray)] */    \
    X(MATCH_KEYS, 1)        /* [subj, keys tuple] -> [subj, keys, values tuple or None] */   \
    X(MATCH_CLASS, -2)      /* arg n positional patterns: [subj, cls, kwnames tuple] ->      \
                               [tuple of n+len(kwnames) attributes, or None] */              \
    X(COPY_DICT_WITHOUT_KEYS, 0) /* [subj, keys] -> [subj, dict(subj) minus keys] (**rest) */ \
    /* The forms below are written only by the compiler's last pass (compiler.c specialise), \
     * after jumps are resolved; the compiler itself emits the generic ones above. */          \
    X(BINARY_ADD, -1)       /* BINARY_OP whose arg is AD_BINOP_ADD or its in-place form */   \
    X(BINARY_SUB, -1)       /* likewise for AD_BINOP_SUB */                                  \
    X(BINARY_MUL, -1)       /* likewise for AD_BINOP_MUL */                                  \
    /* Superinstructions: the one at i does the work of i and of i+1, reading i+1's arg and  \
     * skipping it. i+1 keeps its own opcode, for jumps that land on it, and an error in the \
     * second half is reported at i+1 (its line). */                                         \
    X(LOAD_FAST_LOAD_FAST, 2)  /* LOAD_FAST arg; LOAD_FAST */                                \
    X(LOAD_FAST_LOAD_CONST, 2) /* LOAD_FAST arg; LOAD_CONST */                               \
    X(STORE_FAST_LOAD_FAST, 0) /* STORE_FAST arg; LOAD_FAST */                               \
    X(FOR_ITER_STORE_FAST, VAR) /* FOR_ITER arg; STORE_FAST. Only range and list iterators \
                               are stored directly; others (a generator's yield comes back \
                               to i+1) do only the FOR_ITER */                               \
    X(COMPARE_JUMP, -2)     /* COMPARE_OP arg; POP_JUMP_IF_FALSE/TRUE. When the operands have \
                               no inline path it does only the COMPARE_OP and goes on to i+1 */

enum {
#define X(name, effect) AD_OP_##name,
    AD_OPCODES(X)
#undef X
    AD_OP_COUNT
};

#endif
