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

#include <memory>
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
  /// When Z3's plain SMT core is incomplete (nonlinear), retry with the
  /// default solver and its preprocessing (slower to start, ~5 ms).
  bool fallback = true;
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

/// Are two conjunctions equivalent?  A conjunct that is undefined at a point
/// (divides by zero) counts as false there, as a guard or assert that raises
/// fails.  Proved / Refuted (a validated point where exactly one side holds;
/// `counterexample`) / Unknown.  Cost: one Z3 check.
SmtResult smt_equivalent(const std::vector<Expr> &a, const std::vector<Expr> &b, const RangeMap &ranges,
                         const SmtLimits &limits = {});

/// An incremental session: facts are added once (each behind a tracking
/// literal), then many implication queries choose which facts are active.
/// Used to minimize guard sets: n queries over n facts cost about as much as
/// a few independent ones.  Same resource policy per check.
class SmtSession {
public:
  SmtSession(const RangeMap &ranges, const SmtLimits &limits = {});
  ~SmtSession();
  SmtSession(const SmtSession &) = delete;
  SmtSession &operator=(const SmtSession &) = delete;
  /// Adds a fact; returns its id.
  size_t add_fact(Expr fact);
  /// Do the active facts (ids with active[id] true) imply `goal`?  Proved
  /// (core = ids used) / Refuted (no counterexample is extracted) / Unknown.
  SmtResult implies(Expr goal, const std::vector<bool> &active);

private:
  struct State;
  std::unique_ptr<State> s_;
};

/// SMT-LIB2 text of the smt_prove query (reproduce with `z3 FILE`).
std::string smt_prove_smt2(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges);

/// "4.8.12" -- the Z3 library symshape runs against.
std::string z3_version();

} // namespace symshape
