//===- bench_expr.cpp - The expression and interval layers ------------------===//
//
// Run:  build/bench/symshape_bench --benchmark_filter=Expr
// Targets (issue "Foundation"): <= 0.2 us per normalized op, <= 1 us per
// cached bound, <= 3 us for the size arithmetic of one graph node.
//
//===----------------------------------------------------------------------===//
#include <benchmark/benchmark.h>

#include "symshape/expr/eval.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"
#include "symshape/reason/value_range.h"

using namespace symshape;

namespace {

std::vector<Expr> syms(int n) {
  std::vector<Expr> out;
  for (int i = 0; i < n; ++i) out.push_back(symbol("s" + std::to_string(i)));
  return out;
}

// A binary op whose result already exists: the common case while walking a
// graph (the same size arithmetic recurs node after node).
void BM_Expr_BuildOp_Hit(benchmark::State &st) {
  auto s = syms(4);
  Expr a = s[0] * s[1] + 2 * s[2], b = s[3] + 1;
  for (auto _ : st) benchmark::DoNotOptimize(a + b);
}
BENCHMARK(BM_Expr_BuildOp_Hit);

// Each iteration builds nodes never seen before (interning + allocation).
void BM_Expr_BuildOp_New(benchmark::State &st) {
  auto s = syms(4);
  int64_t k = 1000000000 + static_cast<int64_t>(st.range(0)) * 100000000;
  for (auto _ : st) benchmark::DoNotOptimize(s[0] * s[1] + integer(Int(static_cast<long long>(++k))));
  st.SetLabel("2 ops per iteration");
}
BENCHMARK(BM_Expr_BuildOp_New)->Arg(0);

void BM_Expr_FloorDiv(benchmark::State &st) {
  auto s = syms(2);
  Expr n = s[0] - 1;
  for (auto _ : st) benchmark::DoNotOptimize(floordiv(n, 2) + 1);
}
BENCHMARK(BM_Expr_FloorDiv);

void BM_Expr_Relation(benchmark::State &st) {
  auto s = syms(2);
  Expr a = 2 * s[0] + 4, b = 2 * s[1];
  for (auto _ : st) benchmark::DoNotOptimize(eq(a, b));
}
BENCHMARK(BM_Expr_Relation);

void BM_Expr_Parse(benchmark::State &st) {
  const std::string text = "Eq(Mod(x.size()[0], 8), 0) and 2 <= x.size()[0] <= 4096 and (x.size()[1] - 1)//2 + 1 > 3";
  for (auto _ : st) benchmark::DoNotOptimize(parse_expr(text));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text.size()));
}
BENCHMARK(BM_Expr_Parse);

void BM_Expr_PrintPython(benchmark::State &st) {
  Expr e = parse_expr("Eq(Mod(s0, 8), 0) and 2 <= s0 <= 4096 and (s1 - 1)//2 + 1 > 3");
  for (auto _ : st) benchmark::DoNotOptimize(print(e, Dialect::Python));
}
BENCHMARK(BM_Expr_PrintPython);

void BM_Expr_PrintSympy(benchmark::State &st) {
  Expr e = parse_expr("Eq(Mod(s0, 8), 0) and 2 <= s0 <= 4096 and (s1 - 1)//2 + 1 > 3");
  for (auto _ : st) benchmark::DoNotOptimize(print(e, Dialect::Sympy));
}
BENCHMARK(BM_Expr_PrintSympy);

// A 10-node expression: Max(s0*s1 // 4 + s2, s3 % 8) - 1.
Expr ten_node(const std::vector<Expr> &s) { return sym_max(floordiv(s[0] * s[1], 4) + s[2], mod(s[3], 8)) - 1; }

RangeMap size_ranges(const std::vector<Expr> &s) {
  RangeMap m;
  for (Expr x : s) m.set(x, ValueRange::ints(Bound(2), Bound::pos_inf()));
  return m;
}

void BM_Range_Bound10Node(benchmark::State &st) {
  auto s = syms(4);
  Expr e = ten_node(s);
  RangeMap m = size_ranges(s);
  st.counters["nodes"] = e.size();
  for (auto _ : st) benchmark::DoNotOptimize(bound(e, m));
}
BENCHMARK(BM_Range_Bound10Node);

void BM_Range_Bound10Node_Cached(benchmark::State &st) {
  auto s = syms(4);
  Expr e = ten_node(s);
  RangeMap m = size_ranges(s);
  BoundCache cache(m);
  for (auto _ : st) benchmark::DoNotOptimize(cache.get(e));
}
BENCHMARK(BM_Range_Bound10Node_Cached);

void BM_Eval_BruteForce(benchmark::State &st) {
  auto s = syms(2);
  Expr g = parse_expr("Eq(Mod(s0, 8), 0) and 2 <= s0 <= 4096 and (s1 - 1)//2 + 1 > 3");
  Assignment p;
  int64_t i = 0;
  for (auto _ : st) {
    p.set(s[0], Int(static_cast<long long>(i & 4095)));
    p.set(s[1], Int(static_cast<long long>((i >> 3) & 63)));
    ++i;
    benchmark::DoNotOptimize(evaluate(g, p));
  }
  st.SetLabel("one point of a 4-guard conjunction");
}
BENCHMARK(BM_Eval_BruteForce);

// The size arithmetic of one broadcast + matmul node: inputs [s0, 1, s1, s2]
// and [s3, s2, s4]; broadcast the batch dims, check the contraction dim,
// build output sizes, contiguous strides and numel, and decide the
// comparisons the meta rule asks by intervals.  About 40 constructions,
// comparisons and bounds: the per-node budget of the graph walker.
void BM_Expr_WalkerNodeArithmetic(benchmark::State &st) {
  auto s = syms(5);
  RangeMap m = size_ranges(s);
  BoundCache cache(m);
  int decided = 0;
  for (auto _ : st) {
    std::vector<Expr> a = {s[0], integer(1), s[1], s[2]};
    std::vector<Expr> b = {s[3], s[2], s[4]};
    // Broadcast batch dims [s0, 1] with [s3].
    std::vector<Expr> batch;
    Expr a0 = a[1], b0 = b[0];
    Expr one = integer(1);
    bool a_is_1 = cache.get(eq(a0, one)).is_singleton();
    batch.push_back(s[0]);
    batch.push_back(a_is_1 ? b0 : sym_max(a0, b0));
    decided += cache.get(eq(s[0], one)).can_be_true ? 0 : 1;
    decided += cache.get(eq(b0, one)).can_be_true ? 0 : 1;
    // Contraction dim check: a[-1] == b[-2].
    decided += cache.get(eq(a[3], b[1])).is_singleton();
    std::vector<Expr> out = {batch[0], batch[1], a[2], b[2]};
    // Contiguous strides and numel.
    std::vector<Expr> strides(out.size());
    Expr acc = integer(1);
    for (size_t i = out.size(); i-- > 0;) {
      strides[i] = acc;
      acc = acc * out[i];
    }
    Expr numel = acc;
    decided += cache.get(lt(integer(0), numel)).is_singleton();
    decided += cache.get(ge(numel, strides[0])).is_singleton();
    for (Expr x : out) decided += cache.get(le(integer(2), x)).is_singleton();
    benchmark::DoNotOptimize(strides);
  }
  benchmark::DoNotOptimize(decided);
}
BENCHMARK(BM_Expr_WalkerNodeArithmetic);

} // namespace

