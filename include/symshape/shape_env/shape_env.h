//===- symshape/shape_env/shape_env.h - Symbols, guards, runtime asserts --===//
//
// The ShapeEnv is what a dynamic-shape compiler talks to while it traces:
// PyTorch's ShapeEnv (torch/fx/experimental/symbolic_shapes.py, 2.6) in C++.
//
//  * Backed symbols (`s0, s1, ...`, in creation order) come from example
//    values and carry a hint; unbacked symbols (`u0, u1, ...`) are
//    data-dependent and have none.  Every symbol has a value range, sources
//    (`x.size()[0]`) and the place it was created.
//  * `evaluate(cond)` is `bool(SymBool)`: statically decided -> no guard;
//    backed -> the hint decides and a guard is recorded; unbacked -> a
//    DataDependentError.  `check(cond)` is `torch._check`: a guard when backed,
//    a deferred runtime assert when unbacked.
//  * Facts are learned as PyTorch learns them: equalities become replacements,
//    comparisons refine ranges, `Eq(Mod(x, k), 0)` becomes divisibility.
//  * Static decisions run a cascade, cheapest first, and say which tier
//    decided (decision.h).  Z3 is the last tier; it never runs on the backed
//    `evaluate` path (there the hint decides and the guard is recorded; guard
//    sets are minimized once, in produce_guards).
//
// Thread safety: a ShapeEnv is not synchronized; use one per thread (or
// lock around it).  Expressions may be shared freely.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/expr/expr.h"
#include "symshape/reason/smt.h"
#include "symshape/reason/value_range.h"
#include "symshape/shape_env/decision.h"

namespace symshape {

/// How an input dimension becomes symbolic (PyTorch's DimDynamic).
enum class DimPolicy {
  Duck,    ///< equal hints share one symbol (the eager default)
  Dynamic, ///< always a fresh symbol
  Static,  ///< the example value, as a constant
};

struct ShapeEnvSettings {
  /// Sizes 0 and 1 become constants; other size symbols start at 2.
  bool specialize_zero_one = true;
  /// Equal hints share a symbol (DimPolicy::Duck).
  bool duck_shape = true;
  /// Export mode: `check` records runtime asserts instead of guards, and
  /// replacements are restricted to `s`, `c*s`, `s + c` targets.
  bool prefer_deferred_runtime_asserts_over_guards = false;
  /// Budget of each Z3 call of the static cascade (it runs when the cheap
  /// tiers fail, on at most 48 of the most relevant facts).
  SmtLimits smt{250, 500'000};
  /// Run the Z3 tier at all (statically_known_true, unbacked decisions).
  bool use_z3 = true;
};

/// Everything the ShapeEnv knows about one symbol.
struct SymbolInfo {
  Expr symbol;
  bool backed = true;
  std::optional<Int> hint;        ///< backed symbols only
  ValueRange range;               ///< current range
  std::vector<std::string> sources; ///< first source first
  std::string origin;             ///< who created it ("input x", "script line 4", ...)
  bool size_like = false;
  bool scalar = false;            ///< created by create_unspecified_symbol
  bool unbacked_bool = false;     ///< an unbacked bool's int in [0, 1]
  std::optional<ValueRange> user_range; ///< a Dim(min, max) constraint
  /// The range as declared, not learned: creation (with 0/1
  /// specialization and the user range) narrowed by constrain_range calls.
  ValueRange declared_range;
};

/// A recorded guard: `expr` must hold for the compiled artifact to be reused.
struct Guard {
  Expr expr;            ///< as decided (in symbols)
  std::string origin;   ///< provenance: who asked, and where
  bool size_oblivious = false;
};

/// A deferred runtime assert: must hold at run time (checked in the graph).
struct RuntimeAssert {
  Expr expr;            ///< canonicalized when recorded
  std::string message;
  std::string origin;
  Expr key;             ///< the highest-numbered unbacked symbol, or null
};

/// The symbolic metadata of one input tensor.
struct TensorSymbols {
  std::string name;
  std::vector<Expr> sizes, strides;
  Expr storage_offset;
};

/// Per-dimension options of `create_tensor`.
struct DimSpec {
  DimSpec(DimPolicy p = DimPolicy::Duck, std::optional<ValueRange> r = std::nullopt)
      : policy(p), range(std::move(r)) {}
  DimPolicy policy;
  std::optional<ValueRange> range; ///< a user range (implies Dynamic)
};

/// A guard on data-dependent values (PyTorch GuardOnDataDependentSymNode).
class DataDependentError : public Error {
public:
  DataDependentError(const std::string &m, Expr cond) : Error("data_dependent", m), cond_(cond) {}
  Expr cond() const { return cond_; }

private:
  Expr cond_;
};

/// A user constraint (Dim range) that the example or the guards violate.
class ConstraintViolation : public Error {
public:
  explicit ConstraintViolation(const std::string &m) : Error("constraint_violation", m) {}
};

/// torch._check on a condition that is false.
class CheckFailed : public Error {
public:
  explicit CheckFailed(const std::string &m) : Error("check_failed", m) {}
};

/// An empty range (contradicting range constraints).
class ValueRangeError : public Error {
public:
  explicit ValueRangeError(const std::string &m) : Error("value_range", m) {}
};

class ShapeEnv {
public:
  explicit ShapeEnv(ShapeEnvSettings settings = {});
  ~ShapeEnv();
  ShapeEnv(const ShapeEnv &) = delete;
  ShapeEnv &operator=(const ShapeEnv &) = delete;

