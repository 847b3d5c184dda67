//===- expr_internal.h - Private helpers of the expression layer ----------===//
//
// Shared by the build_*.cpp files (one per operator family, as in Halide's
// Simplify_*.cpp).  Not installed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <string_view>
#include <utility>
#include <vector>

#include "symshape/expr/expr.h"
#include "symshape/expr/rewrite.h"

namespace symshape::detail {

/// A vector with inline storage for N elements: the normalizer's scratch
/// lists are short, and heap allocation would dominate a construction.
template <class T, size_t N> class SmallVec {
public:
  SmallVec() = default;
  SmallVec(std::initializer_list<T> init) {
    for (const T &x : init) push_back(x);
  }
  SmallVec(const SmallVec &o) { *this = o; }
  SmallVec &operator=(const SmallVec &o) {
    if (this != &o) {
      clear();
      for (const T &x : o) push_back(x);
    }
    return *this;
  }
  SmallVec(SmallVec &&o) noexcept { *this = std::move(o); }
  SmallVec &operator=(SmallVec &&o) noexcept {
    if (this != &o) {
      n_ = o.n_;
      heap_ = std::move(o.heap_);
      if (heap_.empty())
        for (size_t i = 0; i < n_; ++i) new (inline_ptr() + i) T(o.inline_ptr()[i]);
      o.n_ = 0;
      o.heap_.clear();
    }
    return *this;
  }

  T *data() { return heap_.empty() ? inline_ptr() : heap_.data(); }
  const T *data() const { return heap_.empty() ? inline_ptr() : heap_.data(); }
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  T &operator[](size_t i) { return data()[i]; }
  const T &operator[](size_t i) const { return data()[i]; }
  T *begin() { return data(); }
  T *end() { return data() + n_; }
  const T *begin() const { return data(); }
  const T *end() const { return data() + n_; }
  T &back() { return data()[n_ - 1]; }
  void reserve(size_t) {}
  void clear() {
    n_ = 0;
    heap_.clear();
  }
  void push_back(const T &v) {
    if (heap_.empty()) {
      if (n_ < N) {
        new (inline_ptr() + n_++) T(v);
        return;
      }
      heap_.assign(inline_ptr(), inline_ptr() + n_);
    }
    heap_.push_back(v);
    ++n_;
  }
  template <class... A> void emplace_back(A &&...a) { push_back(T(std::forward<A>(a)...)); }
  /// Truncates to [begin(), first); `last` must be end() (remove_if idiom).
  void erase(T *first, T *) {
    n_ = static_cast<size_t>(first - begin());
    if (!heap_.empty()) heap_.resize(n_);
  }

private:
  // Raw storage: elements are only constructed when pushed (T must be
  // trivially destructible, as Expr, Int and their pairs are).
  static_assert(std::is_trivially_destructible<T>::value, "SmallVec holds trivial types");
  T *inline_ptr() { return reinterpret_cast<T *>(buf_); }
  const T *inline_ptr() const { return reinterpret_cast<const T *>(buf_); }
  alignas(T) unsigned char buf_[N * sizeof(T)];
  std::vector<T> heap_;
  size_t n_ = 0;
};

/// A linear combination's terms: (monomial, coefficient).
using Terms = SmallVec<std::pair<Expr, Int>, 8>;
/// A monomial's factors: (base, exponent).
using Factors = SmallVec<std::pair<Expr, uint32_t>, 8>;

/// Everything that identifies a node.  Arrays may point at temporaries:
/// intern() copies them into the arena only when the node is new.
struct NodeSpec {
  NodeSpec(Kind k, Type t) : kind(k), type(t) {}
  Kind kind;
  Type type;
  const Node *const *args = nullptr;
  uint32_t nargs = 0;
  const Int *coeffs = nullptr;
  const uint32_t *exps = nullptr;
  Int value;
  double fvalue = 0.0;
  std::string_view name;
};

/// Returns the unique node for `spec`, creating it if needed.
const Node *intern(const NodeSpec &spec);

/// Counts one application of a rewrite rule (relaxed atomic increment).
void fired(Rule r);

/// A linear view of an integer expression: constant + sum(coeff * mono),
/// terms sorted by compare() with no duplicates and no zero coefficients.
/// A "mono" is any integer node that is not Add and not Integer.
struct Linear {
  Int constant;
  Terms terms;
};
/// Appends scale * e to an empty `out`.
Linear linear_of(Expr e);
/// Builds the normal form of a linear combination (terms must be sorted and
/// distinct, zero coefficients already dropped).
Expr make_add(Int constant, const Terms &terms);
/// The normal form of constant + sum(terms) for terms in any order, with
/// repeats and zero coefficients (one node built, however many terms).
Expr add_unsorted(Int constant, Terms terms);
/// scale * e in normal form.
Expr scale(Expr e, Int k);
/// The normal form of `0 < e` (Lt), `0 <= e` (Le), `e == 0`, `e != 0`.
Expr relation_of(Kind k, Expr e);
/// Builds a node with the given args (no normalization).
Expr make_node(Kind kind, Type type, const Expr *args, size_t n);
inline Expr make_node(Kind kind, Type type, const std::vector<Expr> &args) {
  return make_node(kind, type, args.data(), args.size());
}
inline Expr make_node(Kind kind, Type type, std::initializer_list<Expr> args) {
  return make_node(kind, type, args.begin(), args.size()); // no vector for the common one or two args
}

/// Whether `0 < e` (Lt), `0 <= e` (Le), `e == 0`, `e != 0` holds, from the
/// sign of e.
inline bool relation_holds(Kind k, int sign) {
  return k == Kind::Eq ? sign == 0 : k == Kind::Ne ? sign != 0 : k == Kind::Lt ? sign > 0 : sign >= 0;
}

/// The gcd of every coefficient in `terms` (0 when there are none).
Int content(const Terms &terms);

[[noreturn]] void type_error(const char *op, Expr a, Expr b = Expr());

/// The sub-expression types an operator accepts.
inline void require_int(const char *op, Expr a) {
  if (!a.is_int()) type_error(op, a);
}
inline void require_bool(const char *op, Expr a) {
  if (!a.is_bool()) type_error(op, a);
}
inline void require_numeric(const char *op, Expr a) {
  if (a.is_bool()) type_error(op, a);
}

} // namespace symshape::detail
