//===- symshape/reason/bound_tightening.h - Ranges narrowed by facts -------===//
//
// One pass of bounds propagation: each fact that is linear in a target
// symbol x (a term c*x, or c*x*y with y's range positive) bounds x by the
// interval bound of the rest.  `a + b < c + 27` with b >= 2 and c <= 40 gives
// a <= 64; `1960 < a*b` with b <= 50 gives a >= 40.  Guard minimization
// narrows the goal's symbols by the other guards this way before asking
// whether the goal is redundant: most redundant guards are redundant by
// exactly such a bound.
//
// Exact for what it answers: every narrowed range holds wherever the facts
// and the input ranges do.  Cost: per pass, per fact and target it
// mentions, one interval bound of the fact without the target's term (about
// a microsecond).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <vector>

#include "symshape/reason/value_range.h"

namespace symshape {

/// Narrows `ranges` of the integer symbols `targets` by `facts` (relations
/// Lt, Le, Eq over integers; And is split), in up to `rounds` passes (each
/// pass sees the ranges the previous one narrowed, so chains propagate).
/// Returns the indices of the facts that narrowed something, ascending.
std::vector<size_t> tighten_bounds(const std::vector<Expr> &targets, const std::vector<Expr> &facts,
                                   RangeMap &ranges, unsigned rounds = 1);

/// tighten_bounds with every symbol of the facts as a target.
std::vector<size_t> tighten_all_bounds(const std::vector<Expr> &facts, RangeMap &ranges, unsigned rounds);

} // namespace symshape
