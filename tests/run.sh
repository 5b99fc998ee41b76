#!/usr/bin/env bash
# tests/run.sh - runs the script tests against an interpreter and compares with the .out files.
#
# usage: tests/run.sh [-x PROGRAM]... INTERPRETER [DIR-or-FILE...]
#        tests/run.sh --emit INTERPRETER FILE...
#
# A script test is tests/<area>/<name>.py with a sibling <name>.out. Each runs as
# `INTERPRETER <name>.py` in its own directory, stdin from /dev/null, under a timeout
# (TEST_TIMEOUT seconds, default 10). What it produced must equal the .out file, which holds
#   - everything the script wrote to stdout, then, only if it exited non-zero,
#   - the line "--- exit N" (N its exit status) and the last line of its stderr
#     (for an uncaught exception, "ZeroDivisionError: division by zero" and the like).
# A REPL test is tests/<area>/<name>.input with a sibling <name>.out: the input is piped
# into `INTERPRETER -i -q` (the REPL, prompts on stderr), and the .out holds its stdout and
# stderr merged, then "--- exit N" if it exited non-zero.
# With no DIR-or-FILE it runs every test under tests/, skipping tests/unit, tests/api and
# directories named lib or mods (import helpers). A FILE named explicitly must have its .out.
#
# -x PROGRAM  also runs a native test program (a cmocka executable); exit status 0 passes.
#             Each counts as one test in the summary.
# --emit      prints, for each FILE, what it produced in the .out format, and compares
#             nothing (tests/gen_expected.sh uses it, so both share one format).
#
# Ends with the line "N passed, M failed"; exits 1 if anything failed. Needs only bash and
# coreutils/diffutils, never python3 (unless it is the INTERPRETER).
set -u

usage() { sed -n '4,5p' "$0" | sed 's/^# //'; }

programs=()
emit=0
while [ $# -gt 0 ]; do
    case $1 in
    -x) [ $# -ge 2 ] || { usage >&2; exit 2; }; programs+=("$2"); shift 2 ;;
    --emit) emit=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || { usage >&2; exit 2; }

# The interpreter runs from each test's directory, so a path to it must be absolute; a bare
# command name (python3) is looked up on PATH as usual.
interp=$1
shift
case $interp in
*/*)
    [ -x "$interp" ] || { echo "run.sh: no interpreter at $interp" >&2; exit 2; }
    interp=$(cd "$(dirname "$interp")" && pwd)/$(basename "$interp") ;;
*)
    command -v "$interp" >/dev/null || { echo "run.sh: $interp not found" >&2; exit 2; } ;;
esac

timeout_secs=${TEST_TIMEOUT:-10}
if command -v timeout >/dev/null; then
    limit=(timeout -k 5 "$timeout_secs")
else
    limit=()
fi

# Keep CPython (when it is the interpreter) from writing __pycache__ into the tree and from
# picking up the caller's module path; output is UTF-8 whatever the locale.
export PYTHONDONTWRITEBYTECODE=1 PYTHONIOENCODING=utf-8
unset PYTHONPATH PYTHONSTARTUP PYTHONHOME

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Lists the test scripts under directory $1, sorted, one a line.
find_tests() {
    find "$1" -type d \( -name unit -o -name api -o -name lib -o -name mods \
        -o -name __pycache__ \) -prune -o -type f \( -name '*.py' -o -name '*.input' \) -print |
        LC_ALL=C sort
}

# The expected-output file of test $1.
out_of() { local f=${1%.py}; printf '%s\n' "${f%.input}.out"; }

# Runs script $1 and prints what it produced, in the .out format.
produce() {
    local dir base rc last merged=0
    dir=$(dirname "$1")
    base=$(basename "$1")
    case $base in
    *.input)
        (cd "$dir" && exec "${limit[@]}" "$interp" -i -q <"$base" >"$tmp/stdout" 2>&1)
        rc=$?
        merged=1 ;;
    *)
        (cd "$dir" && exec "${limit[@]}" "$interp" "$base" </dev/null >"$tmp/stdout" 2>"$tmp/stderr")
        rc=$? ;;
    esac
    cat "$tmp/stdout"
    if [ "$rc" -ne 0 ]; then
        # The marker starts a line even when stdout did not end with a newline.
        if [ -s "$tmp/stdout" ] && [ -n "$(tail -c 1 "$tmp/stdout")" ]; then
            echo
        fi
        echo "--- exit $rc"
        if [ "$merged" = 0 ]; then
            last=$(tail -n 1 "$tmp/stderr")
            printf '%s\n' "$last"
        fi
    fi
    return 0
}

if [ "$emit" = 1 ]; then
    for f in "$@"; do
        produce "$f"
    done
    exit 0
fi

passed=0
failed=0

fail() { # $1 = what failed, $2 = optional note
    failed=$((failed + 1))
    echo "FAIL $1${2:+ ($2)}"
}

for prog in ${programs[@]+"${programs[@]}"}; do
    if "${limit[@]}" "$prog" >"$tmp/prog" 2>&1 </dev/null; then
        passed=$((passed + 1))
    else
        fail "$prog" "exit $?"
        tail -n 30 "$tmp/prog" | sed 's/^/    /'
    fi
done

[ $# -gt 0 ] || set -- "$(dirname "$0")"
: >"$tmp/list"
for arg in "$@"; do
    if [ -d "$arg" ]; then
        find_tests "$arg" | while IFS= read -r f; do
            [ -f "$(out_of "$f")" ] && printf '%s\n' "$f"
        done >>"$tmp/list"
    elif [ -f "$arg" ]; then
        printf '%s\n' "$arg" >>"$tmp/list"
    else
        fail "$arg" "no such file or directory"
    fi
done

while IFS= read -r f; do
    expected=$(out_of "$f")
    if [ ! -f "$expected" ]; then
        fail "$f" "no ${expected##*/}"
        continue
    fi
    produce "$f" >"$tmp/actual"
    if cmp -s "$expected" "$tmp/actual"; then
        passed=$((passed + 1))
    else
        note=
        grep -q '^--- exit 124$' "$tmp/actual" && note="timed out after ${timeout_secs}s"
        fail "$f" "$note"
        diff -u --label expected --label actual "$expected" "$tmp/actual" | head -n 20 |
            sed 's/^/    /'
    fi
done <"$tmp/list"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
