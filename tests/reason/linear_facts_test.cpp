//===- linear_facts_test.cpp - Bounds on linear forms ----------------------===//
#include <catch2/catch.hpp>

#include <random>

#include "symshape/expr/eval.h"
#include "symshape/expr/parse.h"
#include "symshape/reason/linear_facts.h"

using namespace symshape;

namespace {
/// 1 / 0 / -1 for true / false / unknown.
int truth_code(std::optional<bool> t) { return t ? (*t ? 1 : 0) : -1; }

/// `0 < e`, `0 <= e`, `e == 0` or `e != 0`, picked by `rng`.
Expr random_relation(std::mt19937 &rng, Expr e) {
  switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
  case 0: return lt(integer(0), e);
  case 1: return le(integer(0), e);
  case 2: return eq(e, integer(0));
  default: return ne(e, integer(0));
  }
}

/// Where every fact holds at `p`, the goal has the table's answer `t`
/// (soundness of a decision, one enumerated point).
void check_at(const std::vector<Expr> &facts, Expr goal, bool t, const Assignment &p) {
  for (Expr f : facts)
    if (!evaluate(f, p).as_bool()) return;
  CHECK(evaluate(goal, p).as_bool() == t);
}
} // namespace

TEST_CASE("linear facts: a goal over the same form with a weaker constant", "[reason][linear]") {
  struct Row { std::vector<const char *> facts; const char *goal; bool implied; };
  const Row rows[] = {
      {{"s0 < 25"}, "s0 <= 30", true},
      {{"s0 < 25"}, "s0 <= 24", true},
      {{"s0 < 25"}, "s0 <= 23", false},
      {{"s0 < 25"}, "s0 != 25", true},
      {{"s0 < 25"}, "s0 != 24", false},
      {{"a + b < c + 9"}, "a + b < c + 12", true},
      {{"a + b < c + 9"}, "a + b < c + 8", false},
      {{"a + b < c + 9"}, "a + b < c + 12 and a + b <= c + 8", true},
      {{"Eq(s0, 2*s1 + 1)"}, "2*s1 + 1 <= s0", true},
      {{"Eq(s0, 2*s1 + 1)"}, "Eq(s0 - 2*s1, 1)", true},
      {{"s0 >= 2"}, "s0 > 0", true},
      {{"s0 >= 2"}, "s0 > 3", false},
      {{"s0 < 25 and s0 >= 3"}, "s0 >= 1", true},
      {{"s0 != 3"}, "s0 != 3", true},   // an excluded value
      {{"s0 < 25"}, "2*s0 < 50", true},   // normalized to s0 < 25 (content divided out)
      {{"s0 < 25"}, "s0 + s1 < 30", false}, // another form: not this tier's business
  };
  for (const Row &row : rows) {
    CAPTURE(row.goal);
    LinearFacts lf;
    for (const char *f : row.facts) lf.add(parse_expr(f));
    CHECK(lf.implies(parse_expr(row.goal)) == row.implied);
  }
}

