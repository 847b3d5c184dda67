//===- bench_rules.cpp - Meta-rule evaluation per node ---------------------===//
//
// Run:  build/bench/symshape_bench --benchmark_filter=Rules
// Per op: `Cold` runs the rule (interpreter, no result cache) on symbolic
// inputs whose decisions the ShapeEnv already knows -- the cost of one node
// in a graph walk without caching; `Cached` is a cache hit, including the
// replay of every recorded ShapeEnv question (so the guards are kept).
// `LoadStandard` parses and links the whole standard library.
//
//===----------------------------------------------------------------------===//
#include <benchmark/benchmark.h>

#include <functional>

#include "symshape/rules/registry.h"

using namespace symshape;
using rules::CallArgs;
using rules::CallOptions;
using rules::List;
using rules::RuleRegistry;
using rules::TensorMeta;

namespace {

rules::Value tensor(ShapeEnv &env, const std::string &name, const std::vector<Int> &sizes) {
  auto ts = env.create_tensor(name, sizes, std::vector<DimSpec>(sizes.size(), DimSpec{DimPolicy::Dynamic}));
  TensorMeta t;
  t.sizes = ts.sizes;
  t.strides = ts.strides;
  t.storage_offset = ts.storage_offset;
  t.storage = rules::new_storage_id();
  return rules::Value::of_tensor(std::move(t));
}

rules::Value ints(std::initializer_list<long long> v) {
  List l;
  for (long long x : v) l.push_back(rules::Value::of_int(Expr(x)));
  return rules::Value::of_list(std::move(l));
}

struct Case {
  const char *op;
  std::function<CallArgs(ShapeEnv &)> args;
};

const Case kCases[] = {
    {"aten.add.Tensor", [](ShapeEnv &e) { return CallArgs{{tensor(e, "a", {8, 16, 32}), tensor(e, "b", {8, 16, 32})}, {}}; }},
    {"aten.mm.default", [](ShapeEnv &e) { return CallArgs{{tensor(e, "a", {8, 16}), tensor(e, "b", {16, 32})}, {}}; }},
    {"aten.view.default",
     [](ShapeEnv &e) {
       auto x = tensor(e, "x", {8, 16, 32});
       List shape{rules::Value::of_int(x.meta().sizes[0]), rules::Value::of_int(Expr(-1)),
                  rules::Value::of_int(Expr(4))};
       return CallArgs{{x, rules::Value::of_list(shape)}, {}};
     }},
    {"aten.permute.default", [](ShapeEnv &e) { return CallArgs{{tensor(e, "x", {8, 16, 32}), ints({2, 0, 1})}, {}}; }},
    {"aten.slice.Tensor",
     [](ShapeEnv &e) {
       return CallArgs{{tensor(e, "x", {8, 16}), rules::Value::of_int(0), rules::Value::of_int(2)}, {}};
     }},
    {"aten.native_layer_norm.default",
     [](ShapeEnv &e) {
       return CallArgs{{tensor(e, "x", {8, 16, 32}), ints({32}), rules::Value(), rules::Value(),
                        rules::Value::of_float(1e-5)},
                       {}};
     }},
    {"aten.convolution.default",
     [](ShapeEnv &e) {
       auto x = tensor(e, "x", {2, 3, 32, 32});
       TensorMeta w;
       w.sizes = {Expr(8), Expr(3), Expr(3), Expr(3)};
       w.strides = {Expr(27), Expr(9), Expr(3), Expr(1)};
       w.storage = rules::new_storage_id();
       return CallArgs{{x, rules::Value::of_tensor(w), rules::Value(), ints({1, 1}), ints({1, 1}), ints({1, 1}),
                        rules::Value::of_bool(false), ints({0, 0}), rules::Value::of_int(1)},
                       {}};
     }},
    {"aten.max_pool2d_with_indices.default",
     [](ShapeEnv &e) { return CallArgs{{tensor(e, "x", {2, 3, 32, 32}), ints({2, 2})}, {}}; }},
};

void run(benchmark::State &state, const Case &c, bool cached) {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  CallArgs args = c.args(env);
  CallOptions opt{"n", cached};
  reg->call(env, c.op, args, opt); // decisions become known; the cache fills
  for (auto _ : state) benchmark::DoNotOptimize(reg->call(env, c.op, args, opt));
  if (cached && reg->cache_stats().hits < static_cast<uint64_t>(state.iterations()))
    state.SkipWithError("expected cache hits");
}

void BM_Rules_LoadStandard(benchmark::State &state) {
  for (auto _ : state) benchmark::DoNotOptimize(RuleRegistry::standard());
}
BENCHMARK(BM_Rules_LoadStandard)->Unit(benchmark::kMicrosecond);

struct Register {
  Register() {
    for (const Case &c : kCases) {
      std::string op = c.op;
      benchmark::RegisterBenchmark(("BM_Rules_Cold/" + op).c_str(), [&c](benchmark::State &s) { run(s, c, false); });
      benchmark::RegisterBenchmark(("BM_Rules_Cached/" + op).c_str(), [&c](benchmark::State &s) { run(s, c, true); });
    }
  }
} register_cases;

} // namespace
