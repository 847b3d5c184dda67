//===- one_fact_implication_test.cpp - Implied by one fact ------------------===//
#include <catch2/catch.hpp>

#include "support/random_expr.h"
#include "symshape/expr/parse.h"
#include "symshape/reason/one_fact_implication.h"
#include "symshape/reason/smt.h"

using namespace symshape;

namespace {
ValueRange r(long long lo, long long hi) { return ValueRange::ints(Bound(Int(lo)), Bound(Int(hi))); }
ValueRange from(long long lo) { return ValueRange::ints(Bound(Int(lo)), Bound::pos_inf()); }
constexpr int kNone = -1;
} // namespace

TEST_CASE("one fact and the ranges: table", "[reason][onefact]") {
  Expr a = symbol("a"), b = symbol("b");
  struct Row {
    std::vector<const char *> facts;
    const char *goal;
    ValueRange b_range;
    int expected; // index of the fact, or kNone
  };
  const Row rows[] = {
      {{"2*a < b"}, "Ne(a, b)", from(2), 0},           // b - a >= 1 + a >= 3
      {{"a + b < 40"}, "a < 30", from(11), 0},
      {{"a + b < 40"}, "a < 30", from(9), kNone},      // a = 30, b = 9 is allowed
      {{"b > 5", "Eq(a, b + 1)"}, "Ne(a, b)", from(2), 1},
      {{"Eq(a, b)"}, "Eq(b, a)", from(2), 0},
      {{"a < b", "a + 3 <= b"}, "a + 2 < b", from(2), 1},
      {{"a <= 2*b"}, "a <= 2*b + 7", from(2), 0},
      {{"a*b > 20"}, "a*b >= 21", from(2), 0},
      {{"a % 8 != 0"}, "Ne(a, 16)", from(2), kNone},    // disequalities give nothing
      {{"a < 5"}, "a < b", from(10), kNone},            // the fact lacks b (see below)
  };
  for (const Row &row : rows) {
    CAPTURE(row.goal);
    RangeMap m;
    m.set(a, from(2));
    m.set(b, row.b_range);
    std::vector<Expr> facts;
    for (const char *f : row.facts) facts.push_back(parse_expr(f));
    std::optional<size_t> k = implied_by_one_fact(parse_expr(row.goal), facts, m);
    CHECK((k ? static_cast<int>(*k) : kNone) == row.expected);
  }
}

TEST_CASE("one fact: the cheap tier cannot prove this, Z3 can", "[reason][onefact][z3]") {
  Expr a = symbol("a"), b = symbol("b");
  RangeMap m;
  m.set(a, from(2));
  m.set(b, from(10));
  std::vector<Expr> facts = {parse_expr("a < 5")};
  Expr goal = parse_expr("a < b");
  CHECK_FALSE(implied_by_one_fact(goal, facts, m));
  CHECK(smt_prove(goal, facts, m).verdict == Verdict::Proved);
}

// Soundness by brute force over a box: a claimed fact implies the goal at
// every point of the box where it holds.
TEST_CASE("one fact: fuzzed against enumeration", "[reason][onefact][fuzz]") {
  testing::RandomExprOptions o = testing::RandomExprOptions::integer_only({"x", "y"});
  testing::RandomExpr gen(7, o);
  Expr x = symbol("x"), y = symbol("y");
  RangeMap m;
  m.set(x, r(-6, 6));
  m.set(y, r(0, 8));
  int proofs = 0;
  for (int iter = 0; iter < 2000; ++iter) {
    std::vector<Expr> facts;
    Expr goal;
    try {
      facts = {parse_expr(gen.bool_expr(1)), parse_expr(gen.bool_expr(1))};
      goal = parse_expr(gen.bool_expr(1));
    } catch (const Error &) {
      continue; // the generator divides by a literal 0 now and then
    }
    std::optional<size_t> k = implied_by_one_fact(goal, facts, m);
    if (!k) continue;
    ++proofs;
    Assignment p;
    for (int vx = -6; vx <= 6; ++vx)
      for (int vy = 0; vy <= 8; ++vy) {
        p.set(x, Int(vx));
        p.set(y, Int(vy));
        if (truth_at(facts[*k], p) != std::optional<bool>(true)) continue;
        INFO(facts[*k].str() << " => " << goal.str() << " at x=" << vx << ", y=" << vy);
        REQUIRE(truth_at(goal, p) == std::optional<bool>(true));
      }
  }
  CHECK(proofs > 50);
}
