//===- print_parse_test.cpp - Printers, parsers and their round trips -------===//
#include <catch2/catch.hpp>

#include "support/random_expr.h"
#include "symshape/expr/eval.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"

using namespace symshape;

TEST_CASE("the Python dialect prints what PyTorch's guard printer prints", "[expr][print]") {
  struct Row { const char *input, *python; };
  // Expected strings are PyTorch 2.6 PythonPrinter output (with sympy's
  // Add/Mul layout) for the same expressions.
  const Row rows[] = {
      {"s0 + 2", "s0 + 2"},
      {"100 - s1", "100 - s1"},
      {"8*FloorDiv(s0, 8)", "8*(s0 // 8)"},
      {"-FloorDiv(s0, 2)", "-(s0 // 2)"},
      {"FloorDiv(-s0, 2)", "(-s0) // 2"},
      {"Eq(Mod(s0, 8), 0)", "(s0 % 8) == 0"},
      // PyTorch keeps the user's orientation; symshape puts the first term
      // (symbols before functions) on the left.  Same relation.
      {"Eq(FloorDiv(s0, 2), s1)", "s1 == (s0 // 2)"},
      {"Eq(Max(s0, s1), s2)", "s2 == max(s0, s1)"},
      {"Eq(s0*s1, 6)", "(s0*s1) == 6"},
      {"Eq(s0 + 2, s1)", "(s0 + 2) == s1"},
      {"Eq(u0, 0)", "u0 == 0"},
      {"Ne(u0, 1)", "u0 != 1"},
      {"FloorDiv(s0, 2) < s1", "(s0 // 2) < s1"},
      {"Mod(s0, 3) < s1", "(s0 % 3) < s1"},
      {"s0 + 1 <= 2*s1", "s0 + 1 <= 2*s1"},
      {"s0 + s1*FloorDiv(s0, 2) + Mod(s0, 3)", "s0 + s1*(s0 // 2) + (s0 % 3)"},
      {"FloorDiv(s0*s1, s2)", "(s0*s1) // s2"},
      {"Mod(s0, s1 + 1)", "s0 % (s1 + 1)"},
      {"FloorDiv(Max(s0, s1), 2)", "max(s0, s1) // 2"},
      {"Mod(FloorDiv(s0, 8), 3)", "(s0 // 8) % 3"},
      {"PowByNatural(s0, u0)", "s0 ** u0"},
      {"Min(s0, 3) - 1", "min(3, s0) - 1"},
      {"ToFloat(s0)", "float(s0)"},
      {"TruncToInt(IntTrueDiv(s0, 2))", "math.trunc(s0 / 2)"},
      {"FloorToInt(IntTrueDiv(s0, 2))", "math.floor(s0 / 2)"},
      {"CeilToInt(IntTrueDiv(s0, 2))", "math.ceil(s0 / 2)"},
      {"RoundToInt(IntTrueDiv(s0, 2))", "round(s0 / 2)"},
      {"FloatTrueDiv(ToFloat(s0), 2.0)", "(float(s0) / 2.0)"},
      {"(s0 < 5) & (Eq(s0, 2) | (s1 < 3))", "s0 < 5 and (s0 == 2 or s1 < 3)"},
      {"(s2 < 3) | ((s0 < 2) & (s1 < 2))", "s2 < 3 or s0 < 2 and s1 < 2"},
      {"Piecewise((s0, Eq(s0, 5)), (s1, True))", "Piecewise((s0, s0 == 5), (s1, True))"},
      {"True", "True"},
  };
  for (const Row &r : rows) {
    INFO(r.input);
    CHECK(print(parse_expr(r.input), Dialect::Python) == r.python);
  }
  Expr b = symbol("b_flag", Type::Bool), c = symbol("c_flag", Type::Bool);
  CHECK(print(not_(b), Dialect::Python) == "not (b_flag)");
  CHECK(print(not_(b), Dialect::Sympy) == "~b_flag");
  CHECK(print(and_(b, not_(c)), Dialect::Python) == "b_flag and not (c_flag)");
  CHECK(print(and_(b, not_(c)), Dialect::Sympy) == "b_flag & ~c_flag");
}

