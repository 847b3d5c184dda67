//===- symshape/expr/expr.h - Hash-consed symbolic shape expressions ------===//
//
// An `Expr` is a handle (one pointer) to an immutable node of symshape's
// hash-consed term graph.  There is exactly one node per distinct normalized
// term, process-wide, so
//   * equality of handles is structural equality, O(1);
//   * hashing is O(1) and memo tables key on `Expr::id()`;
//   * nodes are never freed (like sympy's cache, the table only grows).
//
// Every constructor returns the *normal form* (see docs/expressions.md and
// rewrite_rules.def): constants folded, sums and products flattened, like terms
// collected, a canonical argument order, relations in PyTorch's canonical
// comparison form and the division/modulo rules PyTorch applies.  Rewrites are
// valid over all integers (they never assume a symbol is positive); knowledge
// about symbols (ranges, divisibility) is applied by the reasoning layers.
//
// Semantics are Python's (PyTorch's): `floordiv` floors toward -inf, `mod`
// takes the sign of the divisor, `/` on ints is true division to a float.
// Float-valued terms (ToFloat, IntTrueDiv, ...) are modelled as exact reals
// by the solver and as IEEE doubles by the concrete evaluator; the two agree
// for magnitudes below 2^53.
//
// Thread safety: constructing expressions is thread-safe (the intern table
// takes a lock); nodes are immutable, so reading them never needs one.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/expr/errors.h"
#include "symshape/expr/integer.h"

namespace symshape {

/// The value type of an expression.
enum class Type : uint8_t { Int, Float, Bool };
const char *type_name(Type t);

/// Node kinds.  Relations carry one argument `e` and mean `e == 0`,
/// `e != 0`, `0 < e`, `0 <= e`: printers split `e` back into the two sides
/// PyTorch would print (`Eq(s0 + 2, s1)`, `5 < s0`).
enum class Kind : uint8_t {
  // Leaves.
  Integer,   ///< exact integer constant (`value()`)
  Float,     ///< double constant (`float_value()`)
  BoolConst, ///< True / False (`bool_value()`)
  Symbol,    ///< named free variable of any Type (`name()`)
  // Integer arithmetic.
  Add,          ///< constant() + sum(coeff(i) * arg(i)); args are monomials
  Mul,          ///< prod(arg(i) ** exponent(i)); coefficient always 1
  FloorDiv,     ///< Python a // b
  CleanDiv,     ///< a // b where b is known to divide a (same value)
  Mod,          ///< Python a % b (sign of b)
  Min,          ///< n-ary minimum (int or float)
  Max,          ///< n-ary maximum (int or float)
  PowByNatural, ///< a ** b, b a natural number that is not a constant
  // Float arithmetic.
  ToFloat,      ///< int -> float
  IntTrueDiv,   ///< int / int -> float
  FloatTrueDiv, ///< float / float
  FloatAdd,     ///< n-ary float sum (at most one constant, first)
  FloatMul,     ///< n-ary float product (at most one constant, first)
  FloatPow,     ///< float ** float
  TruncToInt,   ///< math.trunc
  FloorToInt,   ///< math.floor
  CeilToInt,    ///< math.ceil
  RoundToInt,   ///< round(): ties to even
  // Relations over int or float `e`.
  Eq, ///< e == 0
  Ne, ///< e != 0
  Lt, ///< 0 < e
  Le, ///< 0 <= e
  // Logic.
  And,
  Or,
  Not,
  // if-then-else: Where(cond, then, else) (sympy Piecewise / Where).
  Where,
};
constexpr int kNumKinds = static_cast<int>(Kind::Where) + 1;
/// The PyTorch/sympy class name of a kind ("FloorDiv", "Eq", ...).
const char *kind_name(Kind k);

/// An immutable interned node.  Read through `Expr`; never constructed
/// directly.
///
/// 48 bytes, then in the same allocation what only some kinds have: the
/// args, then the Add coefficients (16-aligned) or the Mul exponents, or a
/// Symbol's name, or a Float's value.  Guards are read long after they were
/// built, so every node touched is a likely cache miss: a node and its args
/// share one or two lines (the fields side by side took 96-160 bytes).
struct Node {
  uint32_t id;     ///< dense, in creation order: a key for memo tables
  Kind kind;
  Type type;
  uint8_t flags;   ///< kHasSymbols | kHasFloat | kHasMod | kHasFloorDiv (of the whole tree)
  uint32_t nargs;
  uint32_t size;   ///< number of nodes in the tree (saturating)
  uint64_t hash;   ///< structural, deterministic across runs
  const Node *const *args;  ///< right after the node
  Int value;               ///< Integer value; Add constant; BoolConst 0/1

