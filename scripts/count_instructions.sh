#!/bin/sh
# Instructions per hint-decided ShapeEnv::evaluate (BM_Env_EvaluateHintDecidedOnly's calls),
# counted by callgrind: exact and repeatable where wall-clock time on a shared machine is not.
#
#   scripts/count_instructions.sh [BUILD_DIR] [PASSES]     (defaults: build-rel, 3)
#
# Needs valgrind (apt-get install valgrind; not part of scripts/setup.sh: only this script uses it)
# and a build of the target symshape_evaluate_probe (Release, like the benchmarks).  Leaves the
# profile in $BUILD_DIR/evaluate_probe.callgrind (callgrind_annotate --inclusive=yes FILE).
set -eu
build=${1:-build-rel}
passes=${2:-3}
probe="$build/bench/symshape_evaluate_probe"
out="$build/evaluate_probe.callgrind"
command -v valgrind >/dev/null || { echo "count_instructions: valgrind is not installed" >&2; exit 2; }
[ -x "$probe" ] || { echo "count_instructions: build $probe first (cmake --build $build --target symshape_evaluate_probe)" >&2; exit 2; }
calls=$(valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$out" "$probe" "$passes" 2>/dev/null |
  sed -n 's/^hint-decided evaluates counted: \([0-9]*\).*/\1/p')
total=$(callgrind_annotate "$out" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
echo "instructions: $total over $calls hint-decided evaluates = $((total / calls)) per call"
echo "profile: callgrind_annotate --inclusive=yes $out"
