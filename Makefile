# Makefile - builds libadder (static and shared) and the ./adder command, and runs the tests.
#
#   make              ./adder, libadder.a, libadder.so (objects in build/release)
#   make test         unit + API tests (cmocka) and the script tests; ends "N passed, M failed"
#   make asan         the same tests against a build with ASan + UBSan (build/asan/adder)
#   make gcstress     the script tests with ADDER_GC_STRESS=1 (a collection at every allocation)
#   make tsan         the thread tests and the API tests against a ThreadSanitizer build
#                     (build/tsan/adder); any race report fails the run
#   make demo         builds and runs examples/demo.py
#   make bench        times bench/*.py under ./adder and python3; writes bench/RESULTS.md
#   make install      PREFIX=/usr/local by default; DESTDIR is honoured
#   make deps         installs the Debian packages the build needs (when root)
#   make clean
#
# Every src/*.c but src/main.c goes into the library; main.c is a host like any other and
# sees only include/adder.h. V=1 shows the full compiler command lines.

MODE ?= release
BUILD := build/$(MODE)

CC ?= cc
AR ?= ar
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -Iinclude -Isrc
# Libraries every program linking libadder needs. libffi (-lffi) and PCRE2 (-lpcre2-8) go
# here once ctypes/re need them; adder.pc picks them up from this line.
LIBS := -lgmp -lreadline -ltinfo -lm -lpthread -ldl

ifeq ($(MODE),asan)
OPT := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_LDFLAGS := -fsanitize=address,undefined
OUT := $(BUILD)/
# The asan binary lives in build/asan/; a stdlib link beside it lets it find the stdlib the
# way every adder does (<exe dir>/stdlib).
EXTRA_TARGETS := $(BUILD)/stdlib
else ifeq ($(MODE),tsan)
OPT := -O1 -fsanitize=thread -fno-omit-frame-pointer
SAN_LDFLAGS := -fsanitize=thread
OUT := $(BUILD)/
EXTRA_TARGETS := $(BUILD)/stdlib
else
# Each function in its own section, so that the link of ./adder can drop unused ones and
# place startup code together (see ADDER_LDFLAGS).
OPT := -O2 -ffunction-sections
SAN_LDFLAGS :=
OUT :=
EXTRA_TARGETS :=
endif

# How ./adder itself is linked (libadder.so and the tests are unaffected). Start-up time and
# memory of `adder -c pass` are dominated by the dynamic loader and by page faults: a fault
# on a file page maps the 64 KB around it, and relocating libc and libm runs IFUNC resolvers
# spread over all their text, so they alone make ~1.7 MB resident. Linked statically, only
# the libc code used is in the binary; with lld, tools/startup.order (the functions a short
# run executes) places that code side by side, so a short run touches a few windows of text.
# Linked this way `adder -c pass` is ~1.3 MB resident instead of ~3.4 MB, and ~40% fewer
# page faults. Falls back to an ordinary link without libc.a, and skips the ordering without
# lld; ASan needs the dynamic link. STATIC=0 forces the ordinary link.
STATIC ?= 1
ADDER_LDFLAGS :=
ifeq ($(MODE)$(STATIC),release1)
ifneq ($(wildcard $(shell $(CC) -print-file-name=libc.a)),)
ADDER_LDFLAGS := -static -Wl,--gc-sections
ifneq ($(shell $(CC) -fuse-ld=lld -Wl,--version 2>/dev/null | grep -c LLD),0)
ADDER_LDFLAGS += -fuse-ld=lld -Wl,--symbol-ordering-file=tools/startup.order \
                 -Wl,--no-warn-symbol-ordering
endif
endif
endif

# CFLAGS and LDFLAGS from the command line are added last, so they can override.
ALL_CFLAGS = $(BASE_CFLAGS) $(OPT) -fPIC $(CFLAGS) $(FILE_CFLAGS)

# GCC folds the dispatch loop's computed gotos into one shared indirect jump and copies it
# back to each opcode only when the copy is tiny; letting it copy more gives every opcode
# its own jump (better branch prediction, ~6% fewer instructions on float code).
DISPATCH_CFLAGS := $(shell $(CC) --param=max-goto-duplication-insns=64 -E -x c /dev/null \
	>/dev/null 2>&1 && echo --param=max-goto-duplication-insns=64)
# GCC 12's -O2 SLP vectoriser pairs ip and sp into one vector register (their stores to the
# frame are adjacent) and shuffles it at every dispatch: ~25% more instructions in the loop.
DISPATCH_CFLAGS += $(shell $(CC) -fno-tree-slp-vectorize -E -x c /dev/null \
	>/dev/null 2>&1 && echo -fno-tree-slp-vectorize)
