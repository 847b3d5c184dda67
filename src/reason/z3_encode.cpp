//===- z3_encode.cpp - Exact Z3 encoding of symshape expressions -----------===//
//
// Z3's integer div/mod are Euclidean (0 <= r < |b|).  Python floors:
//   a // b = div(a, b)          when b > 0  (Euclidean == floor there)
//          = div(-a, -b)        when b < 0  (floor(a/b) == floor(-a/-b))
//   a %  b = a - b * (a // b)
// Both are proved against brute force in tests/reason/z3_encode_test.cpp.
//
//===----------------------------------------------------------------------===//
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>

#include "symshape/expr/print.h"
#include "symshape/z3_interop.h"

namespace symshape {

z3::context &z3_context() {
  static z3::context *c = new z3::context(); // never destroyed: cached terms outlive statics
  return *c;
}

std::recursive_mutex &z3_lock() {
  static auto *m = new std::recursive_mutex();
  return *m;
}

namespace {

bool is_positive_numeral(const z3::expr &b) {
  int64_t v;
  return b.is_numeral_i64(v) && v > 0;
}

/// Decimal string of m * 2^e for a 53-bit mantissa m (e may be large).
std::string times_pow2(std::string digits, int e) {
  for (int i = 0; i < e; ++i) {
    int carry = 0;
    for (size_t j = digits.size(); j-- > 0;) {
      int d = (digits[j] - '0') * 2 + carry;
      digits[j] = static_cast<char>('0' + d % 10);
      carry = d / 10;
    }
    if (carry) digits.insert(digits.begin(), static_cast<char>('0' + carry));
  }
  return digits;
}

} // namespace

z3::expr z3_floordiv(const z3::expr &a, const z3::expr &b) {
  if (is_positive_numeral(b)) return a / b; // Z3 Int '/' is div
  z3::context &c = a.ctx();
  return z3::ite(b > c.int_val(0), a / b, (-a) / (-b));
}

z3::expr z3_pymod(const z3::expr &a, const z3::expr &b) {
  if (is_positive_numeral(b)) return z3::mod(a, b);
  return a - b * z3_floordiv(a, b);
}

namespace {
/// Real -> Int, rounding toward -inf (z3++ 4.8 has no wrapper for it).
z3::expr real2int(const z3::expr &x) {
  Z3_ast r = Z3_mk_real2int(x.ctx(), x);
  x.ctx().check_error();
  return z3::expr(x.ctx(), r);
}
} // namespace

z3::expr z3_floor(const z3::expr &x) { return real2int(x); }
z3::expr z3_ceil(const z3::expr &x) { return -real2int(-x); }
z3::expr z3_trunc(const z3::expr &x) {
  return z3::ite(x >= x.ctx().real_val(0), real2int(x), -real2int(-x));
}
z3::expr z3_round_half_even(const z3::expr &x) {
  z3::context &c = x.ctx();
  z3::expr f = real2int(x);
  z3::expr frac = x - z3::to_real(f);
  z3::expr half = c.real_val(1, 2);
  return z3::ite(frac > half, f + 1,
                 z3::ite(frac < half, f, z3::ite(z3::mod(f, c.int_val(2)) == 0, f, f + 1)));
}

z3::expr z3_real_of_double(z3::context &c, double v) {
  if (!std::isfinite(v)) throw ValueError("cannot encode a non-finite float in Z3");
  if (v == 0.0) return c.real_val(0);
  int e;
  double m = std::frexp(std::fabs(v), &e); // v = m * 2^e, 0.5 <= m < 1
  // Make the mantissa an integer: m * 2^53.
  auto mant = static_cast<long long>(std::ldexp(m, 53));
  e -= 53;
  while (mant % 2 == 0 && e < 0) {
    mant /= 2;
    ++e;
  }
  std::string num = std::to_string(mant), den = "1";
  if (e >= 0) num = times_pow2(num, e);
  else den = times_pow2("1", -e);
  std::string text = (v < 0 ? "-" : "") + num + "/" + den;
  return c.real_val(text.c_str());
}

namespace {

class Encoder {
public:
  Encoder() : c_(z3_context()) {}

