//===- bound_tightening.cpp - Ranges narrowed by facts ---------------------===//
#include "symshape/reason/bound_tightening.h"

#include <algorithm>

#include "symshape/expr/errors.h"

namespace symshape {

namespace {

/// The terms of an integer expression: constant + sum(coeff * monomial).
struct Term {
  Int coeff;
  Expr mono;
};

std::vector<Term> terms_of(Expr e) {
  if (e.kind() == Kind::Add) {
    std::vector<Term> out;
    for (size_t i = 0; i < e.nargs(); ++i) out.push_back({e.coeff(i), e.arg(i)});
    return out;
  }
  return {{Int(1), e}};
}

/// Range of the term `c*mono` implied by `c*mono + rest ⋈ 0` where rest has
/// range `r` (kind: Lt is >= 1, Le is >= 0, Eq is == 0).
bool term_range(Kind k, const ValueRange &r, Bound *lo, Bound *hi) {
  *lo = Bound::neg_inf();
  *hi = Bound::pos_inf();
  Int t = k == Kind::Lt ? Int(1) : Int(0);
  // c*m >= t - rest >= t - rest.hi
  if (r.hi.is_finite()) *lo = Bound(t - r.hi.value());
  // Eq: c*m <= -rest <= -rest.lo
  if (k == Kind::Eq && r.lo.is_finite()) *hi = Bound(-r.lo.value());
  return lo->is_finite() || hi->is_finite();
}

/// Range of m from the range of c*m.
ValueRange divide_range(Int c, Bound lo, Bound hi) {
  Bound mlo = Bound::neg_inf(), mhi = Bound::pos_inf();
  if (c > Int(0)) {
    if (lo.is_finite()) mlo = Bound(ceildiv(lo.value(), c));
    if (hi.is_finite()) mhi = Bound(floordiv(hi.value(), c));
  } else {
    if (lo.is_finite()) mhi = Bound(floordiv(lo.value(), c));
    if (hi.is_finite()) mlo = Bound(ceildiv(hi.value(), c));
  }
  return ValueRange::ints(mlo, mhi);
}

class Tightener {
public:
  Tightener(RangeMap &ranges) : ranges_(ranges) {}

  /// Narrows x by `0 ⋈ e`; true when it changed.
  bool apply(Kind k, Expr e, Expr x) {
    for (const Term &term : terms_of(e)) {
      Expr other; // the second factor of a product x*y
      if (term.mono == x) {
      } else if (term.mono.kind() == Kind::Mul && term.mono.nargs() == 2 && term.mono.exponent(0) == 1 &&
                 term.mono.exponent(1) == 1 && (term.mono.arg(0) == x || term.mono.arg(1) == x)) {
        other = term.mono.arg(0) == x ? term.mono.arg(1) : term.mono.arg(0);
      } else {
        continue;
      }
      Expr rest = e - Expr(term.coeff) * term.mono;
      if (has(rest, x)) return false; // x elsewhere too: not linear in x
      Bound lo, hi;
      if (!term_range(k, bound(rest, ranges_), &lo, &hi)) return false;
      ValueRange m = divide_range(term.coeff, lo, hi); // range of the monomial
      ValueRange now = ranges_.get(x);
      ValueRange narrowed = now;
      if (other.is_null()) {
        narrowed = now.intersect(m);
      } else {
        // m = x*y with y >= 1: x >= ceil(m.lo / y.hi) when m.lo > 0;
        // x <= floor(m.hi / y.lo) when m.hi >= 0.
        ValueRange y = ranges_.get(other);
        if (!y.lo.is_finite() || y.lo.value() < Int(1)) return false;
        Bound xlo = Bound::neg_inf(), xhi = Bound::pos_inf();
        if (m.lo.is_finite() && m.lo.value() > Int(0) && y.hi.is_finite()) xlo = Bound(ceildiv(m.lo.value(), y.hi.value()));
        if (m.hi.is_finite() && m.hi.value() >= Int(0)) xhi = Bound(floordiv(m.hi.value(), y.lo.value()));
        narrowed = now.intersect(ValueRange::ints(xlo, xhi));
      }
      if (narrowed.is_empty() || narrowed == now) return false;
      ranges_.set(x, narrowed);
      return true;
    }
    return false;
  }

private:
  static bool has(Expr e, Expr x) {
    for (Expr s : free_symbols(e))
      if (s == x) return true;
    return false;
  }
  RangeMap &ranges_;
};

void relations_of(Expr fact, std::vector<Expr> &out) {
  if (fact.kind() == Kind::And) {
    for (size_t i = 0; i < fact.nargs(); ++i) relations_of(fact.arg(i), out);
  } else if ((fact.kind() == Kind::Lt || fact.kind() == Kind::Le || fact.kind() == Kind::Eq) &&
             fact.arg(0).is_int()) {
    out.push_back(fact);
  }
}

} // namespace

std::vector<size_t> tighten_bounds(const std::vector<Expr> &targets, const std::vector<Expr> &facts,
                                   RangeMap &ranges, unsigned rounds) {
  std::vector<char> used(facts.size(), 0);
  Tightener t(ranges);
  std::vector<std::vector<Expr>> rels(facts.size());
  std::vector<std::vector<Expr>> syms(facts.size());
  for (size_t i = 0; i < facts.size(); ++i) {
    relations_of(facts[i], rels[i]);
    if (!rels[i].empty()) syms[i] = free_symbols(facts[i]);
  }
  for (unsigned round = 0; round < rounds; ++round) {
    bool any = false;
    for (size_t i = 0; i < facts.size(); ++i)
      for (Expr rel : rels[i])
        for (Expr x : targets) {
          if (!x.is_int() || !x.is_symbol() || std::find(syms[i].begin(), syms[i].end(), x) == syms[i].end())
            continue;
          try {
            if (t.apply(rel.kind(), rel.arg(0), x)) {
              any = true;
              used[i] = 1;
            }
          } catch (const OverflowError &) {
            // bounds too large to combine: no narrowing from this relation
          }
        }
    if (!any) break;
  }
  std::vector<size_t> out;
  for (size_t i = 0; i < facts.size(); ++i)
    if (used[i]) out.push_back(i);
  return out;
}

std::vector<size_t> tighten_all_bounds(const std::vector<Expr> &facts, RangeMap &ranges, unsigned rounds) {
  std::vector<Expr> targets;
  for (Expr f : facts)
    for (Expr s : free_symbols(f)) targets.push_back(s);
  std::sort(targets.begin(), targets.end(), ExprLess());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  return tighten_bounds(targets, facts, ranges, rounds);
}

} // namespace symshape
