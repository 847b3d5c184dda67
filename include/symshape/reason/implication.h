//===- symshape/reason/implication.h - Goal by goal from fixed premises ----===//
//
// Proves goals, one at a time, from a fixed set of premises within a domain
// (ranges of the symbols), cheapest tier first:
//   1. the goal is a premise, or equality chains rewrite it to True
//      (symbol_equalities.h);
//   2. its value range is True once the domain is narrowed by all the
//      premises (bound_tightening.h, a few rounds, computed once);
//   3. a premise bounds the same linear form more tightly (linear_facts.h);
//   4. one premise with the narrowed ranges (one_fact_implication.h);
//   5. Z3 on the 16 most relevant premises (fact_store.h); a model that
//      violates other premises brings them in and Z3 runs again
//      (counterexample-guided, at most 5 rounds).  A refutation counts only
//      when the model, completed, satisfies every premise.
// Translation validation of guard sets and the agreement check against
// PyTorch prove set equivalence this way: guard by guard, each small, where
// one query over two thousand-guard conjunctions times out.
//
// Exact: Proved and Refuted are proofs; Unknown is always possible.
// Cost: construction narrows the domain (O(premises) bounds per round);
// tiers 1-4 cost microseconds per goal; Z3 at most 5 queries per goal, each
// under the given limits.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <vector>

#include "symshape/reason/fact_store.h"
#include "symshape/reason/linear_facts.h"
#include "symshape/reason/smt.h"
#include "symshape/reason/symbol_equalities.h"

namespace symshape {

class ImplicationProver {
public:
  /// `per_query` limits each Z3 call.
  ImplicationProver(const std::vector<Expr> &premises, const RangeMap &domain, SmtLimits per_query);

  /// Does the conjunction of the premises imply `goal` within the domain?
  SmtResult prove(Expr goal);

  /// The domain narrowed by the premises (sound wherever they hold).
  const RangeMap &narrowed() const { return narrowed_; }
  size_t z3_queries() const { return z3_queries_; }

private:
  FactStore store_;
  std::unordered_set<const Node *> members_;
  SymbolEqualities equal_;
  LinearFacts linear_;
  RangeMap domain_, narrowed_;
  SmtLimits limits_;
  size_t z3_queries_ = 0;
};

/// Are the conjunctions of `a` and `b` equivalent within `domain`?  Each
/// member of one side is proved from the other side (ImplicationProver).
/// Refuted carries a point where one side holds and a member of the other
/// does not; Unknown names the member that could not be proved.  `budget_ms`
/// bounds the whole comparison (0: unbounded).
SmtResult prove_equivalent_sets(const std::vector<Expr> &a, const std::vector<Expr> &b, const RangeMap &domain,
                                SmtLimits per_query = {}, unsigned budget_ms = 0);

} // namespace symshape
