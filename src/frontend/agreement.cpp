//===- agreement.cpp - The agreement contract, checked with Z3 -------------===//
#include "symshape/frontend/agreement.h"

#include "symshape/reason/implication.h"

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"
#include "symshape/expr/substitute.h"
#include "symshape/reason/smt.h"

namespace symshape {

namespace {

using json = nlohmann::json;

bool is_tensor_property(std::string_view n) {
  return n.find(".size()[") != std::string_view::npos || n.find(".stride()[") != std::string_view::npos ||
         n.find(".storage_offset()") != std::string_view::npos;
}

ValueRange parse_range_text(const std::string &t) {
  // "[lo, hi]" with integers, inf, true/false
  std::string in = t.substr(1, t.size() - 2);
  size_t comma = in.find(',');
  std::string a = in.substr(0, comma), b = in.substr(comma + 1);
  auto strip = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  a = strip(a);
  b = strip(b);
  if (a == "true" || a == "false") return ValueRange::bools(a == "false", b == "true");
  auto parse = [](const std::string &s) -> Bound {
    if (s == "inf") return Bound::pos_inf();
    if (s == "-inf") return Bound::neg_inf();
    return Bound(*Int::parse(s));
  };
  return ValueRange::ints(parse(a), parse(b));
}

class Comparer {
public:
  Comparer(const ScriptResult &o, const json &r) : ours_(o), ref_(r) {
    for (const auto &[name, range] : ours_.ranges) ranges_.set(symbol(name), range);
  }

  AgreementReport run() {
    results();
    errors();
    guards();
    asserts();
    return std::move(rep_);
  }

private:
  void mismatch(const std::string &m) { rep_.mismatches.push_back(m); }

  Expr parse(const std::string &t) { return parse_expr(t); }

  /// a <=> b (conjunctions; undefined = false) or a == b over `ranges`;
  /// returns false with a note when not proved.
  bool equivalent(const std::vector<Expr> &a, const std::vector<Expr> &b, const RangeMap &ranges,
                  std::string *why) {
    // Member by member (each small); one query over two large conjunctions
    // times out.
    SmtResult r = prove_equivalent_sets(a, b, ranges, SmtLimits{}, 20000);
    if (r.verdict == Verdict::Proved) return true;
    *why = r.verdict == Verdict::Refuted ? "differs" : "unknown (" + r.reason + ")";
    if (r.verdict == Verdict::Refuted) {
      *why += " at " + r.counterexample.str();
    }
    return false;
  }

  void results() {
    std::map<int, const ScriptResult::Entry *> mine;
    for (const auto &e : ours_.results) mine[e.line] = &e;
    for (const auto &r : ref_.at("results")) {
      int line = r.at("line").get<int>();
      std::string cmd = r.at("command"), value = r.at("value");
      std::string where = "line " + std::to_string(line) + " (" + cmd + " " + r.at("expr").get<std::string>() + ")";
      auto it = mine.find(line);
      if (it == mine.end()) {
        mismatch(where + ": no result; the reference printed " + value);
        continue;
      }
      const auto &e = *it->second;
      if (e.value == value) continue;
      if (cmd == "known" && value == "false" && e.value == "true") {
        rep_.stronger.push_back(where + ": proved true (" + e.tier + ")");
      } else if ((cmd == "guard_or_false" || cmd == "guard_or_true") && !e.tier.empty()) {
        rep_.stronger.push_back(where + ": decided " + e.value + " (" + e.tier + ") where the reference assumed " + value);
      } else if (cmd == "bound") {
        ValueRange a = parse_range_text(e.value), b = parse_range_text(value);
        if (b.contains(a)) rep_.stronger.push_back(where + ": " + e.value + " within " + value);
        else mismatch(where + ": bound " + e.value + " is not within the reference's " + value);
      } else if (cmd == "simplify") {
        std::string why;
        if (!equivalent({eq(parse(e.value), parse(value))}, {}, ranges_, &why))
          mismatch(where + ": simplify gave " + e.value + ", the reference " + value + ": " + why);
      } else {
        mismatch(where + ": " + e.value + " but the reference printed " + value);
      }
    }
  }