  /// Add only: one coefficient per arg.
  const Int *coeffs() const {
    auto p = reinterpret_cast<uintptr_t>(args + nargs);
    return reinterpret_cast<const Int *>((p + alignof(Int) - 1) & ~(uintptr_t(alignof(Int)) - 1));
  }
  /// Mul only: one exponent (>= 1) per arg.
  const uint32_t *exps() const { return reinterpret_cast<const uint32_t *>(args + nargs); }
  /// Symbol only: the name (NUL-terminated).
  const char *name() const { return reinterpret_cast<const char *>(this + 1); }
  /// Float only: the value.
  double fvalue() const {
    double d;
    std::memcpy(&d, this + 1, sizeof d);
    return d;
  }

  static constexpr uint8_t kHasSymbols = 1;
  static constexpr uint8_t kHasFloat = 2;
  static constexpr uint8_t kHasMod = 4;      ///< a Mod node inside (cheap tiers test it per query)
  static constexpr uint8_t kHasFloorDiv = 8; ///< a FloorDiv node inside (CleanDiv not counted)
};
static_assert(sizeof(Node) == 48, "see the layout above");

/// A handle to an interned node.  Default-constructed handles are null and
/// may only be compared, assigned or tested with `is_null()`.
class Expr {
public:
  Expr() = default;
  explicit Expr(const Node *n) : n_(n) {}
  /// Integer constants convert implicitly, so `x + 1` reads naturally.
  Expr(int v);
  Expr(long v);
  Expr(long long v);
  explicit Expr(Int v);

  const Node *node() const { return n_; }
  bool is_null() const { return n_ == nullptr; }
  uint32_t id() const { return n_->id; }
  uint64_t hash() const { return n_->hash; }
  Kind kind() const { return n_->kind; }
  Type type() const { return n_->type; }
  bool is_int() const { return n_->type == Type::Int; }
  bool is_float() const { return n_->type == Type::Float; }
  bool is_bool() const { return n_->type == Type::Bool; }

  size_t nargs() const { return n_->nargs; }
  Expr arg(size_t i) const { return Expr(n_->args[i]); }
  std::vector<Expr> args() const;
  /// Add: the coefficient of arg(i).  Mul: see exponent().
  Int coeff(size_t i) const { return n_->coeffs()[i]; }
  /// Mul: the exponent of arg(i) (>= 1).
  uint32_t exponent(size_t i) const { return n_->exps()[i]; }
  /// Add: the constant term.  Integer: the value.
  Int constant() const { return n_->value; }

  bool is_integer_constant() const { return n_->kind == Kind::Integer; }
  bool is_float_constant() const { return n_->kind == Kind::Float; }
  bool is_bool_constant() const { return n_->kind == Kind::BoolConst; }
  bool is_number() const { return is_integer_constant() || is_float_constant(); }
  bool is_constant() const { return !(n_->flags & Node::kHasSymbols); }
  bool is_true() const { return n_->kind == Kind::BoolConst && n_->value.raw() == 1; }
  bool is_false() const { return n_->kind == Kind::BoolConst && n_->value.raw() == 0; }
  bool is_symbol() const { return n_->kind == Kind::Symbol; }
  bool is_relation() const {
    return n_->kind >= Kind::Eq && n_->kind <= Kind::Le;
  }
  bool has_symbols() const { return n_->flags & Node::kHasSymbols; }
  bool has_float() const { return n_->flags & Node::kHasFloat; }
  /// A Mod / FloorDiv node anywhere in the tree (one flag test).
  bool has_mod() const { return n_->flags & Node::kHasMod; }
  bool has_floordiv() const { return n_->flags & Node::kHasFloorDiv; }

  Int value() const { return n_->value; }
  double float_value() const { return n_->kind == Kind::Float ? n_->fvalue() : 0.0; }
  bool bool_value() const { return n_->value.raw() != 0; }
  std::string_view name() const { return n_->kind == Kind::Symbol ? std::string_view(n_->name()) : std::string_view(); }
  /// Number of nodes in the tree (saturates at UINT32_MAX).
  uint32_t size() const { return n_->size; }

  /// Structural identity (not the symbolic `eq`).
  bool operator==(Expr o) const { return n_ == o.n_; }
  bool operator!=(Expr o) const { return n_ != o.n_; }

