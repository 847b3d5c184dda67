//===- query_record.cpp - A ShapeEnv question as a corpus query ------------===//
//
// `symshape bench record` walks programs and writes every question the walk
// puts to the ShapeEnv as a standalone `.shapes` query.  The script restates
// only knowledge: hints and ranges of the question's symbols, and the guards,
// runtime asserts and replacements linked to them — so its ground truth can
// be established without symshape (bench/corpus_truth.py).
//
//===----------------------------------------------------------------------===//
#include <map>
#include <set>
#include <sstream>

#include "symshape/expr/print.h"
#include "symshape/frontend/query_bench.h"

namespace symshape::frontend {

namespace {

/// At most this many linked facts: walks record a few guards per symbol; a
/// longer list would be a program with a thousand guards on one component.
constexpr size_t kMaxFacts = 64;

bool full_range(const ValueRange &r) { return !r.lo.is_finite() && !r.hi.is_finite(); }

} // namespace

std::optional<std::string> query_script(ShapeEnv &env, Expr question, const std::vector<std::string> &header) {
  if (!question.is_bool() || question.is_bool_constant() || question.has_float()) return std::nullopt;
  std::vector<Expr> facts;
  for (const Guard &g : env.guards()) facts.push_back(g.expr);
  for (const RuntimeAssert &a : env.runtime_asserts()) facts.push_back(a.expr);

  // The question's symbols, closed under linked facts and replacements.
  std::set<const Node *> syms;
  std::vector<std::pair<Expr, Expr>> replaced; // symbol, what it stands for
  std::vector<bool> used(facts.size(), false);
  size_t nused = 0;
  std::vector<Expr> todo = free_symbols(question);
  while (!todo.empty()) {
    Expr s = todo.back();
    todo.pop_back();
    if (!syms.insert(s.node()).second) continue;
    Expr r = env.replace(s);
    if (r != s) {
      replaced.emplace_back(s, r);
      for (Expr x : free_symbols(r)) todo.push_back(x);
    }
    for (size_t i = 0; i < facts.size() && nused < kMaxFacts; ++i) {
      if (used[i] || facts[i].has_float()) continue;
      std::vector<Expr> fs = free_symbols(facts[i]);
      if (std::find(fs.begin(), fs.end(), s) == fs.end()) continue;
      used[i] = true;
      ++nused;
      for (Expr x : fs) todo.push_back(x);
    }
  }

  // Script names: s0.. for backed, u0.. for unbacked, in creation order.
  std::map<const Node *, std::string> names;
  std::ostringstream body;
  int nb = 0, nu = 0;
  for (Expr s : env.symbols()) {
    if (!syms.count(s.node())) continue;
    const SymbolInfo *info = env.info(s);
    if (!info || !s.is_int()) return std::nullopt;
    const ValueRange &r = info->range;
    if (info->backed) {
      if (!info->hint) return std::nullopt;
      std::string n = "s" + std::to_string(nb++);
      names[s.node()] = n;
      body << "scalar " << n << " = " << info->hint->str() << "\n";
      if (!full_range(r)) body << "range " << n << " " << r.lo.str() << ".." << r.hi.str() << "\n";
    } else {
      std::string n = "u" + std::to_string(nu++);
      names[s.node()] = n;
      body << "unbacked " << n << "\n";
      if (info->size_like) body << "size_like " << n << "\n";
      if (!full_range(r)) body << "range " << n << " " << r.lo.str() << ".." << r.hi.str() << "\n";
    }
  }
  if (names.size() != syms.size()) return std::nullopt; // a symbol the ShapeEnv does not know
  SymbolNamer namer = [&](Expr s) {
    auto it = names.find(s.node());
    return it == names.end() ? std::string() : it->second;
  };
  for (const auto &[s, r] : replaced) body << "check Eq(" << print(s, Dialect::Python, namer) << ", " << print(r, Dialect::Python, namer) << ")\n";
  for (size_t i = 0; i < facts.size(); ++i)
    if (used[i]) body << "check " << print(facts[i], Dialect::Python, namer) << "\n";
  body << "known " << print(question, Dialect::Python, namer) << "\n";

  std::ostringstream out;
  for (const std::string &h : header) out << "# " << h << "\n";
  out << body.str();
  return out.str();
}

} // namespace symshape::frontend
