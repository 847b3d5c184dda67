//===- symshape/reason/symbol_equalities.h - Classes of equal symbols ------===//
//
// The equivalence classes of the facts `x == y` between two symbols (union-
// find), and goals rewritten to one representative per class.  Guard sets
// are full of such chains (duck sizing: `a.size()[1] == b.size()[1]`,
// contiguity: `b.stride()[0] == b.size()[1]`), and a goal like
// `a.size()[1] == b.stride()[0]` is proved by rewriting it to True, where Z3
// would take a millisecond.
//
// Exact for what it answers (rewriting by equalities that hold).  Cost:
// near-constant per add; one substitution per query.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <unordered_map>

#include "symshape/expr/expr.h"

namespace symshape {

class SymbolEqualities {
public:
  /// Records `fact` when it is `x == y` for two symbols (an And is split);
  /// other facts are ignored.
  void add(Expr fact);
  /// `e` with every symbol replaced by its class's representative (the
  /// least symbol of the class in the canonical order).
  Expr canonical(Expr e) const;
  /// True when `goal` rewrites to True.
  bool implies(Expr goal) const { return canonical(goal).is_true(); }
  bool empty() const { return parent_.empty(); }

private:
  const Node *find(const Node *x) const;
  mutable std::unordered_map<const Node *, const Node *> parent_;
};

} // namespace symshape
