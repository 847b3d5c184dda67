//===- value_range.cpp - Transfer functions of the interval analysis -------===//
#include "symshape/reason/value_range.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>

#include "symshape/expr/print.h"
#include "symshape/expr/substitute.h"

namespace symshape {

// --- Bound -------------------------------------------------------------------

std::string Bound::str() const {
  if (inf_ > 0) return "inf";
  if (inf_ < 0) return "-inf";
  return v_.str();
}

namespace {

Bound inf_of_sign(int s) { return s > 0 ? Bound::pos_inf() : Bound::neg_inf(); }

/// The truth values of `e REL 0` (kinds Eq, Ne, Lt: 0 < e, Le: 0 <= e)
/// given whether e can be negative, zero, positive.
ValueRange relation_truths(Kind rel, bool neg, bool zero, bool pos) {
  switch (rel) {
  case Kind::Eq: return ValueRange::bools(neg || pos, zero);
  case Kind::Ne: return ValueRange::bools(zero, neg || pos);
  case Kind::Lt: return ValueRange::bools(neg || zero, pos);
  default: return ValueRange::bools(neg, zero || pos);
  }
}

/// a + b, saturating; never called with inf + -inf.
Bound add(const Bound &a, const Bound &b) {
  if (!a.is_finite()) return a;
  if (!b.is_finite()) return b;
  Int r;
  if (add_overflows(a.value(), b.value(), &r)) return inf_of_sign(a.value().sign());
  return Bound(r);
}

/// a * b with 0 * inf == 0 (values are finite, so 0 times anything is 0).
Bound mul(const Bound &a, const Bound &b) {
  int sa = a.sign(), sb = b.sign();
  if (sa == 0 || sb == 0) return Bound(0);
  if (!a.is_finite() || !b.is_finite()) return inf_of_sign(sa * sb);
  Int r;
  if (mul_overflows(a.value(), b.value(), &r)) return inf_of_sign(sa * sb);
  return Bound(r);
}

struct IntIv {
  Bound lo, hi;
};

IntIv iv_mul(const IntIv &a, const IntIv &b) {
  Bound c[4] = {mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)};
  return {std::min({c[0], c[1], c[2], c[3]}), std::max({c[0], c[1], c[2], c[3]})};
}

/// a * c for a constant c: the common case of a sum's coefficients, where
/// c = +-1 needs no multiplication at all.
IntIv iv_scale(const IntIv &a, const Int &c) {
  if (c == Int(1)) return a;
  if (c == Int(-1)) return {negate(a.hi), negate(a.lo)}; // saturating, like mul
  Bound l = mul(a.lo, Bound(c)), h = mul(a.hi, Bound(c));
  return c.sign() >= 0 ? IntIv{l, h} : IntIv{h, l};
}

/// base ** k for a natural k (saturating to infinity).
Bound pow_bound(const Bound &base, uint64_t k) {
  if (k == 0) return Bound(1);
  int sign = base.sign() < 0 && k % 2 == 1 ? -1 : 1;
  if (!base.is_finite()) return inf_of_sign(sign);
  Int b = base.value();
  if (b == Int(0) || b == Int(1)) return base;
  if (b == Int(-1)) return Bound(sign);
  Int r(1); // |b| >= 2: overflows within 127 steps
  for (uint64_t i = 0; i < k; ++i)
    if (mul_overflows(r, b, &r)) return inf_of_sign(sign);
  return Bound(r);
}

IntIv iv_pow(const IntIv &a, uint64_t k) {
  if (k == 0) return {Bound(1), Bound(1)};
  if (k == 1) return a; // a product's factors, mostly
  Bound plo = pow_bound(a.lo, k), phi = pow_bound(a.hi, k);
  if (k % 2 == 1) return {plo, phi};
  if (a.lo.sign() >= 0) return {plo, phi};
  if (a.hi.sign() <= 0) return {phi, plo};
  return {Bound(0), max(plo, phi)};
}

/// x // y for y >= 1 (y may be +inf): the limit when y is infinite.
Bound fd(const Bound &x, const Bound &y) {
  if (!x.is_finite()) return x;
  if (y.is_pos_inf()) return Bound(x.value().is_negative() ? -1 : 0);
  return Bound(floordiv(x.value(), y.value()));
}

/// a // b for b within [1, inf].
IntIv iv_floordiv_pos(const IntIv &a, const IntIv &b) {
  Bound lo = a.lo.sign() >= 0 ? fd(a.lo, b.hi) : fd(a.lo, b.lo);
  Bound hi = a.hi.sign() >= 0 ? fd(a.hi, b.lo) : fd(a.hi, b.hi);
  return {lo, hi};
}

IntIv iv_neg(const IntIv &a) { return {negate(a.hi), negate(a.lo)}; }

const IntIv kUnknownInt{Bound::neg_inf(), Bound::pos_inf()};

/// a // b over the nonzero part of b.
IntIv iv_floordiv(const IntIv &a, const IntIv &b) {
  bool has_pos = b.hi.sign() > 0, has_neg = b.lo.sign() < 0;
  if (!has_pos && !has_neg) return kUnknownInt; // b == 0: never defined
  IntIv r{Bound::pos_inf(), Bound::neg_inf()};
  if (has_pos) {
    IntIv p = iv_floordiv_pos(a, {max(b.lo, Bound(1)), b.hi});
    r = {min(r.lo, p.lo), max(r.hi, p.hi)};
  }
  if (has_neg) {
    // a // b == (-a) // (-b)
    IntIv nb = iv_neg({b.lo, min(b.hi, Bound(-1))});
    IntIv p = iv_floordiv_pos(iv_neg(a), nb);
    r = {min(r.lo, p.lo), max(r.hi, p.hi)};
  }
  return r;
}

/// Python a % b over the nonzero part of b.
IntIv iv_mod(const IntIv &a, const IntIv &b) {
  bool has_pos = b.hi.sign() > 0, has_neg = b.lo.sign() < 0;
  if (!has_pos && !has_neg) return kUnknownInt;
  IntIv r{Bound::pos_inf(), Bound::neg_inf()};
  if (has_pos) {
    Bound blo = max(b.lo, Bound(1));
    IntIv p{Bound(0), add(b.hi, Bound(-1))};
    if (a.lo.sign() >= 0) {
      p.hi = min(p.hi, a.hi); // x % y <= x for x >= 0
      if (a.hi < blo) p = a;  // x < y: x % y == x
    }
    if (b.lo == b.hi && a.lo.is_finite() && a.hi.is_finite() && b.hi.is_finite()) {
      Int c = b.hi.value();
      Int span;
      if (!add_overflows(a.hi.value(), -a.lo.value(), &span) && span < c) {
        Int ml = pymod(a.lo.value(), c), mh = pymod(a.hi.value(), c);
        if (ml <= mh) p = {Bound(ml), Bound(mh)};
      }
    }
    r = {min(r.lo, p.lo), max(r.hi, p.hi)};
  }
  if (has_neg) {
    // Python: x % y == -((-x) % (-y)), in [y + 1, 0] for y < 0.
    IntIv nb = iv_neg({b.lo, min(b.hi, Bound(-1))});
    IntIv p = iv_neg(iv_mod(iv_neg(a), nb));
    r = {min(r.lo, p.lo), max(r.hi, p.hi)};
  }
  return r;
}

Bound pow_sat(const Bound &base, const Bound &exp) {
  // base >= 0, exp >= 0
  if (exp.is_pos_inf()) {
    if (base.is_finite() && (base.value() == Int(0) || base.value() == Int(1))) return base;
    return Bound::pos_inf();
  }
  return pow_bound(base, static_cast<uint64_t>(std::min(exp.value(), Int(1000)).to_int64()));
}

IntIv iv_pow_natural(const IntIv &a, IntIv b) {
  b.lo = max(b.lo, Bound(0)); // undefined for negative exponents
  if (b.hi.sign() < 0) return kUnknownInt;
  if (b.lo == b.hi && b.lo.is_finite() && b.lo.value() <= Int(1000))
    return iv_pow(a, static_cast<uint64_t>(b.lo.value().to_int64()));
  if (a.lo >= Bound(1)) return {pow_sat(a.lo, b.lo), pow_sat(a.hi, b.hi)};
  if (a.lo.sign() >= 0) return {Bound(0), max(Bound(1), pow_sat(a.hi, b.hi))};
  Bound m = max(negate(a.lo), a.hi);
  Bound p = pow_sat(m, b.hi);
  return {min(negate(p), Bound(1)), max(p, Bound(1))};
}

// --- Floats ----------------------------------------------------------------
// Float terms are evaluated in IEEE doubles (as Python does).  Rounding is
// monotone, so evaluating a monotone operation at the interval corners in
// doubles bounds the double result exactly: no outward rounding is needed.

double bound_to_double(const Bound &b) {
  if (b.is_neg_inf()) return -HUGE_VAL;
  if (b.is_pos_inf()) return HUGE_VAL;
  return b.value().to_double();
}

Bound double_to_bound(double v) {
  if (std::isnan(v)) return Bound(0);
  if (v >= 1.7e38) return Bound::pos_inf();
  if (v <= -1.7e38) return Bound::neg_inf();
  return Bound(Int::from_raw(static_cast<__int128>(v)));
}

struct FloatIv {
  double lo, hi;
};
const FloatIv kUnknownFloat{-HUGE_VAL, HUGE_VAL};

/// Product with finite-value semantics: 0 * inf == 0.
double fmul(double a, double b) {
  if (a == 0.0 || b == 0.0) return 0.0;
  return a * b;
}

FloatIv fiv_mul(const FloatIv &a, const FloatIv &b) {
  double c[4] = {fmul(a.lo, b.lo), fmul(a.lo, b.hi), fmul(a.hi, b.lo), fmul(a.hi, b.hi)};
  return {*std::min_element(c, c + 4), *std::max_element(c, c + 4)};
}

FloatIv fiv_div(const FloatIv &a, const FloatIv &b) {
  if (b.lo <= 0.0 && b.hi >= 0.0) return kUnknownFloat;
  double c[4] = {a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi};
  for (double v : c)
    if (std::isnan(v)) return kUnknownFloat;
  return {*std::min_element(c, c + 4), *std::max_element(c, c + 4)};
}

class Analyzer {
public:
  explicit Analyzer(const RangeMap &r) : ranges_(r) {}

