//===- parse_build.cpp - SyntaxNode -> Expr ---------------------------------===//
//
// Maps every function and operator spelling of the sympy, Python-printer,
// srepr and lossless dialects onto the normalizing constructors.
//
//===----------------------------------------------------------------------===//
#include <mutex>
#include <unordered_map>

#include "symshape/expr/parse.h"

namespace symshape {
namespace {

class Builder {
public:
  explicit Builder(const ParseOptions &o) : opt_(o) {}

  Expr build(const SyntaxNode &n) {
    try {
      return build_inner(n);
    } catch (const ParseError &) {
      throw;
    } catch (const Error &e) {
      throw ParseError(n.line, n.column, e.what(), e.kind());
    }
  }

private:
  [[noreturn]] static void fail(const SyntaxNode &n, const std::string &msg) {
    throw ParseError(n.line, n.column, msg);
  }

  Expr resolve(const SyntaxNode &at, const std::string &name) {
    static const char *const infinities[] = {"oo", "int_oo", "inf", "math.inf", "zoo", "nan", "IntInfinity"};
    for (const char *inf : infinities)
      if (name == inf) fail(at, "'" + name + "' is not a value an expression can take (infinities live in ranges)");
    if (name == "true") return true_();
    if (name == "false") return false_();
    if (opt_.resolve) return opt_.resolve(name);
    if (auto s = find_symbol(name)) return *s;
    return symbol(name, Type::Int);
  }

  std::vector<Expr> all(const SyntaxNode &n) {
    std::vector<Expr> out;
    out.reserve(n.children.size());
    for (const auto &c : n.children) out.push_back(build(c));
    return out;
  }

  Expr build_inner(const SyntaxNode &n) {
    using Op = SyntaxNode::Op;
    switch (n.op) {
    case Op::Int: return integer(n.ival);
    case Op::Float: return floating(n.fval);
    case Op::Bool: return boolean(n.bval);
    case Op::String: fail(n, "a string literal is only allowed as an argument of Symbol(...) or Float(...)");
    case Op::Tuple: fail(n, "a tuple is only allowed inside Piecewise(...)");
    case Op::Name: return resolve(n, n.text);
    case Op::Call: return call(n);
    case Op::IfExp: {
      Expr c = build(n.children[0]), a = build(n.children[1]), b = build(n.children[2]);
      return where(c, a, b);
    }
    case Op::BoolOp: {
      std::vector<Expr> args = all(n);
      return n.text == "and" ? and_(args) : or_(args);
    }
    case Op::Unary: {
      Expr a = build(n.children[0]);
      if (n.text == "-") return -a;
      if (n.text == "+") {
        if (a.is_bool()) throw TypeError("bad operand type for unary +: 'bool'");
        return a;
      }
      return not_(a); // 'not' and '~'
    }
    case Op::Compare: {
      std::vector<Expr> operands = all(n);
      std::vector<Expr> parts;
      for (size_t i = 0; i < n.ops.size(); ++i) {
        Expr a = operands[i], b = operands[i + 1];
        const std::string &op = n.ops[i];
        if (a.is_bool() || b.is_bool()) {
          if (a.is_bool() != b.is_bool())
            throw TypeError("cannot compare a bool with a number (" + a.str() + " " + op + " " + b.str() + ")");
          if (op != "==" && op != "!=") throw TypeError("booleans are not ordered (" + op + ")");
          Expr same = or_(and_(a, b), and_(not_(a), not_(b)));
          parts.push_back(op == "==" ? same : not_(same));
          continue;
        }
        if (op == "==") parts.push_back(eq(a, b));
        else if (op == "!=") parts.push_back(ne(a, b));
        else if (op == "<") parts.push_back(lt(a, b));
        else if (op == "<=") parts.push_back(le(a, b));
        else if (op == ">") parts.push_back(gt(a, b));
        else parts.push_back(ge(a, b));
      }
      return parts.size() == 1 ? parts[0] : and_(parts);
    }
    case Op::Binary: {
      Expr a = build(n.children[0]), b = build(n.children[1]);
      const std::string &op = n.text;
      if (op == "+") return a + b;
      if (op == "-") return a - b;
      if (op == "*") return a * b;
      if (op == "/") return a / b;
      if (op == "//") return floordiv(a, b);
      if (op == "%") return mod(a, b);
      if (op == "**") return pow(a, b);
      if (op == "&" || op == "|") {
        if (!a.is_bool() || !b.is_bool())
          throw TypeError("'" + op + "' is supported on booleans only (" + a.str() + ", " + b.str() + ")");
        return op == "&" ? and_(a, b) : or_(a, b);
      }
      fail(n, "unknown operator '" + op + "'");
    }
    }
    fail(n, "unsupported syntax");
  }

