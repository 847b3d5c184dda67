#!/bin/sh
# Instructions per hint-decided ShapeEnv::evaluate (BM_Env_EvaluateHintDecidedOnly's calls),
# counted by callgrind: exact and repeatable where wall-clock time on a shared machine is not.
#
#   scripts/count_instructions.sh [--cache] [BUILD_DIR] [PASSES]     (defaults: build-rel, 3)
#
# --cache also simulates the caches (32 KB L1, a 2 MB last level: what this host's shared cache
# gives one process, measured by a pointer chase) and prints the misses per call -- a repeatable
# stand-in for the part of the time that instruction counts do not see.
#
# Needs valgrind (apt-get install valgrind; not part of scripts/setup.sh: only this script uses it)
# and a build of the target symshape_evaluate_probe (Release, like the benchmarks).  Leaves the
# profile in $BUILD_DIR/evaluate_probe.callgrind (callgrind_annotate --inclusive=yes FILE).
set -eu
cache=no
if [ "${1:-}" = "--cache" ]; then
  cache=yes
  shift
fi
build=${1:-build-rel}
passes=${2:-3}
probe="$build/bench/symshape_evaluate_probe"
out="$build/evaluate_probe.callgrind"
command -v valgrind >/dev/null || { echo "count_instructions: valgrind is not installed" >&2; exit 2; }
[ -x "$probe" ] || { echo "count_instructions: build $probe first (cmake --build $build --target symshape_evaluate_probe)" >&2; exit 2; }
sim=""
[ "$cache" = yes ] && sim="--cache-sim=yes --I1=32768,8,64 --D1=32768,8,64 --LL=2097152,16,64"
# shellcheck disable=SC2086 # $sim is a list of options
calls=$(valgrind --tool=callgrind --collect-atstart=no $sim --callgrind-out-file="$out" "$probe" "$passes" 2>/dev/null |
  sed -n 's/^hint-decided evaluates counted: \([0-9]*\).*/\1/p')
total=$(callgrind_annotate "$out" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
echo "instructions: $total over $calls hint-decided evaluates = $((total / calls)) per call"
if [ "$cache" = yes ]; then
  callgrind_annotate --show=D1mr,D1mw,DLmr,DLmw "$out" 2>/dev/null | sed -n 's/ *([^)]*)//g; s/PROGRAM TOTALS//p' | tr -d , |
    awk -v n="$calls" '{printf "misses per call (simulated): L1 read %.1f, L1 write %.1f, last-level read %.2f, last-level write %.2f\n", $1/n, $2/n, $3/n, $4/n}'
fi
echo "profile: callgrind_annotate --inclusive=yes $out"
