//===- print.cpp - The three printing dialects ------------------------------===//
//
// Parenthesization mirrors what PyTorch 2.6 prints (checked against real
// sympy 1.13 output): FloorDiv / Mod are wrapped when they are operands of
// an infix operator; in the Python dialect, `==` / `!=` also wrap sums,
// products and negative numbers; `<` / `<=` do not.
//
//===----------------------------------------------------------------------===//
#include "symshape/expr/print.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "expr_internal.h"

namespace symshape {

std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  int prec = 1;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  // buf is d.ddde[+-]XX with `prec` significant digits.
  std::string s(buf);
  size_t epos = s.find('e');
  int exp10 = std::atoi(s.c_str() + epos + 1);
  std::string mant = s.substr(0, epos);
  bool neg = mant[0] == '-';
  if (neg) mant = mant.substr(1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits.push_back(c);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (exp10 >= -5 && exp10 < 16) {
    if (exp10 < 0) {
      out = "0." + std::string(static_cast<size_t>(-exp10 - 1), '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exp10 + 1) {
      out = digits + std::string(static_cast<size_t>(exp10 + 1 - static_cast<int>(digits.size())), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(exp10 + 1)) + "." + digits.substr(static_cast<size_t>(exp10 + 1));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
    out += e;
  }
  return neg ? "-" + out : out;
}

namespace {

using detail::Linear;

/// Where a sub-expression is printed; decides the parentheses.
enum class Ctx { Top, FuncArg, AddTerm, MulFactor, PowBase, DivOperand, EqOperand, LtOperand, AndArg, OrArg, NotArg };

class Printer {
public:
  Printer(Dialect d, const SymbolNamer &namer) : d_(d), namer_(namer) {}

  std::string print(Expr e, Ctx ctx) {
    std::string s = bare(e);
    return wrap(e, ctx) ? "(" + s + ")" : s;
  }

private:
  bool python() const { return d_ == Dialect::Python; }
  bool lossless() const { return d_ == Dialect::Lossless; }

  /// Infix forms that PyTorch parenthesizes whenever they are an operand.
  bool self_infix(Expr e) const {
    switch (e.kind()) {
    case Kind::FloorDiv:
    case Kind::CleanDiv: return !lossless();
    case Kind::Mod: return d_ != Dialect::Lossless;
    case Kind::IntTrueDiv:
    case Kind::PowByNatural:
    case Kind::FloatPow: return python();
    default: return false;
    }
  }
  /// Printed as name(args) or a name: never needs parentheses.
  bool atomic(Expr e) const {
    switch (e.kind()) {
    case Kind::Symbol:
    case Kind::BoolConst: return true;
    case Kind::Integer: return !e.value().is_negative();
    case Kind::Float: return e.float_value() >= 0;
    case Kind::Add:
    case Kind::Mul:
    case Kind::FloatAdd:
    case Kind::FloatMul:
    case Kind::Lt:
    case Kind::Le:
    case Kind::And:
    case Kind::Or: return false;
    case Kind::Eq:
    case Kind::Ne: return !python();
    case Kind::Not: return lossless();
    case Kind::FloatTrueDiv: return true;
    default: return !self_infix(e);
    }
  }
  bool is_sum(Expr e) const {
    return (e.kind() == Kind::Add && (e.nargs() > 1 || !e.constant().is_zero())) ||
           e.kind() == Kind::FloatAdd;
  }
  bool is_product(Expr e) const {
    return e.kind() == Kind::Mul || e.kind() == Kind::FloatMul ||
           (e.kind() == Kind::Add && !is_sum(e));
  }

  bool wrap(Expr e, Ctx ctx) const {
    switch (ctx) {
    case Ctx::Top:
    case Ctx::FuncArg: return false;
    case Ctx::AddTerm: return self_infix(e);
    case Ctx::MulFactor: return self_infix(e) || is_sum(e) || e.is_relation() || (e.is_bool() && !atomic(e));
    case Ctx::PowBase:
    case Ctx::DivOperand: return !atomic(e);
    case Ctx::EqOperand:
      return python() && (self_infix(e) || is_sum(e) || is_product(e) ||
                          (e.is_number() && !atomic(e)));
    case Ctx::LtOperand: return self_infix(e) || (e.is_bool() && !atomic(e));
    case Ctx::AndArg:
      return python() ? e.kind() == Kind::Or : !atomic(e) && e.kind() != Kind::Not;
    case Ctx::OrArg: return python() ? false : !atomic(e) && e.kind() != Kind::Not;
    case Ctx::NotArg: return !python() && !atomic(e);
    }
    return false;
  }

  std::string name_of(Expr sym) const {
    if (namer_) {
      std::string n = namer_(sym);
      if (!n.empty()) return n;
    }
    return std::string(sym.name());
  }

  std::string call(const char *fn, const std::vector<Expr> &args) {
    std::string s = fn;
    s += "(";
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) s += ", ";
      s += print(args[i], Ctx::FuncArg);
    }
    return s + ")";
  }

  std::string infix(Expr a, const char *op, Expr b, Ctx ctx) {
    return print(a, ctx) + op + print(b, ctx);
  }

  /// A monomial with its coefficient: "2*s0*s1", "-s0", "8*((s0//8))".
  std::string term(Expr mono, Int coeff, bool *negative) {
    *negative = coeff.is_negative();
    Int mag = *negative ? -coeff : coeff;
    bool unit = mag == Int(1);
    std::string body = unit ? print(mono, mono.kind() == Kind::Mul ? Ctx::Top : Ctx::AddTerm)
                            : mag.str() + "*" + print(mono, Ctx::MulFactor);
    if (unit && self_infix(mono)) body = print(mono, Ctx::MulFactor);
    return body;
  }

  /// sympy's term order: descending lex on exponent vectors over the
  /// sorted generators; the constant last, except `c - k*x`.
  std::string add(Expr e) {
    Linear l = detail::linear_of(e);
    std::vector<Expr> gens;
    std::vector<std::vector<std::pair<Expr, uint32_t>>> fac(l.terms.size());
    for (size_t i = 0; i < l.terms.size(); ++i) {
      Expr m = l.terms[i].first;
      if (m.kind() == Kind::Mul) {
        for (size_t j = 0; j < m.nargs(); ++j) fac[i].emplace_back(m.arg(j), m.exponent(j));
      } else {
        fac[i].emplace_back(m, 1u);
      }
      for (auto &f : fac[i]) gens.push_back(f.first);
    }
    std::sort(gens.begin(), gens.end(), ExprLess());
    gens.erase(std::unique(gens.begin(), gens.end()), gens.end());
    auto expv = [&](size_t i) {
      std::vector<uint32_t> v(gens.size(), 0);
      for (auto &[g, k] : fac[i]) {
        size_t pos = std::lower_bound(gens.begin(), gens.end(), g, ExprLess()) - gens.begin();
        v[pos] = k;
      }
      return v;
    };
    std::vector<std::pair<std::vector<uint32_t>, size_t>> order;
    for (size_t i = 0; i < l.terms.size(); ++i) order.emplace_back(expv(i), i);
    std::stable_sort(order.begin(), order.end(), [](const auto &x, const auto &y) {
      return x.first > y.first;
    });
    std::vector<std::pair<std::string, bool>> parts; // text, negative
    for (auto &[v, i] : order) {
      bool neg;
      std::string t = term(l.terms[i].first, l.terms[i].second, &neg);
      parts.emplace_back(t, neg);
    }
    if (!l.constant.is_zero()) {
      std::pair<std::string, bool> c{(l.constant.is_negative() ? -l.constant : l.constant).str(),
                                     l.constant.is_negative()};
      bool constant_first = l.terms.size() == 1 && !c.second && parts[0].second;
      if (constant_first) parts.insert(parts.begin(), c);
      else parts.push_back(c);
    }
    return join_signed(parts);
  }

  static std::string join_signed(const std::vector<std::pair<std::string, bool>> &parts) {
    std::string s;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i == 0) s += parts[i].second ? "-" + parts[i].first : parts[i].first;
      else s += (parts[i].second ? " - " : " + ") + parts[i].first;
    }
    return s;
  }