// truth(): true, false or unknown (-1), in either sign and at any multiple of
// the form, with excluded values and the And / Or / Not of relations.
TEST_CASE("linear facts: decided both ways, by constant comparison", "[reason][linear]") {
  struct Row { std::vector<const char *> facts; const char *goal; int truth; };
  const Row rows[] = {
      {{"s0 < 25"}, "s0 > 40", 0},
      {{"s0 < 25"}, "s0 >= 24", -1},
      {{"s0 < 25"}, "Eq(s0, 30)", 0},
      {{"s0 < 25"}, "Eq(s0, 20)", -1},
      {{"a + b < c + 9"}, "2*c + 30 > 2*a + 2*b", 1},   // the negated form, doubled
      {{"a + b < c + 9"}, "c - a - b >= -8", 1},
      {{"a + b < c + 9"}, "c - a - b < -8", 0},
      {{"a + b < c + 9"}, "3*a + 3*b >= 3*c + 27", 0},
      {{"Eq(s0, 2*s1 + 1)"}, "s0 - 2*s1 > 1", 0},
      {{"Eq(s0, 2*s1 + 1)"}, "Eq(2*s0, 4*s1 + 2)", 1},
      {{"s0 != 3", "s0 >= 3"}, "s0 > 3", 1},          // the excluded end moves
      {{"s0 != 3", "s0 != 4", "s0 >= 3"}, "s0 >= 5", 1},
      {{"s0 != 3", "s0 >= 3"}, "s0 >= 5", -1},
      {{"s0 >= 3", "s0 <= 3"}, "Eq(s0, 3)", 1},
      {{"s0 >= 3", "s0 <= 3", "s0 != 3"}, "Eq(s0, 3)", -1}, // contradictory facts: no answer
      {{"s0*s1 > 100"}, "s0*s1 >= 50", 1},            // products are atoms
      {{"s0*s1 > 100"}, "s0*s1 + s0 >= 50", -1},
      {{"(s0 % 8) == 0"}, "(s0 % 8) != 0", 0},
      {{"s0 < 25"}, "s0 <= 30 and s0 < 40", 1},
      {{"s0 < 25"}, "s0 <= 30 and s1 < 40", -1},
      {{"s0 < 25"}, "s0 > 30 or s1 < 40", -1},
      {{"s0 < 25"}, "s0 > 30 or s0 > 40", 0},
      {{"s0 < 25"}, "not (s0 > 30)", 1},
      {{"s0 < 25 and s1 >= 4"}, "s1 >= 2", 1},
  };
  for (const Row &row : rows) {
    CAPTURE(row.goal);
    LinearFacts lf;
    for (const char *f : row.facts) lf.add(parse_expr(f));
    std::optional<bool> t = lf.truth(parse_expr(row.goal));
    CHECK(truth_code(t) == row.truth);
  }
}

// Seeded fuzz: every answer agrees with enumeration over a small box.
TEST_CASE("linear facts: answers agree with enumeration (seeded)", "[reason][linear][fuzz]") {
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Expr a = symbol("a"), b = symbol("b");
  auto rel = [&]() {
    Expr e = integer(pick(-2, 2)) * a + integer(pick(-2, 2)) * b + integer(pick(-6, 6));
    return random_relation(rng, e);
  };
  int decided = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<Expr> facts;
    for (int i = pick(1, 4); i > 0; --i) facts.push_back(rel());
    Expr goal = rel();
    LinearFacts lf;
    for (Expr f : facts) lf.add(f);
    std::optional<bool> t = lf.truth(goal);
    if (!t) continue;
    ++decided;
    for (int x = -8; x <= 8; ++x)
      for (int y = -8; y <= 8; ++y) {
        Assignment p;
        p.set(a, Int(x));
        p.set(b, Int(y));
        INFO(goal.str() << " at a=" << x << " b=" << y);
        check_at(facts, goal, *t, p);
      }
  }
  CHECK(decided > 40); // the fuzzer exercises the table, not only "unknown"
}

// substitute(): the forms holding a replaced symbol are rewritten in the
// table, so goals stated in the replacement's terms find them.
TEST_CASE("linear facts: forms follow a replacement", "[reason][linear]") {
  struct Row { std::vector<const char *> facts; std::vector<std::pair<const char *, const char *>> subst; const char *goal; int truth; };
  const Row rows[] = {
      {{"a + b < c + 9"}, {{"a", "d"}}, "d + b < c + 12", 1},
      {{"a + b < c + 9"}, {{"a", "d + 2"}}, "d + b < c + 7", 1},
      {{"a + b < c + 9"}, {{"a", "d + 2"}}, "d + b < c + 6", -1},
      {{"a + b < c + 9"}, {{"a", "d + 2"}}, "d + b > c + 6", 0},
      {{"a + b < 10"}, {{"a", "2*c"}}, "4*c + 2*b < 20", 1},
      {{"a + b < 9"}, {{"a", "s*t"}}, "s*t + b <= 8", 1},   // the new term is an atom
      {{"s0 != 3"}, {{"s0", "s1 + 1"}}, "Eq(s1, 2)", 0},
      {{"s0 != 3", "s0 >= 2"}, {{"s0", "s1 + 1"}}, "s1 != 2", 1},
      {{"s0 != 3", "s0 >= 2"}, {{"s0", "s1 + 1"}}, "s1 >= 2", -1},
      {{"a < 5"}, {{"a", "b"}, {"b", "c"}}, "c < 6", 1},      // a chain
      {{"a - b >= 3"}, {{"a", "b + 5"}}, "b >= 0", -1},      // the form became a constant
      {{"a + b < c + 9"}, {{"a", "c - b"}}, "c >= 0", -1},
      {{"a + b < c + 9"}, {{"e", "c"}}, "a + b < c + 9", 1}, // another symbol: unchanged
  };
  for (const Row &row : rows) {
    CAPTURE(row.goal);
    LinearFacts lf;
    for (const char *f : row.facts) lf.add(parse_expr(f));
    for (auto &[x, v] : row.subst) lf.substitute(parse_expr(x), parse_expr(v));
    std::optional<bool> t = lf.truth(parse_expr(row.goal));
    CHECK(truth_code(t) == row.truth);
  }
}

