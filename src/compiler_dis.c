/*
 * compiler_dis.c - a dis-style listing of code objects, for debugging the compiler and
 * the VM: one line per instruction with its source line, opcode name, argument and what
 * the argument denotes (constant repr, name, variable, jump target), then every nested
 * code object. Reads the code only; may raise (repr of a constant may fail).
 */
#include <stdio.h>
#include <string.h>

#include "compiler.h"

static const char *const opnames[] = {
#define X(name, effect) #name,
    AD_OPCODES(X)
#undef X
};

static const char *const cmpnames[] = {"<", "<=", "==", "!=", ">", ">="};
static const char *const binopnames[] = {"+", "&", "//", "<<", "@", "*", "%",
                                         "|", "**", ">>", "-", "/", "^"};
static const char *const unarynames[] = {"-", "+", "~", "not"};

static bool add_names(AdThread *t, AdBuf *out, const char *label, AdStr **names, uint32_t n) {
    if (!n) return true;
    if (!ad_buf_addf(t, out, "  %s:", label)) return false;
    for (uint32_t i = 0; i < n; i++)
        if (!ad_buf_addf(t, out, "%s %s", i ? "," : "", names[i] ? names[i]->data : "?"))
            return false;
    return ad_buf_adds(t, out, "\n");
}

static const char *deref_name(AdCode *code, uint32_t arg) {
    if (arg < code->ncells) return code->cellnames[arg]->data;
    if (arg - code->ncells < code->nfree) return code->freenames[arg - code->ncells]->data;
    return "?";
}

static bool add_const(AdThread *t, AdBuf *out, AdValue v) {
    if (v.tag == AD_TAG_OBJ && v.as.o->type == t->vm->type_code) {
        AdCode *c = AD_AS(AdCode, v);
        return ad_buf_addf(t, out, "<code object %s, line %d>", c->name ? c->name->data : "?",
                           c->firstlineno);
    }
    AdValue r = ad_rt_repr(t, v);
    if (AD_IS_NULL(r)) return false;
    AdStr *s = AD_AS(AdStr, r);
    if (s->len > 60) return ad_buf_add(t, out, s->data, 57) && ad_buf_adds(t, out, "...");
    return ad_buf_add(t, out, s->data, s->len);
}

static bool describe(AdThread *t, AdBuf *out, AdCode *code, int op, uint32_t arg) {
    switch (op) {
    case AD_OP_LOAD_CONST:
        if (arg >= code->nconsts) return ad_buf_adds(t, out, "(?)");
        return ad_buf_adds(t, out, "(") && add_const(t, out, code->consts[arg]) &&
               ad_buf_adds(t, out, ")");
    case AD_OP_LOAD_NAME: case AD_OP_STORE_NAME: case AD_OP_DELETE_NAME:
    case AD_OP_LOAD_GLOBAL: case AD_OP_STORE_GLOBAL: case AD_OP_DELETE_GLOBAL:
    case AD_OP_LOAD_ATTR: case AD_OP_STORE_ATTR: case AD_OP_DELETE_ATTR:
    case AD_OP_LOAD_METHOD: case AD_OP_IMPORT_NAME: case AD_OP_IMPORT_FROM:
        return ad_buf_addf(t, out, "(%s)", arg < code->nnames ? code->names[arg]->data : "?");
    case AD_OP_LOAD_FAST: case AD_OP_STORE_FAST: case AD_OP_DELETE_FAST:
    case AD_OP_LOAD_FAST_LOAD_FAST: case AD_OP_LOAD_FAST_LOAD_CONST:
    case AD_OP_STORE_FAST_LOAD_FAST:
        return ad_buf_addf(t, out, "(%s)",
                           arg < code->nlocals ? code->localnames[arg]->data : "?");
    case AD_OP_LOAD_DEREF: case AD_OP_STORE_DEREF: case AD_OP_DELETE_DEREF:
    case AD_OP_LOAD_CLOSURE: case AD_OP_LOAD_CLASSDEREF:
        return ad_buf_addf(t, out, "(%s)", deref_name(code, arg));
    case AD_OP_JUMP: case AD_OP_POP_JUMP_IF_FALSE: case AD_OP_POP_JUMP_IF_TRUE:
    case AD_OP_JUMP_IF_FALSE_OR_POP: case AD_OP_JUMP_IF_TRUE_OR_POP:
    case AD_OP_POP_JUMP_IF_NONE: case AD_OP_POP_JUMP_IF_NOT_NONE: case AD_OP_FOR_ITER:
    case AD_OP_SEND: case AD_OP_SETUP_FINALLY: case AD_OP_FOR_ITER_STORE_FAST:
        return ad_buf_addf(t, out, "(to %u)", arg);
    case AD_OP_COMPARE_OP: case AD_OP_COMPARE_JUMP:
        return ad_buf_addf(t, out, "(%s)", arg < 6 ? cmpnames[arg] : "?");
    case AD_OP_BINARY_OP: case AD_OP_BINARY_ADD: case AD_OP_BINARY_SUB: case AD_OP_BINARY_MUL:
        if (arg < AD_BINOP_COUNT) return ad_buf_addf(t, out, "(%s)", binopnames[arg]);
        if (arg < 2 * AD_BINOP_COUNT)
            return ad_buf_addf(t, out, "(%s=)", binopnames[arg - AD_BINOP_COUNT]);
        return ad_buf_adds(t, out, "(?)");
    case AD_OP_UNARY_OP: return ad_buf_addf(t, out, "(%s)", arg < 4 ? unarynames[arg] : "?");
    case AD_OP_IS_OP: return ad_buf_adds(t, out, arg ? "(is not)" : "(is)");
    case AD_OP_CONTAINS_OP: return ad_buf_adds(t, out, arg ? "(not in)" : "(in)");
    case AD_OP_UNPACK_EX:
        return ad_buf_addf(t, out, "(%u before, %u after)", arg & 0xFF, arg >> 8);
    case AD_OP_MAKE_FUNCTION:
        return ad_buf_addf(t, out, "(%s%s%s%s)", arg & 1 ? "defaults " : "",
                           arg & 2 ? "kwdefaults " : "", arg & 4 ? "annotations " : "",
                           arg & 8 ? "closure" : "");
    default: return true;
    }
}

