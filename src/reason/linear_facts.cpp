//===- linear_facts.cpp - Bounds on linear forms ----------------------------===//
#include "symshape/reason/linear_facts.h"

#include <algorithm>

#include "symshape/expr/errors.h"

namespace symshape {

/// e = sign * g * L + k, read off e's nodes: L's atoms are e's terms and its
/// coefficients e's divided by sign * g.
struct LinearFacts::Form {
  const Node *const *atoms = nullptr;
  const Int *coeffs = nullptr; ///< null: the single atom `e` with coefficient 1
  size_t n = 0;
  Int g{1}, k{0};
  int sign = 1;
  uint64_t hash = 0;
  const Node *single = nullptr;

  Int coeff(size_t i) const {
    if (!coeffs) return Int(1);
    Int c = g == Int(1) ? coeffs[i] : floordiv(coeffs[i], g); // 128-bit division only when needed
    return sign < 0 ? -c : c;
  }
  const Node *atom(size_t i) const { return coeffs ? atoms[i] : single; }

  /// False for constants and non-integers.
  bool read(Expr e) {
    if (!e.is_int() || e.is_constant()) return false;
    if (e.kind() == Kind::Add) {
      atoms = e.node()->args;
      coeffs = e.node()->coeffs;
      n = e.nargs();
      k = e.constant();
      Int c(0);
      for (size_t i = 0; i < n; ++i) c = gcd(c, coeffs[i]);
      g = c;
      sign = coeffs[0].sign() < 0 ? -1 : 1;
    } else {
      single = e.node();
      n = 1;
    }
    uint64_t h = 0x51ED270B27C4D1A3ULL;
    for (size_t i = 0; i < n; ++i) {
      h = (h ^ atom(i)->hash) * 0x9E3779B97F4A7C15ULL;
      h = (h ^ static_cast<uint64_t>(coeff(i).raw())) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    hash = h;
    return true;
  }
};

const LinearFacts::Entry *LinearFacts::find(const Form &f) const {
  auto it = table_.find(f.hash);
  if (it == table_.end()) return nullptr;
  for (const Entry &e : it->second) {
    if (e.terms.size() != f.n) continue;
    bool same = true;
    for (size_t i = 0; same && i < f.n; ++i) same = e.terms[i].first == f.atom(i) && e.terms[i].second == f.coeff(i);
    if (same) return &e;
  }
  return nullptr;
}

LinearFacts::Entry &LinearFacts::find_or_add(const Form &f) {
  if (const Entry *e = find(f)) return const_cast<Entry &>(*e);
  Entry e;
  e.terms.reserve(f.n);
  for (size_t i = 0; i < f.n; ++i) e.terms.emplace_back(f.atom(i), f.coeff(i));
  ++size_;
  std::vector<Entry> &bucket = table_[f.hash];
  bucket.push_back(std::move(e));
  return bucket.back();
}

namespace {

constexpr size_t kMaxExcluded = 16;

/// Moves the ends of [lo, hi] past excluded values (an excluded single
/// point leaves the interval empty) and drops exclusions outside.
void tighten(std::optional<Int> &lo, std::optional<Int> &hi, std::vector<Int> &excluded) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const Int &x : excluded) {
      if (lo && x == *lo) {
        lo = *lo + Int(1);
        moved = true;
      } else if (hi && x == *hi) {
        hi = *hi - Int(1);
        moved = true;
      }
    }
  }
  excluded.erase(std::remove_if(excluded.begin(), excluded.end(),
                                [&](const Int &x) { return (lo && x < *lo) || (hi && x > *hi); }),
                 excluded.end());
}

/// The relation `0 <= e` / `0 < e` over e = sign*g*L + k as a bound on L:
/// L >= t (lower) or L <= t (upper).
Int bound_on_form(Kind rel, const Int &g, const Int &k, int sign, bool *lower) {
  *lower = sign > 0;
  Int need = rel == Kind::Lt ? Int(1) - k : -k; // sign*g*L >= need
  return sign > 0 ? ceildiv(need, g) : floordiv(-need, g);
}

} // namespace

