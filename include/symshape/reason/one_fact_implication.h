//===- symshape/reason/one_fact_implication.h - Implied by one fact --------===//
//
// A cheap proof tier between plain value ranges and Z3: is the goal implied
// by a single fact together with the symbols' ranges?  Most redundant guards
// are (`2*a < b` makes `a != b` redundant when a >= 2; `a + b < 40` makes
// `a < 30` redundant when b >= 11).
//
// Method: a goal relation asks for e >= t (Lt: e >= 1, Le: e >= 0, Ne: e >= 1
// or -e >= 1, Eq: e == 0 as two such), a fact gives f >= c (Lt, Le, and both
// signs for Eq; And is split).  Then e = (e - k*f) + k*f >= lo(e - k*f) + k*c
// for a small multiplier k > 0 (any sign for an equality), where lo is the
// interval lower bound of the (canonically simplified) difference.  That is
// a proof; failing to find one says nothing.
//
// Exact for what it answers.  Cost: for each fact that mentions every
// symbol of the goal, up to 8 interval bounds of a small expression
// (about a microsecond each).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <vector>

#include "symshape/reason/value_range.h"

namespace symshape {

/// The index of a fact that, with `ranges`, implies `goal` (over the
/// integers); nullopt when no single fact does by the method above.
std::optional<size_t> implied_by_one_fact(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges);

} // namespace symshape