  const ShapeEnvSettings &settings() const;
  /// Where the next created symbol, guard or assert says it came from
  /// (e.g. "script line 7", "node add_3 (aten.add.Tensor)").
  void set_origin(std::string origin);
  const std::string &origin() const;

  /// Called with every non-constant boolean question put to the ShapeEnv
  /// (evaluate, guard_size_oblivious, guard_or_*, statically_known_*, check)
  /// before it is answered, with the API's name.  The query benchmark records
  /// a walk's questions with it (`symshape bench record`).  Empty: none.
  using QuestionObserver = std::function<void(Expr cond, const char *api)>;
  void set_question_observer(QuestionObserver observer);

  // --- Symbols -----------------------------------------------------------
  /// A size from an example value (PyTorch create_symbol): a constant, a
  /// shared (duck) symbol, or a fresh backed symbol with range [2, inf]
  /// (or [0, inf] without 0/1 specialization), intersected with `range`.
  /// Throws ConstraintViolation when `hint` lies outside `range`.
  Expr create_symbol(Int hint, const std::string &source, DimPolicy policy = DimPolicy::Duck,
                     std::optional<ValueRange> range = std::nullopt);
  /// A scalar int input: always fresh, range (-inf, inf), no 0/1
  /// specialization.
  Expr create_unspecified_symbol(Int hint, const std::string &source);
  /// Sizes, contiguous strides and storage offset of an input tensor, as
  /// PyTorch infers them ((3, 6) contiguous -> strides (s1, 1)).
  TensorSymbols create_tensor(const std::string &name, const std::vector<Int> &sizes,
                              const std::vector<DimSpec> &dims = {});
  /// A symbol with a given name and range, as a program recorded it (a
  /// torch.export program's `s3`, `u0`): backed when `hint` is given, else
  /// unbacked (and not pending: the program already binds it).  Fresh
  /// symbols are numbered past declared ones.  Throws ValueError for a name
  /// that exists, ConstraintViolation for a hint outside the range.
  Expr declare_symbol(const std::string &name, std::optional<Int> hint, const ValueRange &range,
                      const std::string &source = "");
  /// PyTorch's rebind_unbacked / _rename_unbacked_to: `from` (a fresh
  /// unbacked symbol) is the recorded unbacked symbol `to_name` (created
  /// with `from`'s range and size-likeness when it does not exist yet);
  /// `from` is replaced by it from now on.  Returns the target symbol.
  Expr rename_unbacked(Expr from, const std::string &to_name);
  /// A fresh unbacked int `u<n>`, range (-inf, inf); it is pending until
  /// `take_pending_unbacked()` (a graph walker binds it to an output).
  Expr create_unbacked_int(const std::string &source = "");
  /// A fresh unbacked bool: returns `Eq(u<n>, 1)` with u<n> in [0, 1].
  Expr create_unbacked_bool(const std::string &source = "");
  /// The fresh unbacked symbols created since the last call (and clears them).
  std::vector<Expr> take_pending_unbacked();
  const std::vector<Expr> &pending_unbacked() const;