void LinearFacts::add(Expr f) {
  if (f.kind() == Kind::And) {
    for (size_t i = 0; i < f.nargs(); ++i) add(f.arg(i));
    return;
  }
  if (!f.is_relation()) return;
  Form form;
  if (!form.read(f.arg(0))) return;
  try {
    Entry &e = find_or_add(form);
    switch (f.kind()) {
    case Kind::Le:
    case Kind::Lt: {
      bool lower;
      Int t = bound_on_form(f.kind(), form.g, form.k, form.sign, &lower);
      if (lower) e.lo = e.lo ? std::max(*e.lo, t) : t;
      else e.hi = e.hi ? std::min(*e.hi, t) : t;
      break;
    }
    case Kind::Eq:
    case Kind::Ne: {
      if (!pymod(form.k, form.g).is_zero()) return; // never 0: nothing to learn
      Int t = floordiv(-form.k, form.g) * Int(form.sign);
      if (f.kind() == Kind::Eq) {
        e.lo = e.lo ? std::max(*e.lo, t) : t;
        e.hi = e.hi ? std::min(*e.hi, t) : t;
      } else if (e.excluded.size() < kMaxExcluded &&
                 std::find(e.excluded.begin(), e.excluded.end(), t) == e.excluded.end()) {
        e.excluded.push_back(t);
      }
      break;
    }
    default: return;
    }
    tighten(e.lo, e.hi, e.excluded);
  } catch (const OverflowError &) {
    // A bound past 128 bits: dropping it only loses knowledge.
  }
}

std::optional<bool> LinearFacts::truth(Expr g) const {
  if (g.is_bool_constant()) return g.bool_value();
  switch (g.kind()) {
  case Kind::Not: {
    std::optional<bool> t = truth(g.arg(0));
    if (t) return !*t;
    return std::nullopt;
  }
  case Kind::And:
  case Kind::Or: {
    const bool is_and = g.kind() == Kind::And;
    bool all = true;
    for (size_t i = 0; i < g.nargs(); ++i) {
      std::optional<bool> t = truth(g.arg(i));
      if (t && *t != is_and) return !is_and; // a false conjunct / a true disjunct
      all = all && t.has_value();
    }
    if (all) return is_and;
    return std::nullopt;
  }
  default: break;
  }
  if (!g.is_relation()) return std::nullopt;
  Form form;
  if (!form.read(g.arg(0))) return std::nullopt;
  const Entry *e = find(form);
  if (!e || (e->lo && e->hi && *e->lo > *e->hi)) return std::nullopt;
  try {
    switch (g.kind()) {
    case Kind::Le:
    case Kind::Lt: {
      bool lower;
      Int t = bound_on_form(g.kind(), form.g, form.k, form.sign, &lower);
      if (lower) { // holds iff L >= t
        if (e->lo && *e->lo >= t) return true;
        if (e->hi && *e->hi < t) return false;
      } else { // holds iff L <= t
        if (e->hi && *e->hi <= t) return true;
        if (e->lo && *e->lo > t) return false;
      }
      return std::nullopt;
    }
    case Kind::Eq:
    case Kind::Ne: {
      const bool is_eq = g.kind() == Kind::Eq;
      if (!pymod(form.k, form.g).is_zero()) return !is_eq;
      Int t = floordiv(-form.k, form.g) * Int(form.sign); // e == 0 iff L == t
      if (e->lo && e->hi && *e->lo == t && *e->hi == t) return is_eq;
      if ((e->lo && t < *e->lo) || (e->hi && t > *e->hi) ||
          std::find(e->excluded.begin(), e->excluded.end(), t) != e->excluded.end())
        return !is_eq;
      return std::nullopt;
    }
    default: return std::nullopt;
    }
  } catch (const OverflowError &) {
    return std::nullopt;
  }
}

} // namespace symshape
