#!/usr/bin/env bash
# tests/gen_expected.sh - a developer tool: (re)writes the .out files with CPython 3.11.
#
# usage: tests/gen_expected.sh [DIR-or-FILE...]     (default: every script test under tests/)
#
# Runs each script with python3 (or $PYTHON) through `tests/run.sh --emit`, so the files
# have exactly the format run.sh compares against: stdout, then "--- exit N" and the last
# stderr line when the script exits non-zero. Review the diff before committing: CPython is
# the reference, but a test that prints something nondeterministic (addresses, set order of
# strings, timings) must be fixed, not regenerated. The test runner never needs python3.
set -eu

py=${PYTHON:-python3}
here=$(cd "$(dirname "$0")" && pwd)

version=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != 3.11 ]; then
    echo "gen_expected.sh: $py is Python $version; the reference is 3.11" >&2
    exit 2
fi

[ $# -gt 0 ] || set -- "$here"
n=0
for arg in "$@"; do
    if [ -d "$arg" ]; then
        find "$arg" -type d \( -name unit -o -name api -o -name lib -o -name mods \
            -o -name __pycache__ \) -prune -o -type f \( -name '*.py' -o -name '*.input' \) -print |
            LC_ALL=C sort
    else
        printf '%s\n' "$arg"
    fi
done | while IFS= read -r f; do
    out=${f%.py}
    out=${out%.input}.out
    "$here/run.sh" --emit "$py" "$f" >"$out.tmp"
    mv "$out.tmp" "$out"
    n=$((n + 1))
    echo "$n $out"
done
