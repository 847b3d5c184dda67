//===- symshape/expr/substitute.h - Rebuilding and substituting terms -----===//
//
// Substitution is how replacements (`s1 -> s0`), hints and known facts
// (`u0 < s0 -> True`) are applied.  Results are renormalized: substituting
// s1 := s0 in `s0 - s1` gives `0`.
//
// Cost: O(number of distinct nodes of `e`), with a memo per call; nodes
// without the substituted symbols are returned untouched (one flag test).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <unordered_map>
#include <vector>

#include "symshape/expr/expr.h"

namespace symshape {

/// `e` with its arguments replaced by `args`, through the normalizing
/// constructors (coefficients, exponents and the kind are kept).
Expr rebuild(Expr e, const std::vector<Expr> &args);
/// The same over an array of `n` arguments (no vector to allocate).
Expr rebuild(Expr e, const Expr *args, size_t n);

/// Replaces every sub-term that is a key of `map` (symbols or any
/// sub-expression, matched structurally) by its value, bottom-up once: values
/// are not substituted again.
using SubstMap = std::unordered_map<const Node *, Expr>;
Expr substitute(Expr e, const SubstMap &map);

/// The same for a handful of keys, looked up linearly: no hash map to build
/// (the ShapeEnv's replacements touch one to three symbols of a guard).
using SubstPairs = std::vector<std::pair<const Node *, Expr>>;
Expr substitute(Expr e, const SubstPairs &pairs);

/// True when `e` contains any of the symbols in `symbols`.
bool has_any_symbol(Expr e, const SubstMap &symbols);

} // namespace symshape
