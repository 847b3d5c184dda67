//===- build_arith.cpp - Normal form of sums, products and powers ---------===//
//
// An integer polynomial is kept as  constant + sum(coeff_i * mono_i)  (Add)
// with monomials  prod(factor_j ** exp_j)  (Mul, coefficient 1).  Products
// of sums are expanded while the result stays small (kMaxExpandedTerms), so
// equal polynomials are usually the same node; beyond that a sum stays a
// factor (still correct, just less canonical).
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cmath>

#include "expr_internal.h"

namespace symshape {
namespace detail {

namespace {
constexpr size_t kMaxExpandedTerms = 64;

bool is_general_add(Expr e) {
  return e.kind() == Kind::Add && (e.nargs() > 1 || !e.constant().is_zero());
}

/// A scaled monomial: coeff * prod(factors).
struct Product {
  Int coeff{1};
  Factors factors; // sorted by compare()
};

Product product_of(Expr e) {
  Product p;
  switch (e.kind()) {
  case Kind::Integer:
    p.coeff = e.value();
    return p;
  case Kind::Mul:
    for (size_t i = 0; i < e.nargs(); ++i) p.factors.emplace_back(e.arg(i), e.exponent(i));
    return p;
  case Kind::Add:
    if (!is_general_add(e)) {
      Product inner = product_of(e.arg(0));
      inner.coeff = e.coeff(0) * inner.coeff;
      return inner;
    }
    [[fallthrough]];
  default:
    p.factors.emplace_back(e, 1u);
    return p;
  }
}

uint32_t add_exponents(uint32_t a, uint32_t b) {
  uint32_t r;
  if (__builtin_add_overflow(a, b, &r))
    throw OverflowError("exponent overflow in a product of powers");
  return r;
}

/// The monomial (coefficient 1) with these sorted factors.
Expr make_monomial(const Factors &factors) {
  if (factors.empty()) return integer(1);
  if (factors.size() == 1 && factors[0].second == 1) return factors[0].first;
  SmallVec<const Node *, 8> args;
  SmallVec<uint32_t, 8> exps;
  args.reserve(factors.size());
  exps.reserve(factors.size());
  for (auto &[f, k] : factors) {
    args.push_back(f.node());
    exps.push_back(k);
  }
  NodeSpec s{Kind::Mul, Type::Int};
  s.args = args.data();
  s.nargs = static_cast<uint32_t>(args.size());
  s.exps = exps.data();
  return Expr(intern(s));
}

Factors
merge_factors(const Factors &a,
              const Factors &b) {
  Factors out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int c = i == a.size() ? 1 : j == b.size() ? -1 : compare(a[i].first, b[j].first);
    if (c < 0) {
      out.push_back(a[i++]);
    } else if (c > 0) {
      out.push_back(b[j++]);
    } else {
      fired(Rule::MulPowers);
      out.emplace_back(a[i].first, add_exponents(a[i].second, b[j].second));
      ++i;
      ++j;
    }
  }
  return out;
}

Expr mul_products(const Product &a, const Product &b) {
  Int coeff = a.coeff * b.coeff;
  if (coeff.is_zero()) {
    fired(Rule::MulZero);
    return integer(0);
  }
  fired(Rule::MulFlatten);
  return scale(make_monomial(merge_factors(a.factors, b.factors)), coeff);
}

/// Expands a product of two sums (or a sum and a monomial).
Expr distribute(Expr a, Expr b) {
  Linear la = linear_of(a), lb = linear_of(b);
  Terms terms;
  terms.reserve((la.terms.size() + 1) * (lb.terms.size() + 1));
  Int constant = la.constant * lb.constant;
  auto add_scaled = [&](Expr mono) {
    // mono may come back scaled (an Add with one term); unpack it.
    Linear l = linear_of(mono);
    constant += l.constant;
    for (auto &t : l.terms) terms.push_back(t);
  };
  for (auto &[ma, ca] : la.terms) {
    if (!lb.constant.is_zero()) terms.emplace_back(ma, ca * lb.constant);
    for (auto &[mb, cb] : lb.terms)
      add_scaled(scale(mul_products(product_of(ma), product_of(mb)), ca * cb));
  }
  if (!la.constant.is_zero())
    for (auto &[mb, cb] : lb.terms) terms.emplace_back(mb, cb * la.constant);
  fired(Rule::MulDistribute);
  return add_unsorted(constant, std::move(terms));
}
} // namespace

Expr add_unsorted(Int constant, Terms terms) {
  auto less = [](const auto &x, const auto &y) { return compare(x.first, y.first) < 0; };
  auto *t = terms.data();
  const size_t n = terms.size();
  if (n > 16) {
    std::sort(t, t + n, less);
  } else { // sums are short: insertion sort, no call per comparison
    for (size_t i = 1; i < n; ++i) {
      auto v = t[i];
      size_t j = i;
      for (; j > 0 && less(v, t[j - 1]); --j) t[j] = t[j - 1];
      t[j] = v;
    }
  }
  // Like terms collected, then zeros dropped, in place.
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (out > 0 && t[out - 1].first == t[i].first) {
      fired(Rule::AddCollect);
      t[out - 1].second += t[i].second;
    } else {
      t[out++] = t[i];
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < out; ++i)
    if (!t[i].second.is_zero()) t[kept++] = t[i];
  terms.erase(t + kept, t + n);
  return make_add(constant, terms);
}

Int content(const Terms &terms) {
  Int g(0);
  for (auto &t : terms) {
    g = gcd(g, t.second);
    if (g == Int(1)) break; // gcd(1, c) is 1
  }
  return g;
}

Linear linear_of(Expr e) {
  Linear l;
  if (e.kind() == Kind::Integer) {
    l.constant = e.value();
  } else if (e.kind() == Kind::Add) {
    l.constant = e.constant();
    l.terms.reserve(e.nargs());
    for (size_t i = 0; i < e.nargs(); ++i) l.terms.emplace_back(e.arg(i), e.coeff(i));
  } else {
    l.terms.emplace_back(e, Int(1));
  }
  return l;
}

Expr make_add(Int constant, const Terms &terms) {
  if (terms.empty()) return integer(constant);
  if (terms.size() == 1 && constant.is_zero() && terms[0].second == Int(1)) {
    return terms[0].first;
  }
  SmallVec<const Node *, 8> args;
  SmallVec<Int, 8> coeffs;
  args.reserve(terms.size());
  coeffs.reserve(terms.size());
  for (auto &[m, c] : terms) {
    args.push_back(m.node());
    coeffs.push_back(c);
  }
  NodeSpec s{Kind::Add, Type::Int};
  s.args = args.data();
  s.nargs = static_cast<uint32_t>(args.size());
  s.coeffs = coeffs.data();
  s.value = constant;
  return Expr(intern(s));
}

Expr scale(Expr e, Int k) {
  if (k == Int(1)) {
    fired(Rule::MulOne);
    return e;
  }
  if (k.is_zero()) {
    fired(Rule::MulZero);
    return integer(0);
  }
  if (e.kind() == Kind::Integer) return integer(e.value() * k);
  Linear l = linear_of(e);
  if (e.kind() == Kind::Add) fired(Rule::NegScale);
  for (auto &t : l.terms) t.second = t.second * k;
  return make_add(l.constant * k, l.terms);
}

Expr make_node(Kind kind, Type type, const Expr *args, size_t n) {
  SmallVec<const Node *, 8> raw;
  for (size_t i = 0; i < n; ++i) raw.push_back(args[i].node());
  NodeSpec s{kind, type};
  s.args = raw.data();
  s.nargs = static_cast<uint32_t>(raw.size());
  return Expr(intern(s));
}

Expr float_add2(Expr a, Expr b);
Expr float_mul2(Expr a, Expr b);

} // namespace detail

