//===- symshape/frontend/query_bench.h - The symbolic reasoning benchmark --===//
//
// The query corpus (`bench/corpus/`, docs/bench.md) holds one `.shapes`
// script per query: setup commands that state facts (inputs with hints,
// unbacked values, ranges, checks) and one final question, `known EXPR` or
// `bound EXPR`.  Header comments carry the ground truth, established outside
// symshape (bench/corpus_truth.py: brute force on bounded domains, Z3 and
// cvc5 on unbounded ones):
//
//   # family: classic | scenario | walker | <scaling family>
//   # size: N                              (scaling families)
//   # domain: bounded | unbounded
//   # truth: true | false | neither | [lo, hi] | open
//
// The runner answers every query with each engine — the whole cascade, or
// one tier of it alone (decision.h) — and scores the answer against the
// truth:
//
//   truth      engine says true   false     unknown   (bound: interval I)
//   true       proved             wrong     unknown
//   false      wrong              refuted   unknown
//   neither    wrong              wrong     unknown   (unknown is right)
//   [lo, hi]   I == truth: proved; I contains truth: unknown; else wrong
//   open       not scored
//
// Only the question is timed (steady clock, one call, in a fresh ShapeEnv
// where the setup ran): the latency of a first, uncached decision.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "symshape/shape_env/shape_env.h"

namespace symshape::frontend {

/// One query of the corpus.
struct BenchQuery {
  std::string path;      ///< the file
  std::string name;      ///< path under the corpus root, without ".shapes"
  std::string group;     ///< first component of `name` (classic, families, ...)
  std::string family;    ///< `# family:` (default: the group)
  std::optional<int> size; ///< `# size:`
  std::string domain;    ///< `# domain:` (empty if absent)
  std::string truth;     ///< `# truth:` (empty if absent: not scored)
  std::vector<std::string> lines; ///< the script (script_lines)
  int question_line = 0; ///< 1-based line of the final question
  std::string question;  ///< "known" or "bound"
  std::string expr;      ///< the question's expression text
  int expr_column = 1;
};

/// Parses one query file's text.  Throws ValueError ("FILE:LINE: ...") when
/// it has no final `known`/`bound` question or a malformed header line.
BenchQuery parse_bench_query(const std::string &text, const std::string &path, const std::string &name);

/// Every `*.shapes` file under `root`, recursively, sorted by name.  Throws
/// ValueError naming the first malformed file.
std::vector<BenchQuery> load_bench_corpus(const std::string &root);

/// An engine: which tiers of the cascade may decide.
struct BenchEngine {
  std::string name;   ///< cascade, normal_form, replacements, ranges, axioms, divisibility, facts, z3
  unsigned tiers;     ///< DecideOptions::tiers
  bool bounds = true; ///< answers `bound` questions (the range analysis)
};
/// The whole cascade first, then each tier alone, cheapest first.
std::vector<BenchEngine> bench_engines();
/// By name; throws ValueError listing the names for an unknown one.
BenchEngine bench_engine(const std::string &name);

/// One engine's answer to one query.
struct BenchAnswer {
  std::string answer;  ///< true | false | unknown | [lo, hi] | error
  std::string outcome; ///< proved | refuted | unknown | wrong | open | error
  std::string tier;    ///< the tier that decided (tier_name), or "none"
  double us = 0;       ///< latency of the question
  std::string error;   ///< the setup's or the question's error
};

/// Scores an answer against a truth (the table above).
std::string score_bench_answer(const std::string &truth, const std::string &answer);

/// Runs the query's setup in a fresh ShapeEnv, then times its question.
BenchAnswer run_bench_query(const BenchQuery &q, const BenchEngine &engine);

struct BenchSummary {
  std::string engine;
  size_t queries = 0, proved = 0, refuted = 0, unknown = 0, wrong = 0, open = 0, errors = 0;
  double p50_us = 0, p99_us = 0, total_ms = 0;
};
/// Per engine, over `answers[query][engine]`.
std::vector<BenchSummary> summarize_bench(const std::vector<BenchQuery> &queries,
                                          const std::vector<BenchEngine> &engines,
                                          const std::vector<std::vector<BenchAnswer>> &answers);

/// The `--format json` document (docs/formats.md, symshape.bench).
std::string bench_json(const std::string &corpus, const std::vector<BenchQuery> &queries,
                       const std::vector<BenchEngine> &engines,
                       const std::vector<std::vector<BenchAnswer>> &answers);
/// The text report; its last line is
/// `queries N: proved P, refuted R, unknown U, wrong W` for the first engine.
std::string bench_text(const std::vector<BenchQuery> &queries, const std::vector<BenchEngine> &engines,
                       const std::vector<std::vector<BenchAnswer>> &answers);

/// Writes the chart (gnuplot): latency distribution per engine, and latency
/// against problem size for the scaling families (the first engine).  The
/// format follows the extension (.svg or .png).  The data and the gnuplot
/// script are kept next to it (FILE.dat, FILE.gp).  Throws ValueError when
/// gnuplot is missing or fails (the script is still written).
void write_bench_plot(const std::string &file, const std::vector<BenchQuery> &queries,
                      const std::vector<BenchEngine> &engines,
                      const std::vector<std::vector<BenchAnswer>> &answers);

// --- Recording queries from a walk -------------------------------------------

/// A corpus query that restates what `env` knows about `question`: its
/// symbols and those linked to them through guards and runtime asserts
/// (hints, ranges, size-likeness, learned replacements), then the linked
/// guards and asserts as `check`s, then `known QUESTION`.  Symbols are
/// renamed s0.., u0.. in creation order.  nullopt when the question cannot be
/// written as a script (floats).  `header` lines are prepended as comments.
std::optional<std::string> query_script(ShapeEnv &env, Expr question,
                                        const std::vector<std::string> &header);

} // namespace symshape::frontend