  z3::expr term(Expr e) {
    if (auto *hit = lookup(terms_, e)) return *hit;
    z3::expr t = build(e);
    store(terms_, e, t);
    return t;
  }

  z3::expr defined(Expr e) {
    if (!has_partial(e)) return c_.bool_val(true);
    if (auto *hit = lookup(defs_, e)) return *hit;
    z3::expr d = build_defined(e);
    store(defs_, e, d);
    return d;
  }

private:
  // Keyed by node (ids are process-wide and can be large; a dense vector
  // would grow with every expression ever built, not with those encoded).
  using Cache = std::unordered_map<const Node *, z3::expr>;
  static z3::expr *lookup(Cache &c, Expr e) {
    auto it = c.find(e.node());
    return it == c.end() ? nullptr : &it->second;
  }
  static void store(Cache &c, Expr e, const z3::expr &t) { c.emplace(e.node(), t); }

  /// Whether any sub-term can be undefined (cheap syntactic check, cached).
  bool has_partial(Expr e) {
    if (auto it = partial_.find(e.node()); it != partial_.end()) return it->second;
    bool p = false;
    switch (e.kind()) {
    case Kind::FloorDiv:
    case Kind::CleanDiv:
    case Kind::Mod:
    case Kind::IntTrueDiv: p = !e.arg(1).is_integer_constant(); break;
    case Kind::FloatTrueDiv: p = !e.arg(1).is_float_constant(); break;
    case Kind::PowByNatural: p = true; break;
    default: break;
    }
    for (size_t i = 0; i < e.nargs() && !p; ++i) p = has_partial(e.arg(i));
    partial_.emplace(e.node(), p);
    return p;
  }

  z3::expr num(Int v) { return c_.int_val(v.str().c_str()); }

  z3::expr real(Expr e) {
    z3::expr t = term(e);
    return t.is_int() ? z3::to_real(t) : t;
  }