  void errors() {
    std::map<int, const ScriptResult::ErrorEntry *> mine;
    bool mine_pg = false;
    for (const auto &e : ours_.errors) {
      if (e.line) mine[*e.line] = &e;
      else mine_pg = true;
    }
    std::map<int, const ScriptResult::Entry *> results;
    for (const auto &e : ours_.results) results[e.line] = &e;
    bool ref_pg = false;
    std::set<int> ref_lines;
    for (const auto &r : ref_.at("errors")) {
      std::string kind = r.at("kind");
      if (r.at("line").is_null()) {
        ref_pg = true;
        continue;
      }
      int line = r.at("line").get<int>();
      ref_lines.insert(line);
      std::string where = "line " + std::to_string(line);
      auto it = mine.find(line);
      if (it != mine.end()) {
        if (it->second->kind != kind) mismatch(where + ": error kind " + it->second->kind + ", the reference " + kind);
        continue;
      }
      auto res = results.find(line);
      if (kind == "data_dependent" && res != results.end() && res->second->stronger) {
        rep_.stronger.push_back(where + ": decided " + res->second->value + " (" + res->second->tier +
                                ") where the reference raised data_dependent");
        continue;
      }
      mismatch(where + ": the reference raised " + kind + ", symshape did not");
    }
    for (const auto &[line, e] : mine)
      if (!ref_lines.count(line) && e->kind != "missing_expected_error")
        mismatch("line " + std::to_string(line) + ": symshape raised " + e->kind + ", the reference did not");
    if (ref_pg != mine_pg)
      mismatch(std::string("produce_guards: ") + (ref_pg ? "the reference" : "symshape") +
               " reported a constraint violation, the other did not");
  }

  void guards() {
    std::vector<Expr> a, b;
    RangeMap sources;
    auto add = [&](std::vector<Expr> &to, const std::string &text) {
      Expr e = parse(text);
      to.push_back(e);
      for (Expr s : free_symbols(e))
        if (is_tensor_property(s.name())) sources.set(s, ValueRange::ints(Bound(0), Bound::pos_inf()));
    };
    for (const auto &g : ours_.guards) add(a, g);
    for (const auto &g : ours_.static_guards) add(a, g);
    for (const auto &g : ref_.at("guards")) add(b, g.get<std::string>());
    if (ref_.contains("static_guards"))
      for (const auto &g : ref_.at("static_guards")) add(b, g.get<std::string>());
    std::string why;
    if (!equivalent(a, b, sources, &why)) mismatch("guards are not equivalent: " + why);
  }

  void asserts() {
    // Rename the reference's symbols onto ours through the `symbols` tables,
    // then apply each side's final replacements.
    std::map<std::string, std::string> our_symbols(ours_.symbols.begin(), ours_.symbols.end());
    SubstMap rename;
    if (ref_.contains("symbols")) {
      for (auto &[src, expr] : ref_.at("symbols").items()) {
        auto it = our_symbols.find(src);
        std::string theirs = expr.get<std::string>();
        if (it == our_symbols.end() || theirs == it->second) continue;
        Expr t = parse(theirs);
        if (t.is_symbol()) rename.emplace(t.node(), parse(it->second));
      }
    }
    SubstMap our_repl, ref_repl;
    for (const auto &[k, v] : ours_.replacements) our_repl.emplace(symbol(k).node(), parse(v));
    for (auto &[k, v] : ref_.at("replacements").items()) ref_repl.emplace(symbol(k).node(), parse(v.get<std::string>()));
    std::vector<Expr> a, b;
    for (const auto &t : ours_.runtime_asserts) a.push_back(substitute(parse(t), our_repl));
    for (const auto &t : ref_.at("runtime_asserts"))
      b.push_back(substitute(substitute(substitute(parse(t.get<std::string>()), ref_repl), rename), our_repl));
    std::string why;
    RangeMap none;
    if (!equivalent(a, b, none, &why)) mismatch("runtime asserts are not equivalent: " + why);
  }

  const ScriptResult &ours_;
  const json &ref_;
  RangeMap ranges_;
  AgreementReport rep_;
};

} // namespace

AgreementReport compare_with_reference(const ScriptResult &ours, const std::string &reference_json) {
  json ref;
  try {
    ref = json::parse(reference_json);
  } catch (const json::exception &e) {
    throw ValueError(std::string("malformed reference JSON: ") + e.what());
  }
  Comparer c(ours, ref);
  return c.run();
}

} // namespace symshape
