//===- counterexample_search_test.cpp - Refutation by evaluation -----------===//
#include <catch2/catch.hpp>

#include "support/random_expr.h"
#include "symshape/expr/parse.h"
#include "symshape/reason/counterexample_search.h"
#include "symshape/reason/smt.h"

using namespace symshape;

namespace {
ValueRange r(long long lo, long long hi) { return ValueRange::ints(Bound(Int(lo)), Bound(Int(hi))); }
ValueRange from(long long lo) { return ValueRange::ints(Bound(Int(lo)), Bound::pos_inf()); }

/// The generator divides by a literal 0 now and then: parse those as False.
Expr parse_or_false(const std::string &text) {
  try {
    return parse_expr(text);
  } catch (const Error &) {
    return parse_expr("False");
  }
}

std::string show(const Assignment &p, const std::vector<const char *> &names) {
  std::string out;
  for (const char *n : names) {
    const Value *v = p.find(symbol(n));
    out += std::string(out.empty() ? "" : " ") + n + "=" + (v ? v->str() : "?");
  }
  return out;
}
} // namespace

TEST_CASE("counterexample search: table of goals, facts and the point found", "[reason][search]") {
  struct Row {
    std::vector<const char *> facts;
    const char *goal;
    const char *found; // the point, or "" for none
  };
  // Every symbol ranges over [2, inf]; b over [8, 20]; the witness is
  // a=5 b=15 c=10 d=10.
  const Row rows[] = {
      {{"a + b < 30"}, "a < 10", "a=10 b=15 c=10 d=10"},       // one move to the boundary
      {{"a + b < 30"}, "a < 15", "a=15 b=14 c=10 d=10"},       // the move breaks the fact: b repaired
      {{"a + b < 30"}, "a < 22", ""},                          // implied: a < 30 - b <= 22
      {{"Eq(c, d)", "d < 20"}, "c < 15", "a=5 b=15 c=15 d=15"}, // the move breaks Eq: repaired
      {{"c % 8 != 0"}, "c < 13", "a=5 b=15 c=13 d=10"},       // mods: a neighbourhood
      {{"a < 7"}, "a < 6", "a=6 b=15 c=10 d=10"},
      {{"a < 7"}, "a < 7", ""},                                // the goal is a fact
      {{}, "b > 2", ""},                                       // the ranges decide
  };
  RangeMap m;
  for (const char *n : {"a", "c", "d"}) m.set(symbol(n), from(2));
  m.set(symbol("b"), r(8, 20));
  Assignment witness;
  witness.set(symbol("a"), Int(5));
  witness.set(symbol("b"), Int(15));
  witness.set(symbol("c"), Int(10));
  witness.set(symbol("d"), Int(10));
  for (const Row &row : rows) {
    CAPTURE(row.goal);
    std::vector<Expr> facts;
    for (const char *f : row.facts) facts.push_back(parse_expr(f));
    Expr goal = parse_expr(row.goal);
    std::optional<Assignment> p = find_counterexample(goal, facts, m, witness);
    CHECK((p ? show(*p, {"a", "b", "c", "d"}) : "") == row.found);
    if (p) CHECK(is_counterexample(goal, facts, m, *p));
  }
}

TEST_CASE("counterexample search: two goal symbols must meet away from the witness", "[reason][search]") {
  // a in [2, 10] at 5, b in [8, 20] at 15: a != b fails only at a = b in
  // [8, 10], which no single move reaches.
  Expr a = symbol("a"), b = symbol("b");
  RangeMap m;
  m.set(a, r(2, 10));
  m.set(b, r(8, 20));
  Assignment w;
  w.set(a, Int(5));
  w.set(b, Int(15));
  Expr goal = parse_expr("Ne(a, b)");
  std::optional<Assignment> p = find_counterexample(goal, {}, m, w);
  REQUIRE(p);
  CHECK(p->find(a)->i == p->find(b)->i);
  CHECK(is_counterexample(goal, {}, m, *p));
  // With a fact ruling the meeting points out it must find nothing.
  CHECK_FALSE(find_counterexample(goal, {parse_expr("a < 8")}, m, w));
}

TEST_CASE("counterexample search: a goal already false at the witness", "[reason][search]") {
  Expr a = symbol("a");
  RangeMap m;
  Assignment w;
  w.set(a, Int(4));
  std::optional<Assignment> p = find_counterexample(parse_expr("a > 4"), {parse_expr("a > 1")}, m, w);
  REQUIRE(p);
  CHECK(p->find(a)->i == Int(4));
  // ... unless the witness violates a fact: then it is not a counterexample.
  CHECK_FALSE(is_counterexample(parse_expr("a > 4"), {parse_expr("a > 5")}, m, w));
  CHECK_THROWS_AS(find_counterexample(parse_expr("a + 1"), {}, m, w), TypeError);
}

// Agreement with Z3 on random small problems: every point found is a
// counterexample (checked independently), and whenever Z3 proves the
// implication the search finds nothing.  Also reports how often the search
// finds what Z3 finds.
TEST_CASE("counterexample search: fuzzed against Z3", "[reason][search][fuzz][z3]") {
  testing::RandomExprOptions o = testing::RandomExprOptions::integer_only({"x", "y", "z"});
  testing::RandomExpr gen(42, o);
  Expr syms[3] = {symbol("x"), symbol("y"), symbol("z")};
  RangeMap m;
  for (Expr s : syms) m.set(s, r(0, 30));
  int refuted_by_z3 = 0, found = 0;
  for (int iter = 0; iter < 300; ++iter) {
    Assignment w;
    for (Expr s : syms) w.set(s, Int(gen.uniform(0, 30)));
    // Facts and a goal that hold at the witness.
    std::vector<Expr> facts;
    while (facts.size() < 3) {
      Expr f = parse_or_false(gen.bool_expr(1));
      if (truth_at(f, w) == std::optional<bool>(true)) facts.push_back(f);
    }
    Expr goal;
    do goal = parse_or_false(gen.bool_expr(1));
    while (truth_at(goal, w) != std::optional<bool>(true));
    std::optional<Assignment> p = find_counterexample(goal, facts, m, w);
    SmtResult z = smt_prove(goal, facts, m);
    INFO(goal.str() << " from " << facts[0].str() << "; " << facts[1].str() << "; " << facts[2].str());
    if (p) {
      ++found;
      for (Expr f : facts) REQUIRE(truth_at(f, *p) == std::optional<bool>(true));
      REQUIRE(truth_at(goal, *p) != std::optional<bool>(true));
      REQUIRE(z.verdict != Verdict::Proved);
    }
    refuted_by_z3 += z.verdict == Verdict::Refuted;
  }
  CHECK(refuted_by_z3 > 50);
  CHECK(found * 10 >= refuted_by_z3 * 7); // the search finds most of them
}