TEST_CASE("sources print and parse verbatim; a namer renames symbols", "[expr][print][parse]") {
  Expr e = parse_expr("L['x'].size()[0] * x.stride()[1] + x.storage_offset()");
  CHECK(e.str() == "L['x'].size()[0]*x.stride()[1] + x.storage_offset()");
  CHECK(parse_expr("L[ 'x' ] . size ( ) [ 0 ]") == symbol("L['x'].size()[0]"));
  CHECK(parse_expr("x.shape[0]") == symbol("x.shape[0]"));
  Expr s0 = symbol("s0");
  SymbolNamer namer = [&](Expr s) { return s == s0 ? std::string("x.size()[0]") : std::string(); };
  CHECK(print(parse_expr("Eq(Mod(s0, 8), 0)"), Dialect::Python, namer) == "(x.size()[0] % 8) == 0");
  CHECK(print(parse_expr("2 <= s0"), Dialect::Python, namer) == "2 <= x.size()[0]");
}

TEST_CASE("float repr matches Python", "[expr][print]") {
  CHECK(float_repr(2.0) == "2.0");
  CHECK(float_repr(0.1) == "0.1");
  CHECK(float_repr(-2.5) == "-2.5");
  CHECK(float_repr(1e20) == "1e+20");
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1e15) == "1000000000000000.0");
  CHECK(float_repr(1.5e-7) == "1.5e-07");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(1.0 / 3.0) == "0.3333333333333333");
  CHECK(float_repr(HUGE_VAL) == "inf");
}

TEST_CASE("parse errors point at the problem", "[expr][parse]") {
  struct Row { const char *text; int line, col; const char *contains; };
  const Row rows[] = {
      {"", 1, 1, "expected an expression, found the end of the input"},
      {"s0 + * 2", 1, 6, "expected an expression, found '*'"},
      {"(s0 + 2", 1, 8, "expected ',' or ')'"},
      {"Max(s0 s1)", 1, 8, "expected ',' or ')' in the arguments of Max"},
      {"s0 2", 1, 4, "unexpected '2' after a complete expression"},
      {"x[i]", 1, 2, "expected a constant index"},
      {"s0 if s1 > 2", 1, 13, "expected 'else'"},
      {"'abc", 1, 1, "unterminated string literal"},
      {"s0 +\n  (s1 *)", 2, 8, "expected an expression, found ')'"},
  };
  for (const Row &r : rows) {
    INFO("text: " << r.text);
    try {
      parse_syntax(r.text);
      FAIL("parsed without error");
    } catch (const ParseError &e) {
      CHECK(e.line() == r.line);
      CHECK(e.column() == r.col);
      CHECK_THAT(e.detail(), Catch::Contains(r.contains));
    }
  }
  // A position offset makes errors point into the enclosing file.
  try {
    parse_syntax("s0 +", 7, 12);
    FAIL("parsed");
  } catch (const ParseError &e) {
    CHECK(e.line() == 7);
    CHECK(e.column() == 16);
  }
}

namespace {
/// True when a and b agree (value or both raising) at a sample of points.
bool same_values(Expr a, Expr b, testing::RandomExpr &gen, const std::vector<Expr> &syms) {
  for (int k = 0; k < 20; ++k) {
    Assignment p;
    for (Expr s : syms) p.set(s, Int(gen.uniform(-7, 7)));
    std::optional<Value> va, vb;
    try { va = evaluate(a, p); } catch (const Error &) {}
    try { vb = evaluate(b, p); } catch (const Error &) {}
    if (va.has_value() != vb.has_value()) return false;
    if (va && *va != *vb) return false;
  }
  return true;
}
} // namespace

TEST_CASE("round trips on thousands of random expressions", "[expr][print][parse][fuzz]") {
  std::vector<Expr> syms = {symbol("x"), symbol("y"), symbol("z")};
  int n = 0;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    testing::RandomExpr gen(seed * 7919);
    std::string text = seed % 3 == 0 ? gen.bool_expr(4) : gen.int_expr(4);
    Expr e;
    try {
      e = parse_expr(text);
    } catch (const ParseError &) {
      continue; // a constant division by zero in the random text
    }
    ++n;
    INFO("seed " << seed << ": " << text);
    // Lossless: parse(lossless(e)) is the very same node.
    std::string lossless = print(e, Dialect::Lossless);
    INFO("lossless: " << lossless);
    REQUIRE(parse_expr(lossless) == e);
    for (Dialect d : {Dialect::Sympy, Dialect::Python}) {
      std::string once = print(e, d);
      INFO("printed: " << once);
      Expr back = parse_expr(once);
      // Equivalent (usually identical) and printing is idempotent.
      REQUIRE(same_values(e, back, gen, syms));
      REQUIRE(print(back, d) == once);
    }
  }
  CHECK(n > 2900);
}