using namespace detail;

Expr operator+(Expr a, Expr b) {
  require_numeric("+", a);
  require_numeric("+", b);
  if (a.is_float() || b.is_float()) return float_add2(a, b);
  if (a.is_integer_constant() && b.is_integer_constant()) return integer(a.value() + b.value());
  if (a.is_integer_constant() && a.value().is_zero()) {
    fired(Rule::AddZero);
    return b;
  }
  if (b.is_integer_constant() && b.value().is_zero()) {
    fired(Rule::AddZero);
    return a;
  }
  // Merge the two sorted term lists.
  Linear la = linear_of(a), lb = linear_of(b);
  if (a.kind() == Kind::Add || b.kind() == Kind::Add) fired(Rule::AddFlatten);
  Terms out;
  out.reserve(la.terms.size() + lb.terms.size());
  size_t i = 0, j = 0;
  while (i < la.terms.size() || j < lb.terms.size()) {
    int c = i == la.terms.size()   ? 1
            : j == lb.terms.size() ? -1
                                   : compare(la.terms[i].first, lb.terms[j].first);
    if (c < 0) {
      out.push_back(la.terms[i++]);
    } else if (c > 0) {
      out.push_back(lb.terms[j++]);
    } else {
      fired(Rule::AddCollect);
      Int sum = la.terms[i].second + lb.terms[j].second;
      if (!sum.is_zero()) out.emplace_back(la.terms[i].first, sum);
      ++i;
      ++j;
    }
  }
  return make_add(la.constant + lb.constant, out);
}

