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

#include <cstdlib>
#include <filesystem>

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

void bench_load(benchmark::State &state, std::string path) {
  std::string text = frontend::read_program_file(path);
  size_t nodes = 0;
  for (auto _ : state) {
    ShapeEnv env;
    auto p = frontend::load_export_program(text, env);
    nodes = call_nodes(p.graph);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["us_per_node"] = benchmark::Counter(static_cast<double>(nodes) * 1e-6,
                                                     benchmark::Counter::kIsIterationInvariantRate |
                                                         benchmark::Counter::kInvert);
}

void bench_walk(benchmark::State &state, std::string path, bool cache) {
  std::string text = frontend::read_program_file(path);
  auto reg = rules::RuleRegistry::standard();
  size_t nodes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto env = std::make_unique<ShapeEnv>();
    auto p = frontend::load_export_program(text, *env);
    nodes = call_nodes(p.graph);
    graph::WalkOptions opt;
    opt.use_cache = cache;
    opt.recorded = &p.recorded;
    state.ResumeTiming();
    graph::WalkResult r = graph::walk(p.graph, *env, *reg, opt);
    if (!r.ok()) {
      state.SkipWithError(r.errors[0].message.c_str());
      break;
    }
    state.PauseTiming();
    env.reset();
    state.ResumeTiming();
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["us_per_node"] = benchmark::Counter(static_cast<double>(nodes) * 1e-6,
                                                     benchmark::Counter::kIsIterationInvariantRate |
                                                         benchmark::Counter::kInvert);
}

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