  ValueRange get(Expr e) {
    // Small trees are cheaper to recompute than to memoize.
    if (!use_memo_) return compute(e);
    auto it = memo_.find(e.node());
    if (it != memo_.end()) return it->second;
    ValueRange r = compute(e);
    memo_.emplace(e.node(), r);
    return r;
  }
  bool use_memo_ = true;

  IntIv sum_terms(Expr e) {
    Bound k(e.constant());
    IntIv r{k, k};
    for (size_t i = 0; i < e.nargs(); ++i) {
      IntIv t = iv_scale(iget(e.arg(i)), e.coeff(i));
      r = {add(r.lo, t.lo), add(r.hi, t.hi)};
    }
    return r;
  }

private:
  IntIv iget(Expr e) {
    if (e.is_symbol()) // the common leaf: no ValueRange copy
      if (const ValueRange *r = ranges_.find(e)) return {r->lo, r->hi};
    ValueRange r = get(e);
    return {r.lo, r.hi};
  }
  FloatIv fget(Expr e) {
    ValueRange r = get(e);
    if (r.type == Type::Int) return {bound_to_double(r.lo), bound_to_double(r.hi)};
    return {r.flo, r.fhi};
  }
  static ValueRange I(const IntIv &v) { return ValueRange::ints(v.lo, v.hi); }
  static ValueRange F(const FloatIv &v) { return ValueRange::floats(v.lo, v.hi); }

