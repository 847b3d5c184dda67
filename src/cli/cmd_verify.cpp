//===- cmd_verify.cpp - `symshape verify` ----------------------------------===//
//
//   symshape verify consistent FILE | redundant FILE | simplify FILE
//                   | equiv A B | implies A B | covers A DOMAIN | check A NAME=VALUE...
//     [--timeout-ms N] [--rlimit N] [--dump-smt2 DIR] [--format text|json]
//
// Exit codes (docs/cli.md): 0 proved / holds, 1 refuted (a counterexample
// or core was printed), 2 input error, 3 unknown.
//
//===----------------------------------------------------------------------===//
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/substitute.h"
#include "symshape/shape_env/snapshot.h"
#include "symshape/verify/verify.h"

namespace symshape::cli {

namespace {

using namespace symshape::verify;
using ojson = nlohmann::ordered_json;

struct VerifyArgs {
  std::vector<std::string> files;
  std::vector<std::string> values;
  unsigned timeout_ms = 5000, rlimit = 20'000'000;
  std::string smt2_dir, format = "text";
};

// A ShapeEnv snapshot, or the one inside a walk output, with the map that
// reads each symbol back as its first source (x.size()[0]).
struct Provenance {
  std::unique_ptr<ShapeEnv> env;
  SubstMap to_sources;
};

Provenance load_provenance(const std::string &text, const std::string &path, const std::string &not_json) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception &e) {
    throw UsageError(path + ": " + (not_json.empty() ? std::string("not JSON: ") + e.what() : not_json));
  }
  std::string snap = text;
  if (j.value("format", "") == "symshape.walk") snap = j.at("shape_env").dump();
  else if (j.value("format", "") != "symshape.shape_env")
    throw UsageError(path + ": expected a guard file, a symshape.shape_env snapshot or a symshape.walk output");
  Provenance p;
  try {
    p.env = load_snapshot(snap);
  } catch (const Error &e) {
    throw UsageError(path + ": " + e.what());
  }
  for (Expr sym : p.env->symbols())
    if (const SymbolInfo *i = p.env->info(sym); i && !i->sources.empty()) p.to_sources[sym.node()] = symbol(i->sources[0]);
  return p;
}

// A snapshot or walk output as a guard file: its guards, in sources, one
// per "line" (numbered from 1), then its runtime asserts.
GuardFile from_snapshot(const std::string &text, const std::string &path) {
  Provenance p = load_provenance(text, path, "");
  std::string lines;
  for (const auto &g : p.env->guards()) lines += substitute(g.expr, p.to_sources).str() + "\n";
  for (const auto &a : p.env->runtime_asserts()) lines += substitute(a.expr, p.to_sources).str() + "\n";
  return parse_guard_file(lines, path);
}

GuardFile load(const std::string &path) {
  std::string text = read_text(path);
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return from_snapshot(text, path);
  GuardFile f = parse_guard_file(text, path);
  for (const auto &w : f.warnings) std::cerr << "symshape: warning: " << w << "\n";
  return f;
}

// A DOMAIN argument: a file when one exists, else an expression.
GuardFile load_domain(const std::string &arg) {
  if (std::filesystem::exists(arg)) return load(arg);
  try {
    return parse_guard_expr(arg, "DOMAIN");
  } catch (const Error &e) {
    throw UsageError("DOMAIN '" + arg + "' is neither a file nor a boolean expression (" + e.what() + ")");
  }
}

std::string input_text(const std::vector<std::pair<Expr, Int>> &in) {
  std::string s;
  for (const auto &[sym, v] : in) s += (s.empty() ? "" : ", ") + std::string(sym.name()) + "=" + v.str();
  return s;
}

std::string base(const std::string &path) { return std::filesystem::path(path).filename().string(); }

int code_of(Verdict v) { return v == Verdict::Proved ? kExitOk : v == Verdict::Refuted ? kExitRefuted : kExitUnknown; }

ojson answer_json(const std::string &cmd, const Answer &a) {
  ojson j;
  j["format"] = "symshape.verify";
  j["schema_version"] = 1;
  j["command"] = cmd;
  j["verdict"] = verdict_name(a.verdict);
  if (!a.reason.empty()) j["reason"] = a.reason;
  if (!a.input.empty()) {
    ojson in = ojson::object();
    for (const auto &[s, v] : a.input) in[std::string(s.name())] = v.fits_int64() ? ojson(v.to_int64()) : ojson(v.str());
    j[cmd == "consistent" && a.verdict == Verdict::Proved ? "witness" : "counterexample"] = in;
  }
  if (a.failing_line) j["failing_guard"] = {{"line", a.failing_line}, {"text", a.failing_text}};
  if (!a.core_lines.empty()) j["core_lines"] = a.core_lines;
  if (a.accepted) j["accepted"] = {{"count", *a.accepted}, {"domain", *a.domain_size}};
  return j;
}

} // namespace

