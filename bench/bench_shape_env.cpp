//===- bench_shape_env.cpp - ShapeEnv decisions, learning, guards ----------===//
//
// Run:  build/bench/symshape_bench --benchmark_filter=Env
// Goals (issue "ShapeEnv"): hint-decided evaluate <= 1 us; compiled guard
// check <= 20 ns per guard; minimization of 1k guards < 1 s on the workload
// of bench/workload.h (the same one bench/torch/time_shapeenv.py gives
// PyTorch 2.6).
//
//===----------------------------------------------------------------------===//
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <memory>
#include <vector>

#include "symshape/shape_env/guards.h"
#include "workload_env.h"

using namespace symshape;

namespace {

const GuardWorkload &workload(int n) {
  static std::map<int, GuardWorkload> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, make_guard_workload(n)).first;
  return it->second;
}

/// One `evaluate` per iteration, of the workload's guards at `order` in turn;
/// a fresh ShapeEnv (untimed) after the last.  Counter: the fraction of
/// calls that recorded a guard.
void evaluate_in_turn(benchmark::State &st, const GuardWorkload &w, const std::vector<size_t> &order) {
  LoadedWorkload l = load_workload(w);
  size_t i = 0, recorded = 0;
  for (auto _ : st) {
    if (i == order.size()) {
      st.PauseTiming();
      recorded += l.env->guards().size();
      l = load_workload(w);
      i = 0;
      st.ResumeTiming();
    }
    benchmark::DoNotOptimize(l.env->evaluate(l.guards[order[i++]]));
  }
  recorded += l.env->guards().size();
  st.counters["recorded_guard_fraction"] = static_cast<double>(recorded) / static_cast<double>(st.iterations());
}

