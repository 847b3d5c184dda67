//===- symshape/reason/counterexample_search.h - Refutation by evaluation --===//
//
// A cheap refutation tier for "do these facts imply this goal?".  Guard
// sets come with a point where everything holds (the example inputs, i.e.
// the hints), so a counterexample is often a few moves away: push one
// symbol of the goal across the goal's boundary, then repair the facts that
// move broke, min-conflicts style (each move solves one violated relation
// for one of its symbols, choosing the move that leaves the least
// violation).  The point returned is checked by evaluation, so it is an
// exact witness that the implication fails; finding none says nothing (Z3
// decides those).  Deterministic: the walk's random choices are seeded by
// the goal.
//
// Used by guard minimization before Z3: most guards are not redundant, and
// showing that by a point costs microseconds where a satisfiable Z3 query
// costs milliseconds.
//
// Cost: at most `max_points` candidate moves, each evaluating the
// constraints that mention the moved symbol (one full pass over the facts
// for the point returned).  Linear profiles are measured by evaluation, so
// products and floor divisions by constants are handled where they are
// locally linear in the moved symbol; other goals get a small neighbourhood
// scan.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <vector>

#include "symshape/expr/eval.h"
#include "symshape/reason/value_range.h"

namespace symshape {

struct CounterexampleSearchOptions {
  /// Candidate moves evaluated before giving up (each re-evaluates the
  /// constraints on the moved symbol).
  unsigned max_points = 800;
  /// Moves per walk (a walk starts at the witness, or at the witness with
  /// one goal symbol at an end of its range).
  unsigned max_steps = 48;
};

/// A point inside `ranges` where every fact evaluates to True and `goal` does
/// not (False or undefined), found near `witness`; nullopt when the search
/// finds none.  `witness` must assign every symbol of the goal and facts
/// (a symbol it lacks makes every candidate fail, never a wrong answer).
std::optional<Assignment> find_counterexample(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges,
                                              const Assignment &witness,
                                              const CounterexampleSearchOptions &options = {});

/// True when `point` lies inside `ranges` (for the symbols of the goal and the
/// facts), every fact evaluates to True there and `goal` does not.
bool is_counterexample(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges, const Assignment &point);

} // namespace symshape
