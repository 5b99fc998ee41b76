#!/usr/bin/env bash
# bench/run.sh - times the benchmark programs under an interpreter and under python3, and
# writes the comparison table to bench/RESULTS.md (and prints it).
#
# usage: bench/run.sh INTERPRETER [PROGRAM...]
#
# Every bench/*.py (or only the PROGRAMs named, as "fib", "fib.py" or "bench/fib.py") runs as
# `INTERPRETER prog.py` and `python3 prog.py` alternately, RUNS times each. A row is FAIL when
# the interpreter exits non-zero, times out, or prints something other than what python3
# printed; FAIL rows are left out of the geometric mean. Also measured: startup (`-c pass`,
# started without the timeout wrapper, median of STARTUP_RUNS runs) and the peak RSS of
# `-c pass` (GNU /usr/bin/time, else n/a).
#
# Environment:
#   RUNS=5            timed runs per interpreter per program (at least 1)
#   STARTUP_RUNS=20   runs of `-c pass` per interpreter
#   TIMEOUT=60        seconds before one run is killed (and counts as a failure)
#   PYTHON=python3    the reference interpreter
#   RESULTS=FILE      where the markdown goes (default bench/RESULTS.md; "-" writes no file)
#
# Needs bash 4+, coreutils (timeout, sort) and awk; python3 is only the thing measured against.
# Times are wall-clock medians read from bash's EPOCHREALTIME (date +%s%N on bash < 5).
set -u

usage() { sed -n '4p' "$0" | sed 's/^# //'; }

