//===- eval_test.cpp - Concrete evaluation and the normalizer's soundness ---===//
#include <catch2/catch.hpp>

#include "support/random_expr.h"
#include "symshape/expr/eval.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"

using namespace symshape;

namespace {
Value eval_text(const char *text, std::initializer_list<std::pair<const char *, long long>> values) {
  Assignment a;
  for (auto &[n, v] : values) a.set(symbol(n), Int(v));
  return evaluate(parse_expr(text), a);
}
} // namespace

TEST_CASE("evaluation uses Python semantics", "[expr][eval]") {
  struct Row { const char *text; long long s0, s1; const char *expected; };
  const Row rows[] = {
      {"s0 // -3", 7, 0, "-3"},
      {"s0 % -3", 7, 0, "-2"},
      {"-s0 // 2", 7, 0, "-4"},
      {"s0 % s1", -7, 3, "2"},
      {"s0 // s1", -7, -2, "3"},
      {"CeilDiv(s0, s1)", 7, 2, "4"},
      {"Max(s0, s1, 2)", -1, 1, "2"},
      {"Min(s0, s1)", -1, 1, "-1"},
      {"s0 ** 3", -2, 0, "-8"},
      {"PowByNatural(s0, s1)", 3, 4, "81"},
      {"s0 / s1", 7, 2, "3.5"},
      {"FloorToInt(s0 / s1)", -7, 2, "-4"},
      {"CeilToInt(s0 / s1)", -7, 2, "-3"},
      {"TruncToInt(s0 / s1)", -7, 2, "-3"},
      {"RoundToInt(s0 / s1)", 5, 2, "2"},
      {"RoundToInt(s0 / s1)", 7, 2, "4"},
      {"s0 < s1", 1, 2, "True"},
      {"Eq(s0, s1) or s0 > 3", 4, 2, "True"},
      {"not (s0 <= s1)", 1, 2, "False"},
      {"s0 if s0 > s1 else s1", 1, 2, "2"},
      {"Piecewise((1, Eq(s0, 5)), (0, True))", 5, 0, "1"},
      {"2.5*ToFloat(s0) + s1", 2, 1, "6.0"},
      // Sums: in 64 bits while everything fits, past that in 128 (the same answers).
      {"3*s0 - 2*s1 + 7", 5, 4, "14"},
      {"s0 + s1 < 7", 3, 4, "False"},
      {"s0 + s1", 4611686018427387904, 4611686018427387904, "9223372036854775808"},      // 2^62 + 2^62
      {"0 < s0 + s1", 4611686018427387904, 4611686018427387904, "True"},                  // (2^63: not int64)
      {"4*s0 - s1 < 0", 4611686018427387904, 9223372036854775807, "False"},              // 2^64 - (2^63 - 1)
      {"Eq(2*s0, s1 + 9223372036854775807)", 9223372036854775807, 9223372036854775807, "True"},
  };
  for (const Row &r : rows) {
    INFO(r.text << " at s0=" << r.s0 << " s1=" << r.s1);
    CHECK(eval_text(r.text, {{"s0", r.s0}, {"s1", r.s1}}).str() == r.expected);
  }
}

TEST_CASE("an assignment prints in the order of assignment", "[expr][eval]") {
  Assignment a;
  CHECK(a.str() == "");
  a.set(symbol("s9"), Int(3));
  a.set(symbol("b0", Type::Bool), Value::of_bool(true));
  a.set(symbol("s1"), Int(-4));
  a.set(symbol("s9"), Int(5)); // reassigned: keeps its place
  CHECK(a.str() == "s9=5, b0=True, s1=-4");
}

TEST_CASE("evaluation errors", "[expr][eval]") {
  CHECK_THROWS_AS(eval_text("s0 // s1", {{"s0", 1}, {"s1", 0}}), ZeroDivisionError);
  CHECK_THROWS_AS(eval_text("s0 % s1", {{"s0", 1}, {"s1", 0}}), ZeroDivisionError);
  CHECK_THROWS_AS(eval_text("s0 / s1", {{"s0", 1}, {"s1", 0}}), ZeroDivisionError);
  CHECK_THROWS_AS(eval_text("PowByNatural(s0, s1)", {{"s0", 2}, {"s1", -1}}), ValueError);
  CHECK_THROWS_AS(eval_text("s0 + s1", {{"s0", 2}}), ValueError); // s1 unassigned
  // And/Or evaluate every argument: an error anywhere is an error.
  CHECK_THROWS_AS(eval_text("s0 < 0 and s1 // s0 > 1", {{"s0", 0}, {"s1", 1}}), ZeroDivisionError);
  // Where evaluates only the branch it takes.
  CHECK(eval_text("(s1 // s0) if s0 != 0 else 7", {{"s0", 0}, {"s1", 1}}).str() == "7");
}

TEST_CASE("fuzz: the normal form agrees with the raw text wherever the text is defined",
          "[expr][eval][fuzz]") {
  // Halide-style seeded fuzzer: random text, its raw (unnormalized) value by
  // an independent evaluator, and the value of the normalized expression.
  Expr x = symbol("x"), y = symbol("y"), z = symbol("z");
  int compared = 0;
  for (uint64_t seed = 1; seed <= 1500; ++seed) {
    testing::RandomExpr gen(seed);
    std::string text = seed % 4 == 0 ? gen.bool_expr(4) : gen.int_expr(4);
    SyntaxNode tree = parse_syntax(text);
    Expr e;
    try {
      e = build_expr(tree);
    } catch (const ParseError &err) {
      // Building fails only on a constant division by zero (e.g. 5 // 0),
      // as sympy's constructors do in PyTorch, even in a branch not taken.
      INFO(text << " -> " << err.what());
      CHECK(err.kind() == "zero_division");
      continue;
    }
    for (int k = 0; k < 12; ++k) {
      Assignment p;
      p.set(x, Int(gen.uniform(-6, 6)));
      p.set(y, Int(gen.uniform(-6, 6)));
      p.set(z, Int(gen.uniform(-6, 6)));
      auto raw = testing::raw_eval(tree, p);
      if (!raw) continue;
      INFO("seed " << seed << ": " << text << "\n  normal form: " << e.str() << "\n  at x="
                   << p.find(x)->str() << " y=" << p.find(y)->str() << " z=" << p.find(z)->str());
      Value v;
      REQUIRE_NOTHROW(v = evaluate(e, p));
      REQUIRE(v == *raw);
      ++compared;
    }
  }
  CHECK(compared > 5000);
}
