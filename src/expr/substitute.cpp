//===- substitute.cpp - Rebuilding and substituting terms ------------------===//
#include "symshape/expr/substitute.h"

#include "expr_internal.h"

namespace symshape {

Expr rebuild(Expr e, const std::vector<Expr> &a) { return rebuild(e, a.data(), a.size()); }

namespace {
/// The value `pairs` gives the node `n`, or null (a handful of keys: a scan).
const Expr *lookup(const SubstPairs &pairs, const Node *n) {
  for (auto &[k, v] : pairs)
    if (k == n) return &v;
  return nullptr;
}

/// Adds c * a to constant + terms, a's own terms taken as they are (an
/// integer, a sum, or one term): linear_of without its copy of the terms.
void add_scaled(Expr a, const Int &c, Int &constant, detail::Terms &terms) {
  if (a.kind() == Kind::Integer) {
    constant += a.value() * c;
  } else if (a.kind() == Kind::Add) {
    constant += a.constant() * c;
    for (size_t j = 0; j < a.nargs(); ++j) terms.push_back({a.arg(j), a.coeff(j) * c});
  } else {
    terms.push_back({a, c});
  }
}
} // namespace

Expr rebuild(Expr e, const Expr *a, size_t n) {
  auto all = [&] { return std::vector<Expr>(a, a + n); };
  switch (e.kind()) {
  case Kind::Integer:
  case Kind::Float:
  case Kind::BoolConst:
  case Kind::Symbol: return e;
  case Kind::Add: {
    // One node for the whole sum (adding term by term would intern every
    // partial sum and every scaled term).
    Int constant = e.constant();
    detail::Terms terms;
    for (size_t i = 0; i < n; ++i) {
      if (a[i].is_float()) { // not an integer sum any more: the general path
        Expr r = integer(e.constant());
        for (size_t j = 0; j < n; ++j) r = r + detail::scale(a[j], e.coeff(j));
        return r;
      }
      add_scaled(a[i], e.coeff(i), constant, terms);
    }
    return detail::add_unsorted(constant, std::move(terms));
  }
  case Kind::Mul: {
    Expr r = integer(1);
    for (size_t i = 0; i < n; ++i) r = r * pow(a[i], e.exponent(i));
    return r;
  }
  case Kind::FloorDiv: return floordiv(a[0], a[1]);
  case Kind::CleanDiv: return clean_div(a[0], a[1]);
  case Kind::Mod: return mod(a[0], a[1]);
  case Kind::Min: return sym_min(all());
  case Kind::Max: return sym_max(all());
  case Kind::PowByNatural: return pow(a[0], a[1]);
  case Kind::ToFloat: return to_float(a[0]);
  case Kind::IntTrueDiv: return int_truediv(a[0], a[1]);
  case Kind::FloatTrueDiv: return float_truediv(a[0], a[1]);
  case Kind::FloatAdd: {
    Expr r = a[0];
    for (size_t i = 1; i < n; ++i) r = r + a[i];
    return r;
  }
  case Kind::FloatMul: {
    Expr r = a[0];
    for (size_t i = 1; i < n; ++i) r = r * a[i];
    return r;
  }
  case Kind::FloatPow: return pow(a[0], a[1]);
  case Kind::TruncToInt: return trunc_to_int(a[0]);
  case Kind::FloorToInt: return floor_to_int(a[0]);
  case Kind::CeilToInt: return ceil_to_int(a[0]);
  case Kind::RoundToInt: return round_to_int(a[0]);
  case Kind::Eq:
  case Kind::Ne:
  case Kind::Lt:
  case Kind::Le:
    // An integer argument is already `e REL 0`: its normal form directly
    // (no `e - 0` to build); a float one goes through the promotion.
    if (a[0].is_int()) return detail::relation_of(e.kind(), a[0]);
    switch (e.kind()) {
    case Kind::Eq: return eq(a[0], floating(0.0));
    case Kind::Ne: return ne(a[0], floating(0.0));
    case Kind::Lt: return lt(floating(0.0), a[0]);
    default: return le(floating(0.0), a[0]);
    }
  case Kind::And: return and_(all());
  case Kind::Or: return or_(all());
  case Kind::Not: return not_(a[0]);
  case Kind::Where: return where(a[0], a[1], a[2]);
  }
  return e;
}

namespace {
class Substituter {
public:
  Substituter(const SubstMap *m, const SubstPairs *p, bool memoize) : m_(m), p_(p), memoize_(memoize) {}
  Expr run(Expr e) {
    if (m_) {
      auto hit = m_->find(e.node());
      if (hit != m_->end()) return hit->second;
    } else {
      if (const Expr *v = lookup(*p_, e.node())) return *v;
    }
    if (e.nargs() == 0) return e;
    if (memoize_) {
      auto memo = memo_.find(e.node());
      if (memo != memo_.end()) return memo->second;
    }
    detail::SmallVec<Expr, 8> args;
    bool changed = false;
    for (size_t i = 0; i < e.nargs(); ++i) {
      Expr a = run(e.arg(i));
      changed |= a != e.arg(i);
      args.push_back(a);
    }
    Expr r = changed ? rebuild(e, args.data(), args.size()) : e;
    if (memoize_) memo_.emplace(e.node(), r);
    return r;
  }

private:
  const SubstMap *m_;
  const SubstPairs *p_;
  bool memoize_;
  std::unordered_map<const Node *, Expr> memo_;
};
} // namespace

Expr substitute(Expr e, const SubstMap &map) {
  if (map.empty()) return e;
  // Small trees are cheaper to walk twice than to memoize (shared subterms
  // are rare there); large DAGs need the memo.
  Substituter s(&map, nullptr, e.size() > 32);
  return s.run(e);
}

namespace {
/// The common guard, a relation over k + sum(c_i * x_i) with plain symbols
/// x_i, substituted without the general walk: what rebuild() does for the
/// sum and then the relation, in one step.  False (nothing done) for any
/// other shape, or when a float or a key other than a symbol comes in.
bool substitute_linear_relation(Expr e, const SubstPairs &pairs, Expr *out) {
  if (!e.is_relation() || e.arg(0).kind() != Kind::Add) return false;
  Expr a = e.arg(0);
  if (lookup(pairs, e.node()) || lookup(pairs, a.node())) return false;
  Int constant = a.constant();
  detail::Terms terms;
  bool changed = false;
  for (size_t i = 0; i < a.nargs(); ++i) {
    Expr x = a.arg(i);
    if (!x.is_symbol()) return false;
    const Int c = a.coeff(i);
    const Expr *v = lookup(pairs, x.node());
    if (!v) {
      terms.push_back({x, c});
      continue;
    }
    changed = true;
    if (v->is_float()) return false;
    add_scaled(*v, c, constant, terms);
  }
  *out = changed ? detail::relation_of(e.kind(), detail::add_unsorted(constant, std::move(terms))) : e;
  return true;
}
} // namespace

Expr substitute(Expr e, const SubstPairs &pairs) {
  if (pairs.empty()) return e;
  Expr fast;
  if (substitute_linear_relation(e, pairs, &fast)) return fast;
  Substituter s(nullptr, &pairs, e.size() > 32);
  return s.run(e);
}

bool has_any_symbol(Expr e, const SubstMap &symbols) {
  if (!e.has_symbols()) return false;
  if (e.is_symbol()) return symbols.count(e.node()) != 0;
  for (size_t i = 0; i < e.nargs(); ++i)
    if (has_any_symbol(e.arg(i), symbols)) return true;
  return false;
}

} // namespace symshape
