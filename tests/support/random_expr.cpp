//===- random_expr.cpp - Seeded random expressions and a raw evaluator -----===//
#include "support/random_expr.h"

#include <cmath>

namespace symshape::testing {

std::string RandomExpr::leaf() {
  if (uniform(0, 2) == 0) return std::to_string(uniform(-o_.const_range, o_.const_range));
  return o_.int_symbols[static_cast<size_t>(uniform(0, static_cast<int>(o_.int_symbols.size()) - 1))];
}

std::string RandomExpr::int_expr(int depth) {
  if (depth <= 0 || uniform(0, 5) == 0) return leaf();
  std::string a = int_expr(depth - 1);
  std::string b = int_expr(depth - 1);
  // Divisors: often a nonzero constant (the common case in shapes).
  auto divisor = [&] {
    if (uniform(0, 2) != 0) {
      int c = uniform(1, 9) * (uniform(0, 3) == 0 ? -1 : 1);
      return std::to_string(c);
    }
    return b;
  };
  switch (uniform(0, 20)) {
  case 0: case 1: return "(" + a + " + " + b + ")";
  case 2: case 3: return "(" + a + " - " + b + ")";
  case 4: case 5: return "(" + a + " * " + b + ")";
  case 6: return "(" + a + " // " + divisor() + ")";
  case 7: return "FloorDiv(" + a + ", " + divisor() + ")";
  case 8: return "(" + a + " % " + divisor() + ")";
  case 9: return "Mod(" + a + ", " + divisor() + ")";
  case 10: return "Max(" + a + ", " + b + ")";
  case 11: return "min(" + a + ", " + b + ", " + int_expr(depth - 1) + ")";
  case 12: return "(" + a + " if " + bool_expr(depth - 1) + " else " + b + ")";
  case 13: return "CeilDiv(" + a + ", " + divisor() + ")";
  case 14: return "CleanDiv(" + a + ", " + divisor() + ")";
  case 15: return "(-" + a + ")";
  case 16:
    if (o_.allow_pow) return "(" + a + " ** " + std::to_string(uniform(0, 3)) + ")";
    return "(" + a + " + 1)";
  case 17: return "(" + std::to_string(uniform(-4, 4)) + " * " + a + " + " + b + ")";
  case 18:
    if (o_.allow_float) {
      static const char *const conv[] = {"FloorToInt", "CeilToInt", "TruncToInt", "RoundToInt", "math.floor"};
      return std::string(conv[uniform(0, 4)]) + "(" + float_expr(depth - 1) + ")";
    }
    return "(" + a + " * 2)";
  case 19: return "Piecewise((" + a + ", " + bool_expr(depth - 1) + "), (" + b + ", True))";
  default: return "(" + a + " + " + std::to_string(uniform(-9, 9)) + ")";
  }
}

std::string RandomExpr::bool_expr(int depth) {
  std::string a = int_expr(depth - 1), b = int_expr(depth - 1);
  if (depth <= 1) {
    static const char *const ops[] = {" < ", " <= ", " > ", " >= ", " == ", " != "};
    return "(" + a + ops[uniform(0, 5)] + b + ")";
  }
  switch (uniform(0, 9)) {
  case 0: return "Eq(" + a + ", " + b + ")";
  case 1: return "Ne(" + a + ", " + b + ")";
  case 2: return "(" + bool_expr(depth - 1) + " and " + bool_expr(depth - 1) + ")";
  case 3: return "(" + bool_expr(depth - 1) + " or " + bool_expr(depth - 1) + ")";
  case 4: return "(not " + bool_expr(depth - 1) + ")";
  case 5: return "(" + a + " <= " + b + " < " + int_expr(depth - 1) + ")";
  case 6: return "(" + bool_expr(depth - 1) + " & " + bool_expr(depth - 1) + ")";
  default: {
    static const char *const ops[] = {" < ", " <= ", " > ", " >= ", " == ", " != "};
    return "(" + a + ops[uniform(0, 5)] + b + ")";
  }
  }
}

std::string RandomExpr::float_expr(int depth) {
  // Only exactly representable arithmetic (dyadic constants, division by
  // 2 or 4), so reordering by the normalizer cannot change a result.
  static const char *const lits[] = {"0.5", "1.5", "2.0", "0.25", "-3.0", "4.0"};
  std::string i = int_expr(depth - 1);
  switch (uniform(0, 5)) {
  case 0: return "ToFloat(" + i + ")";
  case 1: return "(" + i + " / " + (uniform(0, 1) ? "2" : "4") + ")";
  case 2: return "(" + std::string(lits[uniform(0, 5)]) + " * ToFloat(" + i + "))";
  case 3: return "(ToFloat(" + i + ") + " + lits[uniform(0, 5)] + ")";
  case 4: return "(float(" + i + ") - " + (depth > 1 ? float_expr(depth - 1) : "0.5") + ")";
  default: return "IntTrueDiv(" + i + ", " + (uniform(0, 1) ? "2" : "-4") + ")";
  }
}

// --- Raw evaluation --------------------------------------------------------

namespace {

using V = std::optional<Value>;

bool is_num(const Value &v) { return v.type != Type::Bool; }
double as_d(const Value &v) { return v.as_double(); }

V arith(const std::string &op, const Value &a, const Value &b) {
  if (!is_num(a) || !is_num(b)) return std::nullopt;
  try {
    if (a.type == Type::Int && b.type == Type::Int) {
      if (op == "+") return Value::of_int(a.i + b.i);
      if (op == "-") return Value::of_int(a.i - b.i);
      if (op == "*") return Value::of_int(a.i * b.i);
      if (op == "//") return Value::of_int(floordiv(a.i, b.i));
      if (op == "%") return Value::of_int(pymod(a.i, b.i));
      if (op == "/") {
        if (b.i.is_zero()) return std::nullopt;
        return Value::of_float(a.i.to_double() / b.i.to_double());
      }
      if (op == "**") {
        if (b.i.is_negative() || b.i > Int(100)) return std::nullopt;
        return Value::of_int(pow(a.i, static_cast<uint64_t>(b.i.to_int64())));
      }
    } else {
      double x = as_d(a), y = as_d(b);
      if (op == "+") return Value::of_float(x + y);
      if (op == "-") return Value::of_float(x - y);
      if (op == "*") return Value::of_float(x * y);
      if (op == "/") {
        if (y == 0) return std::nullopt;
        return Value::of_float(x / y);
      }
    }
  } catch (const Error &) {
    return std::nullopt;
  }
  return std::nullopt;
}

V compare(const std::string &op, const Value &a, const Value &b) {
  if (!is_num(a) || !is_num(b)) return std::nullopt;
  int c;
  if (a.type == Type::Int && b.type == Type::Int) c = a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
  else c = as_d(a) < as_d(b) ? -1 : (as_d(a) > as_d(b) ? 1 : 0);
  bool r = op == "==" ? c == 0 : op == "!=" ? c != 0 : op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
  return Value::of_bool(r);
}

V to_int(const std::string &fn, const Value &a) {
  if (a.type == Type::Int) return a;
  if (a.type != Type::Float || !std::isfinite(a.f)) return std::nullopt;
  double v = fn == "FloorToInt" || fn == "math.floor" ? std::floor(a.f)
             : fn == "CeilToInt" || fn == "math.ceil" ? std::ceil(a.f)
             : fn == "RoundToInt" || fn == "round"    ? std::nearbyint(a.f)
                                                       : std::trunc(a.f);
  return Value::of_int(Int::from_raw(static_cast<__int128>(v)));
}

class Raw {
public:
  explicit Raw(const Assignment &p) : p_(p) {}