  z3::expr build(Expr e) {
    switch (e.kind()) {
    case Kind::Integer: return num(e.value());
    case Kind::Float: return z3_real_of_double(c_, e.float_value());
    case Kind::BoolConst: return c_.bool_val(e.bool_value());
    case Kind::Symbol: {
      std::string n(e.name());
      switch (e.type()) {
      case Type::Int: return c_.int_const(n.c_str());
      case Type::Float: return c_.real_const(n.c_str());
      default: return c_.bool_const(n.c_str());
      }
    }
    case Kind::Add: {
      z3::expr r = num(e.constant());
      for (size_t i = 0; i < e.nargs(); ++i) {
        Int k = e.coeff(i);
        r = r + (k == Int(1) ? term(e.arg(i)) : num(k) * term(e.arg(i)));
      }
      return r;
    }
    case Kind::Mul: {
      std::optional<z3::expr> r;
      for (size_t i = 0; i < e.nargs(); ++i) {
        z3::expr f = term(e.arg(i));
        for (uint32_t k = 0; k < e.exponent(i); ++k) r = r ? *r * f : f;
      }
      return *r;
    }
    case Kind::FloorDiv:
    case Kind::CleanDiv: return z3_floordiv(term(e.arg(0)), term(e.arg(1)));
    case Kind::Mod: return z3_pymod(term(e.arg(0)), term(e.arg(1)));
    case Kind::Min:
    case Kind::Max: {
      bool is_max = e.kind() == Kind::Max;
      z3::expr r = e.is_float() ? real(e.arg(0)) : term(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) {
        z3::expr a = e.is_float() ? real(e.arg(i)) : term(e.arg(i));
        r = z3::ite(is_max ? a > r : a < r, a, r);
      }
      return r;
    }
    case Kind::PowByNatural: {
      // No native integer power: an uninterpreted function constrained on
      // the cases the solver can use (x**0 == 1, x**1 == x).
      z3::sort i = c_.int_sort();
      z3::func_decl pw = c_.function("PowByNatural", i, i, i);
      return pw(term(e.arg(0)), term(e.arg(1)));
    }
    case Kind::ToFloat: return real(e.arg(0));
    case Kind::IntTrueDiv:
    case Kind::FloatTrueDiv: return real(e.arg(0)) / real(e.arg(1));
    case Kind::FloatAdd: {
      z3::expr r = real(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) r = r + real(e.arg(i));
      return r;
    }
    case Kind::FloatMul: {
      z3::expr r = real(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) r = r * real(e.arg(i));
      return r;
    }
    case Kind::FloatPow: {
      z3::sort r = c_.real_sort();
      z3::func_decl pw = c_.function("FloatPow", r, r, r);
      return pw(real(e.arg(0)), real(e.arg(1)));
    }
    case Kind::TruncToInt:
    case Kind::FloorToInt:
    case Kind::CeilToInt:
    case Kind::RoundToInt: {
      z3::expr x = term(e.arg(0));
      if (x.is_int()) return x;
      switch (e.kind()) {
      case Kind::TruncToInt: return z3_trunc(x);
      case Kind::FloorToInt: return z3_floor(x);
      case Kind::CeilToInt: return z3_ceil(x);
      default: return z3_round_half_even(x);
      }
    }
    case Kind::Eq:
    case Kind::Ne:
    case Kind::Lt:
    case Kind::Le: {
      z3::expr x = term(e.arg(0));
      z3::expr zero = x.is_int() ? c_.int_val(0) : c_.real_val(0);
      switch (e.kind()) {
      case Kind::Eq: return x == zero;
      case Kind::Ne: return x != zero;
      case Kind::Lt: return zero < x;
      default: return zero <= x;
      }
    }
    case Kind::And:
    case Kind::Or: {
      z3::expr_vector v(c_);
      for (size_t i = 0; i < e.nargs(); ++i) v.push_back(term(e.arg(i)));
      return e.kind() == Kind::And ? z3::mk_and(v) : z3::mk_or(v);
    }
    case Kind::Not: return !term(e.arg(0));
    case Kind::Where: {
      z3::expr a = term(e.arg(1)), b = term(e.arg(2));
      if (a.is_int() && b.is_real()) a = z3::to_real(a);
      if (b.is_int() && a.is_real()) b = z3::to_real(b);
      return z3::ite(term(e.arg(0)), a, b);
    }
    }
    throw ValueError("cannot encode " + e.str() + " in Z3");
  }

  z3::expr build_defined(Expr e) {
    if (e.kind() == Kind::Where) {
      return defined(e.arg(0)) && z3::ite(term(e.arg(0)), defined(e.arg(1)), defined(e.arg(2)));
    }
    z3::expr_vector parts(c_);
    for (size_t i = 0; i < e.nargs(); ++i)
      if (has_partial(e.arg(i))) parts.push_back(defined(e.arg(i)));
    switch (e.kind()) {
    case Kind::FloorDiv:
    case Kind::CleanDiv:
    case Kind::Mod:
    case Kind::IntTrueDiv:
      if (!e.arg(1).is_integer_constant()) parts.push_back(term(e.arg(1)) != c_.int_val(0));
      break;
    case Kind::FloatTrueDiv:
      if (!e.arg(1).is_float_constant()) parts.push_back(real(e.arg(1)) != c_.real_val(0));
      break;
    case Kind::PowByNatural: parts.push_back(term(e.arg(1)) >= c_.int_val(0)); break;
    default: break;
    }
    return parts.size() == 1 ? parts[0] : z3::mk_and(parts);
  }

  z3::context &c_;
  Cache terms_, defs_;
  std::unordered_map<const Node *, bool> partial_; // may be undefined somewhere
};

Encoder &encoder() {
  static auto *e = new Encoder();
  return *e;
}

} // namespace

z3::expr to_z3(Expr e) {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  return encoder().term(e);
}

z3::expr z3_defined(Expr e) {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  return encoder().defined(e);
}

} // namespace symshape