$(BUILD)/vm.o: FILE_CFLAGS := $(DISPATCH_CFLAGS)
ALL_LDFLAGS = $(SAN_LDFLAGS) $(LDFLAGS)

ADDER := $(OUT)adder
LIB_A := $(OUT)libadder.a
LIB_SO := $(OUT)libadder.so

LIB_SRCS := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/main.o
TEST_SRCS := $(wildcard tests/unit/test_*.c tests/api/test_*.c)
TEST_BINS := $(TEST_SRCS:%.c=$(BUILD)/%)
DEPS := $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_BINS:=.d)

# The version comes from src/config.h, the one place it is written.
VERSION := $(shell sed -n 's/^\#define ADDER_VERSION "\(.*\)".*/\1/p' src/config.h 2>/dev/null)
ifeq ($(VERSION),)
VERSION := 0.0.0
endif

PREFIX ?= /usr/local
DESTDIR ?=
DEB_PKGS := gcc make pkg-config lld libgmp-dev libreadline-dev libcmocka-dev libffi-dev libpcre2-dev

ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all test asan tsan tsan-run gcstress demo bench install deps clean
.DELETE_ON_ERROR:
.SECONDARY: $(TEST_BINS:=.o)

all: $(ADDER) $(LIB_A) $(LIB_SO) $(EXTRA_TARGETS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB_A): $(LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $(LIB_OBJS)

$(LIB_SO): $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -shared -Wl,-soname,libadder.so $(ALL_LDFLAGS) -o $@ $(LIB_OBJS) $(LIBS)

$(ADDER): $(MAIN_OBJ) $(LIB_OBJS) $(wildcard tools/startup.order)
	@echo "  LD      $@"
	$(Q)$(CC) $(ADDER_LDFLAGS) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB_OBJS) $(LIBS)

$(BUILD)/stdlib:
	$(Q)mkdir -p $(@D) && ln -sfn ../../stdlib $@

# Each tests/unit/test_*.c and tests/api/test_*.c is its own cmocka program. They link the
# static library, so a test pulls in only the objects it uses.
$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB_A) -lcmocka $(LIBS)

# tests/run.sh runs the unit programs (-x, one test each) and every script test, and prints
# the one summary line.
test: all $(TEST_BINS)
	@tests/run.sh $(addprefix -x ,$(TEST_BINS)) ./$(ADDER)

asan:
	@$(MAKE) --no-print-directory MODE=asan test

# halt_on_error turns the first race report into a failing exit status; the thread tests
# get longer timeouts since TSan slows the interpreter down several times.
tsan:
	@$(MAKE) --no-print-directory MODE=tsan tsan-run

tsan-run: all $(filter $(BUILD)/tests/api/%,$(TEST_BINS))
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66 $${TSAN_OPTIONS:-}" \
	    TEST_TIMEOUT=$${TEST_TIMEOUT:-60} \
	    tests/run.sh $(addprefix -x ,$(filter $(BUILD)/tests/api/%,$(TEST_BINS))) \
	    ./$(ADDER) tests/threads

gcstress: all
	@ADDER_GC_STRESS=1 TEST_TIMEOUT=$${TEST_TIMEOUT:-120} tests/run.sh ./$(ADDER)

demo: $(ADDER) $(EXTRA_TARGETS)
	./$(ADDER) examples/demo.py

# bench/run.sh (see bench/README.md) runs each benchmark under ./adder and python3 alternately.
bench: all
	@bench/run.sh ./$(ADDER)

install: $(ADDER) $(LIB_A) $(LIB_SO) adder.pc.in
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/adder/stdlib
	install -m 755 $(ADDER) $(DESTDIR)$(PREFIX)/bin/adder
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/libadder.a
	install -m 755 $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/libadder.so
	install -m 644 include/adder.h $(DESTDIR)$(PREFIX)/include/adder.h
	cp -R stdlib/. $(DESTDIR)$(PREFIX)/share/adder/stdlib/
	find $(DESTDIR)$(PREFIX)/share/adder/stdlib -name __pycache__ -prune -exec rm -rf {} +
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@LIBS@|$(LIBS)|g' \
	    adder.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/adder.pc

# Installs what is missing when run as root (apt-get), else says what to install.
deps:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	    echo "not a Debian system: install the equivalents of: $(DEB_PKGS)"; exit 0; \
	fi; \
	for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	        || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then \
	    echo "build dependencies: all installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	else \
	    echo "missing packages:$$missing"; \
	    echo "install them as root: apt-get install$$missing"; exit 1; \
	fi

clean:
	rm -rf build adder libadder.a libadder.so

-include $(DEPS)
