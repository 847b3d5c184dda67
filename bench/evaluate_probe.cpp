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
// program still runs (and prints cycles per call from the time-stamp
// counter, a noisy number).
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

#include "symshape/expr/parse.h"
#include "symshape/shape_env/shape_env.h"
#include "workload.h"

using namespace symshape;

namespace {

std::unique_ptr<ShapeEnv> fresh_env(const GuardWorkload &w) {
  auto env = std::make_unique<ShapeEnv>();
  for (size_t t = 0; 2 * t < w.hints.size(); ++t)
    env->create_tensor("t" + std::to_string(t),
                       {Int(static_cast<long long>(w.hints[2 * t])), Int(static_cast<long long>(w.hints[2 * t + 1]))},
                       {DimSpec{DimPolicy::Dynamic}, DimSpec{DimPolicy::Dynamic}});
  return env;
}

std::vector<Expr> parse_guards(const GuardWorkload &w, ShapeEnv &env) {
  ParseOptions po;
  po.resolve = [&env](const std::string &n) { return *env.lookup_source(n); };
  std::vector<Expr> out;
  for (const auto &g : w.guards) out.push_back(parse_expr(g, po));
  return out;
}

} // namespace

int main(int argc, char **argv) {
  const int passes = argc > 1 ? std::atoi(argv[1]) : 3;
  if (passes < 2) {
    std::fprintf(stderr, "evaluate_probe: needs at least 2 passes (the first is not counted)\n");
    return 2;
  }
  const GuardWorkload w = make_guard_workload(10000);
  // The evaluates that record a guard (the others are decided statically and
  // leaving them out changes no state), found on a first ShapeEnv.
  std::vector<size_t> recording;
  {
    auto env = fresh_env(w);
    std::vector<Expr> guards = parse_guards(w, *env);
    for (size_t i = 0; i < guards.size(); ++i) {
      size_t before = env->guards().size();
      env->evaluate(guards[i]);
      if (env->guards().size() != before) recording.push_back(i);
    }
  }
  double seconds = 0;
  size_t counted = 0;
  for (int pass = 0; pass < passes; ++pass) {
    auto env = fresh_env(w);
    std::vector<Expr> guards = parse_guards(w, *env); // as the benchmark does, between passes
    const bool count = pass > 0;
    auto t0 = std::chrono::steady_clock::now();
    if (count) SYMSHAPE_TOGGLE_COLLECT;
    for (size_t i : recording) env->evaluate(guards[i]);
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