  ValueRange compute(Expr e) {
    switch (e.kind()) {
    case Kind::Integer:
    case Kind::Float:
    case Kind::BoolConst:
      return ValueRange::singleton(e.is_integer_constant() ? Value::of_int(e.value())
                                   : e.is_float_constant() ? Value::of_float(e.float_value())
                                                           : Value::of_bool(e.bool_value()));
    case Kind::Symbol: return ranges_.get(e);
    case Kind::Add: return I(sum_terms(e));
    case Kind::Mul: {
      IntIv r{Bound(1), Bound(1)};
      for (size_t i = 0; i < e.nargs(); ++i) r = iv_mul(r, iv_pow(iget(e.arg(i)), e.exponent(i)));
      return I(r);
    }
    case Kind::FloorDiv:
    case Kind::CleanDiv: return I(iv_floordiv(iget(e.arg(0)), iget(e.arg(1))));
    case Kind::Mod: return I(iv_mod(iget(e.arg(0)), iget(e.arg(1))));
    case Kind::Min:
    case Kind::Max: {
      bool is_max = e.kind() == Kind::Max;
      if (e.is_float()) {
        FloatIv r = fget(e.arg(0));
        for (size_t i = 1; i < e.nargs(); ++i) {
          FloatIv t = fget(e.arg(i));
          r = is_max ? FloatIv{std::max(r.lo, t.lo), std::max(r.hi, t.hi)}
                     : FloatIv{std::min(r.lo, t.lo), std::min(r.hi, t.hi)};
        }
        return F(r);
      }
      IntIv r = iget(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) {
        IntIv t = iget(e.arg(i));
        r = is_max ? IntIv{max(r.lo, t.lo), max(r.hi, t.hi)} : IntIv{min(r.lo, t.lo), min(r.hi, t.hi)};
      }
      return I(r);
    }
    case Kind::PowByNatural: return I(iv_pow_natural(iget(e.arg(0)), iget(e.arg(1))));
    case Kind::ToFloat: return F(fget(e.arg(0)));
    case Kind::IntTrueDiv:
    case Kind::FloatTrueDiv: return F(fiv_div(fget(e.arg(0)), fget(e.arg(1))));
    case Kind::FloatAdd: {
      FloatIv r{0.0, 0.0};
      for (size_t i = 0; i < e.nargs(); ++i) {
        FloatIv t = fget(e.arg(i));
        r = {r.lo + t.lo, r.hi + t.hi};
        if (std::isnan(r.lo) || std::isnan(r.hi)) return F(kUnknownFloat);
      }
      return F(r);
    }
    case Kind::FloatMul: {
      FloatIv r{1.0, 1.0};
      for (size_t i = 0; i < e.nargs(); ++i) r = fiv_mul(r, fget(e.arg(i)));
      return F(r);
    }
    case Kind::FloatPow: return F(kUnknownFloat);
    case Kind::TruncToInt:
    case Kind::FloorToInt:
    case Kind::CeilToInt:
    case Kind::RoundToInt: {
      FloatIv v = fget(e.arg(0));
      auto conv = [&](double x) {
        switch (e.kind()) {
        case Kind::TruncToInt: return std::trunc(x);
        case Kind::FloorToInt: return std::floor(x);
        case Kind::CeilToInt: return std::ceil(x);
        default: return std::nearbyint(x);
        }
      };
      return I({double_to_bound(conv(v.lo)), double_to_bound(conv(v.hi))});
    }
    case Kind::Eq:
    case Kind::Ne:
    case Kind::Lt:
    case Kind::Le: return relation(e);
    case Kind::And:
    case Kind::Or: {
      bool is_and = e.kind() == Kind::And;
      bool can_f = !is_and, can_t = is_and; // identity element
      for (size_t i = 0; i < e.nargs(); ++i) {
        ValueRange a = get(e.arg(i));
        if (is_and) {
          can_f = can_f || a.can_be_false;
          can_t = can_t && a.can_be_true;
        } else {
          can_t = can_t || a.can_be_true;
          can_f = can_f && a.can_be_false;
        }
      }
      return ValueRange::bools(can_f, can_t);
    }
    case Kind::Not: {
      ValueRange a = get(e.arg(0));
      return ValueRange::bools(a.can_be_true, a.can_be_false);
    }
    case Kind::Where: {
      ValueRange c = get(e.arg(0));
      if (!c.can_be_false) return get(e.arg(1));
      if (!c.can_be_true) return get(e.arg(2));
      return get(e.arg(1)).unite(get(e.arg(2)));
    }
    }
    return ValueRange::unknown(e.type());
  }

