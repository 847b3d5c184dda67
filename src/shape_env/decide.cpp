//===- decide.cpp - The static cascade -------------------------------------===//
//
// Cheapest first; each tier answers true / false / unknown (decision.h).
// Results are memoized per (condition, options) while the ShapeEnv's
// version is unchanged.
//
//===----------------------------------------------------------------------===//
#include "shape_env_internal.h"

#include "symshape/reason/bound_tightening.h"
#include "symshape/reason/counterexample_search.h"
#include "symshape/reason/one_fact_implication.h"

namespace symshape {

namespace {

/// The Z3 tier sees at most this many facts (the most relevant ones): a
/// thousand guards over one connected component would cost seconds a query.
constexpr size_t kMaxZ3Facts = 48;

Decision decided(bool v, Tier t) {
  Decision d;
  d.truth = v ? Truth::True : Truth::False;
  d.tier = t;
  return d;
}

/// A bool range that is a single value, as a decision.
bool singleton_truth(const ValueRange &r, bool *value) {
  if (r.type != Type::Bool || !r.is_singleton()) return false;
  *value = r.can_be_true;
  return true;
}

} // namespace

int ShapeEnv::Impl::axiom_truth(Expr b) {
  if (!b.is_bool() || b.is_bool_constant()) return b.is_bool_constant() ? (b.bool_value() ? 1 : 0) : -1;
  if (b.is_relation() && b.arg(0).is_int()) {
    std::optional<bool> t = linear_axioms.truth(b);
    return t ? (*t ? 1 : 0) : -1;
  }
  if (axioms.empty()) return -1;
  auto it = axioms.find(b.node());
  if (it != axioms.end()) return it->second.bool_value() ? 1 : 0;
  it = axioms.find(not_(b).node());
  if (it != axioms.end()) return it->second.bool_value() ? 0 : 1;
  return -1;
}

Expr ShapeEnv::Impl::fold_axioms(Expr e) {
  if (e.is_bool()) {
    int t = axiom_truth(e);
    if (t >= 0) return t == 1 ? true_() : false_();
  }
  if (e.nargs() == 0 || !e.has_symbols()) return e;
  std::vector<Expr> args;
  bool changed = false;
  for (size_t i = 0; i < e.nargs(); ++i) {
    Expr a = fold_axioms(e.arg(i));
    changed = changed || a != e.arg(i);
    args.push_back(a);
  }
  return changed ? rebuild(e, args) : e;
}

Decision ShapeEnv::Impl::decide_cheap(Expr cond, const DecideOptions &o) {
  bool v;
  if (cond.is_bool_constant()) return decided(cond.bool_value(), Tier::NormalForm);
  Expr s = o.allows(Tier::Replacements) ? simplify(cond) : cond;
  if (s.is_bool_constant()) return decided(s.bool_value(), Tier::Replacements);

  // Earlier guards and runtime asserts, and their implications.  (Size-
  // oblivious decisions consult them before the ranges, as PyTorch does:
  // there the clamped ranges may contradict the facts, and the facts win.)
  auto axiom_tier = [&]() -> Decision {
    bool value;
    if (!o.use_axioms || !o.allows(Tier::Axioms) || (axioms.empty() && linear_axioms.empty())) return Decision{};
    // A relation's arguments are numbers: only the relation itself can be a
    // key; connectives need their boolean parts looked up.
    bool compound = s.kind() == Kind::And || s.kind() == Kind::Or || s.kind() == Kind::Not || s.kind() == Kind::Where;
    if (!compound) {
      int t = axiom_truth(s);
      return t < 0 ? Decision{} : decided(t == 1, Tier::Axioms);
    }
    Expr a = fold_axioms(s);
    if (a.is_bool_constant()) return decided(a.bool_value(), Tier::Axioms);
    if (a != s) {
      RangeMap am;
      for (Expr x : free_symbols(a)) am.set(x, range_of(x, o.size_oblivious));
      if (singleton_truth(symshape::bound(a, am), &value)) return decided(value, Tier::Axioms);
    }
    return Decision{};
  };
  if (o.size_oblivious) {
    Decision d = axiom_tier();
    if (d.decided()) return d;
  }

  // Value ranges, with PyTorch's shift of symbols to their lower bounds.
  RangeMap oblivious;
  if (o.size_oblivious)
    for (Expr x : free_symbols(s)) oblivious.set(x, range_of(x, true));
  if (o.allows(Tier::Ranges) && singleton_truth(bound_shifted(s, o.size_oblivious ? oblivious : ranges), &v))
    return decided(v, Tier::Ranges);

  if (!o.size_oblivious) {
    Decision d = axiom_tier();
    if (d.decided()) return d;
  }

  // Divisibility: Mod(x, k) is 0 when some known Mod(x, m) == 0 has k | m.
  // (Learned from guards and asserts, like the axioms.)
  if (o.use_axioms && o.allows(Tier::Divisibility) && !divisible.empty() && s.has_mod()) {
    SubstMap zero;
    for_each_node(s, [&](Expr n) {
      if (n.kind() != Kind::Mod || !n.arg(1).is_integer_constant()) return;
      Int k = n.arg(1).value();
      for (Expr d : divisible) {
        Expr rd = replace(d);
        if (rd.kind() == Kind::Mod && rd.arg(0) == n.arg(0) && rd.arg(1).is_integer_constant() &&
            !k.is_zero() && pymod(rd.arg(1).value(), k).is_zero()) {
          zero.emplace(n.node(), integer(0));
          break;
        }
      }
    });
    if (!zero.empty()) {
      Expr z = substitute(s, zero);
      if (z.is_bool_constant()) return decided(z.bool_value(), Tier::Divisibility);
      RangeMap zm;
      for (Expr x : free_symbols(z)) zm.set(x, range_of(x, o.size_oblivious));
      if (singleton_truth(symshape::bound(z, zm), &v)) return decided(v, Tier::Divisibility);
    }
  }
  return Decision{};
}

Decision ShapeEnv::Impl::decide_z3(Expr cond, const DecideOptions &o) {
  Expr s = o.allows(Tier::Replacements) ? simplify(cond) : cond;
  std::vector<Expr> syms = free_symbols(s);
  for (Expr x : free_symbols(cond)) syms.push_back(x);
  std::vector<Expr> fs = z3_facts().relevant(syms, kMaxZ3Facts);
  RangeMap rm;
  auto add_ranges = [&](Expr e) {
    for (Expr x : free_symbols(e))
      if (find_info(x) && !rm.has(x)) rm.set(x, range_of(x, o.size_oblivious));
  };
  add_ranges(cond);
  add_ranges(s);
  for (Expr f : fs) add_ranges(f);
  Decision d;
  // Facts: the query's ranges narrowed by the relevant facts, then one fact
  // with those ranges.
  if (o.allows(Tier::Facts)) {
    RangeMap narrowed = rm;
    std::vector<size_t> used = tighten_bounds(free_symbols(s), fs, narrowed);
    bool v;
    if (singleton_truth(bound_shifted(s, narrowed), &v)) {
      d = decided(v, Tier::Facts);
      for (size_t i : used) d.evidence.push_back(fs[i]);
      return d;
    }
    for (bool want : {true, false})
      if (std::optional<size_t> k = implied_by_one_fact(want ? s : not_(s), fs, narrowed)) {
        d = decided(want, Tier::Facts);
        d.evidence.push_back(fs[*k]);
        return d;
      }
  }
  if (!o.allows(Tier::Z3)) return d;
  // Refutations by evaluation: the example inputs satisfy every guard, so
  // the truth of the query there (when every fact holds there) rules one
  // answer out; a short search near them may rule out the other.
  bool can_be_true = false, can_be_false = false;
  if (o.allows(Tier::Facts)) {
    Assignment example;
    for (Expr x : free_symbols(s))
      if (std::optional<Value> h = hint_value(x)) example.set(x, *h);
    for (Expr f : fs)
      for (Expr x : free_symbols(f))
        if (!example.find(x))
          if (std::optional<Value> h = hint_value(x)) example.set(x, *h);
    if (std::optional<bool> at = truth_at(s, example)) {
      if (is_counterexample(*at ? not_(s) : s, fs, rm, example)) (*at ? can_be_true : can_be_false) = true;
      if (can_be_true || can_be_false)
        if (find_counterexample(*at ? s : not_(s), fs, rm, example)) (*at ? can_be_false : can_be_true) = true;
    }
  }
  if (can_be_true && can_be_false) {
    d.reason = "both answers occur: at the example inputs and at a point near them";
    return d;
  }
  d.tier = Tier::Z3;
  SmtResult yes, no;
  if (!can_be_false) {
    yes = smt_prove(s, fs, rm, settings.smt);
    if (yes.verdict == Verdict::Proved) {
      d.truth = Truth::True;
      for (size_t i : yes.core) d.evidence.push_back(fs[i]);
      return d;
    }
  }
  if (!can_be_true) {
    no = smt_prove(not_(s), fs, rm, settings.smt);
    if (no.verdict == Verdict::Proved) {
      d.truth = Truth::False;
      for (size_t i : no.core) d.evidence.push_back(fs[i]);
      return d;
    }
  }
  d.tier = Tier::None;
  d.reason = !can_be_false && yes.verdict == Verdict::Unknown ? yes.reason : no.reason;
  return d;
}

Decision ShapeEnv::Impl::decide(Expr cond, const DecideOptions &o, bool memo_unknown) {
  if (!cond.is_bool()) throw TypeError("a decision needs a boolean condition, got " + cond.str());
  check_caches();
  int flags = (o.size_oblivious ? 1 : 0) | (o.use_axioms ? 2 : 0) | (o.use_z3 && settings.use_z3 ? 4 : 0) |
              static_cast<int>(o.tiers << 3);
  DecideKey key{cond.node(), flags};
  if (!decide_cache.empty()) { // (mostly empty on the hint-decided path: every guard clears it)
    auto hit = decide_cache.find(key);
    if (hit != decide_cache.end()) return hit->second;
  }
  Decision d = decide_cheap(cond, o);
  if (!d.decided() && o.use_z3 && settings.use_z3 && o.use_axioms && (o.allows(Tier::Facts) || o.allows(Tier::Z3)))
    d = decide_z3(cond, o);
  ++tier_counts[d.tier];
  if (d.decided() || memo_unknown) decide_cache.emplace(key, d);
  return d;
}

Decision ShapeEnv::decide(Expr cond, const DecideOptions &options) { return impl_->decide(cond, options); }

bool ShapeEnv::statically_known_true(Expr cond) {
  impl_->observe(cond, "statically_known_true");
  return impl_->decide(cond, {}).is_true();
}
bool ShapeEnv::statically_known_false(Expr cond) {
  impl_->observe(cond, "statically_known_false");
  return impl_->decide(cond, {}).is_false();
}

} // namespace symshape