  std::string mul(Expr e) {
    std::string s;
    for (size_t i = 0; i < e.nargs(); ++i) {
      if (i) s += "*";
      Expr f = e.arg(i);
      uint32_t k = e.exponent(i);
      if (k == 1) s += print(f, Ctx::MulFactor);
      else s += print(f, Ctx::PowBase) + "**" + std::to_string(k);
    }
    return s;
  }

  bool float_negative(Expr t) const {
    if (t.is_float_constant()) return t.float_value() < 0;
    return t.kind() == Kind::FloatMul && t.arg(0).is_float_constant() && t.arg(0).float_value() < 0;
  }

  std::string float_add(Expr e) {
    std::vector<std::pair<std::string, bool>> parts;
    Expr constant;
    for (size_t i = 0; i < e.nargs(); ++i) {
      Expr t = e.arg(i);
      if (t.is_float_constant()) {
        constant = t;
        continue;
      }
      bool neg = float_negative(t);
      parts.emplace_back(print(neg ? -t : t, neg ? Ctx::MulFactor : Ctx::AddTerm), neg);
    }
    if (!constant.is_null()) {
      double v = constant.float_value();
      parts.emplace_back(float_repr(std::fabs(v)), v < 0);
    }
    return join_signed(parts);
  }

  std::string float_mul(Expr e) {
    std::string s;
    size_t start = 0;
    if (e.arg(0).is_float_constant()) {
      double c = e.arg(0).float_value();
      start = 1;
      if (c == -1.0) s = "-";
      else s = (c < 0 ? "-" : "") + float_repr(std::fabs(c)) + "*";
    }
    for (size_t i = start; i < e.nargs(); ++i) {
      if (i > start) s += "*";
      s += print(e.arg(i), Ctx::MulFactor);
    }
    return s;
  }