  ValueRange relation(Expr rel) {
    ValueRange r = get(rel.arg(0));
    // The sign of e: can it be negative, zero, positive?
    bool neg, zero, pos;
    if (r.type == Type::Float) {
      neg = r.flo < 0;
      zero = r.flo <= 0 && r.fhi >= 0;
      pos = r.fhi > 0;
    } else {
      neg = r.lo.sign() < 0;
      zero = r.lo.sign() <= 0 && r.hi.sign() >= 0;
      pos = r.hi.sign() > 0;
    }
    return relation_truths(rel.kind(), neg, zero, pos);
  }

  const RangeMap &ranges_;
  std::unordered_map<const Node *, ValueRange> memo_;
};

} // namespace

// --- ValueRange ----------------------------------------------------------------

ValueRange ValueRange::floats(double lo, double hi) {
  ValueRange r;
  r.type = Type::Float;
  r.flo = lo;
  r.fhi = hi;
  return r;
}
ValueRange ValueRange::unknown(Type t) {
  switch (t) {
  case Type::Int: return ints(Bound::neg_inf(), Bound::pos_inf());
  case Type::Float: return floats(-HUGE_VAL, HUGE_VAL);
  default: return bools(true, true);
  }
}
ValueRange ValueRange::singleton(const Value &v) {
  switch (v.type) {
  case Type::Int: return ints(v.i, v.i);
  case Type::Float: return floats(v.f, v.f);
  default: return bools(!v.as_bool(), v.as_bool());
  }
}