// One `evaluate` per iteration on the 10k-guard workload: most are decided
// by the hint and record a guard (learning included); some are already
// known.  PyTorch 2.6: 4-7 ms per new guard on such workloads.
void BM_Env_EvaluateByHint(benchmark::State &st) {
  const GuardWorkload &w = workload(10000);
  std::vector<size_t> all(w.guards.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  evaluate_in_turn(st, w, all);
}
BENCHMARK(BM_Env_EvaluateByHint);

// Only the evaluates the hint decides (each records a guard): the same
// workload with the statically decided calls left out beforehand.  Leaving
// them out changes nothing (a static decision records nothing), so the
// ShapeEnv goes through exactly the states of BM_Env_EvaluateByHint.
void BM_Env_EvaluateHintDecidedOnly(benchmark::State &st) {
  const GuardWorkload &w = workload(10000);
  const std::vector<size_t> recording = hint_decided_guards(w);
  evaluate_in_turn(st, w, recording);
}
BENCHMARK(BM_Env_EvaluateHintDecidedOnly);

// statically_known_true decided by value ranges, a new question each time.
void BM_Env_KnownByRanges(benchmark::State &st) {
  LoadedWorkload l = load_workload(workload(1000));
  for (Expr g : l.guards) l.env->evaluate(g);
  Expr s = *l.env->lookup_source("t0.size()[0]");
  int64_t k = 0;
  int decided = 0;
  for (auto _ : st) decided += l.env->statically_known_true(ge(s, 1 - ++k));
  st.counters["decided"] = decided == static_cast<int>(st.iterations()) ? 1 : 0;
}
BENCHMARK(BM_Env_KnownByRanges);

// statically_known_true that only Z3 decides: u0 < u1 < u2 (runtime
// asserts) => u0 < u2 + k, a new k each time.
void BM_Env_KnownByZ3(benchmark::State &st) {
  ShapeEnv env;
  Expr u0 = env.create_unbacked_int(), u1 = env.create_unbacked_int(), u2 = env.create_unbacked_int();
  env.check(lt(u0, u1));
  env.check(lt(u1, u2));
  int64_t k = 0;
  int decided = 0;
  for (auto _ : st) decided += env.statically_known_true(lt(u0, u2 + (++k % 1000000)));
  st.counters["proved_fraction"] = static_cast<double>(decided) / static_cast<double>(st.iterations());
}
BENCHMARK(BM_Env_KnownByZ3)->Unit(benchmark::kMicrosecond);

// The 200 workload questions after 1k guards, answered again (memoized).
void BM_Env_KnownCached(benchmark::State &st) {
  LoadedWorkload l = load_workload(workload(1000));
  for (Expr g : l.guards) l.env->evaluate(g);
  for (Expr q : l.queries) l.env->statically_known_true(q);
  size_t i = 0;
  for (auto _ : st) benchmark::DoNotOptimize(l.env->statically_known_true(l.queries[i++ % l.queries.size()]));
}
BENCHMARK(BM_Env_KnownCached);

// The 1k workload exactly as bench/torch/time_shapeenv.py gives it to
// PyTorch 2.6: its 1000 `guard` commands in order on a fresh ShapeEnv
// (counter: microseconds per guard command), then its 200 `known` questions,
// each asked for the first time (counter: microseconds per question).
void BM_Env_Workload1k(benchmark::State &st) {
  const GuardWorkload &w = workload(1000);
  double guard_s = 0, known_s = 0;
  size_t recorded = 0;
  for (auto _ : st) {
    st.PauseTiming();
    LoadedWorkload l = load_workload(w);
    st.ResumeTiming();
    auto t0 = std::chrono::steady_clock::now();
    for (Expr g : l.guards) benchmark::DoNotOptimize(l.env->evaluate(g));
    auto t1 = std::chrono::steady_clock::now();
    for (Expr q : l.queries) benchmark::DoNotOptimize(l.env->statically_known_true(q));
    auto t2 = std::chrono::steady_clock::now();
    guard_s += std::chrono::duration<double>(t1 - t0).count();
    known_s += std::chrono::duration<double>(t2 - t1).count();
    recorded = l.env->guards().size();
    st.PauseTiming();
    for (auto &[tier, n] : l.env->tier_counts()) st.counters[std::string("tier_") + tier_name(tier)] = static_cast<double>(n);
    l.env.reset();
    st.ResumeTiming();
  }
  double n = static_cast<double>(st.iterations());
  st.counters["us_per_guard_cmd"] = guard_s * 1e6 / n / static_cast<double>(w.guards.size());
  st.counters["us_per_known"] = known_s * 1e6 / n / static_cast<double>(w.queries.size());
  st.counters["recorded"] = static_cast<double>(recorded);
}
BENCHMARK(BM_Env_Workload1k)->Unit(benchmark::kMillisecond);

// Learning from 1k equality guards: s_i == s_{i+1}, each a replacement.
void BM_Env_Learn1kEqualities(benchmark::State &st) {
  for (auto _ : st) {
    st.PauseTiming();
    ShapeEnv env;
    std::vector<Expr> sizes;
    for (int i = 0; i < 1000; ++i)
      sizes.push_back(env.create_tensor("x" + std::to_string(i), {Int(7)}, {DimSpec{DimPolicy::Dynamic}}).sizes[0]);
    std::vector<Expr> eqs;
    for (size_t i = 0; i + 1 < sizes.size(); ++i) eqs.push_back(eq(sizes[i], sizes[i + 1]));
    st.ResumeTiming();
    for (Expr e : eqs) env.evaluate(e);
    benchmark::DoNotOptimize(env.replacements().size());
  }
  st.counters["guards"] = 999;
}
BENCHMARK(BM_Env_Learn1kEqualities)->Unit(benchmark::kMillisecond);

// produce_guards with minimization and translation validation.
void BM_Env_ProduceGuards(benchmark::State &st) {
  int n = static_cast<int>(st.range(0));
  LoadedWorkload l = load_workload(workload(n));
  for (Expr g : l.guards) l.env->evaluate(g);
  GuardOptions o;
  o.minimize = st.range(1) != 0;
  o.validate = st.range(2) != 0;
  size_t emitted = 0, dropped = 0, queries = 0, refuted = 0;
  std::string validation;
  for (auto _ : st) {
    GuardSet gs = produce_guards(*l.env, o);
    emitted = gs.guards.size();
    dropped = gs.dropped.size();
    queries = gs.z3_queries;
    refuted = gs.refuted_by_search;
    validation = gs.validation;
  }
  st.counters["z3_queries"] = static_cast<double>(queries);
  st.counters["refuted_by_search"] = static_cast<double>(refuted);
  st.counters["recorded"] = static_cast<double>(l.env->guards().size());
  st.counters["emitted"] = static_cast<double>(emitted);
  st.counters["dropped"] = static_cast<double>(dropped);
  st.SetLabel("validation " + validation);
}
BENCHMARK(BM_Env_ProduceGuards)
    ->ArgNames({"guards", "minimize", "validate"})
    ->Args({100, 1, 0})
    ->Args({1000, 1, 0})
    ->Args({10000, 1, 0})
    ->Args({100, 1, 1})
    ->Args({1000, 0, 1})
    ->Args({1000, 1, 1})
    ->Args({10000, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Checking one input shape against the compiled guard set of 1k guards.
void BM_Env_CompiledGuardCheck(benchmark::State &st) {
  const GuardWorkload &w = workload(1000);
  LoadedWorkload l = load_workload(w);
  for (Expr g : l.guards) l.env->evaluate(g);
  GuardOptions o;
  o.validate = false;
  o.ignore_static = false;
  GuardSet gs = produce_guards(*l.env, o);
  std::vector<Expr> exprs;
  for (const auto &g : gs.guards) exprs.push_back(g.expr);
  std::vector<std::string> sources;
  std::vector<int64_t> values;
  for (size_t t = 0; 2 * t < w.hints.size(); ++t) {
    std::string n = "t" + std::to_string(t);
    sources.push_back(n + ".size()[0]");
    values.push_back(w.hints[2 * t]);
    sources.push_back(n + ".size()[1]");
    values.push_back(w.hints[2 * t + 1]);
    sources.push_back(n + ".stride()[0]");
    values.push_back(w.hints[2 * t + 1]);
    sources.push_back(n + ".stride()[1]");
    values.push_back(1);
    sources.push_back(n + ".storage_offset()");
    values.push_back(0);
  }
  GuardProgram p(exprs, sources);
  int failed = 0;
  for (auto _ : st) failed += p.check(values.data()) != -1;
  st.counters["guards"] = static_cast<double>(p.num_guards());
  st.counters["ns_per_guard"] = benchmark::Counter(static_cast<double>(st.iterations() * p.num_guards()),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  st.counters["rejected"] = failed;
}
BENCHMARK(BM_Env_CompiledGuardCheck);

} // namespace
