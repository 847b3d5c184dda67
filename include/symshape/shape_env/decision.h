//===- symshape/shape_env/decision.h - Answers of the static cascade -------===//
//
// A static decision is true, false or unknown, and says which tier of the
// cascade decided it, cheapest first:
//
//   tier           cost                     what it knows
//   NormalForm     free (the constructors)  constant folding, canonical forms
//   Replacements   O(expr)                  learned equalities (s1 -> s0), CleanDiv
//   Ranges         O(expr)                  value ranges, with symbols shifted to their
//                                           lower bounds (PyTorch's trick: s0*s1 > s1
//                                           for s0 >= 2)
//   Axioms         O(expr), no node built   earlier guards and runtime asserts as
//                                           bounds on linear forms (u0 < s0 =>
//                                           u0 != s0; a+b < c+9 => 2*(a+b) < 2*c+30)
//   Divisibility   O(#facts)                Mod(x, k) == 0 facts (s0 % 8 == 0 =>
//                                           s0 % 4 == 0)
//   Facts          O(48 facts), ~10-100 us  the query's ranges narrowed by the relevant
//                                           guards (a + b < 40, b >= 11 => a < 30);
//                                           one guard plus ranges (2*a < b => a != b).
//                                           Before Z3, the example inputs (hints) and a
//                                           short search near them refute what cannot
//                                           be proved, so Z3 only sees open questions
//   Z3             bounded (SmtLimits)      everything above, exactly, on the facts
//                                           that share symbols with the query
//                                           (breadth-first from the query's
//                                           symbols, at most 48 facts)
//
// "Unknown" is always a sound answer; true and false are proved.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "symshape/expr/expr.h"

namespace symshape {

enum class Truth { True, False, Unknown };
enum class Tier { NormalForm, Replacements, Ranges, Axioms, Divisibility, Facts, Z3, None };
const char *tier_name(Tier t);
const char *truth_name(Truth t);

/// A set of tiers, one bit each (DecideOptions::tiers).
constexpr unsigned tier_bit(Tier t) { return 1u << static_cast<unsigned>(t); }
constexpr unsigned kAllTiers = (1u << static_cast<unsigned>(Tier::None)) - 1;

struct Decision {
  Truth truth = Truth::Unknown;
  Tier tier = Tier::None;
  /// Z3: the facts of the unsat core; Facts: the facts that narrowed the
  /// ranges or the one fact that implied the answer (other tiers: empty).
  std::vector<Expr> evidence;
  /// Unknown from Z3: why (timeout, nonlinear, ...).
  std::string reason;
  bool decided() const { return truth != Truth::Unknown; }
  bool is_true() const { return truth == Truth::True; }
  bool is_false() const { return truth == Truth::False; }
};

struct DecideOptions {
  /// Treat size-like unbacked symbols as >= 2 (guard_size_oblivious).
  bool size_oblivious = false;
  /// Allow the Z3 tier (subject to ShapeEnvSettings::use_z3).
  bool use_z3 = true;
  /// Use earlier guards and runtime asserts (axioms), and the divisibility
  /// facts learned from them.  produce_guards turns this off, or every guard
  /// would prove itself.
  bool use_axioms = true;
  /// The tiers that may decide (tier_bit of each).  The default is the whole
  /// cascade; the benchmark runs each tier alone to show what it adds.  With
  /// Replacements off the condition is taken as written; with Facts off the
  /// pre-Z3 refutation by the example inputs is off too.
  unsigned tiers = kAllTiers;
  bool allows(Tier t) const { return (tiers & tier_bit(t)) != 0; }
};

} // namespace symshape
