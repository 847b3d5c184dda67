//===- decide.cpp - The static cascade -------------------------------------===//
//
// Cheapest first; each tier answers true / false / unknown (decision.h).
// Results are memoized per (condition, options) while the ShapeEnv's
// version is unchanged.
//
//===----------------------------------------------------------------------===//
#include "shape_env_internal.h"

namespace symshape {

namespace {

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

Decision ShapeEnv::Impl::decide_cheap(Expr cond, const DecideOptions &o) {
  bool v;
  if (cond.is_bool_constant()) return decided(cond.bool_value(), Tier::NormalForm);
  Expr s = simplify(cond);
  if (s.is_bool_constant()) return decided(s.bool_value(), Tier::Replacements);

  // Earlier guards and runtime asserts, and their implications.  (Size-
  // oblivious decisions consult them before the ranges, as PyTorch does:
  // there the clamped ranges may contradict the facts, and the facts win.)
  auto axiom_tier = [&]() -> Decision {
    bool value;
    if (!o.use_axioms || axioms.empty()) return Decision{};
    Expr a = substitute(s, axioms);
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

  // Value ranges, then again with every symbol shifted to its lower bound
  // (x = L + y, y >= 0): expanding then exposes sums of non-negative terms,
  // e.g. s0*s1 > s1 for s0 >= 2 becomes y0*s1 + s1 > 0.
  std::vector<Expr> syms = free_symbols(s);
  RangeMap rm;
  for (Expr x : syms) rm.set(x, range_of(x, o.size_oblivious));
  if (singleton_truth(symshape::bound(s, rm), &v)) return decided(v, Tier::Ranges);
  SubstMap shift;
  RangeMap shifted;
  for (Expr x : syms) {
    ValueRange r = rm.get(x);
    if (!r.lo.is_finite() || r.lo.value().is_zero()) {
      shifted.set(x, r);
      continue;
    }
    Expr y = symbol("__shift_" + std::string(x.name()), Type::Int);
    Bound hi = r.hi.is_finite() ? Bound(r.hi.value() - r.lo.value()) : r.hi;
    shifted.set(y, ValueRange::ints(Bound(0), hi));
    shift.emplace(x.node(), y + integer(r.lo.value()));
  }
  if (!shift.empty() && singleton_truth(symshape::bound(substitute(s, shift), shifted), &v))
    return decided(v, Tier::Ranges);

  if (!o.size_oblivious) {
    Decision d = axiom_tier();
    if (d.decided()) return d;
  }

  // Divisibility: Mod(x, k) is 0 when some known Mod(x, m) == 0 has k | m.
  // (Learned from guards and asserts, like the axioms.)
  if (o.use_axioms && !divisible.empty()) {
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
  Expr s = simplify(cond);
  std::vector<Expr> syms = free_symbols(s);
  for (Expr x : free_symbols(cond)) syms.push_back(x);
  std::vector<Expr> fs = facts.component(syms);
  RangeMap rm;
  auto add_ranges = [&](Expr e) {
    for (Expr x : free_symbols(e))
      if (find_info(x) && !rm.has(x)) rm.set(x, range_of(x, o.size_oblivious));
  };
  add_ranges(cond);
  add_ranges(s);
  for (Expr f : fs) add_ranges(f);
  Decision d;
  d.tier = Tier::Z3;
  SmtResult yes = smt_prove(s, fs, rm, settings.smt);
  if (yes.verdict == Verdict::Proved) {
    d.truth = Truth::True;
    for (size_t i : yes.core) d.evidence.push_back(fs[i]);
    return d;
  }
  SmtResult no = smt_prove(not_(s), fs, rm, settings.smt);
  if (no.verdict == Verdict::Proved) {
    d.truth = Truth::False;
    for (size_t i : no.core) d.evidence.push_back(fs[i]);
    return d;
  }
  d.tier = Tier::None;
  d.reason = yes.verdict == Verdict::Unknown ? yes.reason : no.reason;
  return d;
}

Decision ShapeEnv::Impl::decide(Expr cond, const DecideOptions &o) {
  if (!cond.is_bool()) throw TypeError("a decision needs a boolean condition, got " + cond.str());
  check_caches();
  int flags = (o.size_oblivious ? 1 : 0) | (o.use_axioms ? 2 : 0) | (o.use_z3 && settings.use_z3 ? 4 : 0);
  DecideKey key{cond.node(), flags};
  auto hit = decide_cache.find(key);
  if (hit != decide_cache.end()) return hit->second;
  Decision d = decide_cheap(cond, o);
  if (!d.decided() && o.use_z3 && settings.use_z3 && o.use_axioms) d = decide_z3(cond, o);
  ++tier_counts[d.tier];
  decide_cache.emplace(key, d);
  return d;
}

Decision ShapeEnv::decide(Expr cond, const DecideOptions &options) { return impl_->decide(cond, options); }

bool ShapeEnv::statically_known_true(Expr cond) { return impl_->decide(cond, {}).is_true(); }
bool ShapeEnv::statically_known_false(Expr cond) { return impl_->decide(cond, {}).is_false(); }

} // namespace symshape
