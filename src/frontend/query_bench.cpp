//===- query_bench.cpp - Running and scoring the query corpus --------------===//
#include "symshape/frontend/query_bench.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "symshape/frontend/shapes_script.h"

namespace symshape::frontend {

namespace {

std::string trim(const std::string &s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

/// "[lo, hi]" → its two ends, normalized ("oo" → "inf"); nullopt otherwise.
std::optional<std::pair<std::string, std::string>> interval(const std::string &s) {
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return std::nullopt;
  size_t comma = s.find(',');
  if (comma == std::string::npos) return std::nullopt;
  auto norm = [](std::string t) {
    t = trim(t);
    if (t == "oo" || t == "+inf" || t == "+oo") return std::string("inf");
    if (t == "-oo") return std::string("-inf");
    return t;
  };
  return std::make_pair(norm(s.substr(1, comma - 1)), norm(s.substr(comma + 1, s.size() - comma - 2)));
}

/// a <= b for interval ends ("-inf" < integers < "inf").
bool end_le(const std::string &a, const std::string &b) {
  if (a == b || a == "-inf" || b == "inf") return true;
  if (a == "inf" || b == "-inf") return false;
  std::optional<Int> x = Int::parse(a), y = Int::parse(b);
  return x && y && !(*y < *x);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

} // namespace

// --- The corpus ----------------------------------------------------------------------

BenchQuery parse_bench_query(const std::string &text, const std::string &path, const std::string &name) {
  BenchQuery q;
  q.path = path;
  q.name = name;
  q.group = name.find('/') == std::string::npos ? "(top)" : name.substr(0, name.find('/'));
  q.lines = script_lines(text);
  const std::vector<std::string> &lines = q.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = trim(lines[i]);
    if (t.empty()) continue;
    if (t[0] == '#') {
      std::string body = trim(t.substr(1));
      size_t colon = body.find(':');
      if (colon == std::string::npos) continue;
      std::string key = body.substr(0, colon), value = trim(body.substr(colon + 1));
      if (key == "family") q.family = value;
      else if (key == "domain") q.domain = value;
      else if (key == "truth") q.truth = value;
      else if (key == "size") {
        std::optional<Int> n = Int::parse(value);
        if (!n || !n->fits_int64()) throw ValueError(path + ":" + std::to_string(i + 1) + ": bad size '" + value + "'");
        q.size = static_cast<int>(n->to_int64());
      }
      continue;
    }
    size_t hash = t.find('#');
    if (hash != std::string::npos) t = trim(t.substr(0, hash));
    q.question_line = static_cast<int>(i + 1);
    q.question = t.substr(0, t.find_first_of(" \t"));
    q.expr = q.question.size() < t.size() ? trim(t.substr(q.question.size())) : "";
    q.expr_column = static_cast<int>(lines[i].find(q.expr)) + 1;
  }
  if (q.question != "known" && q.question != "bound")
    throw ValueError(path + ":" + std::to_string(q.question_line) +
                     ": a query ends with one question, `known EXPR` or `bound EXPR`");
  if (q.expr.empty()) throw ValueError(path + ":" + std::to_string(q.question_line) + ": the question has no expression");
  if (q.family.empty()) q.family = q.group;
  return q;
}

std::vector<BenchQuery> load_bench_corpus(const std::string &root) {
  namespace fs = std::filesystem;
  auto parse_file = [](const std::string &path, const std::string &name) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_bench_query(ss.str(), path, name);
  };
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    if (!fs::is_regular_file(root, ec)) throw ValueError(root + ": no such corpus directory or query file");
    return {parse_file(root, fs::path(root).stem().string())};
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto &e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".shapes") {
      std::string rel = fs::relative(e.path(), root).generic_string();
      files.emplace_back(rel.substr(0, rel.size() - 7), e.path().string());
    }
  std::sort(files.begin(), files.end());
  std::vector<BenchQuery> out;
  for (const auto &[name, path] : files) out.push_back(parse_file(path, name));
  return out;
}

// --- Engines -----------------------------------------------------------------------

std::vector<BenchEngine> bench_engines() {
  // NormalForm is the expression constructors: every engine has it.
  const unsigned nf = tier_bit(Tier::NormalForm);
  return {
      {"cascade", kAllTiers, true},
      {"normal_form", nf, false},
      {"replacements", nf | tier_bit(Tier::Replacements), false},
      {"ranges", nf | tier_bit(Tier::Ranges), true},
      {"axioms", nf | tier_bit(Tier::Axioms), false},
      {"divisibility", nf | tier_bit(Tier::Divisibility), false},
      {"facts", nf | tier_bit(Tier::Facts), false},
      {"z3", nf | tier_bit(Tier::Z3), false},
  };
}

BenchEngine bench_engine(const std::string &name) {
  std::string names;
  for (const BenchEngine &e : bench_engines()) {
    if (e.name == name) return e;
    names += (names.empty() ? "" : ", ") + e.name;
  }
  throw ValueError("unknown engine '" + name + "' (engines: " + names + ")");
}

// --- Answering and scoring ------------------------------------------------------------

