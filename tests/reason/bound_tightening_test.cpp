//===- bound_tightening_test.cpp - Ranges narrowed by facts ----------------===//
#include <catch2/catch.hpp>

#include "support/random_expr.h"
#include "symshape/expr/parse.h"
#include "symshape/reason/bound_tightening.h"

using namespace symshape;

namespace {
ValueRange r(long long lo, long long hi) { return ValueRange::ints(Bound(Int(lo)), Bound(Int(hi))); }
ValueRange from(long long lo) { return ValueRange::ints(Bound(Int(lo)), Bound::pos_inf()); }
} // namespace

TEST_CASE("bound tightening: one row per fact shape", "[reason][tighten]") {
  Expr a = symbol("a"), b = symbol("b"), c = symbol("c");
  struct Row {
    std::vector<const char *> facts;
    ValueRange b_range, c_range;
    const char *a_after;
    std::vector<size_t> used;
  };
  const Row rows[] = {
      {{"a + b < c + 27"}, from(2), r(2, 40), "[2, 64]", {0}},
      {{"1960 < a*b"}, r(2, 50), from(2), "[40, inf]", {0}},
      {{"a*b <= 100"}, r(3, 50), from(2), "[2, 33]", {0}},
      {{"Eq(a, 2*b + 1)"}, r(3, 5), from(2), "[7, 11]", {0}},
      {{"2*a < b"}, r(2, 28), from(2), "[2, 13]", {0}},
      {{"3*a >= b + 10"}, r(2, 8), from(2), "[4, inf]", {0}},
      {{"a < 30 and a >= 5"}, from(2), from(2), "[5, 29]", {0}},
      {{"a != 7", "a % 8 < 3"}, from(2), from(2), "[2, inf]", {}}, // Ne and mods: nothing
      {{"10 < a*b"}, r(0, 5), from(2), "[2, inf]", {}},           // b may be 0
      {{"a + a*c < 50"}, from(2), from(2), "[2, inf]", {}},        // a in two terms
      {{"a < b", "b < c"}, from(2), r(2, 10), "[2, inf]", {}},    // a's bound needs b's first
  };
  for (const Row &row : rows) {
    CAPTURE(row.facts[0]);
    RangeMap m;
    m.set(a, from(2));
    m.set(b, row.b_range);
    m.set(c, row.c_range);
    std::vector<Expr> facts;
    for (const char *f : row.facts) facts.push_back(parse_expr(f));
    CHECK(tighten_bounds({a}, facts, m) == row.used);
    CHECK(m.get(a).str() == row.a_after);
  }
}

TEST_CASE("bound tightening: rounds propagate chains", "[reason][tighten]") {
  Expr a = symbol("a"), b = symbol("b"), c = symbol("c");
  std::vector<Expr> facts = {parse_expr("a < b"), parse_expr("b < c")};
  RangeMap m;
  for (Expr s : {a, b, c}) m.set(s, from(2));
  m.set(c, r(2, 10));
  tighten_all_bounds(facts, m, 1);
  CHECK(m.get(a).str() == "[2, inf]");
  CHECK(m.get(b).str() == "[3, 9]");
  CHECK(m.get(c).str() == "[4, 10]");
  tighten_all_bounds(facts, m, 1);
  CHECK(m.get(a).str() == "[2, 8]");
}

// Soundness by brute force: every point of the box that satisfies the facts
// lies inside the narrowed ranges.
TEST_CASE("bound tightening: fuzzed against enumeration", "[reason][tighten][fuzz]") {
  testing::RandomExprOptions o = testing::RandomExprOptions::integer_only({"x", "y", "z"});
  o.const_range = 12;
  testing::RandomExpr gen(20261126, o);
  Expr syms[3] = {symbol("x"), symbol("y"), symbol("z")};
  int narrowed = 0;
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<Expr> facts;
    while (facts.size() < 3) {
      try {
        facts.push_back(parse_expr(gen.bool_expr(2)));
      } catch (const Error &) {
        // the generator divides by a literal 0 now and then: skip those
      }
    }
    RangeMap m;
    for (Expr s : syms) m.set(s, r(0, 9));
    RangeMap before = m;
    tighten_all_bounds(facts, m, 2);
    for (Expr s : syms) narrowed += m.get(s) != before.get(s);
    Assignment p;
    for (int x = 0; x <= 9; ++x)
      for (int y = 0; y <= 9; ++y)
        for (int z = 0; z <= 9; ++z) {
          p.set(syms[0], Int(x));
          p.set(syms[1], Int(y));
          p.set(syms[2], Int(z));
          bool all = true;
          for (Expr f : facts) all = all && truth_at(f, p) == std::optional<bool>(true);
          if (!all) continue;
          for (Expr s : syms) {
            INFO("facts " << facts[0].str() << "; " << facts[1].str() << "; " << facts[2].str());
            REQUIRE(m.get(s).contains(*p.find(s)));
          }
        }
  }
  CHECK(narrowed > 100); // the fuzzer exercises narrowing, not only no-ops
}
