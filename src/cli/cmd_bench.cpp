//===- cmd_bench.cpp - `symshape bench run | record` -----------------------===//
//
//   symshape bench run [CORPUS] [--engine E,...] [--format text|json] [--plot FILE.svg|png]
//                      [--filter TEXT] [--output FILE]
//   symshape bench record PROGRAM... --out DIR [--max-per-program N]
//
// `run` answers every query of the corpus (default bench/corpus) with each
// engine and scores it against the query's ground truth (docs/bench.md).
// Exit 0 when no engine is ever wrong and no query fails to run; 1 when an
// engine is wrong; 2 for an input error.
// `record` walks torch.export programs and writes every distinct question
// the walk puts to the ShapeEnv as a corpus query (ground truth is added
// afterwards by bench/corpus_truth.py).
//
//===----------------------------------------------------------------------===//
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <unistd.h>

#include "cli.h"
#include "symshape/frontend/export_program.h"
#include "symshape/frontend/query_bench.h"
#include "symshape/graph/walker.h"
#include "symshape/reason/smt.h"

namespace symshape::cli {

namespace {

std::vector<std::string> split_commas(const std::string &s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t c = s.find(',', start);
    std::string item = s.substr(start, c == std::string::npos ? std::string::npos : c - start);
    if (!item.empty()) out.push_back(item);
    if (c == std::string::npos) break;
    start = c + 1;
  }
  return out;
}

void write_file(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw UsageError("cannot write " + path);
  out << text;
}

int run(const std::string &corpus, const std::string &engine_list, const std::string &format,
        const std::string &plot, const std::string &filter, const std::string &output) {
  std::vector<frontend::BenchQuery> all;
  std::vector<frontend::BenchEngine> engines;
  try {
    all = frontend::load_bench_corpus(corpus);
    if (engine_list == "all") engines = frontend::bench_engines();
    else
      for (const std::string &e : split_commas(engine_list)) engines.push_back(frontend::bench_engine(e));
  } catch (const Error &e) {
    throw UsageError(e.what());
  }
  if (engines.empty()) throw UsageError("--engine names no engine");
  std::vector<frontend::BenchQuery> queries;
  for (auto &q : all)
    if (filter.empty() || q.name.find(filter) != std::string::npos) queries.push_back(std::move(q));
  if (queries.empty()) throw UsageError(corpus + ": no query" + (filter.empty() ? "" : " matches '" + filter + "'"));

  // Z3's first call builds its context (~20 ms): a compiler pays it once, so
  // it stays out of the first query's latency.
  smt_satisfiable({eq(symbol("bench_warmup"), integer(1))}, RangeMap{}, SmtLimits{});

  bool bar = isatty(2);
  size_t total = queries.size() * engines.size(), done = 0;
  std::vector<std::vector<frontend::BenchAnswer>> answers(queries.size());
  for (size_t i = 0; i < queries.size(); ++i)
    for (const auto &e : engines) {
      answers[i].push_back(frontend::run_bench_query(queries[i], e));
      ++done;
      if (bar && (done % 16 == 0 || done == total)) draw_progress(done, total, e.name);
    }
  std::string report = format == "json" ? frontend::bench_json(corpus, queries, engines, answers)
                                        : frontend::bench_text(queries, engines, answers);
  if (output.empty()) std::cout << report;
  else write_file(output, report);
  if (!plot.empty()) {
    try {
      frontend::write_bench_plot(plot, queries, engines, answers);
    } catch (const Error &e) {
      throw UsageError(e.what());
    }
    std::cerr << "wrote " << plot << " (data " << plot << ".dat, gnuplot script " << plot << ".gp)\n";
  }
  int code = kExitOk;
  for (const auto &s : frontend::summarize_bench(queries, engines, answers)) {
    if (s.errors) code = std::max(code, kExitInputError);
    if (s.wrong) code = std::max(code, kExitRefuted);
  }
  return code == kExitInputError ? kExitInputError : code;
}

void record(const std::vector<std::string> &programs, const std::string &dir, size_t max_per_program) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw UsageError("cannot create " + dir + ": " + ec.message());
  auto reg = rules::RuleRegistry::standard();
  size_t written = 0;
  std::set<std::string> seen; // across programs: a .core twin asks the same questions
  for (const std::string &file : programs) {
    ShapeEnv env;
    frontend::ExportProgram prog;
    try {
      prog = frontend::load_export_program(frontend::read_program_file(file), env);
    } catch (const Error &e) {
      throw UsageError(file + ": " + e.what());
    }
    std::string stem = fs::path(file).filename().string();
    stem = stem.substr(0, stem.find('.')) + (stem.find(".core.") != std::string::npos ? ".core" : "");
    std::vector<std::string> scripts;
    env.set_question_observer([&](Expr cond, const char *api) {
      if (scripts.size() >= max_per_program) return;
      std::optional<std::string> body = frontend::query_script(env, cond, {});
      if (!body || !seen.insert(*body).second) return;
      scripts.push_back("# Recorded from walking " + fs::path(file).filename().string() + ": " +
                        (env.origin().empty() ? "(setup)" : env.origin()) + " asks " + api +
                        "\n# family: walker\n" + *body);
    });
    graph::WalkOptions opt;
    opt.keep_going = true;
    opt.use_cache = false; // every question is asked, none replayed
    opt.recorded = &prog.recorded;
    graph::walk(prog.graph, env, *reg, opt);
    env.set_question_observer(nullptr);
    for (size_t k = 0; k < scripts.size(); ++k)
      write_file(dir + "/" + stem + ".q" + std::to_string(k) + ".shapes", scripts[k]);
    written += scripts.size();
    std::cerr << file << ": " << scripts.size() << " queries\n";
  }
  std::cout << "wrote " << written << " queries to " << dir << "\n";
}

} // namespace

void add_bench_commands(CLI::App &app, int &exit_code) {
  CLI::App *bench = app.add_subcommand("bench", "the symbolic reasoning benchmark: run the query corpus, record queries");
  bench->require_subcommand(1);

  auto *r = bench->add_subcommand("run", "answer every query with each engine and score it against the ground truth");
  static std::string corpus = "bench/corpus", engines = "all", format = "text", plot, filter, output;
  r->add_option("CORPUS", corpus, "a corpus directory (recursive) or one query file")->capture_default_str();
  r->add_option("--engine", engines,
                "comma-separated: cascade, normal_form, replacements, ranges, axioms, divisibility, facts, z3; "
                "or all")
      ->capture_default_str();
  r->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  r->add_option("--plot", plot, "also write a chart (FILE.svg or FILE.png, with gnuplot)");
  r->add_option("--filter", filter, "only queries whose name contains this text");
  r->add_option("--output", output, "write the report to this file instead of stdout");
  r->callback([&exit_code] { exit_code = run(corpus, engines, format, plot, filter, output); });

  auto *rec = bench->add_subcommand("record", "walk torch.export programs and write their ShapeEnv questions as queries");
  static std::vector<std::string> programs;
  static std::string dir;
  static size_t max_per_program = 20;
  rec->add_option("PROGRAM", programs, "torch.export programs (.pt2 or JSON)")->required();
  rec->add_option("--out", dir, "the directory to write NAME.qK.shapes files to")->required();
  rec->add_option("--max-per-program", max_per_program, "at most this many distinct questions per program")
      ->capture_default_str();
  rec->callback([] { record(programs, dir, max_per_program); });
}

} // namespace symshape::cli
