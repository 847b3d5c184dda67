//===- symshape/reason/smt.h - Z3 behind a small, bounded interface ---------===//
//
// The only door to the SMT solver.  Public headers never include z3++.h;
// users who want raw Z3 terms include symshape/z3_interop.h.
//
// Encoding (exact): integer symbols are Z3 Ints, float terms are Reals (so
// float arithmetic is modelled exactly, as PyTorch's translation validator
// does), booleans are Bools.  Python floor division and modulo are encoded
// once (z3_interop.h) on top of Z3's Euclidean div/mod, with the side
// condition "divisor != 0": a formula counts as true at a point only where it
// is defined.  Each node's Z3 term is built on first use and cached by node
// id (~0.7 us per operator the first time).
//
// Resource policy: every query runs under an rlimit (deterministic) plus a
// wall-clock timeout plus an interrupt watchdog (the rlimit alone does not
// bound time on nonlinear queries).  Whatever stops the solver, the answer is
// Unknown with the reason -- never Proved.  A model becomes a counterexample
// only after concrete evaluation confirms it (Z3 4.8 has nonlinear/mod bugs).
//
// Thread safety: queries serialize on one lock (one Z3 context).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "symshape/expr/eval.h"
#include "symshape/expr/expr.h"
#include "symshape/reason/value_range.h"

namespace symshape {

/// Budget of one solver call.
struct SmtLimits {
  unsigned timeout_ms = 2000;   ///< wall clock, enforced by Z3 and a watchdog
  unsigned rlimit = 5'000'000;  ///< Z3 resource units (deterministic)
};

enum class Verdict { Proved, Refuted, Unknown };
const char *verdict_name(Verdict v);

struct SmtResult {
  Verdict verdict = Verdict::Unknown;
  /// Unknown: why ("timeout", "rlimit exceeded", "incomplete: nonlinear
  /// arithmetic", "model failed validation", "z3 error: ...").
  std::string reason;
  /// Refuted: a point where every fact holds and the goal is false (or
  /// undefined), confirmed by evaluate().  Holds every free symbol.
  Assignment counterexample;
  /// Refuted: the goal raised at the counterexample (e.g. division by zero).
  bool goal_undefined = false;
  /// Proved: indices into `facts` of an unsat core (the facts the proof used).
  std::vector<size_t> core;
  double seconds = 0.0;
};

/// Decides whether `goal` holds at every point where all `facts` hold, the
/// symbols lie in `ranges` (finite ends only) and everything is defined.
/// Proved / Refuted (validated counterexample) / Unknown (with reason).
/// Cost: one Z3 check, bounded by `limits`.
SmtResult smt_prove(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges,
                    const SmtLimits &limits = {});

/// Decides whether the conjunction of `facts` has a point in `ranges`.
/// Proved = satisfiable (the witness is in `counterexample`, validated),
/// Refuted = unsatisfiable (`core` holds a conflicting subset of indices),
/// Unknown as above.  Cost: one Z3 check.
SmtResult smt_satisfiable(const std::vector<Expr> &facts, const RangeMap &ranges,
                          const SmtLimits &limits = {});

/// SMT-LIB2 text of the smt_prove query (reproduce with `z3 FILE`).
std::string smt_prove_smt2(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges);

/// "4.8.12" -- the Z3 library symshape runs against.
std::string z3_version();

} // namespace symshape