static bool dis_one(AdThread *t, AdCode *code, AdBuf *out) {
    if (!ad_buf_addf(t, out, "Disassembly of %s (%s, line %d):\n",
                     code->qualname ? code->qualname->data : "?",
                     code->filename ? code->filename->data : "?", code->firstlineno))
        return false;
    static const char *const flagnames[] = {"VARARGS", "VARKEYWORDS", "GENERATOR", "COROUTINE",
                                            "ASYNC_GENERATOR", "FUNCTION", "CLASS_BODY"};
    if (!ad_buf_adds(t, out, "  flags:")) return false;
    for (int i = 0; i < 7; i++)
        if ((code->flags & (1u << i)) && !ad_buf_addf(t, out, " %s", flagnames[i])) return false;
    if (!ad_buf_addf(t, out, "\n  argcount %u (posonly %u, kwonly %u), stacksize %u\n",
                     code->argcount, code->posonlyargcount, code->kwonlyargcount,
                     code->stacksize))
        return false;
    if (!add_names(t, out, "locals", code->localnames, code->nlocals) ||
        !add_names(t, out, "cells", code->cellnames, code->ncells) ||
        !add_names(t, out, "frees", code->freenames, code->nfree))
        return false;
    for (uint32_t i = 0; i < code->ncells; i++)
        if (code->cell_param[i] >= 0 &&
            !ad_buf_addf(t, out, "  cell %s is parameter %d\n", code->cellnames[i]->data,
                         code->cell_param[i]))
            return false;
    if (!AD_IS_NONE(code->doc) && !AD_IS_NULL(code->doc)) {
        if (!ad_buf_adds(t, out, "  doc: ") || !add_const(t, out, code->doc) ||
            !ad_buf_adds(t, out, "\n"))
            return false;
    }
    uint32_t prev_line = 0;
    for (uint32_t i = 0; i < code->ncode; i++) {
        uint32_t w = code->code[i];
        int op = (int)AD_OP(w);
        uint32_t arg = AD_ARG(w);
        uint32_t line = code->lines[i];
        char linebuf[16] = "";
        if (line != prev_line) snprintf(linebuf, sizeof linebuf, "%u", line);
        prev_line = line;
        const char *name = op < AD_OP_COUNT ? opnames[op] : "???";
        if (!ad_buf_addf(t, out, "%6s %5u %-22s %5u ", linebuf, i, name, arg)) return false;
        if (!describe(t, out, code, op, arg) || !ad_buf_adds(t, out, "\n")) return false;
    }
    return true;
}

bool ad_code_disassemble(AdThread *t, AdCode *code, AdBuf *out) {
    int mark = ad_gc_root_mark(t);
    ad_gc_push_obj(t, code);
    bool ok = dis_one(t, code, out);
    for (uint32_t i = 0; ok && i < code->nconsts; i++) {
        AdValue v = code->consts[i];
        if (v.tag == AD_TAG_OBJ && v.as.o->type == t->vm->type_code)
            ok = ad_buf_adds(t, out, "\n") && ad_code_disassemble(t, AD_AS(AdCode, v), out);
    }
    ad_gc_root_restore(t, mark);
    return ok;
}
