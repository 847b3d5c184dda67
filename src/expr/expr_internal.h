//===- expr_internal.h - Private helpers of the expression layer ----------===//
//
// Shared by the build_*.cpp files (one per operator family, as in Halide's
// Simplify_*.cpp).  Not installed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "symshape/expr/expr.h"
#include "symshape/expr/rewrite.h"

namespace symshape::detail {

/// Everything that identifies a node.  Arrays may point at temporaries:
/// intern() copies them into the arena only when the node is new.
struct NodeSpec {
  NodeSpec(Kind k, Type t) : kind(k), type(t) {}
  Kind kind;
  Type type;
  const Node *const *args = nullptr;
  uint32_t nargs = 0;
  const Int *coeffs = nullptr;
  const uint32_t *exps = nullptr;
  Int value;
  double fvalue = 0.0;
  std::string_view name;
};

/// Returns the unique node for `spec`, creating it if needed.
const Node *intern(const NodeSpec &spec);

/// Counts one application of a rewrite rule (relaxed atomic increment).
void fired(Rule r);

/// A linear view of an integer expression: constant + sum(coeff * mono),
/// terms sorted by compare() with no duplicates and no zero coefficients.
/// A "mono" is any integer node that is not Add and not Integer.
struct Linear {
  Int constant;
  std::vector<std::pair<Expr, Int>> terms;
};
/// Appends scale * e to an empty `out`.
Linear linear_of(Expr e);
/// Builds the normal form of a linear combination (terms must be sorted and
/// distinct, zero coefficients already dropped).
Expr make_add(Int constant, const std::vector<std::pair<Expr, Int>> &terms);
/// scale * e in normal form.
Expr scale(Expr e, Int k);
/// Builds a node with the given args (no normalization).
Expr make_node(Kind kind, Type type, const std::vector<Expr> &args);

/// The gcd of every coefficient in `terms` (0 when there are none).
Int content(const std::vector<std::pair<Expr, Int>> &terms);

[[noreturn]] void type_error(const char *op, Expr a, Expr b = Expr());

/// The sub-expression types an operator accepts.
inline void require_int(const char *op, Expr a) {
  if (!a.is_int()) type_error(op, a);
}
inline void require_bool(const char *op, Expr a) {
  if (!a.is_bool()) type_error(op, a);
}
inline void require_numeric(const char *op, Expr a) {
  if (a.is_bool()) type_error(op, a);
}

} // namespace symshape::detail
