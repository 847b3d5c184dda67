//===- eval.cpp - Concrete evaluation ---------------------------------------===//
#include "symshape/expr/eval.h"

#include <cmath>
#include <exception>

#include "expr_internal.h"
#include "symshape/expr/print.h"

namespace symshape {

std::string Value::str() const {
  switch (type) {
  case Type::Int: return i.str();
  case Type::Float: return float_repr(f);
  case Type::Bool: return as_bool() ? "True" : "False";
  }
  return "?";
}

bool Value::operator==(const Value &o) const {
  if (type != o.type) return false;
  if (type == Type::Float) return f == o.f || (std::isnan(f) && std::isnan(o.f));
  return i == o.i;
}

void Assignment::set(Expr symbol, Value v) {
  if (!symbol.is_symbol()) throw ValueError("only symbols can be assigned, not " + symbol.str());
  if (symbol.type() != v.type)
    throw TypeError("symbol " + std::string(symbol.name()) + " has type " + type_name(symbol.type()) +
                    ", value " + v.str() + " has type " + type_name(v.type));
  values_[symbol.node()] = v;
}

std::string Assignment::str() const {
  std::string out;
  for (size_t k = 0; k < size(); ++k) out += (k ? ", " : "") + std::string(symbol(k).name()) + "=" + value(k).str();
  return out;
}

namespace {

Int to_int_checked(double v, const char *op) {
  if (std::isnan(v)) throw ValueError(std::string(op) + ": cannot convert float NaN to integer");
  if (std::isinf(v)) throw OverflowError(std::string(op) + ": cannot convert float infinity to integer");
  if (std::fabs(v) >= 1.7e38) throw OverflowError(std::string(op) + ": float too large for a 128-bit integer");
  return Int::from_raw(static_cast<__int128>(v));
}

class Evaluator {
public:
  explicit Evaluator(const Assignment &a) : a_(a) {}