  /// sympy `str()` text; see print.h for the other dialects.
  std::string str() const;

private:
  const Node *n_ = nullptr;
};

struct ExprHash {
  size_t operator()(Expr e) const { return e.hash(); }
};

/// The canonical total order of the normal form: numbers, then symbols by
/// name, then compound terms.  Deterministic across runs.  Returns <0, 0, >0.
int compare(Expr a, Expr b);
struct ExprLess {
  bool operator()(Expr a, Expr b) const { return compare(a, b) < 0; }
};

// ---------------------------------------------------------------------------
// Leaves
// ---------------------------------------------------------------------------
Expr integer(Int v);
Expr floating(double v);
Expr boolean(bool v);
Expr true_();
Expr false_();
/// The symbol with this name.  A name has one type for the life of the
/// process; asking for it with another type throws TypeError.
Expr symbol(std::string_view name, Type type = Type::Int);

// ---------------------------------------------------------------------------
// Arithmetic.  int op float promotes the int with ToFloat (Python).
// ---------------------------------------------------------------------------
Expr operator+(Expr a, Expr b);
Expr operator-(Expr a, Expr b);
Expr operator*(Expr a, Expr b);
Expr operator-(Expr a);
/// Python `/`: IntTrueDiv for two ints, FloatTrueDiv otherwise.
Expr operator/(Expr a, Expr b);

Expr floordiv(Expr a, Expr b);   ///< `a // b`; float operands: FloorToInt-free float floor is unsupported (TypeError)
Expr clean_div(Expr a, Expr b);  ///< `a // b` with b | a known
Expr ceil_div(Expr a, Expr b);   ///< ceil(a / b) = -((-a) // b)
Expr mod(Expr a, Expr b);        ///< Python `a % b`
Expr sym_min(const std::vector<Expr> &args);
Expr sym_max(const std::vector<Expr> &args);
inline Expr sym_min(Expr a, Expr b) { return sym_min(std::vector<Expr>{a, b}); }
inline Expr sym_max(Expr a, Expr b) { return sym_max(std::vector<Expr>{a, b}); }
/// `a ** b`: for ints, PowByNatural (b must be a natural number; a constant
/// exponent expands to a product); for floats, FloatPow.
Expr pow(Expr a, Expr b);
Expr pow(Expr a, unsigned exponent);

Expr to_float(Expr a);
Expr int_truediv(Expr a, Expr b);
Expr float_truediv(Expr a, Expr b);
Expr trunc_to_int(Expr a);
Expr floor_to_int(Expr a);
Expr ceil_to_int(Expr a);
Expr round_to_int(Expr a);

// ---------------------------------------------------------------------------
// Relations, logic and conditionals
// ---------------------------------------------------------------------------
Expr eq(Expr a, Expr b);
Expr ne(Expr a, Expr b);
Expr lt(Expr a, Expr b);
Expr le(Expr a, Expr b);
Expr gt(Expr a, Expr b);
Expr ge(Expr a, Expr b);
Expr and_(const std::vector<Expr> &args);
Expr or_(const std::vector<Expr> &args);
inline Expr and_(Expr a, Expr b) { return and_(std::vector<Expr>{a, b}); }
inline Expr or_(Expr a, Expr b) { return or_(std::vector<Expr>{a, b}); }
Expr not_(Expr a);
/// if cond then a else b (sympy Piecewise((a, cond), (b, True))).
Expr where(Expr cond, Expr a, Expr b);

// ---------------------------------------------------------------------------
// Queries on the term graph
// ---------------------------------------------------------------------------
/// The symbols of `e`, in canonical order, without duplicates.
std::vector<Expr> free_symbols(Expr e);
/// True when `pred(symbol node)` holds for every symbol occurrence of `e`
/// (stops at the first that fails).  A symbol that several sub-terms share
/// may be tested more than once.  No allocation for trees of up to 64 nodes
/// (the hot paths, where free_symbols' sorted copy is not needed); larger
/// DAGs, where occurrences multiply, go through free_symbols.
template <class Pred> bool all_symbols(Expr e, Pred &&pred) {
  if (!e.has_symbols()) return true;
  if (e.is_symbol()) return pred(e.node());
  if (e.size() > 64) {
    for (Expr s : free_symbols(e))
      if (!pred(s.node())) return false;
    return true;
  }
  for (size_t i = 0; i < e.nargs(); ++i) {
    // Leaves inline: a guard is mostly a relation over a sum of symbols.
    Expr a = e.arg(i);
    if (a.is_symbol()) {
      if (!pred(a.node())) return false;
    } else if (a.has_symbols() && !all_symbols(a, pred)) {
      return false;
    }
  }
  return true;
}
/// True when the symbol `x` occurs in `e` (no allocation for small trees).
inline bool has_symbol(Expr e, Expr x) {
  return !all_symbols(e, [&](const Node *s) { return s != x.node(); });
}
/// Calls f on every distinct node of `e` (each once, children first).
void for_each_node(Expr e, const std::function<void(Expr)> &f);
/// Number of distinct nodes created so far (process-wide).
size_t interned_node_count();

/// The two sides PyTorch prints for a relation node (`Eq(s0 + 2, s1)` has
/// lhs `s0 + 2`, rhs `s1`): negative terms of `e` move to the left.
std::pair<Expr, Expr> relation_sides(Expr rel);

} // namespace symshape
