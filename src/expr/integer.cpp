//===- integer.cpp - Checked 128-bit integers -----------------------------===//
#include "symshape/expr/integer.h"

#include <algorithm>

namespace symshape {

void throw_int_overflow(const char *what) {
  throw OverflowError(std::string("integer overflow in ") + what + " (symshape integers are 128-bit)");
}

int64_t Int::to_int64() const {
  if (!fits_int64()) throw_int_overflow("conversion to int64");
  return static_cast<int64_t>(v_);
}

std::string Int::str() const {
  if (v_ == 0) return "0";
  unsigned __int128 u = v_ < 0 ? -static_cast<unsigned __int128>(v_)
                                : static_cast<unsigned __int128>(v_);
  std::string digits;
  while (u != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (v_ < 0) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::optional<Int> Int::parse(std::string_view text) {
  bool neg = false;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    neg = text[i] == '-';
    ++i;
  }
  if (i == text.size()) return std::nullopt;
  // Accumulate as a negative number so that Int::min() parses.
  __int128 acc = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') continue; // Python digit separators
    if (c < '0' || c > '9') return std::nullopt;
    if (__builtin_mul_overflow(acc, static_cast<__int128>(10), &acc) ||
        __builtin_sub_overflow(acc, static_cast<__int128>(c - '0'), &acc))
      return std::nullopt;
  }
  if (!neg) {
    if (acc == Int::min().raw()) return std::nullopt;
    acc = -acc;
  }
  return Int::from_raw(acc);
}

Int floordiv(Int a, Int b) {
  if (b.is_zero()) throw ZeroDivisionError("integer division by zero");
  if (b == Int(1)) return a; // the content of most forms: skip a ~40-cycle division
  if (a.fits_int64() && b.fits_int64() && !(a.raw() == INT64_MIN && b.raw() == -1)) {
    int64_t x = static_cast<int64_t>(a.raw()), y = static_cast<int64_t>(b.raw());
    int64_t q = x / y, r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) --q;
    return Int(static_cast<long long>(q));
  }
  if (a == Int::min() && b == Int(-1)) throw_int_overflow("floor division");
  __int128 q = a.raw() / b.raw();
  __int128 r = a.raw() % b.raw();
  if (r != 0 && ((r < 0) != (b.raw() < 0))) --q;
  return Int::from_raw(q);
}

Int pymod(Int a, Int b) {
  if (b.is_zero()) throw ZeroDivisionError("integer modulo by zero");
  if (b == Int(1) || b == Int(-1)) return Int(0);
  if (a.fits_int64() && b.fits_int64()) {
    int64_t x = static_cast<int64_t>(a.raw()), y = static_cast<int64_t>(b.raw());
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return Int(static_cast<long long>(r));
  }
  __int128 r = a.raw() % b.raw();
  if (r != 0 && ((r < 0) != (b.raw() < 0))) r += b.raw();
  return Int::from_raw(r);
}

Int ceildiv(Int a, Int b) { return -floordiv(-a, b); }

Int abs(Int a) { return a.is_negative() ? -a : a; }

Int gcd_euclid(Int a, Int b) {
  if (a.fits_int64() && b.fits_int64() && a.raw() != INT64_MIN && b.raw() != INT64_MIN) {
    uint64_t x = static_cast<uint64_t>(a.raw() < 0 ? -a.raw() : a.raw());
    uint64_t y = static_cast<uint64_t>(b.raw() < 0 ? -b.raw() : b.raw());
    if (x == 0) return Int(static_cast<unsigned long long>(y)); // (a content's first step)
    while (y != 0) {
      uint64_t t = x % y;
      x = y;
      y = t;
    }
    return Int(static_cast<unsigned long long>(x));
  }
  unsigned __int128 x = a.raw() < 0 ? -static_cast<unsigned __int128>(a.raw())
                                    : static_cast<unsigned __int128>(a.raw());
  unsigned __int128 y = b.raw() < 0 ? -static_cast<unsigned __int128>(b.raw())
                                    : static_cast<unsigned __int128>(b.raw());
  while (y != 0) {
    unsigned __int128 t = x % y;
    x = y;
    y = t;
  }
  if (x > static_cast<unsigned __int128>(Int::max().raw())) throw_int_overflow("gcd");
  return Int::from_raw(static_cast<__int128>(x));
}

Int pow(Int a, uint64_t e) {
  Int result(1);
  Int base = a;
  while (e != 0) {
    if (e & 1) result = result * base;
    e >>= 1;
    if (e != 0) base = base * base;
  }
  return result;
}

} // namespace symshape