bool ValueRange::is_empty() const {
  switch (type) {
  case Type::Int: return hi < lo;
  case Type::Float: return fhi < flo;
  default: return !can_be_false && !can_be_true;
  }
}
bool ValueRange::is_singleton() const {
  switch (type) {
  case Type::Int: return lo.is_finite() && lo == hi;
  case Type::Float: return flo == fhi;
  default: return can_be_false != can_be_true;
  }
}
bool ValueRange::is_unknown() const { return *this == unknown(type); }

bool ValueRange::contains(const Value &v) const {
  if (v.type != type) return false;
  switch (type) {
  case Type::Int: return lo <= Bound(v.i) && Bound(v.i) <= hi;
  case Type::Float: return std::isnan(v.f) || (flo <= v.f && v.f <= fhi);
  default: return v.as_bool() ? can_be_true : can_be_false;
  }
}

bool ValueRange::contains(const ValueRange &o) const {
  if (o.type != type) return false;
  if (o.is_empty()) return true;
  switch (type) {
  case Type::Int: return lo <= o.lo && o.hi <= hi;
  case Type::Float: return flo <= o.flo && o.fhi <= fhi;
  default: return (can_be_false || !o.can_be_false) && (can_be_true || !o.can_be_true);
  }
}

ValueRange ValueRange::intersect(const ValueRange &o) const {
  if (o.type != type) throw TypeError("intersecting ranges of different types");
  switch (type) {
  case Type::Int: return ints(max(lo, o.lo), min(hi, o.hi));
  case Type::Float: return floats(std::max(flo, o.flo), std::min(fhi, o.fhi));
  default: return bools(can_be_false && o.can_be_false, can_be_true && o.can_be_true);
  }
}

