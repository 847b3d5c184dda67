//===- bench_walker.cpp - Walking real exported programs -------------------===//
//
// Run:  build/bench/symshape_bench --benchmark_filter=Walk
// Per program: `Load` reads the .pt2 (zip + JSON + expressions) and builds
// the graph; `Walk` propagates metadata through it on a fresh ShapeEnv with
// a warm rule registry (the registry's result cache persists across
// iterations, as it would across the layers of one model: use
// `WalkNoCache` for every rule run cold).  Counters: us per node.
// Programs: tests/data/corpus (in the repository) and the scaling
// transformers of $SYMSHAPE_SCALING_DIR (default ../shared/scaling), when
// present.  Goal (issue "Graph walker"): <= 3 us per node.
//
//===----------------------------------------------------------------------===//
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include "symshape/frontend/export_program.h"
#include "symshape/graph/walker.h"

using namespace symshape;
namespace fs = std::filesystem;

namespace {

size_t call_nodes(const graph::Graph &g) {
  size_t n = 0;
  for (size_t v = 0; v < g.size(); ++v) n += g.node(v).kind == graph::Node::Kind::Call;
  return n;
}

void per_node_counters(benchmark::State &state, size_t nodes) {
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["us_per_node"] = benchmark::Counter(static_cast<double>(nodes) * 1e-6,
                                                     benchmark::Counter::kIsIterationInvariantRate |
                                                         benchmark::Counter::kInvert);
}

// One timed walk per iteration: `prepare` builds the ShapeEnv and the
// program, and both are destroyed, outside the timed region.
struct Prepared {
  std::unique_ptr<ShapeEnv> env;
  std::unique_ptr<frontend::ExportProgram> program;
};

void timed_walks(benchmark::State &state, rules::RuleRegistry &reg, bool cache,
                 const std::function<Prepared()> &prepare) {
  size_t nodes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Prepared p = prepare();
    nodes = call_nodes(p.program->graph);
    graph::WalkOptions opt;
    opt.use_cache = cache;
    opt.recorded = &p.program->recorded;
    state.ResumeTiming();
    graph::WalkResult r = graph::walk(p.program->graph, *p.env, reg, opt);
    state.PauseTiming();
    if (!r.ok()) {
      state.SkipWithError(r.errors[0].message.c_str());
      break;
    }
    p.program.reset();
    p.env.reset();
    state.ResumeTiming();
  }
  per_node_counters(state, nodes);
}

void bench_load(benchmark::State &state, std::string path) {
  std::string text = frontend::read_program_file(path);
  size_t nodes = 0;
  for (auto _ : state) {
    ShapeEnv env;
    auto p = frontend::load_export_program(text, env);
    nodes = call_nodes(p.graph);
  }
  per_node_counters(state, nodes);
}

void bench_walk(benchmark::State &state, std::string path, bool cache) {
  std::string text = frontend::read_program_file(path);
  auto reg = rules::RuleRegistry::standard();
  timed_walks(state, *reg, cache, [&] {
    Prepared p;
    p.env = std::make_unique<ShapeEnv>();
    p.program = std::make_unique<frontend::ExportProgram>(frontend::load_export_program(text, *p.env));
    return p;
  });
}

// A synthetic program of `blocks` transformer-like blocks (8 nodes each) on
// x: [s0, s1, 64]: linear, relu, view, view, transpose, transpose, add,
// softmax.  Every block sees the same metadata, as the layers of a model do.
graph::Graph synthetic(ShapeEnv &env, size_t blocks) {
  using graph::Arg;
  using graph::Node;
  graph::Graph g;
  auto input = [&](const std::string &name, std::vector<Int> sizes, std::vector<DimSpec> dims) {
    auto ts = env.create_tensor(name, sizes, dims);
    rules::TensorMeta t;
    t.sizes = ts.sizes;
    t.strides = ts.strides;
    t.storage = rules::new_storage_id();
    Node n;
    n.kind = Node::Kind::Placeholder;
    n.name = name;
    n.outputs = {name};
    n.meta = rules::Value::of_tensor(std::move(t));
    g.add_node(std::move(n));
  };
  input("x", {8, 16, 64}, {DimSpec{DimPolicy::Dynamic}, DimSpec{DimPolicy::Dynamic}, DimSpec{DimPolicy::Static}});
  input("w", {64, 64}, {DimSpec{DimPolicy::Static}, DimSpec{DimPolicy::Static}});
  Node s0n, s1n;
  auto call = [&](const std::string &name, const char *op, std::vector<Arg> args) {
    Node n;
    n.name = name;
    n.op = op;
    n.outputs = {name};
    for (Arg &a : args) n.args.emplace_back("", std::move(a));
    g.add_node(std::move(n));
  };
  auto c = [](long long v) { return Arg::constant(rules::Value::of_int(Expr(v))); };
  auto r = [](const std::string &n) { return Arg::reference(n); };
  call("b0", "aten.sym_size.int", {r("x"), c(0)});
  call("b1", "aten.sym_size.int", {r("x"), c(1)});
  call("bt", "operator.mul", {r("b0"), r("b1")});
  std::string cur = "x";
  for (size_t i = 0; i < blocks; ++i) {
    std::string p = "l" + std::to_string(i) + "_";
    call(p + "lin", "aten.linear.default", {r(cur), r("w")});
    call(p + "act", "aten.relu.default", {r(p + "lin")});
    call(p + "flat", "aten.view.default", {r(p + "act"), Arg::list({r("bt"), c(64)})});
    call(p + "back", "aten.view.default", {r(p + "flat"), Arg::list({r("b0"), r("b1"), c(64)})});
    call(p + "t", "aten.transpose.int", {r(p + "back"), c(0), c(1)});
    call(p + "tt", "aten.transpose.int", {r(p + "t"), c(0), c(1)});
    call(p + "res", "aten.add.Tensor", {r(p + "tt"), r(cur)});
    call(p + "out", "aten._softmax.default", {r(p + "res"), c(-1), Arg::constant(rules::Value::of_bool(false))});
    cur = p + "out";
  }
  return g;
}