std::string score_bench_answer(const std::string &truth, const std::string &answer) {
  if (truth.empty() || truth == "open") return "open";
  if (answer == "error") return "error";
  if (answer == "unknown") return "unknown";
  if (auto t = interval(truth)) {
    auto a = interval(answer);
    if (!a) return "wrong";
    if (*a == *t) return "proved";
    // Sound: the answer contains every value.
    return end_le(a->first, t->first) && end_le(t->second, a->second) ? "unknown" : "wrong";
  }
  if (answer == "true") return truth == "true" ? "proved" : "wrong";
  if (answer == "false") return truth == "false" ? "refuted" : "wrong";
  return "wrong";
}

BenchAnswer run_bench_query(const BenchQuery &q, const BenchEngine &engine) {
  BenchAnswer a;
  auto fail = [&](const std::string &message) {
    a.answer = a.outcome = "error";
    a.tier = "none";
    a.error = message;
    return a;
  };
  ScriptSession session(q.path);
  Expr e;
  try {
    for (int i = 0; i + 1 < q.question_line; ++i) session.run_line(i + 1, q.lines[static_cast<size_t>(i)]);
    if (!session.partial().errors.empty()) {
      const auto &err = session.partial().errors.front();
      return fail(q.path + ":" + std::to_string(err.line.value_or(0)) + ": " + err.kind + ": " + err.message);
    }
    e = session.expr(q.expr, q.question_line, q.expr_column);
    if (q.question == "known" && !e.is_bool()) e = ne(e, e.is_float() ? floating(0.0) : integer(0));
  } catch (const ScriptError &err) {
    return fail(err.file() + ":" + std::to_string(err.line()) + ":" + std::to_string(err.column()) + ": " + err.detail());
  } catch (const Error &err) {
    return fail(q.path + ": " + err.what());
  }
  ShapeEnv &env = session.env();
  using clock = std::chrono::steady_clock;
  try {
    if (q.question == "known") {
      DecideOptions o;
      o.tiers = engine.tiers;
      auto t0 = clock::now();
      Decision d = env.decide(e, o);
      auto t1 = clock::now();
      a.us = std::chrono::duration<double, std::micro>(t1 - t0).count();
      a.answer = d.is_true() ? "true" : d.is_false() ? "false" : "unknown";
      a.tier = d.decided() ? tier_name(d.tier) : "none";
    } else if (!engine.bounds) {
      a.answer = "unknown"; // not a range analysis
      a.tier = "none";
    } else {
      auto t0 = clock::now();
      ValueRange r = env.bound(e);
      auto t1 = clock::now();
      a.us = std::chrono::duration<double, std::micro>(t1 - t0).count();
      a.answer = r.str();
      a.tier = tier_name(Tier::Ranges);
    }
  } catch (const Error &err) {
    return fail(q.path + ":" + std::to_string(q.question_line) + ": " + err.what());
  }
  a.outcome = score_bench_answer(q.truth, a.answer);
  return a;
}

// --- Reports -------------------------------------------------------------------------

std::vector<BenchSummary> summarize_bench(const std::vector<BenchQuery> &queries,
                                          const std::vector<BenchEngine> &engines,
                                          const std::vector<std::vector<BenchAnswer>> &answers) {
  std::vector<BenchSummary> out;
  for (size_t k = 0; k < engines.size(); ++k) {
    BenchSummary s;
    s.engine = engines[k].name;
    std::vector<double> us;
    for (size_t i = 0; i < queries.size(); ++i) {
      const BenchAnswer &a = answers[i][k];
      const std::string &o = a.outcome;
      if (o == "proved") ++s.proved;
      else if (o == "refuted") ++s.refuted;
      else if (o == "unknown") ++s.unknown;
      else if (o == "wrong") ++s.wrong;
      else if (o == "open") ++s.open;
      else ++s.errors;
      if (o != "error") {
        us.push_back(a.us);
        s.total_ms += a.us / 1000.0;
      }
    }
    s.queries = s.proved + s.refuted + s.unknown + s.wrong;
    s.p50_us = percentile(us, 0.50);
    s.p99_us = percentile(us, 0.99);
    out.push_back(s);
  }
  return out;
}