  Value eval(Expr e) {
    switch (e.kind()) {
    case Kind::Integer: return Value::of_int(e.value());
    case Kind::Float: return Value::of_float(e.float_value());
    case Kind::BoolConst: return Value::of_bool(e.bool_value());
    case Kind::Symbol: {
      const Value *v = a_.find(e);
      if (!v) throw ValueError("no value for symbol " + std::string(e.name()));
      return *v;
    }
    case Kind::Add: {
      int64_t small;
      if (small_sum(e, &small)) return Value::of_int(Int(small));
      Int r = e.constant();
      for (size_t i = 0; i < e.nargs(); ++i) r = r + e.coeff(i) * ival(e.arg(i));
      return Value::of_int(r);
    }
    case Kind::Mul: {
      Int r(1);
      for (size_t i = 0; i < e.nargs(); ++i) {
        Int v = ival(e.arg(i));
        r = r * (e.exponent(i) == 1 ? v : pow(v, e.exponent(i))); // (mostly 1: no call)
      }
      return Value::of_int(r);
    }
    case Kind::FloorDiv:
    case Kind::CleanDiv: {
      Int a = ival(e.arg(0)), b = ival(e.arg(1));
      return Value::of_int(floordiv(a, b));
    }
    case Kind::Mod: {
      Int a = ival(e.arg(0)), b = ival(e.arg(1));
      return Value::of_int(pymod(a, b));
    }
    case Kind::Min:
    case Kind::Max: {
      bool is_max = e.kind() == Kind::Max;
      Value best = eval(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) {
        Value v = eval(e.arg(i));
        bool better = e.is_float() ? (is_max ? v.f > best.f : v.f < best.f)
                                   : (is_max ? v.i > best.i : v.i < best.i);
        if (better) best = v;
      }
      return best;
    }
    case Kind::PowByNatural: {
      Int a = ival(e.arg(0)), b = ival(e.arg(1));
      if (b.is_negative()) throw ValueError("PowByNatural with a negative exponent " + b.str());
      if (a == Int(0) || a == Int(1)) return Value::of_int(b.is_zero() ? Int(1) : a);
      if (a == Int(-1)) return Value::of_int(pymod(b, Int(2)).is_zero() ? Int(1) : Int(-1));
      if (b > Int(200)) throw OverflowError("integer power " + a.str() + " ** " + b.str() + " exceeds 128 bits");
      return Value::of_int(pow(a, static_cast<uint64_t>(b.to_int64())));
    }
    case Kind::ToFloat: return Value::of_float(ival(e.arg(0)).to_double());
    case Kind::IntTrueDiv: {
      Int a = ival(e.arg(0)), b = ival(e.arg(1));
      if (b.is_zero()) throw ZeroDivisionError("division by zero");
      return Value::of_float(a.to_double() / b.to_double());
    }
    case Kind::FloatTrueDiv: {
      double a = fval(e.arg(0)), b = fval(e.arg(1));
      if (b == 0.0) throw ZeroDivisionError("float division by zero");
      return Value::of_float(a / b);
    }
    case Kind::FloatAdd: {
      double r = 0.0;
      for (size_t i = 0; i < e.nargs(); ++i) r += fval(e.arg(i));
      return Value::of_float(r);
    }
    case Kind::FloatMul: {
      double r = 1.0;
      for (size_t i = 0; i < e.nargs(); ++i) r *= fval(e.arg(i));
      return Value::of_float(r);
    }
    case Kind::FloatPow: {
      double a = fval(e.arg(0)), b = fval(e.arg(1));
      if (a == 0.0 && b < 0) throw ZeroDivisionError("0.0 cannot be raised to a negative power");
      if (a < 0 && b != std::floor(b)) throw ValueError("negative number raised to a fractional power");
      return Value::of_float(std::pow(a, b));
    }
    case Kind::TruncToInt:
    case Kind::FloorToInt:
    case Kind::CeilToInt:
    case Kind::RoundToInt: {
      double v = fval(e.arg(0));
      switch (e.kind()) {
      case Kind::TruncToInt: v = std::trunc(v); break;
      case Kind::FloorToInt: v = std::floor(v); break;
      case Kind::CeilToInt: v = std::ceil(v); break;
      default: v = std::nearbyint(v); break;
      }
      return Value::of_int(to_int_checked(v, kind_name(e.kind())));
    }
    case Kind::Eq:
    case Kind::Ne:
    case Kind::Lt:
    case Kind::Le: {
      int64_t small;
      if (e.arg(0).kind() == Kind::Add && small_sum(e.arg(0), &small)) // most guards
        return Value::of_bool(detail::relation_holds(e.kind(), (small > 0) - (small < 0)));
      Value v = eval(e.arg(0));
      int sign = v.type == Type::Float ? (v.f > 0) - (v.f < 0) : v.i.sign();
      bool r = detail::relation_holds(e.kind(), sign);
      if (v.type == Type::Float && std::isnan(v.f)) r = e.kind() == Kind::Ne;
      return Value::of_bool(r);
    }
    case Kind::And:
    case Kind::Or: {
      // Every argument is evaluated: an error anywhere is an error.
      bool is_and = e.kind() == Kind::And;
      bool r = is_and;
      for (size_t i = 0; i < e.nargs(); ++i) {
        bool v = eval(e.arg(i)).as_bool();
        r = is_and ? (r && v) : (r || v);
      }
      return Value::of_bool(r);
    }
    case Kind::Not: return Value::of_bool(!eval(e.arg(0)).as_bool());
    case Kind::Where: return eval(e.arg(0)).as_bool() ? eval(e.arg(1)) : eval(e.arg(2));
    }
    throw ValueError("cannot evaluate " + e.str());
  }

private:
  /// k + sum(c_i * x_i) over plain symbols, when every number fits in 64
  /// bits: the common guard's sum without Int's 128-bit checked arithmetic.
  /// False (nothing done) otherwise: the checked path gives the answer or
  /// the error.
  bool small_sum(Expr e, int64_t *out) const {
    const Int k = e.constant();
    if (!k.fits_int64()) return false;
    int64_t r = static_cast<int64_t>(k.raw());
    for (size_t i = 0; i < e.nargs(); ++i) {
      Expr x = e.arg(i);
      if (!x.is_symbol()) return false;
      const Value *v = a_.find(x);
      const Int c = e.coeff(i);
      if (!v || !c.fits_int64() || !v->i.fits_int64()) return false;
      int64_t t;
      if (__builtin_mul_overflow(static_cast<int64_t>(c.raw()), static_cast<int64_t>(v->i.raw()), &t) ||
          __builtin_add_overflow(r, t, &r))
        return false;
    }
    *out = r;
    return true;
  }
  Int ival(Expr e) {
    // Leaves without a Value in between (the common arguments of a sum).
    if (e.kind() == Kind::Integer) return e.value();
    if (e.kind() == Kind::Symbol)
      if (const Value *v = a_.find(e)) return v->i;
    return eval(e).i;
  }
  double fval(Expr e) { return eval(e).as_double(); }
  const Assignment &a_;
};

} // namespace

Value evaluate(Expr e, const Assignment &point) {
  Evaluator ev(point);
  return ev.eval(e);
}

std::optional<bool> truth_at(Expr cond, const Assignment &point) {
  try {
    return evaluate(cond, point).as_bool();
  } catch (const Error &) {
    return std::nullopt;
  }
}

} // namespace symshape
