//===- evaluate_probe.cpp - The hint-decided evaluates, for callgrind -----===//
//
// The calls of BM_Env_EvaluateHintDecidedOnly without the harness: the
// hint-decided evaluates of the 10k workload, pass after pass, each pass on
// a fresh ShapeEnv.  Under callgrind (scripts/count_instructions.sh) only
// those calls are counted, and only from the second pass on, so the count
// per call is exact and repeatable -- on this shared machine wall-clock
// numbers drift 10-30% within minutes, instruction counts do not move.
//
//   evaluate_probe [passes]      (default 3)
//
// Without valgrind's header the client requests compile to nothing and the
// program still runs (and prints the wall-clock time per call, a noisy
// number).
//
//===----------------------------------------------------------------------===//
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define SYMSHAPE_TOGGLE_COLLECT CALLGRIND_TOGGLE_COLLECT
#endif
#endif
#ifndef SYMSHAPE_TOGGLE_COLLECT
#define SYMSHAPE_TOGGLE_COLLECT
#endif

#include "workload_env.h"

int main(int argc, char **argv) {
  const int passes = argc > 1 ? std::atoi(argv[1]) : 3;
  if (passes < 2) {
    std::fprintf(stderr, "evaluate_probe: needs at least 2 passes (the first is not counted)\n");
    return 2;
  }
  const GuardWorkload w = make_guard_workload(10000);
  const std::vector<size_t> recording = hint_decided_guards(w);
  double seconds = 0;
  size_t counted = 0;
  for (int pass = 0; pass < passes; ++pass) {
    LoadedWorkload l = load_workload(w); // as the benchmark does, between passes
    const bool count = pass > 0;
    auto t0 = std::chrono::steady_clock::now();
    if (count) SYMSHAPE_TOGGLE_COLLECT;
    for (size_t i : recording) l.env->evaluate(l.guards[i]);
    if (count) SYMSHAPE_TOGGLE_COLLECT;
    auto t1 = std::chrono::steady_clock::now();
    if (count) {
      seconds += std::chrono::duration<double>(t1 - t0).count();
      counted += recording.size();
    }
  }
  std::printf("hint-decided evaluates counted: %zu (%zu per pass, %d passes after the first)\n", counted,
              recording.size(), passes - 1);
  std::printf("wall clock: %.3f us per call (noisy; instructions: scripts/count_instructions.sh)\n",
              seconds * 1e6 / static_cast<double>(counted));
  return 0;
}
