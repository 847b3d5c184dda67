//===- shape_env_internal.h - The ShapeEnv's state and shared machinery ---===//
//
// One struct holds every piece of state; the .cpp files of this directory
// each implement one concern on it (symbols, simplify, learn, decide,
// evaluate).  Not installed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "symshape/expr/eval.h"
#include "symshape/expr/substitute.h"
#include "symshape/reason/fact_store.h"
#include "symshape/reason/linear_facts.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape {

struct ShapeEnv::Impl {
  explicit Impl(ShapeEnv &e, ShapeEnvSettings s) : env(e), settings(std::move(s)) {}

  ShapeEnv &env;
  ShapeEnvSettings settings;
  std::string origin;
  ShapeEnv::QuestionObserver observer;
  void observe(Expr cond, const char *api) {
    if (observer && !cond.is_bool_constant()) observer(cond, api);
  }

  // --- Symbols -------------------------------------------------------------
  std::vector<Expr> symbol_order;
  std::unordered_map<const Node *, SymbolInfo> info; // insert through add_info
  size_t unbacked_symbols = 0;                       // has_unbacked is free without them
  Assignment hint_point;                             // every symbol's hint (hints never change)
  void add_info(const SymbolInfo &si) {
    if (!info.emplace(si.symbol.node(), si).second) return;
    if (!si.backed) ++unbacked_symbols;
    if (si.hint) hint_point.set(si.symbol, *si.hint);
  }
  std::vector<std::pair<std::string, Expr>> sources;
  std::unordered_map<std::string, Expr> source_map;
  std::vector<ShapeEnv::Input> inputs;
  std::map<Int, Expr> val_to_var; // duck sizing: hint -> symbol
  int next_backed = 0;
  int next_unbacked = 0;
  std::vector<Expr> pending_unbacked;

  // --- Knowledge -----------------------------------------------------------
  RangeMap ranges;                                // var_to_range
  /// symbol -> target.  `resolved_at` is the subst_version at which the
  /// target was last checked to hold representatives only (find() then
  /// returns it without looking at its symbols).
  struct Replacement {
    Expr target;
    uint64_t resolved_at = 0;
  };
  NodeMap<Replacement> replacements; // (a reference into it lives until the next new key)
  std::vector<Expr> replacement_order;
  std::vector<Expr> divisible;                    // Mod(x, k) known == 0
  /// The cheap tier's knowledge of earlier guards and asserts: relations over
  /// integers as bounds on linear forms (with their implications by constant
  /// comparison), other boolean facts as they are.
  LinearFacts linear_axioms;
  SubstMap axioms;                                // other bool facts -> True
  /// 1 / 0 when the axioms decide `b`, -1 otherwise.
  int axiom_truth(Expr b);
  /// `e` with every boolean part that axiom_truth decides replaced.
  Expr fold_axioms(Expr e);
  std::vector<Expr> axiom_facts;                  // facts the linear table cannot follow alone
  std::unordered_map<const Node *, std::vector<size_t>> axiom_facts_by_symbol;
  /// The Z3 tier's facts.  Added lazily: recording a guard only queues it
  /// (the backed path never asks Z3), the first Z3 question indexes the queue.
  void add_z3_fact(Expr f) { z3_pending.push_back(f); }
  FactStore &z3_facts() {
    for (Expr f : z3_pending) facts.add(f);
    z3_pending.clear();
    return facts;
  }
  std::vector<Expr> z3_pending;
  FactStore facts;
  std::vector<Guard> guards;
  std::vector<RuntimeAssert> asserts;
  std::vector<std::string> assumptions;
  std::map<Tier, uint64_t> tier_counts;
  uint64_t version = 0;
  /// Unique per ShapeEnv (process-wide counter): lets caches tell two
  /// environments apart even when one reuses the other's address.
  uint64_t id = 0;
  int suppress_depth = 0;
  bool frozen = false;
  size_t frozen_guards = 0;