void bench_synthetic(benchmark::State &state, bool cache) {
  size_t blocks = static_cast<size_t>(state.range(0)) / 8;
  auto reg = rules::RuleRegistry::standard();
  timed_walks(state, *reg, cache, [&] {
    Prepared p;
    p.env = std::make_unique<ShapeEnv>();
    p.program = std::make_unique<frontend::ExportProgram>();
    p.program->graph = synthetic(*p.env, blocks);
    return p;
  });
}
BENCHMARK_CAPTURE(bench_synthetic, cached, true)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_synthetic, no_cache, false)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// Every program of tests/data/corpus, one registry for all (as a compiler
// service would keep it): counters are the mean and the median over the
// programs of their us per node, after one warm-up pass.
void BM_Walk_Corpus(benchmark::State &state) {
  std::vector<std::string> texts;
  for (const auto &e : fs::directory_iterator(SYMSHAPE_SOURCE_DIR "/tests/data/corpus"))
    if (e.path().extension() == ".pt2") texts.push_back(frontend::read_program_file(e.path().string()));
  std::sort(texts.begin(), texts.end());
  auto reg = rules::RuleRegistry::standard();
  auto walk_all = [&](std::vector<double> *per_program, double *total_us, size_t *nodes) {
    for (const auto &t : texts) {
      ShapeEnv env;
      auto p = frontend::load_export_program(t, env);
      graph::WalkOptions opt;
      opt.recorded = &p.recorded;
      auto t0 = std::chrono::steady_clock::now();
      graph::walk(p.graph, env, *reg, opt);
      double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
      size_t n = std::max<size_t>(call_nodes(p.graph), 1);
      if (per_program) per_program->push_back(us / static_cast<double>(n));
      if (total_us) *total_us += us;
      if (nodes) *nodes += n;
    }
  };
  walk_all(nullptr, nullptr, nullptr); // warm the rule cache
  std::vector<double> per;
  double total = 0;
  size_t nodes = 0;
  for (auto _ : state) {
    per.clear();
    total = 0;
    nodes = 0;
    walk_all(&per, &total, &nodes);
    state.SetIterationTime(total * 1e-6);
  }
  std::sort(per.begin(), per.end());
  state.counters["programs"] = static_cast<double>(per.size());
  state.counters["mean_us_per_node"] = total / static_cast<double>(nodes);
  state.counters["median_us_per_node"] = per.empty() ? 0 : per[per.size() / 2];
}
BENCHMARK(BM_Walk_Corpus)->UseManualTime()->Unit(benchmark::kMillisecond);

struct Register {
  Register() {
    std::vector<fs::path> files;
    for (const char *dir : {SYMSHAPE_SOURCE_DIR "/tests/data/corpus"}) {
      if (!fs::exists(dir)) continue;
      for (const auto &e : fs::directory_iterator(dir))
        if (e.path().extension() == ".pt2") {
          std::string n = e.path().filename().string();
          // A representative handful of the corpus: small and larger models.
          for (const char *pick : {"gpt_causal_attention.pt2", "cnn_bn_relu_pool.core.pt2", "nonzero.pt2",
                                   "transformer_encoder.core.pt2"})
            if (n == pick) files.push_back(e.path());
        }
    }
    const char *scaling = std::getenv("SYMSHAPE_SCALING_DIR");
    fs::path sdir = scaling ? scaling : SYMSHAPE_SOURCE_DIR "/../shared/scaling";
    if (fs::exists(sdir))
      for (const auto &e : fs::directory_iterator(sdir))
        if (e.path().extension() == ".pt2") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto &f : files) {
      std::string name = f.stem().string(), path = f.string();
      benchmark::RegisterBenchmark(("BM_Walk_Load/" + name).c_str(), bench_load, path)->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("BM_Walk/" + name).c_str(), bench_walk, path, true)->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("BM_WalkNoCache/" + name).c_str(), bench_walk, path, false)
          ->Unit(benchmark::kMillisecond);
    }
  }
} register_programs;

} // namespace
