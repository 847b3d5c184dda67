//===- symshape/reason/value_range.h - Interval analysis -------------------===//
//
// Value ranges, as PyTorch's ValueRanges: closed integer intervals whose ends
// may be -int_oo / int_oo (a distinct value, never a large number), float
// intervals with +-inf, and boolean ranges.  `bound(expr, ranges)` runs one
// transfer function per operator over the expression.
//
// Soundness: for every point inside the symbols' ranges at which `expr` is
// defined (no division by zero), its value lies inside the result.  Results
// may be loose; they are never wrong.  Integer overflow widens to infinity.
// Float terms are bounded for IEEE double evaluation (Python's semantics):
// rounding is monotone, so corner evaluation in doubles is exact.  Modulo uses Python semantics (PyTorch's
// ValueRanges uses C semantics there; symshape picks Python consistently).
//
// Cost: one transfer function per distinct node, O(size of the DAG).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/expr/eval.h"
#include "symshape/expr/expr.h"
#include "symshape/expr/node_map.h"

namespace symshape {

/// An integer range end: a finite Int or +-infinity.
class Bound {
public:
  Bound() = default;
  Bound(Int v) : v_(v) {}
  Bound(int v) : v_(Int(v)) {}
  static Bound pos_inf() { return Bound(1, 0); }
  static Bound neg_inf() { return Bound(-1, 0); }

  bool is_finite() const { return inf_ == 0; }
  bool is_pos_inf() const { return inf_ > 0; }
  bool is_neg_inf() const { return inf_ < 0; }
  /// The finite value (only when is_finite()).
  Int value() const { return v_; }
  int sign() const { return inf_ != 0 ? inf_ : v_.sign(); }

  bool operator==(const Bound &o) const { return inf_ == o.inf_ && (inf_ != 0 || v_ == o.v_); }
  bool operator!=(const Bound &o) const { return !(*this == o); }
  bool operator<(const Bound &o) const {
    if (inf_ != 0 || o.inf_ != 0) {
      if (inf_ == o.inf_) return false;
      return inf_ < 0 || o.inf_ > 0;
    }
    return v_ < o.v_;
  }
  bool operator<=(const Bound &o) const { return !(o < *this); }
  bool operator>(const Bound &o) const { return o < *this; }
  bool operator>=(const Bound &o) const { return !(*this < o); }

  /// "7", "inf", "-inf".
  std::string str() const;

private:
  Bound(int inf, int) : inf_(inf) {}
  Int v_;
  int inf_ = 0;
};

/// -b; -(-2**127) saturates to +inf (a bound, like the products' overflow).
inline Bound negate(const Bound &b) {
  if (b.is_pos_inf()) return Bound::neg_inf();
  if (b.is_neg_inf() || b.value() == Int::min()) return Bound::pos_inf();
  return Bound(-b.value());
}
inline Bound min(const Bound &a, const Bound &b) { return b < a ? b : a; }
inline Bound max(const Bound &a, const Bound &b) { return a < b ? b : a; }

/// A range of values of one type.
struct ValueRange {
  Type type = Type::Int;
  Bound lo = Bound::neg_inf(), hi = Bound::pos_inf(); ///< Int
  double flo = -HUGE_VAL, fhi = HUGE_VAL;           ///< Float
  bool can_be_false = true, can_be_true = true;     ///< Bool

  static ValueRange ints(Bound lo, Bound hi) {
    ValueRange r;
    r.lo = lo;
    r.hi = hi;
    return r;
  }
  static ValueRange floats(double lo, double hi);
  static ValueRange bools(bool can_be_false, bool can_be_true) {
    ValueRange r;
    r.type = Type::Bool;
    r.can_be_false = can_be_false;
    r.can_be_true = can_be_true;
    return r;
  }
  static ValueRange unknown(Type t);
  static ValueRange singleton(const Value &v);

  bool is_empty() const;
  bool is_singleton() const;
  bool is_unknown() const;
  /// True when the value lies inside (ints, floats and bools by type).
  bool contains(const Value &v) const;
  /// True when every value of `o` lies inside this range.
  bool contains(const ValueRange &o) const;
  ValueRange intersect(const ValueRange &o) const;
  ValueRange unite(const ValueRange &o) const;