  // --- Caches (valid while `version` is unchanged) ---------------------------
  uint64_t cache_version = ~0ull;
  uint64_t subst_version = 1; // replacements + divisibility
  /// A lossy memo, direct-mapped by node id like a CPU cache: a lookup is one
  /// array access and an entry is valid only for the version it was written
  /// in, so there is nothing to clear and nothing to allocate per entry; a
  /// collision evicts (the answer is recomputed).
  struct NodeMemo {
    struct Slot {
      const Node *key = nullptr;
      uint64_t version = 0;
      Expr value;
    };
    static constexpr size_t kSlots = 1024;
    std::vector<Slot> slots; // allocated at the first put
    const Expr *find(const Node *k, uint64_t v) const {
      if (slots.empty()) return nullptr;
      const Slot &s = slots[k->id & (kSlots - 1)];
      return s.key == k && s.version == v ? &s.value : nullptr;
    }
    void put(const Node *k, uint64_t v, Expr e) {
      if (slots.empty()) slots.resize(kSlots);
      slots[k->id & (kSlots - 1)] = Slot{k, v, e};
    }
  };
  NodeMemo replace_memo, simplify_memo; // valid for subst_version
  struct DecideKey {
    const Node *cond;
    int flags;
    bool operator==(const DecideKey &o) const { return cond == o.cond && flags == o.flags; }
  };
  struct DecideKeyHash {
    size_t operator()(const DecideKey &k) const { return k.cond->hash * 31 + k.flags; }
  };
  std::unordered_map<DecideKey, Decision, DecideKeyHash> decide_cache;
  void check_caches();
  void bump() { ++version; }
  void bump_subst() {
    ++version;
    ++subst_version;
  }

  // --- symbols.cpp ----------------------------------------------------------
  SymbolInfo &info_of(Expr sym);
  const SymbolInfo *find_info(Expr sym) const;
  bool is_unbacked(Expr sym) const;
  bool has_unbacked(Expr e) const;
  Expr new_backed(Int hint, const std::string &source, bool positive, std::optional<ValueRange> user_range);
  Expr new_unbacked(const std::string &source);
  void add_source(const std::string &source, Expr e);
  /// Range update with PyTorch's rules (size-like widening, hint check).
  void update_range(Expr sym, const ValueRange &vr, bool is_constraint = false);
  /// The symbol's range; size-obliviously, size-like symbols start at 2 and
  /// (for decisions, `clamp`) end at 2**48, as in PyTorch's static worker.
  ValueRange range_of(Expr sym, bool size_oblivious, bool clamp = true) const;

  // --- simplify.cpp -----------------------------------------------------------
  Expr find(Expr sym);
  Expr resolve(Replacement &r);
  /// Appends each replaced symbol of `e` (once) with its representative,
  /// without collecting the symbols that are not replaced.
  void replaced_symbols(Expr e, SubstPairs &sub);
  Expr replace(Expr e);
  SubstPairs replace_scratch;
  /// Records that `e`, built from the replaced `from` without new symbols,
  /// replaces to itself (saves a walk of the guard about to be recorded).
  void note_replaced(Expr e, Expr from) {
    const Expr *hit = replace_memo.find(from.node(), subst_version);
    if (hit && *hit == from) replace_memo.put(e.node(), subst_version, e);
  }
  Expr simplify(Expr e);
  ValueRange bound(Expr e, bool size_oblivious);
  /// The value of `e` under the hints (after replacements); nullopt when an
  /// unbacked symbol remains.  Throws on division by zero.
  std::optional<Value> hint_value(Expr e);

  // --- learn.cpp ------------------------------------------------------------
  /// PyTorch _maybe_guard_rel: learn replacements, ranges, divisibility from
  /// a fact known to hold.
  void learn(Expr fact);
  void refine_ranges(Expr rel);
  /// refine_ranges for a relation over a sum of plain symbols with small
  /// ends and coefficients, in 64-bit integers: the symbols refined from
  /// the first on; returns the index to go on from in the general path (0
  /// when the relation is not of that form, n when done).
  size_t refine_small_sum(Expr rel);
  void set_replacement(Expr a, Expr tgt, const char *why);
  void add_divisible(Expr mod_expr);
  /// Records `fact` as an axiom and a Z3 fact.
  void add_fact(Expr fact);
  void add_axiom(Expr fact);

  // --- decide.cpp ------------------------------------------------------------
  /// The cascade, memoized.  `memo_unknown = false` leaves an unknown out of
  /// the memo: evaluate's backed path records a guard next, which clears it.
  Decision decide(Expr cond, const DecideOptions &o, bool memo_unknown = true);
  Decision decide_cheap(Expr cond, const DecideOptions &o);
  Decision decide_z3(Expr cond, const DecideOptions &o);

  // --- evaluate.cpp ------------------------------------------------------------
  void record_guard(Expr g, bool size_oblivious);
  void record_assert(Expr e, const std::string &message);
  [[noreturn]] void data_dependent(Expr cond, bool is_int);
};

/// Numeric index of an unbacked symbol name ("u12" -> 12), -1 otherwise.
int unbacked_index(Expr sym);

} // namespace symshape