Expr operator-(Expr a) {
  require_numeric("unary -", a);
  if (a.is_float()) {
    if (a.kind() == Kind::FloatAdd) {
      // IEEE negation is exact, so -(f + h) == (-f) + (-h) bit for bit.
      fired(Rule::FloatNegSum);
      Expr r = floating(0.0);
      for (size_t i = 0; i < a.nargs(); ++i) r = float_add2(r, -a.arg(i));
      return r;
    }
    return float_mul2(floating(-1.0), a);
  }
  return scale(a, Int(-1));
}

Expr operator-(Expr a, Expr b) {
  require_numeric("-", a);
  require_numeric("-", b);
  return a + (-b);
}

Expr operator*(Expr a, Expr b) {
  require_numeric("*", a);
  require_numeric("*", b);
  if (a.is_float() || b.is_float()) return float_mul2(a, b);
  if (a.is_integer_constant()) return scale(b, a.value());
  if (b.is_integer_constant()) return scale(a, b.value());
  if (is_general_add(a) || is_general_add(b)) {
    size_t na = a.kind() == Kind::Add ? a.nargs() + 1 : 1;
    size_t nb = b.kind() == Kind::Add ? b.nargs() + 1 : 1;
    if (na * nb <= kMaxExpandedTerms) return distribute(a, b);
  }
  return mul_products(product_of(a), product_of(b));
}

Expr pow(Expr a, unsigned k) {
  require_numeric("**", a);
  if (a.is_float()) return pow(a, floating(static_cast<double>(k)));
  if (k == 0) {
    fired(Rule::PowZero);
    return integer(1); // Python: 0 ** 0 == 1
  }
  if (k == 1) return a;
  if (a.is_integer_constant()) return integer(symshape::pow(a.value(), k));
  fired(Rule::PowConstExponent);
  if (is_general_add(a)) {
    // Expand while small: a sum of n terms to the k has <= C(n+k-1, k) terms.
    double n = static_cast<double>(a.nargs() + 1), terms = 1;
    for (unsigned i = 1; i <= k && terms <= kMaxExpandedTerms; ++i)
      terms = terms * (n + i - 1) / i;
    if (terms <= kMaxExpandedTerms) {
      Expr r = a;
      for (unsigned i = 1; i < k; ++i) r = r * a;
      return r;
    }
    return make_monomial({{a, k}});
  }
  Product p = product_of(a);
  for (auto &f : p.factors) {
    uint64_t e = static_cast<uint64_t>(f.second) * k;
    if (e > UINT32_MAX) throw OverflowError("exponent overflow in a power");
    f.second = static_cast<uint32_t>(e);
  }
  return scale(make_monomial(p.factors), symshape::pow(p.coeff, k));
}

Expr pow(Expr a, Expr b) {
  require_numeric("**", a);
  require_numeric("**", b);
  if (a.is_float() || b.is_float()) {
    Expr fa = to_float(a), fb = to_float(b);
    if (fa.is_float_constant() && fb.is_float_constant())
      return floating(std::pow(fa.float_value(), fb.float_value()));
    return make_node(Kind::FloatPow, Type::Float, {fa, fb});
  }
  if (b.is_integer_constant()) {
    if (b.value().is_negative())
      throw ValueError("PowByNatural needs a natural exponent, got " + b.value().str());
    if (b.value() > Int(static_cast<long long>(UINT32_MAX)))
      throw OverflowError("exponent " + b.value().str() + " is too large");
    return pow(a, static_cast<unsigned>(b.value().to_int64()));
  }
  if (a.is_integer_constant() && a.value() == Int(1)) return integer(1);
  return make_node(Kind::PowByNatural, Type::Int, {a, b});
}

} // namespace symshape