  void arity(const SyntaxNode &n, size_t lo, size_t hi) {
    size_t k = n.children.size();
    if (k < lo || k > hi) {
      std::string want = lo == hi ? std::to_string(lo) : hi == SIZE_MAX ? "at least " + std::to_string(lo)
                                                                       : std::to_string(lo) + " to " + std::to_string(hi);
      fail(n, n.text + "() takes " + want + " argument" + (lo == 1 && hi == 1 ? "" : "s") + ", got " +
                  std::to_string(k));
    }
  }

  const SyntaxNode &string_arg(const SyntaxNode &n, size_t i) {
    if (n.children[i].op != SyntaxNode::Op::String) fail(n.children[i], n.text + "() expects a string here");
    return n.children[i];
  }

  Expr piecewise(const SyntaxNode &n) {
    arity(n, 1, SIZE_MAX);
    // Piecewise((e1, c1), (e2, c2), ..., (en, True)) -> nested Where.
    std::vector<std::pair<Expr, Expr>> pairs;
    for (const auto &c : n.children) {
      bool is_pair = (c.op == SyntaxNode::Op::Tuple && c.children.size() == 2) ||
                     (c.op == SyntaxNode::Op::Call && c.text == "ExprCondPair" && c.children.size() == 2);
      if (!is_pair) fail(c, "Piecewise expects (value, condition) pairs");
      pairs.emplace_back(build(c.children[0]), build(c.children[1]));
    }
    if (!pairs.back().second.is_true())
      fail(n.children.back(), "the last Piecewise condition must be True (symshape needs a total expression)");
    Expr r = pairs.back().first;
    for (size_t i = pairs.size() - 1; i-- > 0;) r = where(pairs[i].second, pairs[i].first, r);
    return r;
  }