std::string bench_json(const std::string &corpus, const std::vector<BenchQuery> &queries,
                       const std::vector<BenchEngine> &engines,
                       const std::vector<std::vector<BenchAnswer>> &answers) {
  nlohmann::ordered_json j;
  j["format"] = "symshape.bench";
  j["schema_version"] = 1;
  j["corpus"] = corpus;
  j["engines"] = nlohmann::ordered_json::array();
  for (const auto &e : engines) j["engines"].push_back(e.name);
  j["queries"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < queries.size(); ++i) {
    const BenchQuery &q = queries[i];
    nlohmann::ordered_json jq;
    jq["name"] = q.name;
    jq["group"] = q.group;
    jq["family"] = q.family;
    jq["size"] = q.size ? nlohmann::ordered_json(*q.size) : nlohmann::ordered_json();
    jq["question"] = q.question;
    jq["expr"] = q.expr;
    jq["truth"] = q.truth.empty() ? "open" : q.truth;
    jq["domain"] = q.domain;
    nlohmann::ordered_json res = nlohmann::ordered_json::object();
    for (size_t k = 0; k < engines.size(); ++k) {
      const BenchAnswer &a = answers[i][k];
      nlohmann::ordered_json ja{{"answer", a.answer}, {"outcome", a.outcome}, {"tier", a.tier}, {"us", a.us}};
      if (!a.error.empty()) ja["error"] = a.error;
      res[engines[k].name] = ja;
    }
    jq["results"] = res;
    j["queries"].push_back(jq);
  }
  nlohmann::ordered_json sum = nlohmann::ordered_json::object();
  for (const BenchSummary &s : summarize_bench(queries, engines, answers))
    sum[s.engine] = {{"queries", s.queries}, {"proved", s.proved}, {"refuted", s.refuted},
                     {"unknown", s.unknown}, {"wrong", s.wrong},   {"open", s.open},
                     {"errors", s.errors},   {"p50_us", s.p50_us}, {"p99_us", s.p99_us},
                     {"total_ms", s.total_ms}};
  j["summary"] = sum;
  return j.dump(1) + "\n";
}

std::string bench_text(const std::vector<BenchQuery> &queries, const std::vector<BenchEngine> &engines,
                       const std::vector<std::vector<BenchAnswer>> &answers) {
  std::ostringstream out;
  std::map<std::string, size_t> groups, truths;
  size_t decidable = 0;
  for (const BenchQuery &q : queries) {
    ++groups[q.group];
    std::string t = q.truth.empty() ? "open" : q.truth[0] == '[' ? "interval" : q.truth;
    ++truths[t];
    if (t == "true" || t == "false" || t == "interval") ++decidable;
  }
  out << queries.size() << " queries (";
  bool first = true;
  for (const auto &[g, n] : groups) {
    out << (first ? "" : ", ") << g << " " << n;
    first = false;
  }
  out << ")\ntruth: " << truths["true"] << " true, " << truths["false"] << " false, " << truths["neither"]
      << " neither (unknown is the right answer), " << truths["interval"] << " exact bounds, " << truths["open"]
      << " open (not scored)\n\n";
  auto pct = [](size_t a, size_t n) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << (n ? 100.0 * static_cast<double>(a) / static_cast<double>(n) : 0.0)
      << "%";
    return s.str();
  };
  std::vector<BenchSummary> sums = summarize_bench(queries, engines, answers);
  out << std::left << std::setw(14) << "engine" << std::right << std::setw(9) << "proved" << std::setw(9)
      << "refuted" << std::setw(9) << "unknown" << std::setw(8) << "wrong" << std::setw(11) << "decided*"
      << std::setw(10) << "p50 us" << std::setw(10) << "p99 us" << std::setw(11) << "total ms" << "\n";
  for (const BenchSummary &s : sums) {
    out << std::left << std::setw(14) << s.engine << std::right << std::setw(9) << pct(s.proved, s.queries)
        << std::setw(9) << pct(s.refuted, s.queries) << std::setw(9) << pct(s.unknown, s.queries) << std::setw(8)
        << pct(s.wrong, s.queries) << std::setw(11) << pct(s.proved + s.refuted, decidable) << std::fixed
        << std::setprecision(1) << std::setw(10) << s.p50_us << std::setw(10) << s.p99_us << std::setw(11)
        << s.total_ms << (s.errors ? "   (" + std::to_string(s.errors) + " errors)" : "") << "\n";
  }
  out << "* decided: proved + refuted, of the " << decidable << " queries whose truth is true, false or exact bounds\n";
  // Where the first engine stands per group.
  out << "\n" << engines.front().name << " by group (decided of decidable, wrong):\n";
  for (const auto &[g, n] : groups) {
    size_t dec = 0, able = 0, wrong = 0;
    for (size_t i = 0; i < queries.size(); ++i) {
      if (queries[i].group != g) continue;
      const std::string &t = queries[i].truth;
      if (t == "true" || t == "false" || (!t.empty() && t[0] == '[')) ++able;
      const std::string &o = answers[i][0].outcome;
      if (o == "proved" || o == "refuted") ++dec;
      if (o == "wrong") ++wrong;
    }
    out << "  " << std::left << std::setw(12) << g << std::right << std::setw(5) << dec << " / " << std::setw(4) << able
        << "  " << std::setw(7) << pct(dec, able) << "  wrong " << wrong << "\n";
  }
  for (size_t k = 0; k < engines.size(); ++k)
    for (size_t i = 0; i < queries.size(); ++i) {
      const BenchAnswer &a = answers[i][k];
      if (a.outcome == "wrong")
        out << "WRONG " << engines[k].name << " " << queries[i].name << ": answered " << a.answer << ", truth "
            << queries[i].truth << "\n";
      if (a.outcome == "error") out << "ERROR " << engines[k].name << " " << queries[i].name << ": " << a.error << "\n";
    }
  const BenchSummary &s = sums.front();
  out << "queries " << s.queries << ": proved " << s.proved << ", refuted " << s.refuted << ", unknown " << s.unknown
      << ", wrong " << s.wrong << "\n";
  return out.str();
}

} // namespace symshape::frontend