ValueRange ValueRange::unite(const ValueRange &o) const {
  if (o.type != type) throw TypeError("uniting ranges of different types");
  if (is_empty()) return o;
  if (o.is_empty()) return *this;
  switch (type) {
  case Type::Int: return ints(min(lo, o.lo), max(hi, o.hi));
  case Type::Float: return floats(std::min(flo, o.flo), std::max(fhi, o.fhi));
  default: return bools(can_be_false || o.can_be_false, can_be_true || o.can_be_true);
  }
}

std::string ValueRange::str() const {
  switch (type) {
  case Type::Int: return "[" + lo.str() + ", " + hi.str() + "]";
  case Type::Float: return "[" + float_repr(flo) + ", " + float_repr(fhi) + "]";
  default: {
    bool lo_v = !can_be_false; // the smallest value that can occur
    bool hi_v = can_be_true;
    if (is_empty()) return "[]";
    return std::string("[") + (lo_v ? "true" : "false") + ", " + (hi_v ? "true" : "false") + "]";
  }
  }
}

bool ValueRange::operator==(const ValueRange &o) const {
  if (type != o.type) return false;
  switch (type) {
  case Type::Int: return lo == o.lo && hi == o.hi;
  case Type::Float: return flo == o.flo && fhi == o.fhi;
  default: return can_be_false == o.can_be_false && can_be_true == o.can_be_true;
  }
}

// --- RangeMap ------------------------------------------------------------------

void RangeMap::set(Expr symbol, const ValueRange &r) {
  if (!symbol.is_symbol()) throw ValueError("ranges are kept for symbols only, not " + symbol.str());
  if (r.type != symbol.type())
    throw TypeError("range " + r.str() + " does not fit symbol " + std::string(symbol.name()) + " of type " +
                    type_name(symbol.type()));
  Slot &s = map_[symbol.node()];
  s.range = r;
  auto fits = [](const Bound &b) { return !b.is_finite() || b.value().fits_int64(); };
  s.has_ends64 = r.type == Type::Int && !r.lo.is_pos_inf() && !r.hi.is_neg_inf() && !(r.hi < r.lo) && fits(r.lo) &&
                 fits(r.hi);
  if (s.has_ends64) {
    s.ends64.lo_inf = !r.lo.is_finite();
    s.ends64.hi_inf = !r.hi.is_finite();
    s.ends64.lo = s.ends64.lo_inf ? 0 : static_cast<int64_t>(r.lo.value().raw());
    s.ends64.hi = s.ends64.hi_inf ? 0 : static_cast<int64_t>(r.hi.value().raw());
  }
  ++version_;
}

ValueRange RangeMap::get(Expr symbol) const {
  const ValueRange *r = find(symbol);
  return r ? *r : ValueRange::unknown(symbol.type());
}

namespace {

/// The common guard, `0 < s0 + s1 - 5`: a relation over a sum of symbols
/// with int64 coefficients and bounds, bounded in int64 arithmetic (the
/// general analysis copies 128-bit bounds through every step).  False when
/// the relation has another shape or a product or sum leaves int64; the
/// general analysis then answers (the same range: both are exact interval
/// sums).
bool bound_linear_relation(Expr rel, const RangeMap &ranges, ValueRange *out) {
  Expr e = rel.arg(0);
  if (!e.is_int()) return false;
  const bool is_add = e.kind() == Kind::Add;
  const size_t n = is_add ? e.nargs() : 1;
  int64_t lo = 0, hi = 0;
  bool lo_inf = false, hi_inf = false;
  if (is_add) {
    if (!e.constant().fits_int64()) return false;
    lo = hi = static_cast<int64_t>(e.constant().raw());
  }
  for (size_t i = 0; i < n; ++i) {
    Expr x = is_add ? e.arg(i) : e;
    if (!x.is_symbol()) return false;
    const RangeMap::Ends64 *r = ranges.find_ends64(x);
    if (!r) return false;
    Int ci = is_add ? e.coeff(i) : Int(1);
    if (!ci.fits_int64()) return false;
    const int64_t c = static_cast<int64_t>(ci.raw());
    // c * [a, b]: the ends swap for c < 0.
    auto add_end = [&](bool end_inf, int64_t end, int64_t &sum, bool &inf) {
      if (end_inf) {
        inf = true;
        return true;
      }
      int64_t t;
      return !__builtin_mul_overflow(end, c, &t) && !__builtin_add_overflow(sum, t, &sum);
    };
    const bool ok = c > 0 ? add_end(r->lo_inf, r->lo, lo, lo_inf) && add_end(r->hi_inf, r->hi, hi, hi_inf)
                          : add_end(r->hi_inf, r->hi, lo, lo_inf) && add_end(r->lo_inf, r->lo, hi, hi_inf);
    if (!ok) return false;
  }
  const bool neg = lo_inf || lo < 0, pos = hi_inf || hi > 0;
  const bool zero = (lo_inf || lo <= 0) && (hi_inf || hi >= 0);
  *out = relation_truths(rel.kind(), neg, zero, pos);
  return true;
}

} // namespace

