//===- linear_facts_test.cpp - Bounds on linear forms ----------------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/reason/linear_facts.h"

using namespace symshape;

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
      {{"s0 != 3"}, "s0 != 3", false},  // disequalities are not recorded
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
