//===- learn.cpp - Learning from guards and runtime asserts ----------------===//
//
// PyTorch's _maybe_guard_rel, _refine_ranges and _set_replacement: a fact
// known to hold (a recorded guard or runtime assert) becomes
//   * a replacement, for an equality solvable for one symbol with coefficient
//     +-1 (the symbol PyTorch picks: unbacked first, then the largest hint,
//     then the highest name), never replacing an unbacked symbol by an
//     expression holding unbacked symbols (the time-travel ban);
//   * range refinements, for every symbol isolated with coefficient +-1;
//   * divisibility, for Eq(Mod(x, k), 0); for an unbacked `Mod(c*u, q) == 0`
//     a fresh unbacked u' and u := (q / gcd(q, c)) * u';
//   * axioms: the fact, for the cheap tier (linear_facts.h).
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <climits>

#include "shape_env_internal.h"

namespace symshape {

namespace {

/// The coefficient of `x` if it occurs in the linear form of `e` exactly as
/// one term (and nowhere inside another term); 0 otherwise.
Int linear_coeff(Expr e, Expr x, Expr *rest) {
  Int c(0);
  Expr r = integer(0);
  if (!e.is_int()) return Int(0);
  if (e.kind() == Kind::Add) {
    r = integer(e.constant());
    for (size_t i = 0; i < e.nargs(); ++i) {
      Expr t = e.arg(i);
      if (t == x) {
        c = e.coeff(i);
        continue;
      }
      if (has_symbol(t, x)) return Int(0); // x inside another term
      r = r + integer(e.coeff(i)) * t;
    }
  } else if (e == x) {
    c = Int(1);
  } else {
    return Int(0);
  }
  *rest = r;
  return c;
}

} // namespace

// --- Facts and axioms ----------------------------------------------------------


void ShapeEnv::Impl::add_axiom(Expr f) {
  if (f.kind() == Kind::And) {
    for (size_t i = 0; i < f.nargs(); ++i) add_axiom(f.arg(i));
    return;
  }
  // Relations over integers become bounds on their linear form, which also
  // answers their implications (`0 < e` gives `0 <= e`, `e != 0`, ...); only
  // the true side of other facts is stored (axiom_truth also looks a query
  // up negated).
  if (f.is_relation() && f.arg(0).is_int()) linear_axioms.add(f);
  else if (!f.is_bool_constant()) axioms[f.node()] = true_();
}

namespace {
/// True when every part of `f` is a relation over a sum of plain symbols:
/// the LinearFacts table then follows replacements by itself.
bool linear_in_symbols(Expr f) {
  if (f.kind() == Kind::And) {
    for (size_t i = 0; i < f.nargs(); ++i)
      if (!linear_in_symbols(f.arg(i))) return false;
    return true;
  }
  if (!f.is_relation() || !f.arg(0).is_int()) return false;
  Expr e = f.arg(0);
  if (e.is_symbol()) return true;
  if (e.kind() != Kind::Add) return false;
  for (size_t i = 0; i < e.nargs(); ++i)
    if (!e.arg(i).is_symbol()) return false;
  return true;
}
} // namespace

void ShapeEnv::Impl::add_fact(Expr fact) {
  if (fact.is_bool_constant()) return;
  add_z3_fact(fact);
  Expr s = simplify(fact);
  add_axiom(s);
  bump();
  if (linear_in_symbols(s)) return;
  // Other facts are simplified again when a symbol of theirs is replaced.
  size_t id = axiom_facts.size();
  axiom_facts.push_back(fact);
  auto index = [&](const Node *sym) {
    std::vector<size_t> &ids = axiom_facts_by_symbol[sym];
    if (ids.empty()) ids.reserve(16); // skip the small regrowths
    if (ids.empty() || ids.back() != id) ids.push_back(id); // once per fact
    return true;
  };
  all_symbols(fact, index);
  if (s != fact) all_symbols(s, index);
}

// --- Replacements --------------------------------------------------------------

namespace {
/// PyTorch's _is_supported_equivalence: s, c*s, s + c (and constants).
bool supported_equivalence(Expr e) {
  if (e.is_symbol() || e.is_integer_constant()) return true;
  if (e.kind() != Kind::Add || e.nargs() != 1 || !e.arg(0).is_symbol()) return false;
  return e.constant().is_zero() || e.coeff(0) == Int(1);
}
} // namespace

void ShapeEnv::Impl::set_replacement(Expr a, Expr tgt, const char *why) {
  (void)why;
  const bool existing = replacements.contains(a.node());
  if (existing && replacements.find(a.node())->target == tgt) return;
  if (has_symbol(tgt, a)) return;
  if (settings.prefer_deferred_runtime_asserts_over_guards && !supported_equivalence(tgt)) return;
  SymbolInfo &si = info_of(a);
  ValueRange src = ranges.get(a);
  // Refine a's range by the target's; always sound, even if we do not replace.
  ValueRange tgt_bound = bound(tgt, false);
  update_range(a, tgt_bound);
  std::vector<Expr> tsyms = free_symbols(tgt);
  if (!src.contains(tgt_bound) && tsyms.size() == 1) {
    // Invert a univariate target to narrow its symbol: tgt = c*b + k.
    Expr b = tsyms[0], rest;
    Int c = linear_coeff(tgt, b, &rest);
    if (!c.is_zero() && rest.is_integer_constant()) {
      // a in [lo, hi] and a = c*b + k  =>  b in [(lo-k)/c, (hi-k)/c] (rounded
      // inward; the ends swap when c < 0).
      ValueRange ar = ranges.get(a);
      Int k = rest.value();
      auto solve = [&](const Bound &v, bool up) {
        if (!v.is_finite()) return v.sign() * c.sign() > 0 ? Bound::pos_inf() : Bound::neg_inf();
        return Bound(up ? ceildiv(v.value() - k, c) : floordiv(v.value() - k, c));
      };
      ValueRange br = c.is_positive() ? ValueRange::ints(solve(ar.lo, true), solve(ar.hi, false))
                                      : ValueRange::ints(solve(ar.hi, true), solve(ar.lo, false));
      update_range(b, br);
      tgt_bound = bound(tgt, false);
    }
  }
  // Size-likeness propagates through plain symbol equalities only.
  if (tgt.is_symbol()) {
    SymbolInfo &ti = info_of(tgt);
    if (si.size_like) ti.size_like = true;
    else if (ti.size_like) si.size_like = true;
  }
  // Keep the user's ranges: replace only if the target stays inside a's range
  // (also size-obliviously, for size-like symbols).
  if (!src.contains(tgt_bound)) return;
  if (si.size_like) {
    // PyTorch's bound_sympy(size_oblivious=True): size-like symbols in [2, inf].
    RangeMap so;
    for (Expr x : free_symbols(tgt)) {
      const SymbolInfo *xi = find_info(x);
      so.set(x, xi && xi->size_like ? ValueRange::ints(Bound(2), Bound::pos_inf()) : ranges.get(x));
    }
    ValueRange tso = symshape::bound(replace(tgt), so);
    if (!ValueRange::ints(Bound(2), Bound::pos_inf()).contains(tso)) return;
  }
  if (!existing) replacement_order.push_back(a);
  replacements[a.node()] = {tgt, 0};
  bump_subst();
  // The equality is a fact for Z3.  Queries now arrive rewritten, so the
  // axioms follow: the linear table rewrites its forms holding `a` (no
  // expression is built); other facts mentioning `a` are simplified again.
  // (Old keys stay true.)
  add_z3_fact(eq(a, tgt));
  Expr rt = replace(tgt);
  linear_axioms.substitute(a, rt);
  auto it = axiom_facts_by_symbol.find(a.node());
  if (it != axiom_facts_by_symbol.end()) {
    std::vector<size_t> ids = it->second;
    std::vector<Expr> gained = free_symbols(rt); // the only symbols a fact can gain
    for (size_t id : ids) {
      Expr s = simplify(axiom_facts[id]);
      for (Expr sym : gained) {
        std::vector<size_t> &v = axiom_facts_by_symbol[sym.node()];
        if (std::find(v.begin(), v.end(), id) == v.end() && has_symbol(s, sym)) v.push_back(id);
      }
      add_axiom(s);
    }
  }
}

void ShapeEnv::Impl::add_divisible(Expr m) {
  for (Expr d : divisible)
    if (d == m) return;
  divisible.push_back(m);
  add_z3_fact(eq(m, integer(0)));
  bump_subst();
}

// --- Learning ------------------------------------------------------------------

namespace {
// The fast path's limits: every finite range end and the constant below
// 2^40 in magnitude (a trillion: sizes are far smaller), coefficients below
// 2^20, at most 8 terms.  A term's end is then below 2^60 and every sum of 8
// below 2^63: all in 64-bit integers, no check needed on the way.
constexpr int64_t kSmallEnd = int64_t{1} << 40;
constexpr int64_t kSmallCoeff = int64_t{1} << 20;
constexpr size_t kSmallTerms = 8;
bool small_end(bool inf, int64_t v) { return inf || (v < kSmallEnd && v > -kSmallEnd); }
} // namespace

size_t ShapeEnv::Impl::refine_small_sum(Expr rel) {
  Expr e = rel.arg(0);
  const bool is_add = e.kind() == Kind::Add;
  const size_t n = is_add ? e.nargs() : 1;
  if (n > kSmallTerms || (!is_add && !e.is_symbol())) return 0;
  const __int128 k128 = is_add ? e.constant().raw() : 0;
  if (k128 >= kSmallEnd || k128 <= -kSmallEnd) return 0;
  const int64_t k = static_cast<int64_t>(k128);
  // Term i is c_i * x_i in [lo, hi]; an infinite end counts apart (its
  // value is 0), as LinearTermBounds counts them.
  struct Term {
    const Node *x;
    int64_t c, lo, hi;
    bool lo_inf, hi_inf;
  } t[kSmallTerms];
  auto read = [&](Term &u) {
    // (Empty ranges, ends infinite the wrong way, and big ends go to the general path.)
    const RangeMap::Ends64 *r = ranges.find_ends64(Expr(u.x));
    if (!r || !small_end(r->lo_inf, r->lo) || !small_end(r->hi_inf, r->hi)) return false;
    u.lo_inf = u.c > 0 ? r->lo_inf : r->hi_inf;
    u.hi_inf = u.c > 0 ? r->hi_inf : r->lo_inf;
    u.lo = (u.c > 0 ? r->lo : r->hi) * u.c; // (an infinite end's value is 0)
    u.hi = (u.c > 0 ? r->hi : r->lo) * u.c;
    return true;
  };
  int64_t sum_lo = k, sum_hi = k;
  int inf_lo = 0, inf_hi = 0;
  for (size_t i = 0; i < n; ++i) {
    Expr x = is_add ? e.arg(i) : e;
    if (!x.is_symbol()) return 0;
    t[i].x = x.node();
    const __int128 c = is_add ? e.coeff(i).raw() : 1;
    if (c >= kSmallCoeff || c <= -kSmallCoeff) return 0;
    t[i].c = static_cast<int64_t>(c);
    if (!read(t[i])) return 0;
    sum_lo += t[i].lo;
    sum_hi += t[i].hi;
    inf_lo += t[i].lo_inf;
    inf_hi += t[i].hi_inf;
  }
  if (inf_lo >= 2 && inf_hi >= 2) return n; // every rest is unbounded both ways
  const Kind rk = rel.kind(); // 0 < e, 0 <= e, 0 == e
  for (size_t j = 0; j < n; ++j) {
    Term &u = t[j];
    if (u.c != 1 && u.c != -1) continue;
    // The rest, e - c*x, in [rest_lo, rest_hi]; then
    //   c = 1:   x > -rest (Lt), x >= -rest (Le), x == -rest (Eq);
    //   c = -1:  x < rest,       x <= rest,       x == rest;
    // each end tested against x's own first (most guards teach nothing).
    const bool rest_lo_inf = inf_lo - u.lo_inf > 0, rest_hi_inf = inf_hi - u.hi_inf > 0;
    const int64_t rest_lo = sum_lo - u.lo, rest_hi = sum_hi - u.hi;
    // x's range from its term: c*x in [u.lo, u.hi].
    const bool x_lo_inf = u.c == 1 ? u.lo_inf : u.hi_inf, x_hi_inf = u.c == 1 ? u.hi_inf : u.lo_inf;
    const int64_t x_lo = u.c == 1 ? u.lo : -u.hi, x_hi = u.c == 1 ? u.hi : -u.lo;
    bool new_lo = false, new_hi = false;
    int64_t lo = 0, hi = 0;
    if (u.c == 1) {
      if (!rest_hi_inf) { // a lower end for x
        lo = -rest_hi + (rk == Kind::Lt ? 1 : 0);
        new_lo = x_lo_inf || lo > x_lo;
      }
      if (rk == Kind::Eq && !rest_lo_inf) {
        hi = -rest_lo;
        new_hi = x_hi_inf || hi < x_hi;
      }
    } else {
      if (!rest_hi_inf) { // an upper end for x
        hi = rest_hi - (rk == Kind::Lt ? 1 : 0);
        new_hi = x_hi_inf || hi < x_hi;
      }
      if (rk == Kind::Eq && !rest_lo_inf) {
        lo = rest_lo;
        new_lo = x_lo_inf || lo > x_lo;
      }
    }
    if (!new_lo && !new_hi) continue;
    Expr x(u.x);
    const ValueRange &old = *ranges.find(x);
    const Bound lo_end = new_lo ? Bound(Int(lo)) : old.lo;
    const Bound hi_end = new_hi ? Bound(Int(hi)) : old.hi;
    update_range(x, ValueRange::ints(lo_end, hi_end));
    // Re-read the term (update_range may narrow differently).
    sum_lo -= u.lo;
    sum_hi -= u.hi;
    inf_lo -= u.lo_inf;
    inf_hi -= u.hi_inf;
    const bool still_small = read(u);
    sum_lo += u.lo;
    sum_hi += u.hi;
    inf_lo += u.lo_inf;
    inf_hi += u.hi_inf;
    ValueRange now = ranges.get(x);
    if (now.is_singleton()) set_replacement(x, integer(now.lo.value()), "range_refined_to_singleton");
    if (!still_small) return j + 1; // an end past 2^40 now: the general path goes on
  }
  return n;
}

void ShapeEnv::Impl::refine_ranges(Expr rel) {
  rel = simplify(rel);
  if (!rel.is_relation() || rel.kind() == Kind::Ne || !rel.arg(0).is_int()) return;
  // Most guards: a sum of plain symbols with small numbers.
  const size_t first = refine_small_sum(rel);
  Expr e = rel.arg(0);
  // Every symbol that is a term of e with coefficient +-1 (and occurs in no
  // other term) is isolated: 0 REL c*x + rest  =>  x REL' -c*rest.  The
  // rest's range comes from the terms' intervals, bounded once (this runs
  // per guard).
  const bool is_add = e.kind() == Kind::Add;
  const size_t n = is_add ? e.nargs() : 1;
  if (first == n) return;
  std::optional<LinearTermBounds> terms;
  for (size_t j = first; j < n; ++j) {
    Expr x = is_add ? e.arg(j) : e;
    Int c = is_add ? e.coeff(j) : Int(1);
    // (Every symbol of this ShapeEnv has a range: the range map tells ours.)
    if (!x.is_symbol() || (c != Int(1) && c != Int(-1)) || !ranges.find(x)) continue;
    bool inside = false;
    for (size_t i = 0; i < n && !inside; ++i)
      if (i != j && !e.arg(i).is_symbol())
        inside = has_symbol(e.arg(i), x);
    if (inside) continue;
    if (!terms) {
      terms.emplace(e, ranges);
      if (terms->all_unbounded()) return; // every rest is unbounded both ways
    }
    Bound rest_lo, rest_hi;
    if (!terms->without(j, &rest_lo, &rest_hi)) continue; // past 128 bits: nothing learned
    // The range of -c*rest: rest's, negated when c = 1.
    Bound rlo = rest_lo, rhi = rest_hi;
    if (c == Int(1)) {
      // (A lower bound of -(-2**127) would saturate to +inf: learn nothing.)
      if (rest_hi.is_finite() && rest_hi.value() == Int::min()) continue;
      rlo = negate(rest_hi);
      rhi = negate(rest_lo);
    }
    ValueRange old = *ranges.find(x);
    Bound lo = old.lo, hi = old.hi;
    bool gt = false, ge = false, lt = false, le_ = false;
    switch (rel.kind()) {
    case Kind::Eq: ge = le_ = true; break;
    case Kind::Lt: (c == Int(1) ? gt : lt) = true; break; //  x > -rest  or  x < rest
    case Kind::Le: (c == Int(1) ? ge : le_) = true; break;
    default: break;
    }
    auto plus = [](const Bound &b, int d) {
      if (!b.is_finite()) return b;
      return Bound(b.value() + Int(d));
    };
    if (gt || ge) lo = max(lo, plus(rlo, gt ? 1 : 0));
    if (lt || le_) hi = min(hi, plus(rhi, lt ? -1 : 0));
    if (lo == old.lo && hi == old.hi) continue;
    update_range(x, ValueRange::ints(lo, hi));
    terms->update(j);
    ValueRange now = ranges.get(x);
    if (now.is_singleton()) set_replacement(x, integer(now.lo.value()), "range_refined_to_singleton");
  }
}

void ShapeEnv::Impl::learn(Expr fact) {
  if (fact.kind() == Kind::And) {
    for (size_t i = 0; i < fact.nargs(); ++i) learn(fact.arg(i));
    return;
  }
  if (!fact.is_relation() || fact.kind() == Kind::Ne || !fact.arg(0).is_int()) return;
  // Facts over 1 to 5 symbols (counted without collecting them; a sum of
  // plain symbols, most guards, has one per term: no walk).
  const Node *seen[5];
  size_t nseen = 0;
  bool few;
  if (linear_in_symbols(fact)) {
    nseen = fact.arg(0).is_symbol() ? 1 : fact.arg(0).nargs();
    few = nseen <= 5;
  } else {
    few = all_symbols(fact, [&](const Node *s) {
      for (size_t i = 0; i < nseen; ++i)
        if (seen[i] == s) return true;
      if (nseen == 5) return false;
      seen[nseen++] = s;
      return true;
    });
  }
  if (!few || nseen == 0) return;
  refine_ranges(fact);
  if (fact.kind() != Kind::Eq) return;
  Expr e = replace(fact.arg(0));
  if (e.is_integer_constant()) return;

  if (e.has_mod()) {
    // Eq(Mod(x, q), 0): the Mod term alone, coefficient +-1, nothing else.
    if (e.kind() == Kind::Add && e.nargs() == 1 && e.constant().is_zero() && e.arg(0).kind() == Kind::Mod &&
        (e.coeff(0) == Int(1) || e.coeff(0) == Int(-1))) {
      e = e.arg(0);
    }
    if (e.kind() != Kind::Mod) return;
    add_divisible(e);
    Expr p = e.arg(0), q = e.arg(1);
    // Mod(c*u, q) == 0 with u unbacked: u := (q / gcd(q, c)) * u'.
    if (q.is_integer_constant() && p.kind() == Kind::Add && p.nargs() == 1 && p.constant().is_zero() &&
        p.arg(0).is_symbol() && is_unbacked(p.arg(0))) {
      Int c = p.coeff(0), qv = q.value();
      Int d = floordiv(qv, gcd(qv, c));
      if (d > Int(1)) {
        Expr u = p.arg(0);
        Expr u1 = new_unbacked("");
        pending_unbacked.pop_back(); // allocated by the engine, bound through u
        ValueRange ur = ranges.get(u);
        auto fd = [&](const Bound &b) { return b.is_finite() ? Bound(floordiv(b.value(), d)) : b; };
        update_range(u1, ValueRange::ints(fd(ur.lo), fd(ur.hi)));
        if (info_of(u).size_like) info_of(u1).size_like = true;
        set_replacement(u, integer(d) * u1, "divisibility");
      }
    }
    return;
  }
  // PyTorch gives up on equalities holding a true floor division.
  bool true_floordiv = false;
  for_each_node(e, [&](Expr n) {
    if ((n.kind() == Kind::FloorDiv || n.kind() == Kind::CleanDiv) &&
        !(n.arg(1).is_integer_constant() && n.arg(1).value() == Int(1)))
      true_floordiv = true;
  });
  if (true_floordiv) return;
  // The symbol PyTorch would solve for: unbacked first (no hint), then the
  // largest hint, then the lexicographically highest name.
  std::vector<Expr> syms = free_symbols(e);
  auto key_less = [&](Expr a, Expr b) {
    const SymbolInfo *ia = find_info(a), *ib = find_info(b);
    Int ha = ia && ia->hint ? *ia->hint : Int::max();
    Int hb = ib && ib->hint ? *ib->hint : Int::max();
    if (ha != hb) return ha < hb;
    return a.name() < b.name(); // Python string order, as PyTorch sorts names
  };
  Expr x = *std::max_element(syms.begin(), syms.end(), key_less);
  if (!find_info(x)) return;
  Expr rest;
  Int c = linear_coeff(e, x, &rest);
  if (c != Int(1) && c != Int(-1)) return;
  Expr solution = c == Int(1) ? -rest : rest;
  solution = replace(solution);
  if (has_unbacked(solution)) return; // the time-travel ban
  set_replacement(x, solution, "solve");
}

} // namespace symshape