namespace {
/// bound() past its linear fast path: one transfer function per node.
ValueRange analyze(Expr e, const RangeMap &ranges) {
  Analyzer a(ranges);
  a.use_memo_ = e.size() > 48;
  return a.get(e);
}
} // namespace

ValueRange bound(Expr e, const RangeMap &ranges) {
  ValueRange fast;
  if (e.is_relation() && bound_linear_relation(e, ranges, &fast)) return fast;
  return analyze(e, ranges);
}

LinearTermBounds::LinearTermBounds(Expr e, const RangeMap &ranges) : e_(e), ranges_(ranges) {
  n_ = e.is_int() && e.kind() == Kind::Add ? e.nargs() : 1;
  if (n_ > 6) big_.resize(n_);
  terms_ = n_ > 6 ? big_.data() : reinterpret_cast<Term *>(small_);
  for (size_t i = 0; i < n_; ++i) {
    read(i, &terms_[i]);
    count(terms_[i], 1);
  }
}

void LinearTermBounds::read(size_t i, Term *out) const {
  // `out` may be raw storage: the term is constructed in place.
  if (e_.kind() != Kind::Add) {
    ValueRange r = bound(e_, ranges_);
    new (out) Term{r.lo, r.hi};
    return;
  }
  Expr t = e_.arg(i);
  IntIv v;
  if (const ValueRange *r = t.is_symbol() ? ranges_.find(t) : nullptr) {
    v = {r->lo, r->hi};
  } else {
    ValueRange b = bound(t, ranges_);
    v = {b.lo, b.hi};
  }
  v = iv_scale(v, e_.coeff(i));
  new (out) Term{v.lo, v.hi};
}

void LinearTermBounds::count(const Term &t, int sign) {
  auto one = [&](End &end, const Bound &b) {
    if (!b.is_finite()) {
      end.infinite += sign;
      return;
    }
    if (sign < 0 && b.value() == Int::min()) overflow_ = true;
    else if (add_overflows(end.finite, sign > 0 ? b.value() : -b.value(), &end.finite)) overflow_ = true;
  };
  one(lo_, t.lo);
  one(hi_, t.hi);
}

void LinearTermBounds::update(size_t i) {
  count(terms_[i], -1);
  read(i, &terms_[i]);
  count(terms_[i], 1);
}

bool LinearTermBounds::without(size_t i, Bound *lo_out, Bound *hi_out) const {
  if (overflow_) return false;
  const Int k = e_.kind() == Kind::Add ? e_.constant() : Int(0);
  const Term &t = terms_[i];
  auto end = [&](const End &sum, const Bound &own, Bound inf) -> std::optional<Bound> {
    if (sum.infinite - (own.is_finite() ? 0 : 1) > 0) return inf;
    Int r;
    if (add_overflows(sum.finite, own.is_finite() ? -own.value() : Int(0), &r) || add_overflows(r, k, &r))
      return std::nullopt;
    return Bound(r);
  };
  std::optional<Bound> lo = end(lo_, t.lo, Bound::neg_inf()), hi = end(hi_, t.hi, Bound::pos_inf());
  if (!lo || !hi) return false;
  *lo_out = *lo;
  *hi_out = *hi;
  return true;
}