  Expr call(const SyntaxNode &n) {
    std::string fn = n.text;
    if (fn.rfind("sympy.", 0) == 0) fn = fn.substr(6);
    if (fn == "Piecewise") return piecewise(n);
    if (fn == "Symbol" || fn == "Dummy") {
      arity(n, 1, 1);
      return resolve(n, string_arg(n, 0).text);
    }
    if (fn == "Float") {
      arity(n, 1, 1);
      const SyntaxNode &a = n.children[0];
      if (a.op == SyntaxNode::Op::String) {
        char *end = nullptr;
        double v = std::strtod(a.text.c_str(), &end);
        if (end == a.text.c_str() || *end) fail(a, "malformed float '" + a.text + "'");
        return floating(v);
      }
      return to_float(build(a));
    }
    if (fn == "BooleanTrue" || fn == "BooleanFalse") {
      arity(n, 0, 0);
      return boolean(fn == "BooleanTrue");
    }
    if (!n.keywords.empty()) fail(n, fn + "() takes no keyword arguments");
    using F1 = Expr (*)(Expr);
    using F2 = Expr (*)(Expr, Expr);
    static const std::unordered_map<std::string, F1> unary = {
        {"Not", &not_},           {"torch.sym_not", &not_},      {"sym_not", &not_},
        {"ToFloat", &to_float},   {"float", &to_float},          {"torch.sym_float", &to_float},
        {"sym_float", &to_float}, {"TruncToInt", &trunc_to_int}, {"math.trunc", &trunc_to_int},
        {"int", &trunc_to_int},   {"sym_int", &trunc_to_int},    {"torch.sym_int", &trunc_to_int},
        {"FloorToInt", &floor_to_int}, {"math.floor", &floor_to_int}, {"floor", &floor_to_int},
        {"CeilToInt", &ceil_to_int},   {"math.ceil", &ceil_to_int},   {"ceiling", &ceil_to_int},
        {"RoundToInt", &round_to_int}, {"round", &round_to_int},
        {"Integer", [](Expr a) {
           if (!a.is_integer_constant()) throw TypeError("Integer() expects an integer literal");
           return a;
         }},
        {"cast_symbool_to_symint_guardless", [](Expr b) { return where(b, integer(1), integer(0)); }},
    };
    static const std::unordered_map<std::string, F2> binary = {
        {"FloorDiv", &floordiv}, {"CleanDiv", &clean_div},  {"CeilDiv", &ceil_div},
        {"Mod", &mod},           {"PythonMod", &mod},        {"Eq", &eq},
        {"Equality", &eq},       {"Ne", &ne},                {"Unequality", &ne},
        {"Lt", &lt},             {"StrictLessThan", &lt},    {"Le", &le},
        {"LessThan", &le},       {"Gt", &gt},                {"StrictGreaterThan", &gt},
        {"Ge", &ge},             {"GreaterThan", &ge},       {"IntTrueDiv", &int_truediv},
        {"FloatTrueDiv", &float_truediv},
        {"FloatPow", [](Expr a, Expr b) { return pow(to_float(a), to_float(b)); }},
        {"PowByNatural", [](Expr a, Expr b) { return pow(a, b); }},
        {"Pow", [](Expr a, Expr b) { return pow(a, b); }},
        {"Rational", [](Expr p, Expr q) {
           if (!p.is_integer_constant() || !q.is_integer_constant())
             throw TypeError("Rational() expects two integer literals");
           if (q.value().is_zero()) throw ZeroDivisionError("Rational with a zero denominator");
           if (!pymod(p.value(), q.value()).is_zero())
             throw ValueError("Rational(" + p.str() + ", " + q.str() + ") is not an integer; shape expressions are integral");
           return integer(floordiv(p.value(), q.value()));
         }},
    };
    if (auto it = unary.find(fn); it != unary.end()) {
      arity(n, 1, 1);
      return it->second(build(n.children[0]));
    }
    if (auto it = binary.find(fn); it != binary.end()) {
      arity(n, 2, 2);
      Expr a = build(n.children[0]);
      Expr b = build(n.children[1]);
      return it->second(a, b);
    }
    if (fn == "Where") {
      arity(n, 3, 3);
      std::vector<Expr> a = all(n);
      return where(a[0], a[1], a[2]);
    }
    if (fn == "Max" || fn == "max" || fn == "sym_max" || fn == "torch.sym_max" || fn == "Min" ||
        fn == "min" || fn == "sym_min" || fn == "torch.sym_min") {
      arity(n, 1, SIZE_MAX);
      bool is_max = fn.find("ax") != std::string::npos;
      return is_max ? sym_max(all(n)) : sym_min(all(n));
    }
    if (fn == "And" || fn == "Or") {
      std::vector<Expr> a = all(n);
      return fn == "And" ? and_(a) : or_(a);
    }
    if (fn == "Add" || fn == "Mul" || fn == "sym_sum" || fn == "torch.sym_sum") {
      std::vector<Expr> a = all(n);
      bool is_mul = fn == "Mul";
      Expr r = integer(is_mul ? 1 : 0);
      for (Expr x : a) r = is_mul ? r * x : r + x;
      return r;
    }
    fail(n, "unknown function '" + n.text + "'");
  }

  const ParseOptions &opt_;
};

} // namespace

Expr build_expr(const SyntaxNode &node, const ParseOptions &options) {
  Builder b(options);
  return b.build(node);
}

} // namespace symshape
