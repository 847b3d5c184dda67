//===- cmd_expr.cpp - symshape simplify / eval / bound ---------------------===//
#include <iostream>

#include "cli.h"
#include "symshape/expr/eval.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"
#include "symshape/reason/value_range.h"

namespace symshape::cli {
namespace {

/// NAME=VALUE split at the last '=' (source names contain no '=').
std::pair<std::string, std::string> split_binding(const std::string &arg) {
  size_t eq = arg.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size())
    throw UsageError("expected NAME=VALUE, got '" + arg + "'");
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

/// A source or symbol name as the parser would spell it (spaces dropped).
std::string normalize_name(const std::string &name) {
  SyntaxNode n = parse_syntax(name);
  if (n.op != SyntaxNode::Op::Name) throw UsageError("'" + name + "' is not a symbol or source name");
  return n.text;
}

Value parse_value(const std::string &text, const std::string &name) {
  if (text == "True" || text == "true") return Value::of_bool(true);
  if (text == "False" || text == "false") return Value::of_bool(false);
  if (auto i = Int::parse(text)) return Value::of_int(*i);
  char *end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (end != text.c_str() && *end == '\0') return Value::of_float(d);
  throw UsageError("bad value '" + text + "' for " + name + " (expected an integer, a float, True or False)");
}

Bound parse_bound(const std::string &text) {
  if (text == "inf" || text == "oo" || text == "int_oo" || text == "+inf") return Bound::pos_inf();
  if (text == "-inf" || text == "-oo" || text == "-int_oo") return Bound::neg_inf();
  if (auto i = Int::parse(text)) return Bound(*i);
  throw UsageError("bad range end '" + text + "' (expected an integer, inf or -inf)");
}

int run_simplify(const std::string &text, const std::string &dialect) {
  try {
    Expr e = parse_expr(text);
    Dialect d = dialect == "python" ? Dialect::Python : dialect == "lossless" ? Dialect::Lossless : Dialect::Sympy;
    std::cout << print(e, d) << "\n";
    return kExitOk;
  } catch (const Error &e) {
    report_error(e, text);
    return kExitInputError;
  }
}

int run_eval(const std::string &text, const std::vector<std::string> &bindings) {
  try {
    std::vector<std::pair<Expr, Value>> values;
    for (const auto &b : bindings) {
      auto [name, v] = split_binding(b);
      std::string n = normalize_name(name);
      Value val = parse_value(v, n);
      values.emplace_back(symbol(n, val.type), val);
    }
    Expr e = parse_expr(text);
    Assignment point;
    for (auto &[s, v] : values) point.set(s, v);
    for (Expr s : free_symbols(e))
      if (!point.find(s)) throw UsageError("no value given for " + std::string(s.name()) + " (add " +
                                           std::string(s.name()) + "=VALUE)");
    std::cout << evaluate(e, point).str() << "\n";
    return kExitOk;
  } catch (const UsageError &e) {
    report_error(e);
    return kExitInputError;
  } catch (const Error &e) {
    report_error(e, text);
    return kExitInputError;
  }
}

int run_bound(const std::string &text, const std::vector<std::string> &bindings) {
  try {
    RangeMap ranges;
    Expr e = parse_expr(text);
    for (const auto &b : bindings) {
      auto [name, r] = split_binding(b);
      std::string n = normalize_name(name);
      size_t dots = r.find("..");
      if (dots == std::string::npos) throw UsageError("expected NAME=LO..HI, got '" + b + "'");
      Bound lo = parse_bound(r.substr(0, dots)), hi = parse_bound(r.substr(dots + 2));
      if (hi < lo) throw UsageError("empty range " + r + " for " + n);
      Expr s = symbol(n, Type::Int);
      ranges.set(s, ValueRange::ints(lo, hi));
    }
    std::cout << bound(e, ranges).str() << "\n";
    return kExitOk;
  } catch (const UsageError &e) {
    report_error(e);
    return kExitInputError;
  } catch (const Error &e) {
    report_error(e, text);
    return kExitInputError;
  }
}

} // namespace

void add_expr_commands(CLI::App &app, int &exit_code) {
  auto *simplify = app.add_subcommand("simplify", "print the normal form of an expression (sympy str() style)");
  auto text = std::make_shared<std::string>();
  auto dialect = std::make_shared<std::string>("sympy");
  simplify->add_option("EXPR", *text, "the expression, in any PyTorch dialect")->required();
  simplify->add_option("--dialect", *dialect, "output dialect")
      ->check(CLI::IsMember({"sympy", "python", "lossless"}));
  simplify->callback([&exit_code, text, dialect] { exit_code = run_simplify(*text, *dialect); });

  auto *eval = app.add_subcommand("eval", "evaluate an expression at a point (Python semantics)");
  auto eval_text = std::make_shared<std::string>();
  auto eval_bind = std::make_shared<std::vector<std::string>>();
  eval->add_option("EXPR", *eval_text, "the expression")->required();
  eval->add_option("BINDINGS", *eval_bind, "NAME=VALUE for every symbol (ints, floats, True/False)");
  eval->callback([&exit_code, eval_text, eval_bind] { exit_code = run_eval(*eval_text, *eval_bind); });

  auto *bnd = app.add_subcommand("bound", "interval of an expression given symbol ranges");
  auto bound_text = std::make_shared<std::string>();
  auto bound_bind = std::make_shared<std::vector<std::string>>();
  bnd->add_option("EXPR", *bound_text, "the expression")->required();
  bnd->add_option("RANGES", *bound_bind, "NAME=LO..HI (inf / -inf allowed); unlisted symbols are unbounded");
  bnd->callback([&exit_code, bound_text, bound_bind] { exit_code = run_bound(*bound_text, *bound_bind); });
}

} // namespace symshape::cli