namespace {
bool nonlinear(Expr e) {
  if (e.kind() == Kind::Mul || e.kind() == Kind::PowByNatural) return true;
  for (size_t i = 0; i < e.nargs(); ++i) {
    Expr a = e.arg(i);
    if (a.nargs() > 0 && a.has_symbols() && nonlinear(a)) return true; // (leaves are linear)
  }
  return false;
}

/// The stand-in `__shift_x` for x - lo(x), looked up once per symbol.
Expr shift_symbol(Expr x) {
  thread_local std::unordered_map<const Node *, Expr> memo;
  auto it = memo.find(x.node());
  if (it != memo.end()) return it->second;
  Expr y = symbol("__shift_" + std::string(x.name()), Type::Int);
  memo.emplace(x.node(), y);
  return y;
}

struct SeenSymbols {
  const Node *at[16];
  size_t n = 0;
};

/// True when `e` is built of relations, sums, products with exponents 1,
/// symbols and integers, and no symbol occurs twice (counted in the tree):
/// then interval arithmetic gives the exact range (each product's extremes
/// lie at corners of the box), and shifting cannot tighten it.
bool single_use_polynomial(Expr e, SeenSymbols &seen) {
  switch (e.kind()) {
  case Kind::Integer: return true;
  case Kind::Symbol:
    if (seen.n == 16 || std::find(seen.at, seen.at + seen.n, e.node()) != seen.at + seen.n) return false;
    seen.at[seen.n++] = e.node();
    return true;
  case Kind::Mul:
    for (size_t i = 0; i < e.nargs(); ++i)
      if (e.exponent(i) != 1) return false;
    [[fallthrough]];
  case Kind::Add:
  case Kind::Eq:
  case Kind::Ne:
  case Kind::Lt:
  case Kind::Le:
    for (size_t i = 0; i < e.nargs(); ++i)
      if (!single_use_polynomial(e.arg(i), seen)) return false;
    return e.nargs() > 0 && e.arg(0).type() != Type::Float;
  default: return false;
  }
}

} // namespace

ValueRange bound_shifted(Expr e, const RangeMap &ranges) {
  ValueRange plain;
  // A relation over a sum of symbols: bound() is exact, no shifting (and no
  // walk to find that out).  Otherwise bound() without trying that again.
  if (e.is_relation() && bound_linear_relation(e, ranges, &plain)) return plain;
  plain = analyze(e, ranges);
  if (plain.is_singleton() || !nonlinear(e)) return plain;
  SeenSymbols seen;
  if (single_use_polynomial(e, seen)) return plain;
  SubstMap shift;
  RangeMap shifted;
  for (Expr x : free_symbols(e)) {
    ValueRange r = ranges.get(x);
    if (r.type != Type::Int || !r.lo.is_finite() || r.lo.value().is_zero()) {
      shifted.set(x, r);
      continue;
    }
    Expr y = shift_symbol(x);
    Bound hi = r.hi.is_finite() ? Bound(r.hi.value() - r.lo.value()) : r.hi;
    shifted.set(y, ValueRange::ints(Bound(0), hi));
    shift.emplace(x.node(), y + integer(r.lo.value()));
  }
  if (shift.empty()) return plain;
  ValueRange s = bound(substitute(e, shift), shifted);
  return s.is_singleton() ? s : plain;
}

ValueRange BoundCache::get(Expr e) {
  if (version_ != ranges_.version()) {
    memo_.clear();
    version_ = ranges_.version();
  }
  auto it = memo_.find(e.node());
  if (it != memo_.end()) return it->second;
  ValueRange r = bound(e, ranges_);
  memo_.emplace(e.node(), r);
  return r;
}

} // namespace symshape
