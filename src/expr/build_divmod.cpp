//===- build_divmod.cpp - Normal form of floor division and Python modulo -===//
//
// The rows FloorDiv* / Mod* / CeilDiv* of rewrite_rules.def.  Divisors are
// made positive, multiples of the divisor are pulled out, constants reduced
// into [0, c), the integer content cancelled and nested divisions merged, so
// that PyTorch's common forms -- ((s0 - 1)//2) + 1, s0*s1//s1, (s0//2)//4 --
// meet in one node.
//
//===----------------------------------------------------------------------===//
#include <algorithm>

#include "expr_internal.h"

namespace symshape {
namespace detail {
namespace {


/// The factors of a monomial (coefficient 1).
Factors factors_of(Expr mono) {
  Factors f;
  if (mono.kind() == Kind::Mul) {
    for (size_t i = 0; i < mono.nargs(); ++i) f.emplace_back(mono.arg(i), mono.exponent(i));
  } else {
    f.emplace_back(mono, 1u);
  }
  return f;
}

Expr monomial_of(const Factors &f) {
  Expr r = integer(1);
  for (auto &[x, k] : f) r = r * pow(x, k);
  return r;
}

/// Intersection (minimum exponents) of two sorted factor lists.
Factors common_factors(const Factors &a, const Factors &b) {
  Factors out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int c = compare(a[i].first, b[j].first);
    if (c < 0) ++i;
    else if (c > 0) ++j;
    else {
      out.emplace_back(a[i].first, std::min(a[i].second, b[j].second));
      ++i;
      ++j;
    }
  }
  return out;
}

/// m / f for a factor list f that divides m; nullopt-like empty Expr if not.
Expr divide_monomial(Expr mono, const Factors &f) {
  Factors m = factors_of(mono);
  Factors out;
  size_t j = 0;
  for (auto &[x, k] : m) {
    if (j < f.size() && f[j].first == x) {
      if (f[j].second > k) return Expr();
      if (k > f[j].second) out.emplace_back(x, k - f[j].second);
      ++j;
    } else {
      out.emplace_back(x, k);
    }
  }
  if (j != f.size()) return Expr();
  return monomial_of(out);
}

/// Divides a and b by their common factor f (integer content times common
/// monomial factors) and returns f; returns an empty Expr when there is
/// nothing to cancel.
Expr cancel_common(Expr &a, Expr &b) {
  Linear la = linear_of(a), lb = linear_of(b);
  Int g = gcd(gcd(content(la.terms), la.constant), gcd(content(lb.terms), lb.constant));
  if (g.is_zero()) return Expr();
  Factors common;
  if (la.constant.is_zero() && lb.constant.is_zero() && !la.terms.empty() &&
      !lb.terms.empty()) {
    common = factors_of(lb.terms[0].first);
    for (auto *l : {&la, &lb})
      for (auto &t : l->terms) {
        if (common.empty()) break;
        common = common_factors(common, factors_of(t.first));
      }
  }
  if (g == Int(1) && common.empty()) return Expr();
  auto divide = [&](const Linear &l) {
    Expr r = integer(floordiv(l.constant, g));
    for (auto &[m, k] : l.terms) r = r + scale(divide_monomial(m, common), floordiv(k, g));
    return r;
  };
  a = divide(la);
  b = divide(lb);
  return scale(monomial_of(common), g);
}

/// Splits a into (multiples of the scaled monomial d*m, the rest): returns
/// the quotient of the multiples.
Expr pull_multiples(Linear &l, Int d, Expr m) {
  Factors mf = factors_of(m);
  Expr quotient = integer(0);
  Terms rest;
  for (auto &[t, k] : l.terms) {
    Expr q = pymod(k, d).is_zero() ? divide_monomial(t, mf) : Expr();
    if (q.is_null()) {
      rest.emplace_back(t, k);
    } else {
      quotient = quotient + scale(q, floordiv(k, d));
    }
  }
  l.terms = std::move(rest);
  return quotient;
}

/// If b is a scaled monomial d*m, returns true and sets d, m.
bool as_scaled_monomial(Expr b, Int &d, Expr &m) {
  Linear lb = linear_of(b);
  if (!lb.constant.is_zero() || lb.terms.size() != 1) return false;
  m = lb.terms[0].first;
  d = lb.terms[0].second;
  return true;
}

Expr div_by_positive(Expr a, Int c, Kind kind) {
  if (c == Int(1)) {
    fired(Rule::FloorDivByOne);
    return a;
  }
  Linear l = linear_of(a);
  Terms quotient, rest;
  for (auto &[t, k] : l.terms) {
    if (pymod(k, c).is_zero()) {
      fired(Rule::FloorDivPullTerm);
      quotient.emplace_back(t, floordiv(k, c));
    } else {
      rest.emplace_back(t, k);
    }
  }
  Int kq = floordiv(l.constant, c), kr = pymod(l.constant, c);
  if (!kq.is_zero()) fired(Rule::FloorDivPullConst);
  Expr outside = make_add(kq, quotient);
  if (rest.empty()) return outside; // 0 <= kr < c, so kr // c == 0
  Int g = gcd(content(rest), c);
  if (g > Int(1)) {
    fired(Rule::FloorDivContent);
    for (auto &t : rest) t.second = floordiv(t.second, g);
    kr = floordiv(kr, g);
    c = floordiv(c, g);
  }
  Expr num = make_add(kr, rest);
  if (c == Int(1)) {
    fired(Rule::FloorDivByOne);
    return num + outside;
  }
  if (num.kind() == Kind::FloorDiv || num.kind() == Kind::CleanDiv) {
    fired(Rule::FloorDivNested);
    Kind k = (num.kind() == Kind::CleanDiv && kind == Kind::CleanDiv) ? Kind::CleanDiv
                                                                       : Kind::FloorDiv;
    Expr inner_div = num.arg(1) * integer(c);
    Expr merged = k == Kind::CleanDiv ? clean_div(num.arg(0), inner_div)
                                      : floordiv(num.arg(0), inner_div);
    return merged + outside;
  }
  return make_node(kind, Type::Int, {num, integer(c)}) + outside;
}

Expr div_impl(Expr a, Expr b, Kind kind) {
  require_int("//", a);
  require_int("//", b);
  if (b.is_integer_constant()) {
    Int c = b.value();
    if (c.is_zero()) throw ZeroDivisionError("integer division by zero: (" + a.str() + ") // 0");
    if (a.is_integer_constant()) return integer(floordiv(a.value(), c));
    if (c == Int(-1)) {
      fired(Rule::FloorDivByMinusOne);
      return -a;
    }
    if (c.is_negative()) {
      fired(Rule::FloorDivNegDivisor);
      return div_impl(-a, integer(-c), kind);
    }
    return div_by_positive(a, c, kind);
  }
  if (a.is_integer_constant() && a.value().is_zero()) {
    fired(Rule::FloorDivOfZero);
    return integer(0);
  }
  if (a == b) {
    fired(Rule::FloorDivSelf);
    return integer(1);
  }
  if (!cancel_common(a, b).is_null()) {
    fired(Rule::FloorDivCommonFactor);
    return div_impl(a, b, kind);
  }
  Int d;
  Expr m;
  Expr outside = integer(0);
  if (as_scaled_monomial(b, d, m)) {
    Linear l = linear_of(a);
    size_t before = l.terms.size();
    outside = pull_multiples(l, d, m);
    if (l.terms.size() != before) {
      fired(Rule::FloorDivPullTerm);
      a = make_add(l.constant, l.terms);
      if (a.is_integer_constant() && a.value().is_zero()) return outside;
    }
  }
  return make_node(kind, Type::Int, {a, b}) + outside;
}

} // namespace
} // namespace detail

