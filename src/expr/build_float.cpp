//===- build_float.cpp - Float-valued terms of shape expressions -----------===//
//
// PyTorch shape code meets floats in a few places (`interpolate` scale
// factors, `x / 2` on SymInts): ToFloat, IntTrueDiv, FloatTrueDiv, float
// sums/products/powers and the conversions back to int.  They are kept simple:
// n-ary sums and products with one folded constant, no like-term collection.
// Constant folding uses IEEE doubles, as Python does.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cmath>

#include "expr_internal.h"

namespace symshape {
namespace detail {
namespace {

Expr float_nary(Kind kind, Expr a, Expr b) {
  const bool is_add = kind == Kind::FloatAdd;
  const double unit = is_add ? 0.0 : 1.0;
  std::vector<Expr> args;
  double constant = unit;
  for (Expr x : {to_float(a), to_float(b)}) {
    auto take = [&](Expr t) {
      if (t.is_float_constant()) {
        constant = is_add ? constant + t.float_value() : constant * t.float_value();
      } else {
        args.push_back(t);
      }
    };
    if (x.kind() == kind) {
      fired(is_add ? Rule::FloatAddFlatten : Rule::FloatMulFlatten);
      for (size_t i = 0; i < x.nargs(); ++i) take(x.arg(i));
    } else {
      take(x);
    }
  }
  if (args.empty()) return floating(constant);
  std::sort(args.begin(), args.end(), ExprLess());
  if (constant == unit) {
    fired(is_add ? Rule::FloatAddZero : Rule::FloatMulOne);
    if (args.size() == 1) return args[0];
  } else {
    args.insert(args.begin(), floating(constant));
  }
  return make_node(kind, Type::Float, args);
}

Int float_to_int(double v, const char *op) {
  if (std::isnan(v)) throw ValueError(std::string(op) + ": cannot convert float NaN to integer");
  if (std::isinf(v)) throw OverflowError(std::string(op) + ": cannot convert float infinity to integer");
  if (std::fabs(v) >= 1.7e38) throw OverflowError(std::string(op) + ": float too large for a 128-bit integer");
  return Int::from_raw(static_cast<__int128>(v));
}

Expr to_int(Kind kind, Expr a, const char *op) {
  require_numeric(op, a);
  if (a.is_int()) return a;
  if (a.is_float_constant()) {
    double v = a.float_value();
    switch (kind) {
    case Kind::TruncToInt: v = std::trunc(v); break;
    case Kind::FloorToInt: v = std::floor(v); break;
    case Kind::CeilToInt: v = std::ceil(v); break;
    default: v = std::nearbyint(v); break; // default rounding mode: ties to even
    }
    return integer(float_to_int(v, op));
  }
  return make_node(kind, Type::Int, {a});
}

} // namespace

Expr float_add2(Expr a, Expr b) {
  if (a.is_int() || b.is_int()) fired(Rule::ToFloatPromote);
  return float_nary(Kind::FloatAdd, a, b);
}
Expr float_mul2(Expr a, Expr b) { return float_nary(Kind::FloatMul, a, b); }

} // namespace detail

using namespace detail;

Expr to_float(Expr a) {
  require_numeric("ToFloat", a);
  if (a.is_float()) return a;
  if (a.is_integer_constant()) return floating(a.value().to_double());
  return make_node(Kind::ToFloat, Type::Float, {a});
}

Expr int_truediv(Expr a, Expr b) {
  require_int("IntTrueDiv", a);
  require_int("IntTrueDiv", b);
  if (b.is_integer_constant() && b.value().is_zero())
    throw ZeroDivisionError("division by zero: (" + a.str() + ") / 0");
  if (a.is_integer_constant() && b.is_integer_constant())
    return floating(a.value().to_double() / b.value().to_double());
  return make_node(Kind::IntTrueDiv, Type::Float, {a, b});
}

Expr float_truediv(Expr a, Expr b) {
  require_numeric("/", a);
  require_numeric("/", b);
  a = to_float(a);
  b = to_float(b);
  if (b.is_float_constant() && b.float_value() == 0.0)
    throw ZeroDivisionError("float division by zero: (" + a.str() + ") / 0.0");
  if (a.is_float_constant() && b.is_float_constant())
    return floating(a.float_value() / b.float_value());
  return make_node(Kind::FloatTrueDiv, Type::Float, {a, b});
}

Expr operator/(Expr a, Expr b) {
  if (a.is_int() && b.is_int()) return int_truediv(a, b);
  return float_truediv(a, b);
}

Expr trunc_to_int(Expr a) { return to_int(Kind::TruncToInt, a, "TruncToInt"); }
Expr floor_to_int(Expr a) { return to_int(Kind::FloorToInt, a, "FloorToInt"); }
Expr ceil_to_int(Expr a) { return to_int(Kind::CeilToInt, a, "CeilToInt"); }
Expr round_to_int(Expr a) { return to_int(Kind::RoundToInt, a, "RoundToInt"); }

} // namespace symshape
