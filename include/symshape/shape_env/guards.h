//===- symshape/shape_env/guards.h - produce_guards and compiled guards ----===//
//
// `produce_guards` turns a ShapeEnv's decisions into the predicate a compiled
// artifact installs, in PyTorch's order and printed form, written with
// sources (`x.size()[0]`):
//   1. source equalities (duck sizing, derived sizes, strides):
//        `y.size()[0] == x.size()[0]`, `x.stride()[0] == x.size()[1]`
//   2. the surviving guards (those the replacements, ranges and
//      divisibility alone do not decide), deduplicated
//   3. the range of every input symbol: `2 <= x.size()[0] and x.size()[0] <= 64`
// then, beyond PyTorch, drops every guard the others imply and proves by
// translation validation that the emitted set is equivalent to the raw
// decisions.  Where a proof is unknown, the unminimized set is emitted.
//
// Minimization asks, latest guard first, whether the guard follows from the
// kept guards most relevant to it, cheapest tier first:
//   - the tightest of guards bounding the same linear form;
//   - value ranges, after narrowing the guard's symbols by the other guards
//     (reason/bound_tightening.h);
//   - one other guard with those ranges (reason/one_fact_implication.h);
//   - a counterexample near the example inputs shows it does not follow
//     (reason/counterexample_search.h): most guards end here;
//   - Z3 on the closest 16 guards, adding those its model violates
//     (counterexample-guided), at most 100 ms per guard.
// Validation proves each direction guard by guard with equality chains
// (reason/symbol_equalities.h), ranges narrowed by the whole other side,
// linear forms, one fact, and only then Z3.
//
// A guard set compiles to a flat program (`GuardProgram`) that checks input
// shapes without allocating: one pass, a few ns per guard.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "symshape/shape_env/shape_env.h"

namespace symshape {

struct ProducedGuard {
  enum class Kind { SourceEquality, Guard, Range, Static };
  Kind kind;
  /// Over source variables: symbols named like the sources (`x.size()[0]`).
  Expr expr;
  /// PyTorch's Python printer, e.g. `(x.size()[0] % 8) == 0`.
  std::string text;
  /// Why it exists: the origin of the decision, "duck sizing",
  /// "range of s0", "0/1 specialization", ...
  std::string provenance;
  /// For minimized-away guards: what implies it ("value ranges, narrowed
  /// by ...", "implied by ... and the ranges", "z3: implied by ...").
  std::string dropped_because;
};
const char *guard_kind_name(ProducedGuard::Kind k);

struct GuardOptions {
  /// Leave out sizes, strides and offsets that are constants (Dynamo's
  /// default); they are returned in `static_guards`.
  bool ignore_static = true;
  /// Drop guards implied by the others (proved).
  bool minimize = true;
  /// Prove the emitted set equivalent to the raw decisions (Z3).
  bool validate = true;
  /// Each Z3 query (at most 100 ms of it per guard).
  SmtLimits smt{2000, 5'000'000};
  /// Wall-clock budget of minimization, and again of validation; what does
  /// not fit is left unminimized / reported as unknown, never assumed.
  unsigned budget_ms = 3000;
};

struct GuardSet {
  std::vector<ProducedGuard> guards;        ///< the emitted predicate
  std::vector<ProducedGuard> static_guards; ///< constants left out by ignore_static
  std::vector<ProducedGuard> dropped;       ///< proved redundant and removed
  /// Translation validation: "proved", "unknown: <reason>", "skipped", or
  /// "FAILED: <counterexample>" (a bug: please report it).
  std::string validation = "skipped";
  /// Z3 calls spent on minimization and validation.
  size_t z3_queries = 0;
  /// Minimization candidates shown necessary by a counterexample found near
  /// the example inputs (no Z3 call needed).
  size_t refuted_by_search = 0;
  /// User constraints (Dim ranges) the guards violate, PyTorch's wording.
  std::vector<std::string> constraint_violations;
  /// Every line of `guards`, in order.
  std::vector<std::string> texts() const;
};

/// The guards of `env` over its inputs (ShapeEnv::inputs()).
GuardSet produce_guards(ShapeEnv &env, const GuardOptions &options = {});

/// A guard set compiled to a flat program over the values of the inputs'
/// sources.  Build once, check any number of input shapes.
class GuardProgram {
public:
  /// Compiles `guards` (over source variables).  `sources` fixes the order
  /// of the values passed to check(); every source a guard mentions must be
  /// listed.  Throws ValueError otherwise.
  GuardProgram(const std::vector<Expr> &guards, const std::vector<std::string> &sources);
  /// Index of the first failing guard, or -1 when every guard holds.  A
  /// division by zero fails the guard.  Cost: one pass over the program.
  int check(const int64_t *values) const;
  size_t size() const { return ops_.size(); }
  size_t num_guards() const { return guard_ends_.size(); }
  const std::vector<std::string> &sources() const { return sources_; }

  struct Op {
    uint8_t code;
    uint32_t a, b, c; // register indices or immediates
    __int128 imm;
  };

private:
  std::vector<Op> ops_;
  std::vector<uint32_t> guard_ends_; // op index after each guard's last op
  std::vector<uint32_t> guard_regs_; // register holding each guard's truth
  std::vector<std::string> sources_;
  std::vector<Expr> slow_; // float-valued guards, evaluated exactly by eval.h
  uint32_t nregs_ = 0;
};

} // namespace symshape
