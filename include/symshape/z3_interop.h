//===- symshape/z3_interop.h - Raw Z3 terms for symshape expressions -------===//
//
// For users who want to reason with Z3 directly.  Including this header
// brings in z3++.h; nothing else in symshape's public API does.
//
// All terms live in symshape's one Z3 context (`z3_context()`); hold
// `z3_lock()` while you use them from several threads.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <mutex>

#include <z3++.h>

#include "symshape/expr/expr.h"

namespace symshape {

/// symshape's Z3 context.
z3::context &z3_context();
/// The lock every symshape solver call takes.
std::recursive_mutex &z3_lock();

/// The Z3 term of `e` (Int, Real or Bool sort).  Cached per node.  Where
/// `e` divides by zero the term's value is unconstrained: pair it with
/// `z3_defined(e)`.
z3::expr to_z3(Expr e);
/// The condition under which `e` is defined (no zero divisor, no negative
/// natural exponent).  `true` for most terms.
z3::expr z3_defined(Expr e);

// The primitive encodings (Python semantics on Z3's Euclidean div/mod),
// shared by to_z3 and by tests that encode raw syntax trees.
z3::expr z3_floordiv(const z3::expr &a, const z3::expr &b); ///< floor(a / b), b != 0
z3::expr z3_pymod(const z3::expr &a, const z3::expr &b);    ///< a - b*floor(a/b)
z3::expr z3_floor(const z3::expr &x);                       ///< real -> int, toward -inf
z3::expr z3_ceil(const z3::expr &x);
z3::expr z3_trunc(const z3::expr &x);
z3::expr z3_round_half_even(const z3::expr &x);
/// The exact real value of a double (every finite double is a rational).
z3::expr z3_real_of_double(z3::context &c, double v);

} // namespace symshape