  /// constrain_range: narrows a symbol's range (no guard).  Throws
  /// ValueRangeError when the result is empty, ValueError when `e` is not a
  /// symbol or constant or a backed hint falls outside.
  void constrain_range(Expr e, Bound lo, Bound hi);
  /// _constrain_range_for_size: range ∩ [0, inf] (or [lo, hi]) and size-like.
  void constrain_range_for_size(Expr e, Bound lo = Bound(0), Bound hi = Bound::pos_inf());
  /// torch._check_is_size(e): the runtime assert / guard `0 <= e`, plus
  /// size-like marking when `e` is an unbacked symbol.
  void check_is_size(Expr e);

  const SymbolInfo *info(Expr symbol) const;
  /// True for a symbol created unbacked; has_unbacked: any such symbol in
  /// `e` after replacements.
  bool is_unbacked(Expr symbol) const;
  bool has_unbacked(Expr e);
  /// Every symbol, in creation order.
  const std::vector<Expr> &symbols() const;
  /// The expression a source or script name was given at creation.
  std::optional<Expr> lookup_source(const std::string &source) const;
  /// Sources in creation order, with their creation expressions.
  const std::vector<std::pair<std::string, Expr>> &source_table() const;
  /// Inputs in creation order: tensors, and scalars (name, expression).
  struct Input {
    bool is_tensor;
    TensorSymbols tensor; ///< tensors
    std::string name;     ///< scalars
    Expr value;           ///< scalars
  };
  const std::vector<Input> &inputs() const;

  // --- Decisions -------------------------------------------------------------
  /// bool(SymBool) / evaluate_expr.  Throws DataDependentError.
  bool evaluate(Expr cond);
  /// int(SymInt): specializes (guard `Eq(e, value)`).  Throws
  /// DataDependentError for unbacked expressions.
  Int evaluate_int(Expr e);
  /// Never guards: true only when proved.
  bool statically_known_true(Expr cond);
  bool statically_known_false(Expr cond);
  /// Decides as `evaluate` does; where `evaluate` would raise a
  /// data-dependent error, returns the default and records nothing (the
  /// assumption is logged in `assumptions()`).
  bool guard_or_false(Expr cond);
  bool guard_or_true(Expr cond);
  /// Decides as if size-like unbacked symbols were >= 2.
  bool guard_size_oblivious(Expr cond);
  /// torch._check: a guard when backed (CheckFailed when false), a deferred
  /// runtime assert when unbacked (or in prefer_deferred mode).
  void check(Expr cond, const std::string &message = "");
  /// expect_true: as check, but returns false instead of throwing.
  bool expect_true(Expr cond, const std::string &message = "");
  /// The static cascade alone, with evidence (decision.h).  Never guards.
  Decision decide(Expr cond, const DecideOptions &options = {});

  /// The value under the hints (no guard).  Throws DataDependentError.
  Int size_hint(Expr e);
  bool has_hint(Expr e);
  /// A sound interval of `e` under the current ranges (and replacements).
  ValueRange bound(Expr e, bool size_oblivious = false);
  /// Replacements applied and FloorDiv made CleanDiv where divisible.
  Expr simplify(Expr e);
  /// Replacements applied (PyTorch replace()).
  Expr replace(Expr e);

  // --- State -----------------------------------------------------------------
  const std::vector<Guard> &guards() const;
  const std::vector<RuntimeAssert> &runtime_asserts() const;
  /// symbol -> representative expression, in the order they were made.
  std::vector<std::pair<Expr, Expr>> replacements();
  /// Expressions `Mod(x, k)` known to be 0.
  const std::vector<Expr> &divisibility() const;
  /// guard_or_* fallbacks taken (what was assumed without a check).
  const std::vector<std::string> &assumptions() const;
  /// Monotone counter over replacements, divisibility, asserts, guards, ranges.
  uint64_t version() const;
  /// Unique per ShapeEnv instance (never reused within a process).
  uint64_t id() const;
  /// Decisions per tier (for benchmarks and curiosity).
  const std::map<Tier, uint64_t> &tier_counts() const;

  // --- Scopes ----------------------------------------------------------------
  /// While alive, evaluate() records no guards (PyTorch suppress_guards).
  class SuppressGuards {
  public:
    explicit SuppressGuards(ShapeEnv &env);
    ~SuppressGuards();

  private:
    ShapeEnv &env_;
  };
  /// After freeze(), guards are still recorded but counted as too late to be
  /// installed (PyTorch logs "Ignored guard").
  void freeze();
  size_t frozen_guards() const;

  /// The machinery shared by src/shape_env/*.cpp (not part of the API).
  struct Impl;
  Impl &impl() { return *impl_; }
  const Impl &impl() const { return *impl_; }

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace symshape