// Seeded fuzz for substitute(): after a := v(b, c), every answer agrees with
// enumeration over the points where the facts hold with a = v(b, c).
TEST_CASE("linear facts: answers after a substitution agree with enumeration (seeded)", "[reason][linear][fuzz]") {
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Expr a = symbol("a"), b = symbol("b"), c = symbol("c");
  auto rel_over = [&](Expr e) { return random_relation(rng, e); };
  int decided = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<Expr> facts;
    for (int i = pick(1, 3); i > 0; --i)
      facts.push_back(rel_over(integer(pick(-2, 2)) * a + integer(pick(-2, 2)) * b + integer(pick(-1, 1)) * c +
                               integer(pick(-5, 5))));
    Expr value = integer(pick(-1, 2)) * b + integer(pick(-1, 1)) * c + integer(pick(-3, 3));
    Expr goal = rel_over(integer(pick(-2, 2)) * b + integer(pick(-2, 2)) * c + integer(pick(-6, 6)));
    LinearFacts lf;
    for (Expr f : facts) lf.add(f);
    lf.substitute(a, value);
    std::optional<bool> t = lf.truth(goal);
    if (!t) continue;
    ++decided;
    for (int y = -7; y <= 7; ++y)
      for (int z = -7; z <= 7; ++z) {
        Assignment p;
        p.set(b, Int(y));
        p.set(c, Int(z));
        p.set(a, evaluate(value, p).i);
        INFO(goal.str() << " after a := " << value.str() << " at b=" << y << " c=" << z);
        check_at(facts, goal, *t, p);
      }
  }
  CHECK(decided > 20);
}

// Constants at the edge of 128 bits: a bound that would overflow is dropped
// (knowledge lost, never an exception or a wrong answer).
TEST_CASE("linear facts: 128-bit edge constants", "[reason][linear]") {
  const std::string max = "170141183460469231731687303715884105727"; // 2**127 - 1
  LinearFacts lf;
  CHECK_NOTHROW(lf.add(parse_expr("s0 < " + max)));
  CHECK_NOTHROW(lf.add(parse_expr("s0 - s1 > -" + max)));
  CHECK_NOTHROW(lf.add(parse_expr("2*s0 + 2*s1 <= " + max)));
  CHECK(lf.truth(parse_expr("s0 <= " + max)) == std::optional<bool>(true));
  CHECK(lf.truth(parse_expr("s0 + s1 < " + max)) == std::optional<bool>(true)); // 2*(s0+s1) <= max: s0+s1 <= max//2
  std::optional<bool> t;
  CHECK_NOTHROW(t = lf.truth(parse_expr("s1 - s0 < " + max)));
  CHECK(t == std::optional<bool>(true)); // s0 - s1 > -max
  // s0 := s2 + max: `s0 < max` becomes `s2 < 0`; `s0 - s1 > -max` would need a bound
  // below -2**127 and is dropped.
  CHECK_NOTHROW(lf.substitute(parse_expr("s0"), parse_expr("s2 + " + max)));
  CHECK(lf.truth(parse_expr("s2 < 0")) == std::optional<bool>(true));
  CHECK(lf.truth(parse_expr("s2 - s1 > 0")) == std::nullopt);
}