  std::string relation(Expr e) {
    auto [lhs, rhs] = relation_sides(e);
    const char *sym_op = nullptr, *py_op = nullptr;
    switch (e.kind()) {
    case Kind::Eq: sym_op = "Eq"; py_op = " == "; break;
    case Kind::Ne: sym_op = "Ne"; py_op = " != "; break;
    case Kind::Lt: sym_op = "Lt"; py_op = " < "; break;
    default: sym_op = "Le"; py_op = " <= "; break;
    }
    bool eqlike = e.kind() == Kind::Eq || e.kind() == Kind::Ne;
    if (lossless() || (!python() && eqlike)) return call(sym_op, {lhs, rhs});
    return infix(lhs, py_op, rhs, eqlike ? Ctx::EqOperand : Ctx::LtOperand);
  }

  std::string connective(Expr e) {
    bool is_and = e.kind() == Kind::And;
    if (lossless()) return call(is_and ? "And" : "Or", e.args());
    const char *sep = python() ? (is_and ? " and " : " or ") : (is_and ? " & " : " | ");
    std::string s;
    for (size_t i = 0; i < e.nargs(); ++i) {
      if (i) s += sep;
      s += print(e.arg(i), is_and ? Ctx::AndArg : Ctx::OrArg);
    }
    return s;
  }

  std::string piecewise(Expr e) {
    if (lossless()) return call("Where", e.args());
    std::string s = "Piecewise(";
    Expr cur = e;
    while (cur.kind() == Kind::Where) {
      s += "(" + print(cur.arg(1), Ctx::FuncArg) + ", " + print(cur.arg(0), Ctx::FuncArg) + "), ";
      cur = cur.arg(2);
    }
    return s + "(" + print(cur, Ctx::FuncArg) + ", True))";
  }

  std::string div_like(Expr e, const char *sympy_name) {
    if (lossless()) return call(sympy_name, e.args());
    if (python()) return infix(e.arg(0), " // ", e.arg(1), Ctx::DivOperand);
    return "(" + infix(e.arg(0), "//", e.arg(1), Ctx::DivOperand) + ")";
  }

  std::string bare(Expr e) {
    switch (e.kind()) {
    case Kind::Integer: return e.value().str();
    case Kind::Float: return float_repr(e.float_value());
    case Kind::BoolConst: return e.bool_value() ? "True" : "False";
    case Kind::Symbol: return name_of(e);
    case Kind::Add: return add(e);
    case Kind::Mul: return mul(e);
    case Kind::FloorDiv: return div_like(e, "FloorDiv");
    case Kind::CleanDiv: return div_like(e, "CleanDiv");
    case Kind::Mod:
      if (lossless()) return call("PythonMod", e.args());
      if (python()) return infix(e.arg(0), " % ", e.arg(1), Ctx::DivOperand);
      return call("Mod", e.args());
    case Kind::Min: return call(python() ? "min" : "Min", e.args());
    case Kind::Max: return call(python() ? "max" : "Max", e.args());
    case Kind::PowByNatural:
      if (python()) return infix(e.arg(0), " ** ", e.arg(1), Ctx::PowBase);
      return call("PowByNatural", e.args());
    case Kind::ToFloat: return call(python() ? "float" : "ToFloat", e.args());
    case Kind::IntTrueDiv:
      if (python()) return infix(e.arg(0), " / ", e.arg(1), Ctx::DivOperand);
      return call("IntTrueDiv", e.args());
    case Kind::FloatTrueDiv:
      if (python()) return "(" + infix(e.arg(0), " / ", e.arg(1), Ctx::DivOperand) + ")";
      return call("FloatTrueDiv", e.args());
    case Kind::FloatAdd: return float_add(e);
    case Kind::FloatMul: return float_mul(e);
    case Kind::FloatPow:
      if (python()) return infix(e.arg(0), " ** ", e.arg(1), Ctx::PowBase);
      return call("FloatPow", e.args());
    case Kind::TruncToInt: return call(python() ? "math.trunc" : "TruncToInt", e.args());
    case Kind::FloorToInt: return call(python() ? "math.floor" : "FloorToInt", e.args());
    case Kind::CeilToInt: return call(python() ? "math.ceil" : "CeilToInt", e.args());
    case Kind::RoundToInt: return call(python() ? "round" : "RoundToInt", e.args());
    case Kind::Eq:
    case Kind::Ne:
    case Kind::Lt:
    case Kind::Le: return relation(e);
    case Kind::And:
    case Kind::Or: return connective(e);
    case Kind::Not:
      if (lossless()) return call("Not", e.args());
      if (python()) return "not (" + print(e.arg(0), Ctx::Top) + ")";
      return "~" + print(e.arg(0), Ctx::NotArg);
    case Kind::Where: return piecewise(e);
    }
    return "?";
  }

  Dialect d_;
  const SymbolNamer &namer_;
};

} // namespace

std::string print(Expr e, Dialect dialect, const SymbolNamer &namer) {
  if (e.is_null()) return "<null>";
  Printer p(dialect, namer);
  return p.print(e, Ctx::Top);
}

std::string Expr::str() const { return print(*this, Dialect::Sympy); }

} // namespace symshape
