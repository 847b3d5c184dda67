//===- symshape/reason/linear_facts.h - Bounds on linear forms -------------===//
//
// A cheap implication tier: facts `0 <= L + k`, `0 < L + k`, `L + k == 0`
// become a lower bound on the linear form L (and on -L); a goal over the same
// form is implied when its constant is weaker.  `s0 < 25` implies
// `s0 <= 30`, `a + b < c + 9` implies `a + b < c + 12`, `s0 == 2*s1 + 1`
// implies `2*s1 + 1 <= s0`.  Used before Z3 by guard minimization and
// translation validation, where such pairs dominate.
//
// Exact for what it answers (a proof by comparing integer constants); says
// nothing about other implications.  Cost: O(expr) per add or query.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <unordered_map>

#include "symshape/expr/expr.h"

namespace symshape {

class LinearFacts {
public:
  /// Records a fact (relations over integers; And is split; others ignored).
  void add(Expr fact);
  /// True when a recorded fact implies `goal` by constant comparison.
  bool implies(Expr goal) const;

private:
  /// form (the non-constant part, canonical sign) -> the largest known lower bound
  std::unordered_map<const Node *, Int> lower_;
  bool lower_bound(Expr form, Int *lb) const;
  void add_lower(Expr form, Int lb);
};

} // namespace symshape