void add_verify_command(CLI::App &app, int &exit_code) {
  auto *verify = app.add_subcommand("verify", "prove guard sets consistent, minimal, equivalent, covering");
  verify->require_subcommand(1);
  static VerifyArgs va;
  auto options = [](CLI::App *c) {
    c->add_option("--timeout-ms", va.timeout_ms, "Z3 time limit per query (default 5000)");
    c->add_option("--rlimit", va.rlimit, "Z3 resource limit per query");
    c->add_option("--dump-smt2", va.smt2_dir, "write each query as SMT-LIB2 into DIR");
    c->add_option("--format", va.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  };
  auto opts = [] {
    VerifyOptions o;
    o.limits.timeout_ms = va.timeout_ms;
    o.limits.rlimit = va.rlimit;
    o.smt2_dir = va.smt2_dir;
    if (!o.smt2_dir.empty()) std::filesystem::create_directories(o.smt2_dir);
    return o;
  };
  auto emit = [&exit_code](const std::string &cmd, const Answer &a, const std::string &text) {
    if (va.format == "json") std::cout << answer_json(cmd, a).dump(2) << "\n";
    else std::cout << text;
    exit_code = code_of(a.verdict);
  };

  auto *cons = verify->add_subcommand("consistent", "is the guard set satisfiable?");
  cons->add_option("FILE", va.files, "guard file")->required()->expected(1);
  options(cons);
  cons->callback([emit, opts] {
    GuardFile f = load(va.files[0]);
    Answer a = consistent(f, opts());
    std::ostringstream os;
    if (a.verdict == Verdict::Proved) os << "consistent: " << f.guards.size() << " guards hold at " << input_text(a.input) << "\n";
    else if (a.verdict == Verdict::Refuted) {
      os << "inconsistent: these guards cannot all hold:\n";
      for (int l : a.core_lines) os << "  line " << l << ": " << f.at_line(l)->text << "\n";
    } else os << "unknown: " << a.reason << "\n";
    emit("consistent", a, os.str());
  });

  auto pair_cmd = [&](const char *name, const char *help, bool equiv) {
    auto *c = verify->add_subcommand(name, help);
    c->add_option("A", va.files, "guard files A B")->required()->expected(2);
    options(c);
    c->callback([emit, opts, equiv, name] {
      GuardFile a = load(va.files[0]), b = load(va.files[1]);
      VerifyOptions o = opts();
      Answer ans = implies(a, b, o);
      bool reverse = false;
      if (equiv && ans.verdict == Verdict::Proved) {
        ans = implies(b, a, o);
        reverse = true;
      }
      std::ostringstream os;
      const GuardFile &accepting = reverse ? b : a, &rejecting = reverse ? a : b;
      if (ans.verdict == Verdict::Proved)
        os << (equiv ? "equivalent: proved\n" : "implies: proved\n");
      else if (ans.verdict == Verdict::Refuted)
        os << "refuted: " << input_text(ans.input) << " is accepted by " << base(accepting.name) << " and rejected by "
           << base(rejecting.name) << (ans.failing_line ? " line " + std::to_string(ans.failing_line) + ": " + ans.failing_text : "")
           << "\n";
      else os << "unknown: " << ans.reason << "\n";
      emit(name, ans, os.str());
    });
  };
  pair_cmd("implies", "does A imply B?", false);
  pair_cmd("equiv", "are A and B equivalent?", true);

  auto *cov = verify->add_subcommand("covers", "does A accept every input of DOMAIN (a file or an expression)?");
  cov->add_option("A", va.files, "guard file, then DOMAIN")->required()->expected(2);
  options(cov);
  cov->callback([emit, opts] {
    GuardFile a = load(va.files[0]);
    GuardFile d = load_domain(va.files[1]);
    Answer ans = covers(a, d, opts());
    std::ostringstream os;
    if (ans.verdict == Verdict::Proved) os << "covers: proved\n";
    else if (ans.verdict == Verdict::Refuted)
      os << "refuted: smallest failing input " << input_text(ans.input)
         << (ans.failing_line ? ", rejected by line " + std::to_string(ans.failing_line) + ": " + ans.failing_text : "")
         << "\n";
    else os << "unknown: " << ans.reason << "\n";
    if (ans.accepted) os << "accepted: " << *ans.accepted << " of " << *ans.domain_size << " inputs of the domain\n";
    emit("covers", ans, os.str());
  });

  auto red_cmd = [&](const char *name, bool simplify) {
    auto *c = verify->add_subcommand(name, simplify ? "an equivalent, shorter guard set, proved equivalent"
                                                    : "guards implied by the others, and a minimal equivalent set");
    c->add_option("FILE", va.files, "guard file")->required()->expected(1);
    options(c);
    c->callback([&exit_code, opts, simplify, name] {
      GuardFile f = load(va.files[0]);
      std::ostringstream os;
      if (simplify) {
        SimplifyAnswer sa = verify::simplify(f, opts());
        for (const auto &t : sa.text) os << t << "\n";
        os << "# " << sa.guards.size() << " guards for " << f.guards.size() << "; equivalence to " << base(f.name)
           << ": " << verdict_name(sa.equivalence.verdict) << "\n";
        if (va.format == "json") {
          ojson j = answer_json(name, sa.equivalence);
          j["guards"] = ojson::array();
          for (const auto &t : sa.text) j["guards"].push_back(t);
          j["complete"] = sa.complete;
          std::cout << j.dump(2) << "\n";
        } else {
          std::cout << os.str();
        }
        exit_code = sa.complete ? kExitOk : kExitUnknown;
        return;
      }
      RedundancyAnswer r = redundant(f, opts());
      {
        for (const auto &g : r.redundant) {
          os << "line " << g.line << " is redundant: " << g.text;
          if (!g.implied_by.empty()) {
            os << "  (implied by line" << (g.implied_by.size() > 1 ? "s" : "");
            for (size_t i = 0; i < g.implied_by.size(); ++i) os << (i ? ", " : " ") << g.implied_by[i];
            os << ")";
          } else {
            os << "  (implied by the domains)";
          }
          os << "\n";
        }
        os << "minimal set: lines";
        for (size_t i = 0; i < r.minimal.size(); ++i) os << (i ? ", " : " ") << r.minimal[i];
        os << "\nequivalent to the original: " << verdict_name(r.equivalence.verdict) << "\n";
      }
      if (va.format == "json") {
        ojson j = answer_json(name, r.equivalence);
        ojson red = ojson::array();
        for (const auto &g : r.redundant) red.push_back({{"line", g.line}, {"text", g.text}, {"implied_by", g.implied_by}});
        j["redundant"] = red;
        j["minimal_lines"] = r.minimal;
        j["complete"] = r.complete;
        std::cout << j.dump(2) << "\n";
      } else {
        std::cout << os.str();
      }
      exit_code = r.complete ? kExitOk : kExitUnknown;
    });
  };
  red_cmd("redundant", false);
  red_cmd("simplify", true);

  auto *exp = verify->add_subcommand("explain", "why each guard exists: from a ShapeEnv snapshot or a walk output");
  exp->add_option("FILE", va.files, "a snapshot (replay --snapshot) or a walk output (walk --format json)")
      ->required()
      ->expected(1);
  exp->callback([&exit_code] {
    Provenance p = load_provenance(read_text(va.files[0]), va.files[0],
                                   "explain needs provenance: give a ShapeEnv snapshot (replay --snapshot) or a walk "
                                   "output (walk --format json), not a guard file");
    const ShapeEnv *env = p.env.get();
    const SubstMap &to_sources = p.to_sources;
    size_t k = 0;
    for (const auto &g : env->guards())
      std::cout << "guard " << ++k << ": " << substitute(g.expr, to_sources).str() << "   [" << g.expr.str()
                << "]\n    from " << (g.origin.empty() ? "(unknown)" : g.origin) << (g.size_oblivious ? ", size-oblivious" : "")
                << "\n";
    k = 0;
    for (const auto &a : env->runtime_asserts())
      std::cout << "runtime assert " << ++k << ": " << a.expr.str() << "\n    from "
                << (a.origin.empty() ? "(unknown)" : a.origin) << (a.message.empty() ? "" : ": " + a.message) << "\n";
    if (env->guards().empty() && env->runtime_asserts().empty()) std::cout << "no guards\n";
    exit_code = kExitOk;
  });

  auto *chk = verify->add_subcommand("check", "evaluate the guards at concrete values NAME=VALUE");
  chk->add_option("ARGS", va.values, "the guard file, then NAME=VALUE... (a symbol or a source such as x.size()[0])")
      ->required();
  chk->callback([&exit_code] {
    if (va.values.size() < 2) throw UsageError("verify check A NAME=VALUE...: give the guard file and values");
    GuardFile f = load(va.values[0]);
    Assignment pt;
    for (size_t k = 1; k < va.values.size(); ++k) {
      const std::string &v = va.values[k];
      size_t eq = v.rfind('=');
      if (eq == std::string::npos || eq == 0) throw UsageError("expected NAME=VALUE, got '" + v + "'");
      std::string name = v.substr(0, eq);
      static const char *prefix = "L['";
      if (name.rfind(prefix, 0) == 0) { // L['x'].size()[0] -> x.size()[0]
        size_t close = name.find("']");
        if (close != std::string::npos) name = name.substr(3, close - 3) + name.substr(close + 2);
      }
      try {
        pt.set(symbol(name), Int(std::stoll(v.substr(eq + 1))));
      } catch (const std::exception &) {
        throw UsageError("'" + v.substr(eq + 1) + "' is not an integer in " + v);
      }
    }
    std::vector<const GuardLine *> bad;
    try {
      bad = failing_guards(f, pt);
    } catch (const ValueError &e) {
      throw UsageError(e.what());
    }
    for (const GuardLine *g : bad) std::cout << "line " << g->line << " fails: " << g->text << "\n";
    std::cout << (bad.empty() ? "all " + std::to_string(f.guards.size()) + " guards hold\n"
                              : std::to_string(bad.size()) + " of " + std::to_string(f.guards.size()) + " guards fail\n");
    exit_code = bad.empty() ? kExitOk : kExitRefuted;
  });
}

} // namespace symshape::cli
