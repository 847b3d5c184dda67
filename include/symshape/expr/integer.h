//===- symshape/expr/integer.h - Exact integers for shape arithmetic -----===//
//
// Shape guards carry constants beyond 64 bits (PyTorch emits
// `x.size()[0] <= 9223372036854775810`), so every integer constant in
// symshape is a signed 128-bit value.  Arithmetic is *checked*: a result that
// does not fit throws `OverflowError` instead of wrapping, so an answer is
// never silently wrong.  Integer infinity (`int_oo`) is not an `Int`; it lives
// in value ranges (see reason/value_range.h).
//
// Division follows Python: `floordiv` rounds toward -inf and `pymod` takes the
// sign of the divisor.  Both throw `ZeroDivisionError` on a zero divisor.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "symshape/expr/errors.h"

namespace symshape {

/// Throws OverflowError for the operation `what` (out of line: the checks
/// below are inline, the throw is cold).
[[noreturn]] void throw_int_overflow(const char *what);

/// A checked signed 128-bit integer.  Cheap to copy (16 bytes, trivially
/// copyable); every operation that can overflow checks and throws.  The
/// arithmetic is inline: a call per addition cost more than the addition.
class Int {
public:
  constexpr Int() = default;
  constexpr Int(int v) : v_(v) {}
  constexpr Int(long v) : v_(v) {}
  constexpr Int(long long v) : v_(v) {}
  constexpr Int(unsigned v) : v_(v) {}
  constexpr Int(unsigned long v) : v_(v) {}
  constexpr Int(unsigned long long v) : v_(v) {}
  static constexpr Int from_raw(__int128 v) { Int r; r.v_ = v; return r; }

  constexpr __int128 raw() const { return v_; }
  /// True when the value fits in int64_t.
  bool fits_int64() const { return v_ >= INT64_MIN && v_ <= INT64_MAX; }
  /// The value as int64_t; throws OverflowError when it does not fit.
  int64_t to_int64() const;
  /// The nearest double (exact below 2^53).
  double to_double() const { return static_cast<double>(v_); }

  static Int max() { return from_raw(~(static_cast<__int128>(1) << 127)); }
  static Int min() { return from_raw(static_cast<__int128>(1) << 127); }

  Int operator-() const {
    if (v_ == min().v_) throw_int_overflow("negation");
    return from_raw(-v_);
  }
  Int operator+(Int o) const {
    __int128 r;
    if (__builtin_add_overflow(v_, o.v_, &r)) throw_int_overflow("addition");
    return from_raw(r);
  }
  Int operator-(Int o) const {
    __int128 r;
    if (__builtin_sub_overflow(v_, o.v_, &r)) throw_int_overflow("subtraction");
    return from_raw(r);
  }
  Int operator*(Int o) const {
    if (fits_int64() && o.fits_int64()) return from_raw(v_ * o.v_); // cannot overflow
    __int128 r;
    if (__builtin_mul_overflow(v_, o.v_, &r)) throw_int_overflow("multiplication");
    return from_raw(r);
  }
  Int &operator+=(Int o) { return *this = *this + o; }
  Int &operator-=(Int o) { return *this = *this - o; }
  Int &operator*=(Int o) { return *this = *this * o; }

  bool operator==(Int o) const { return v_ == o.v_; }
  bool operator!=(Int o) const { return v_ != o.v_; }
  bool operator<(Int o) const { return v_ < o.v_; }
  bool operator<=(Int o) const { return v_ <= o.v_; }
  bool operator>(Int o) const { return v_ > o.v_; }
  bool operator>=(Int o) const { return v_ >= o.v_; }

  bool is_zero() const { return v_ == 0; }
  bool is_negative() const { return v_ < 0; }
  bool is_positive() const { return v_ > 0; }
  int sign() const { return v_ < 0 ? -1 : (v_ > 0 ? 1 : 0); }

  /// Decimal text, e.g. "-12".
  std::string str() const;
  /// Parses optional '-' and decimal digits; nullopt when malformed or too big.
  static std::optional<Int> parse(std::string_view text);

private:
  __int128 v_ = 0;
};

/// Python `a // b` (floor toward -inf).  Throws ZeroDivisionError when b == 0.
Int floordiv(Int a, Int b);
/// Python `a % b` (result has the sign of b).  Throws ZeroDivisionError.
Int pymod(Int a, Int b);
/// Ceiling division, ceil(a / b).  Throws ZeroDivisionError.
Int ceildiv(Int a, Int b);
/// Euclid's algorithm (gcd() below, past its shortcut).
Int gcd_euclid(Int a, Int b);
/// Nonnegative greatest common divisor; gcd(0, 0) == 0.  Inline for the
/// common arguments, a sum's coefficients: +-1 needs no division (~40
/// cycles each) and no call.
inline Int gcd(Int a, Int b) {
  if (a == Int(1) || a == Int(-1) || b == Int(1) || b == Int(-1)) return Int(1);
  return gcd_euclid(a, b);
}
/// The gcd of c[0..n) (0 when n is 0), stopping at the first 1: the
/// content of a sum's coefficients (inline, like gcd: most are 1 at once).
inline Int content_of(const Int *c, size_t n) {
  Int g(0);
  for (size_t i = 0; i < n && g != Int(1); ++i) g = gcd(g, c[i]);
  return g;
}
/// |a|; throws OverflowError for the most negative value.
Int abs(Int a);
/// a ** e for e >= 0 (0 ** 0 == 1).  Throws OverflowError when too big.
Int pow(Int a, uint64_t e);
/// Checked variants that report overflow instead of throwing (for value
/// ranges, which saturate to infinity instead of failing).
inline bool add_overflows(Int a, Int b, Int *out) {
  __int128 r;
  if (__builtin_add_overflow(a.raw(), b.raw(), &r)) return true;
  *out = Int::from_raw(r);
  return false;
}
inline bool mul_overflows(Int a, Int b, Int *out) {
  __int128 r;
  if (__builtin_mul_overflow(a.raw(), b.raw(), &r)) return true;
  *out = Int::from_raw(r);
  return false;
}

/// Hash mixing (deterministic across runs and platforms).
inline uint64_t hash_mix(uint64_t h, uint64_t v) {
  v *= 0x9E3779B97F4A7C15ULL;
  v ^= v >> 29;
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h;
}
inline uint64_t hash_int(Int v) {
  auto u = static_cast<unsigned __int128>(v.raw());
  return hash_mix(hash_mix(0x51ED27, static_cast<uint64_t>(u)),
                  static_cast<uint64_t>(u >> 64));
}

} // namespace symshape