case ${1:-} in
'' | -h | --help) usage; [ $# -ge 1 ] && exit 0; exit 2 ;;
esac

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
interp_arg=$1
shift

RUNS=${RUNS:-5}
STARTUP_RUNS=${STARTUP_RUNS:-20}
TIMEOUT=${TIMEOUT:-60}
PYTHON=${PYTHON:-python3}
RESULTS=${RESULTS:-$bench_dir/RESULTS.md}
for v in RUNS STARTUP_RUNS TIMEOUT; do
    if ! [[ ${!v} =~ ^[1-9][0-9]*$ ]]; then
        echo "run.sh: $v must be a positive integer (got '${!v}')" >&2
        exit 2
    fi
done

die() { echo "run.sh: $*" >&2; exit 2; }

# resolve CMD: prints an absolute path for CMD (a path, or a name looked up in PATH).
resolve() {
    local p
    if [[ $1 == */* ]]; then
        [ -f "$1" ] && [ -x "$1" ] || return 1
        p="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
    else
        p=$(type -P "$1") || return 1
    fi
    printf '%s\n' "$p"
}

interp=$(resolve "$interp_arg") || die "interpreter '$interp_arg' not found or not executable"
py_cmd=$(resolve "$PYTHON") || die "reference interpreter '$PYTHON' not found"
# python3 on PATH may be a launcher script (pyenv shims take ~0.3 s per start); time the real
# executable instead. When the interpreter under test is that same python3 (the self-check
# `bench/run.sh python3`), it gets the same treatment so both sides match.
py_real=$(timeout 10 "$py_cmd" -c 'import sys; print(sys.executable)' </dev/null 2>/dev/null)
if [ -n "$py_real" ] && [ -x "$py_real" ]; then
    [ "$interp" = "$py_cmd" ] && interp=$py_real
    py=$py_real
else
    py=$py_cmd
fi
py_version=$(timeout 10 "$py" -c 'import sys; print(sys.version.split()[0])' </dev/null 2>/dev/null)
[ -n "$py_version" ] || die "reference interpreter '$PYTHON' does not run"

# The programs, in name order.
progs=()
if [ $# -eq 0 ]; then
    for f in "$bench_dir"/*.py; do
        [ -f "$f" ] && progs+=("$(basename "$f" .py)")
    done
else
    for a in "$@"; do
        n=$(basename "$a" .py)
        [ -f "$bench_dir/$n.py" ] || die "no benchmark $bench_dir/$n.py"
        progs+=("$n")
    done
fi
[ ${#progs[@]} -gt 0 ] || die "no benchmark programs in $bench_dir"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/adder-bench.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

# clock: sets NOW to the wall clock in microseconds (no subshell when EPOCHREALTIME exists).
if [ -n "${EPOCHREALTIME:-}" ]; then
    clock() { NOW=${EPOCHREALTIME//[.,]/}; }
else
    clock() { NOW=$(date +%s%N); NOW=${NOW%???}; }
fi

# timed OUT ERR CMD...: runs CMD (stdin /dev/null, under the timeout) with its stdout in OUT
# and stderr in ERR; sets T_US (elapsed microseconds) and RC (exit status; 124 = timed out).
timed() {
    local out=$1 err=$2 s
    shift 2
    clock
    s=$NOW
    timeout --foreground -k 5 "$TIMEOUT" "$@" </dev/null >"$out" 2>"$err"
    RC=$?
    clock
    T_US=$((NOW - s))
}

# median: reads numbers, one a line; prints their median.
median() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# fail_reason RC ERRFILE: a short, table-safe description of a failed run.
fail_reason() {
    local rc=$1 last
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo "timed out after ${TIMEOUT} s"
        return
    fi
    last=$(grep -v '^[[:space:]]*$' "$2" | tail -n 1 | tr -d '\r' | cut -c1-70)
    last=${last//|/\\|}
    if [ "$rc" -gt 128 ]; then
        echo "killed by signal $((rc - 128))${last:+: $last}"
    else
        echo "exit $rc${last:+: $last}"
    fi
}

secs() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1e6 }'; }

label=$interp_arg
# In the self-check (`bench/run.sh python3`) both columns would read "python3".
[ "$interp" = "$py" ] && label="$interp_arg (tested)"
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) || load_start=
name_w=0
for n in "${progs[@]}"; do [ "${#n}" -gt "$name_w" ] && name_w=${#n}; done

echo "benchmarks: ${#progs[@]} programs, $RUNS runs each, alternating $label / python3 ($py)" >&2
cd "$bench_dir" || die "cannot cd to $bench_dir"

rows=()
ratios=()
nfail=0
for n in "${progs[@]}"; do
    : >"$tmp/a.times"
    : >"$tmp/b.times"
    status=ok
    reason=
    ref_out=
    a_failed=0
    b_failed=0
    for ((i = 1; i <= RUNS; i++)); do
        if [ $a_failed -eq 0 ]; then
            timed "$tmp/a.out" "$tmp/a.err" "$interp" "$n.py"
            if [ $RC -ne 0 ]; then
                a_failed=1
                reason=$(fail_reason $RC "$tmp/a.err")
            else
                echo "$T_US" >>"$tmp/a.times"
                cp "$tmp/a.out" "$tmp/a.out.$i"
            fi
        fi
        if [ $b_failed -eq 0 ]; then
            timed "$tmp/b.out" "$tmp/b.err" "$py" "$n.py"
            if [ $RC -ne 0 ]; then
                b_failed=1
                breason=$(fail_reason $RC "$tmp/b.err")
            else
                echo "$T_US" >>"$tmp/b.times"
                [ -z "$ref_out" ] && { cp "$tmp/b.out" "$tmp/ref.out"; ref_out=$tmp/ref.out; }
            fi
        fi
    done
    # Every run of the interpreter must have printed exactly what python3 printed.
    if [ $b_failed -ne 0 ]; then
        status=ERROR
        reason="python3 failed: $breason"
    elif [ $a_failed -ne 0 ]; then
        status=FAIL
    else
        for ((i = 1; i <= RUNS; i++)); do
            if ! cmp -s "$tmp/a.out.$i" "$ref_out"; then
                status=FAIL
                reason="output differs from python3 (run $i)"
                break
            fi
        done
    fi
    rm -f "$tmp"/a.out.*

    bt=$(median <"$tmp/b.times") && b_s=$(secs "$bt") || b_s="-"
    at=$(median <"$tmp/a.times") && a_s=$(secs "$at") || a_s="-"
    if [ "$status" = ok ]; then
        ratio=$(awk -v a="$at" -v b="$bt" 'BEGIN { printf "%.2f", b / a }')
        ratios+=("$(awk -v a="$at" -v b="$bt" 'BEGIN { printf "%.6f", b / a }')")
        note=ok
    else
        ratio="-"
        note="**$status**: $reason"
        nfail=$((nfail + 1))
    fi
    rows+=("| $n | $b_s | $a_s | $ratio | $note |")
    printf '  %-*s  python3 %7s s  %s %7s s  %5s  %s\n' "$name_w" "$n" "$b_s" "$label" "$a_s" \
        "$ratio" "${status}${reason:+ ($reason)}" >&2
done

if [ ${#ratios[@]} -gt 0 ]; then
    geomean=$(printf '%s\n' "${ratios[@]}" |
        awk '{ s += log($1) } END { printf "%.2f", exp(s / NR) }')
else
    geomean="-"
fi

# Startup: `-c pass`, alternating, STARTUP_RUNS each.
echo "startup: -c pass, $STARTUP_RUNS runs each" >&2
: >"$tmp/sa.times"
: >"$tmp/sb.times"
# A few milliseconds are the whole measurement here, and starting `timeout` itself costs about
# as much as a small interpreter does; so one guarded run first proves `-c pass` terminates,
# and the timed runs then start each interpreter directly (the same way for both).
started() {
    local s
    clock
    s=$NOW
    "$@" </dev/null >"$tmp/s.out" 2>"$tmp/s.err"
    RC=$?
    clock
    T_US=$((NOW - s))
}
true_bin=$(type -P true) || true_bin=/bin/true
true_cmd() { "$true_bin"; }
: >"$tmp/st.times"
sa_fail=
timed "$tmp/s.out" "$tmp/s.err" "$interp" -c pass
[ $RC -eq 0 ] || sa_fail=$(fail_reason $RC "$tmp/s.err")
timed "$tmp/s.out" "$tmp/s.err" "$py" -c pass
sb_ok=$RC
for ((i = 1; i <= STARTUP_RUNS; i++)); do
    if [ -z "$sa_fail" ]; then
        started "$interp" -c pass
        if [ $RC -eq 0 ]; then echo "$T_US" >>"$tmp/sa.times"; else sa_fail=$(fail_reason $RC "$tmp/s.err"); fi
    fi
    if [ "$sb_ok" -eq 0 ]; then
        started "$py" -c pass
        [ $RC -eq 0 ] && echo "$T_US" >>"$tmp/sb.times"
    fi
    # The floor: starting a program that does nothing, measured the same way.
    started true_cmd && echo "$T_US" >>"$tmp/st.times"
done
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1e3 }'; }
st=$(median <"$tmp/st.times") && st_ms=$(ms "$st") || st_ms="n/a"
sb=$(median <"$tmp/sb.times") && sb_ms=$(ms "$sb") || sb_ms="n/a"
if [ -z "$sa_fail" ] && sa=$(median <"$tmp/sa.times"); then
    sa_ms=$(ms "$sa")
    if [ "$sb_ms" != n/a ]; then
        s_ratio=$(awk -v a="$sa" -v b="$sb" 'BEGIN { printf "%.2f", b / a }')
    else
        s_ratio="-"
    fi
else
    sa_ms="**FAIL**: ${sa_fail:-no runs}"
    s_ratio="-"
fi

# Peak RSS of `-c pass` in KiB: GNU time's %M (median of 3 runs), else n/a.
rss() {
    local f=$tmp/rss.txt i vals=()
    for ((i = 0; i < 3; i++)); do
        rm -f "$f"
        timeout --foreground -k 5 "$TIMEOUT" /usr/bin/time -f %M -o "$f" "$@" -c pass </dev/null >/dev/null 2>&1 || return 1
        vals+=("$(tail -n 1 "$f")")
    done
    printf '%s\n' "${vals[@]}" | median
}
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/rss.txt" true >/dev/null 2>&1 &&
    [[ $(tail -n 1 "$tmp/rss.txt") =~ ^[0-9]+$ ]]; then
    rb=$(rss "$py") || rb="n/a"
    ra=$(rss "$interp") || ra="FAIL"
    if [[ $ra =~ ^[0-9]+$ && $rb =~ ^[0-9]+$ ]]; then
        r_ratio=$(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.2f", a / b }')
    else
        r_ratio="-"
    fi
else
    rb="n/a"
    ra="n/a"
    r_ratio="-"
fi

# Machine description.
cpu=$(awk -F': *' '/^(model name|Hardware|cpu model|Model)[[:space:]]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
[ -n "$cpu" ] || cpu=unknown
ncpu=$(nproc 2>/dev/null || echo "?")
if interp_version=$(timeout 5 "$interp" --version </dev/null 2>&1); then
    interp_version=$(printf '%s\n' "$interp_version" | head -n 1 | cut -c1-80)
else
    interp_version=
fi
[ -n "$interp_version" ] || interp_version="n/a"
git_rev=$(git -C "$bench_dir" rev-parse --short HEAD 2>/dev/null) || git_rev=
if [ -n "$git_rev" ] && [ -n "$(git -C "$bench_dir" status --porcelain -uno 2>/dev/null)" ]; then
    git_rev="$git_rev (with uncommitted changes)"
fi
ngood=${#ratios[@]}
ntotal=${#progs[@]}

{
    echo "# Benchmark results: $label vs python3"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(uname -m), $cpu, $ncpu CPUs"
    echo "- python3: $py_version"
    echo "- $label: $interp_version${git_rev:+, source tree $git_rev}"
    [ -n "$load_start" ] && echo "- load average when the run started: $load_start (other work on the machine adds noise)"
    echo "- method: $RUNS runs per interpreter per program, alternating; wall-clock medians;" \
        "timeout $TIMEOUT s per run"
    echo
    echo "| program | python3 (s) | $label (s) | speedup | status |"
    echo "|---|---:|---:|---:|---|"
    printf '%s\n' "${rows[@]}"
    echo "| **geometric mean** ($ngood of $ntotal programs) | | | **$geomean** | |"
    echo
    echo "speedup = python3 time / $label time: above 1.00 $label is faster, below 1.00 slower."
    if [ "$nfail" -gt 0 ]; then
        echo "The $nfail FAIL/ERROR row(s) (a failed, timed-out or wrong-answer run) are left out of the geometric mean."
    else
        echo "FAIL rows (a failed, timed-out or wrong-answer run) would be left out of the geometric mean; there are none."
    fi
    echo
    echo "| \`-c pass\` | python3 | $label | ratio |"
    echo "|---|---:|---:|---:|"
    echo "| startup, median of $STARTUP_RUNS (ms) | $sb_ms | $sa_ms | $s_ratio |"
    echo "| peak RSS (KiB) | $rb | $ra | $r_ratio |"
    echo
    echo "Startup ratio = python3 time / $label time (above 1.00: $label starts faster);" \
        "RSS ratio = $label / python3 (below 1.00: $label uses less memory)."
    echo "Starting \`$true_bin\` the same way takes $st_ms ms here: the cost of creating a process," \
        "which every startup time above includes."
} >"$tmp/results.md"

cat "$tmp/results.md"
if [ "$RESULTS" != "-" ]; then
    cp "$tmp/results.md" "$RESULTS" && echo "written to $RESULTS" >&2
fi
exit 0
