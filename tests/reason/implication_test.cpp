//===- implication_test.cpp - Goal by goal from fixed premises -------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/reason/implication.h"

using namespace symshape;

namespace {
std::vector<Expr> parse_all(const std::vector<const char *> &texts) {
  std::vector<Expr> out;
  for (const char *t : texts) out.push_back(parse_expr(t));
  return out;
}
RangeMap sizes(std::initializer_list<const char *> names) {
  RangeMap m;
  for (const char *n : names) m.set(symbol(n), ValueRange::ints(Bound(0), Bound::pos_inf()));
  return m;
}
} // namespace

TEST_CASE("implication prover: verdicts, and which need Z3", "[reason][implication]") {
  struct Row {
    std::vector<const char *> premises;
    const char *goal;
    Verdict verdict;
    size_t z3_queries; // 0: a cheap tier decided
  };
  const Row rows[] = {
      {{"Eq(a, b)", "Eq(b, c)"}, "Eq(a, c)", Verdict::Proved, 0},         // equality chain
      {{"a < b", "b < c", "c <= 10"}, "a <= 8", Verdict::Proved, 0},      // narrowed ranges
      {{"a + b < 40", "b > 10"}, "a < 30", Verdict::Proved, 0},           // narrowed ranges
      {{"a < 25"}, "a <= 30", Verdict::Proved, 0},                        // same form
      {{"2*a < b", "a >= 2"}, "Ne(a, b)", Verdict::Proved, 0},            // one fact
      {{"a % 8 == 0", "a >= 2"}, "a >= 8", Verdict::Proved, 1},           // Z3
      {{"a % 8 == 0", "b % 8 == 0"}, "(a + b) % 4 == 0", Verdict::Proved, 1},
      {{"a < 10", "a >= 2"}, "a < 5", Verdict::Refuted, 1},
  };
  for (const Row &row : rows) {
    CAPTURE(row.goal);
    ImplicationProver p(parse_all(row.premises), sizes({"a", "b", "c"}), SmtLimits{});
    SmtResult r = p.prove(parse_expr(row.goal));
    CHECK(r.verdict == row.verdict);
    CHECK(p.z3_queries() == row.z3_queries);
    if (r.verdict == Verdict::Refuted) {
      const Value *a = r.counterexample.find(symbol("a"));
      REQUIRE(a);
      CHECK(a->i >= Int(5));
      CHECK(a->i <= Int(9));
    }
  }
}

TEST_CASE("set equivalence, member by member", "[reason][implication]") {
  RangeMap m = sizes({"a", "b"});
  struct Row {
    std::vector<const char *> a, b;
    Verdict verdict;
  };
  const Row rows[] = {
      {{"a <= 10", "a >= 2"}, {"2 <= a and a <= 10"}, Verdict::Proved},
      {{"a <= 10", "a >= 2"}, {"2 <= a and a <= 9"}, Verdict::Refuted},
      {{"Eq(a, b)", "a % 8 == 0"}, {"Eq(b, a)", "b % 4 == 0", "a % 8 == 0"}, Verdict::Proved},
      {{}, {}, Verdict::Proved},
      {{"a > 3"}, {}, Verdict::Refuted}, // the empty set accepts a = 0
  };
  for (const Row &row : rows) {
    SmtResult r = prove_equivalent_sets(parse_all(row.a), parse_all(row.b), m);
    CHECK(r.verdict == row.verdict);
  }
  SmtResult r = prove_equivalent_sets(parse_all({"a <= 10"}), parse_all({"a <= 9"}), m);
  REQUIRE(r.verdict == Verdict::Refuted);
  CHECK(r.counterexample.find(symbol("a"))->i == Int(10));
}
