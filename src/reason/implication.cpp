//===- implication.cpp - Goal by goal from fixed premises ------------------===//
#include "symshape/reason/implication.h"

#include <algorithm>
#include <chrono>

#include "symshape/expr/print.h"
#include "symshape/reason/bound_tightening.h"
#include "symshape/reason/counterexample_search.h"
#include "symshape/reason/one_fact_implication.h"

namespace symshape {

namespace {
/// Z3 starts from the 16 most relevant premises (a guard and an equality or
/// two prove most goals) and adds at most 32 a round, for 5 rounds.
constexpr size_t kFirstCut = 16, kAddPerRound = 32, kCheapTierFacts = 48;
constexpr int kRounds = 5;
constexpr unsigned kNarrowingRounds = 4;
} // namespace

ImplicationProver::ImplicationProver(const std::vector<Expr> &premises, const RangeMap &domain, SmtLimits per_query)
    : domain_(domain), narrowed_(domain), limits_(per_query) {
  for (Expr p : premises) {
    store_.add(p);
    members_.insert(p.node());
    equal_.add(p);
    linear_.add(p);
  }
  tighten_all_bounds(premises, narrowed_, kNarrowingRounds);
}

SmtResult ImplicationProver::prove(Expr goal) {
  SmtResult r;
  if (!goal.is_bool()) throw TypeError("ImplicationProver: the goal must be boolean, got " + goal.str());
  std::vector<Expr> syms = free_symbols(goal);
  ValueRange b = bound_shifted(goal, narrowed_);
  bool by_ranges = b.type == Type::Bool && b.is_singleton() && b.can_be_true;
  if (goal.is_true() || members_.count(goal.node()) || equal_.implies(goal) || by_ranges || linear_.implies(goal) ||
      implied_by_one_fact(goal, store_.relevant(syms, kCheapTierFacts), narrowed_)) {
    r.verdict = Verdict::Proved;
    return r;
  }
  // Z3 on the most relevant premises; a model that violates other premises
  // brings those in (counterexample-guided), a model that satisfies all of
  // them refutes.
  std::vector<Expr> ranked = store_.relevant(syms, SIZE_MAX);
  {
    std::unordered_set<const Node *> ranked_set;
    for (Expr f : ranked) ranked_set.insert(f.node());
    for (Expr f : store_.all()) // then the premises in other components
      if (ranked_set.insert(f.node()).second) ranked.push_back(f);
  }
  std::vector<Expr> subset(ranked.begin(), ranked.begin() + static_cast<long>(std::min(ranked.size(), kFirstCut)));
  std::unordered_set<const Node *> in(members_.size());
  for (Expr f : subset) in.insert(f.node());
  for (int round = 0; round < kRounds; ++round) {
    r = smt_prove(goal, subset, narrowed_, limits_); // the narrowed ranges hold wherever the premises do
    ++z3_queries_;
    if (r.verdict != Verdict::Refuted) return r;
    // The model, completed where it is silent by the narrowed lower bounds.
    Assignment point = r.counterexample;
    for (Expr f : store_.all())
      for (Expr x : free_symbols(f))
        if (!point.find(x) && x.is_int()) {
          ValueRange nr = narrowed_.get(x);
          point.set(x, nr.lo.is_finite() ? nr.lo.value() : nr.hi.is_finite() ? nr.hi.value() : Int(0));
        }
    // The violated premises, most relevant first.
    size_t added = 0;
    for (Expr f : ranked)
      if (!in.count(f.node()) && truth_at(f, point) != std::optional<bool>(true) && added < kAddPerRound) {
        in.insert(f.node());
        subset.push_back(f);
        ++added;
      }
    if (added == 0) {
      if (is_counterexample(goal, store_.all(), domain_, point)) {
        r.counterexample = point;
        return r; // a model of every premise
      }
      break;
    }
  }
  r.verdict = Verdict::Unknown;
  r.reason = "not proved from " + std::to_string(subset.size()) + " of the " + std::to_string(store_.size()) +
             " premises";
  return r;
}

SmtResult prove_equivalent_sets(const std::vector<Expr> &a, const std::vector<Expr> &b, const RangeMap &domain,
                                SmtLimits per_query, unsigned budget_ms) {
  auto t0 = std::chrono::steady_clock::now();
  SmtResult out;
  out.verdict = Verdict::Proved;
  for (int side = 0; side < 2 && out.verdict == Verdict::Proved; ++side) {
    const std::vector<Expr> &premises = side == 0 ? a : b, &goals = side == 0 ? b : a;
    ImplicationProver prover(premises, domain, per_query);
    for (Expr g : goals) {
      if (budget_ms && std::chrono::steady_clock::now() - t0 > std::chrono::milliseconds(budget_ms)) {
        out.verdict = Verdict::Unknown;
        out.reason = "out of the budget (" + std::to_string(budget_ms) + " ms) before proving " +
                     print(g, Dialect::Python);
        break;
      }
      SmtResult r = prover.prove(g);
      if (r.verdict == Verdict::Proved) continue;
      out = r;
      if (r.verdict == Verdict::Unknown) out.reason = r.reason + " (proving " + print(g, Dialect::Python) + ")";
      break;
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

} // namespace symshape
