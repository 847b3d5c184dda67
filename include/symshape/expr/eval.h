//===- symshape/expr/eval.h - Concrete evaluation with Python semantics ---===//
//
// Evaluates an expression at a point: ints are exact (128-bit, checked),
// floats are IEEE doubles as in Python.  `//` floors, `%` takes the sign of
// the divisor, division or modulo by zero throws ZeroDivisionError, an
// unassigned symbol throws ValueError.  And/Or evaluate every argument (an
// error anywhere is an error, as in the solver's encoding); Where evaluates
// only the branch it takes.
//
// Cost: one visit per tree node (shared sub-terms are re-evaluated; shape
// expressions are small).  For many points over one guard set, ShapeEnv's
// compiled guard programs are faster.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "symshape/expr/expr.h"
#include "symshape/expr/node_map.h"

namespace symshape {

/// A concrete value of any expression type.
struct Value {
  Type type = Type::Int;
  Int i;          ///< Int value (and 0/1 for Bool)
  double f = 0.0; ///< Float value

  static Value of_int(Int v) { return Value{Type::Int, v, 0.0}; }
  static Value of_float(double v) { return Value{Type::Float, Int(0), v}; }
  static Value of_bool(bool v) { return Value{Type::Bool, Int(v ? 1 : 0), 0.0}; }
  bool as_bool() const { return i.raw() != 0; }
  /// Numeric value as a double (ints converted).
  double as_double() const { return type == Type::Float ? f : i.to_double(); }
  /// Python-style text: 7, 2.5, True.
  std::string str() const;
  bool operator==(const Value &o) const;
  bool operator!=(const Value &o) const { return !(*this == o); }
};

/// Symbol -> value.
class Assignment {
public:
  void set(Expr symbol, Value v);
  void set(Expr symbol, Int v) { set(symbol, Value::of_int(v)); }
  /// (Valid until the next set() of a new symbol.)
  const Value *find(Expr symbol) const { return values_.find(symbol.node()); }
  bool empty() const { return values_.empty(); }
  size_t size() const { return values_.size(); }
  /// The i-th symbol assigned and its value (in the order of assignment).
  Expr symbol(size_t i) const { return Expr(values_.key(i)); }
  const Value &value(size_t i) const { return values_.value(i); }
  /// "s0=3, s1=4" in the order of assignment (how counterexamples print).
  std::string str() const;

private:
  NodeMap<Value> values_;
};

/// The value of `e` at `point`.  Throws ZeroDivisionError, ValueError
/// (unassigned symbol, negative exponent, NaN to int), OverflowError.
Value evaluate(Expr e, const Assignment &point);

/// The truth of a boolean at `point`, or nullopt where it is undefined
/// (evaluation raises: division by zero, an unassigned symbol, ...).
std::optional<bool> truth_at(Expr cond, const Assignment &point);

} // namespace symshape