  V eval(const SyntaxNode &n) {
    using Op = SyntaxNode::Op;
    switch (n.op) {
    case Op::Int: return Value::of_int(n.ival);
    case Op::Float: return Value::of_float(n.fval);
    case Op::Bool: return Value::of_bool(n.bval);
    case Op::Name: {
      auto s = find_symbol(n.text);
      if (!s) return std::nullopt;
      const Value *v = p_.find(*s);
      if (!v) return std::nullopt;
      return *v;
    }
    case Op::Unary: {
      V a = eval(n.children[0]);
      if (!a) return a;
      if (n.text == "-") return arith("-", a->type == Type::Float ? Value::of_float(0.0) : Value::of_int(0), *a);
      if (n.text == "+") return a;
      if (a->type != Type::Bool) return std::nullopt;
      return Value::of_bool(!a->as_bool());
    }
    case Op::Binary: {
      V a = eval(n.children[0]), b = eval(n.children[1]);
      if (!a || !b) return std::nullopt;
      if (n.text == "&" || n.text == "|") {
        if (a->type != Type::Bool || b->type != Type::Bool) return std::nullopt;
        return Value::of_bool(n.text == "&" ? a->as_bool() && b->as_bool() : a->as_bool() || b->as_bool());
      }
      return arith(n.text, *a, *b);
    }
    case Op::Compare: {
      std::vector<Value> vs;
      for (const auto &c : n.children) {
        V v = eval(c);
        if (!v) return std::nullopt;
        vs.push_back(*v);
      }
      bool r = true;
      for (size_t i = 0; i < n.ops.size(); ++i) {
        V c = compare(n.ops[i], vs[i], vs[i + 1]);
        if (!c) return std::nullopt;
        r = r && c->as_bool();
      }
      return Value::of_bool(r);
    }
    case Op::BoolOp: {
      bool is_and = n.text == "and";
      bool r = is_and;
      for (const auto &c : n.children) { // strict: every operand is evaluated
        V v = eval(c);
        if (!v || v->type != Type::Bool) return std::nullopt;
        r = is_and ? r && v->as_bool() : r || v->as_bool();
      }
      return Value::of_bool(r);
    }
    case Op::IfExp: {
      V c = eval(n.children[0]);
      if (!c || c->type != Type::Bool) return std::nullopt;
      return eval(n.children[c->as_bool() ? 1 : 2]);
    }
    case Op::Call: return call(n);
    default: return std::nullopt;
    }
  }

private:
  V call(const SyntaxNode &n) {
    const std::string &fn = n.text;
    if (fn == "Piecewise") {
      for (const auto &pair : n.children) {
        V c = eval(pair.children[1]);
        if (!c || c->type != Type::Bool) return std::nullopt;
        if (c->as_bool()) return eval(pair.children[0]);
      }
      return std::nullopt;
    }
    std::vector<Value> a;
    for (const auto &c : n.children) {
      V v = eval(c);
      if (!v) return std::nullopt;
      a.push_back(*v);
    }
    auto ints = [&] {
      for (auto &v : a)
        if (v.type != Type::Int) return false;
      return true;
    };
    if ((fn == "FloorDiv" || fn == "CleanDiv") && ints()) return arith("//", a[0], a[1]);
    if ((fn == "Mod" || fn == "PythonMod") && ints()) return arith("%", a[0], a[1]);
    if (fn == "CeilDiv" && ints()) {
      V q = arith("//", Value::of_int(-a[0].i), a[1]);
      if (!q) return q;
      return Value::of_int(-q->i);
    }
    if (fn == "Max" || fn == "max" || fn == "Min" || fn == "min") {
      bool is_max = fn == "Max" || fn == "max";
      Value best = a[0];
      for (auto &v : a) {
        V gt = compare(is_max ? ">" : "<", v, best);
        if (!gt) return std::nullopt;
        if (gt->as_bool()) best = v;
      }
      return best;
    }
    if (fn == "Eq") return compare("==", a[0], a[1]);
    if (fn == "Ne") return compare("!=", a[0], a[1]);
    if (fn == "ToFloat" || fn == "float") return Value::of_float(as_d(a[0]));
    if (fn == "IntTrueDiv") return arith("/", a[0], a[1]);
    if (fn == "PowByNatural") return arith("**", a[0], a[1]);
    if (fn == "FloorToInt" || fn == "CeilToInt" || fn == "TruncToInt" || fn == "RoundToInt" ||
        fn == "math.floor" || fn == "math.ceil" || fn == "math.trunc" || fn == "round")
      return to_int(fn, a[0]);
    return std::nullopt;
  }

  const Assignment &p_;
};

} // namespace

std::optional<Value> raw_eval(const SyntaxNode &n, const Assignment &point) {
  Raw r(point);
  return r.eval(n);
}

} // namespace symshape::testing