using namespace detail;

Expr floordiv(Expr a, Expr b) { return div_impl(a, b, Kind::FloorDiv); }
Expr clean_div(Expr a, Expr b) { return div_impl(a, b, Kind::CleanDiv); }

Expr ceil_div(Expr a, Expr b) {
  require_int("ceil_div", a);
  require_int("ceil_div", b);
  if (b.is_integer_constant() && b.value().is_positive()) {
    fired(Rule::CeilDivConst);
    return floordiv(a + integer(b.value() - Int(1)), b);
  }
  fired(Rule::CeilDivGeneral);
  return -floordiv(-a, b);
}

Expr mod(Expr a, Expr b) {
  require_int("%", a);
  require_int("%", b);
  if (b.is_integer_constant()) {
    Int c = b.value();
    if (c.is_zero()) throw ZeroDivisionError("integer modulo by zero: (" + a.str() + ") % 0");
    if (a.is_integer_constant()) return integer(pymod(a.value(), c));
    if (c == Int(1) || c == Int(-1)) {
      fired(c == Int(1) ? Rule::ModByOne : Rule::ModByMinusOne);
      return integer(0);
    }
    if (c.is_negative()) {
      fired(Rule::ModNegDivisor);
      return -mod(-a, integer(-c));
    }
    Linear l = linear_of(a);
    Terms rest;
    for (auto &[t, k] : l.terms) {
      Int r = pymod(k, c);
      if (r != k) fired(Rule::ModDropMultiple);
      if (!r.is_zero()) rest.emplace_back(t, r);
    }
    Int kr = pymod(l.constant, c);
    if (kr != l.constant) fired(Rule::ModReduceConst);
    if (rest.empty()) return integer(kr);
    // The content is not factored out (Mod(4*u0, 8) stays): PyTorch learns
    // `u0 = 2*u1` from exactly that form, and so does the ShapeEnv.
    Expr num = make_add(kr, rest);
    if (num.kind() == Kind::Mod && num.arg(1).is_integer_constant() &&
        num.arg(1).value().is_positive() && pymod(num.arg(1).value(), c).is_zero()) {
      fired(Rule::ModNested);
      return mod(num.arg(0), b);
    }
    return make_node(Kind::Mod, Type::Int, {num, b});
  }
  if (a.is_integer_constant() && a.value().is_zero()) {
    fired(Rule::ModOfZero);
    return integer(0);
  }
  if (a == b) {
    fired(Rule::ModSelf);
    return integer(0);
  }
  Expr f = cancel_common(a, b);
  if (!f.is_null()) {
    fired(Rule::ModCommonFactor);
    return f * mod(a, b);
  }
  Int d;
  Expr m;
  if (as_scaled_monomial(b, d, m)) {
    Linear l = linear_of(a);
    size_t before = l.terms.size();
    pull_multiples(l, d, m);
    if (l.terms.size() != before) {
      fired(Rule::ModDropMultiple);
      return mod(make_add(l.constant, l.terms), b);
    }
  }
  return make_node(Kind::Mod, Type::Int, {a, b});
}

} // namespace symshape