  /// "[2, inf]", "[-inf, 0]", "[false, true]", "[0.5, inf]".
  std::string str() const;
  bool operator==(const ValueRange &o) const;
  bool operator!=(const ValueRange &o) const { return !(*this == o); }
};

/// The ranges of symbols; a symbol without an entry ranges over its whole
/// type.
class RangeMap {
public:
  void set(Expr symbol, const ValueRange &r);
  /// The symbol's range (unknown of its type when unset).
  ValueRange get(Expr symbol) const;
  /// The symbol's range, or null when unset (no copy).
  /// (Valid until the next set() of a new symbol.)
  const ValueRange *find(Expr symbol) const {
    const Slot *s = map_.find(symbol.node());
    return s ? &s->range : nullptr;
  }
  /// An integer range with ends as 64-bit numbers (an infinite end's value
  /// is 0), for the linear fast paths.
  struct Ends64 {
    int64_t lo, hi;
    bool lo_inf, hi_inf;
  };
  /// The symbol's range as Ends64, kept by set(): null when the symbol has
  /// no range, is not an integer, its range is empty or infinite the wrong
  /// way, or a finite end does not fit in 64 bits.  Cost: one lookup.
  const Ends64 *find_ends64(Expr symbol) const {
    const Slot *s = map_.find(symbol.node());
    return s && s->has_ends64 ? &s->ends64 : nullptr;
  }
  bool has(Expr symbol) const { return map_.contains(symbol.node()); }
  size_t size() const { return map_.size(); }
  /// Bumped by every set(): caches of bounds compare it.
  uint64_t version() const { return version_; }

private:
  struct Slot {
    ValueRange range;
    Ends64 ends64;
    bool has_ends64;
  };
  NodeMap<Slot> map_;
  uint64_t version_ = 0;
};

/// A sound range for `e` over the points inside `ranges`.
ValueRange bound(Expr e, const RangeMap &ranges);

/// The ranges of a linear form without one of its terms, each in O(1):
/// range refinement isolates every symbol of a relation in turn.  For an
/// integer `e` = k + sum(c_i * t_i) (any other `e` is one term, i = 0) it
/// keeps each term's interval and, per end, the sum of the finite ends and
/// the number of infinite ones.  `update(i)` re-reads term i after its range
/// changed, so isolating in turn sees each refinement made before (as
/// bounding the rest afresh each time would).  Cost: one bound() per term at
/// construction; O(1) per query and update.  Sums past 128 bits make the
/// answers nullopt (the caller learns nothing, which is sound).
class LinearTermBounds {
public:
  LinearTermBounds(Expr e, const RangeMap &ranges);
  LinearTermBounds(const LinearTermBounds &) = delete;
  LinearTermBounds &operator=(const LinearTermBounds &) = delete;
  size_t size() const { return n_; }
  /// The range [lo, hi] of `e - c_i * t_i` (the constant included); false
  /// past 128 bits.
  bool without(size_t i, Bound *lo, Bound *hi) const;
  std::optional<ValueRange> without(size_t i) const {
    Bound lo, hi;
    if (!without(i, &lo, &hi)) return std::nullopt;
    return ValueRange::ints(lo, hi);
  }
  /// True when no term's removal leaves a finite end (each end has two or
  /// more infinite terms): nothing can be isolated.
  bool all_unbounded() const { return lo_.infinite >= 2 && hi_.infinite >= 2; }
  void update(size_t i);

private:
  struct End {
    Int finite{0};
    int infinite = 0;
  };
  struct Term {
    Bound lo, hi;
  };
  void read(size_t i, Term *out) const;
  void count(const Term &t, int sign);
  Expr e_;
  const RangeMap &ranges_;
  size_t n_;
  // The terms of a guard's sum, without allocating (and without zeroing:
  // each is written before it is read).
  alignas(Term) unsigned char small_[6 * sizeof(Term)];
  std::vector<Term> big_;
  Term *terms_;
  End lo_, hi_;
  bool overflow_ = false;
};

/// bound(), then, if that is not a single value and `e` is nonlinear, again
/// with every symbol shifted to its lower bound (x = L + y, y >= 0): after
/// expansion, sums of non-negative terms show (s0*s1 > s1 for s0 >= 2 becomes
/// y0*s1 + s1 > 0).  PyTorch's static evaluation does the same.  Shifting
/// cannot help where bound() is already exact: linear expressions (intervals
/// add exactly) and sums of products in which every symbol occurs once (the
/// interval of a single-use expression is its exact range), so it is skipped
/// there.  Cost: bound() twice plus one substitution, for the other
/// nonlinear expressions.
ValueRange bound_shifted(Expr e, const RangeMap &ranges);

/// bound() with a memo keyed by node, valid while the RangeMap's version is
/// unchanged (any set() clears it).  Cost of a hit: one hash lookup; of a
/// miss: the transfer functions of the expression.
class BoundCache {
public:
  explicit BoundCache(const RangeMap &ranges) : ranges_(ranges) {}
  ValueRange get(Expr e);

private:
  const RangeMap &ranges_;
  uint64_t version_ = ~0ull;
  std::unordered_map<const Node *, ValueRange> memo_;
};

} // namespace symshape
