//===- substitute_test.cpp - Substitution, renormalized ---------------------===//
//
// Tables of expression, substitution -> result printed in sympy str() style.
// Every row is substituted twice: through SubstPairs (where a relation over
// a sum of plain symbols takes the one-step path) and through SubstMap (the
// general walk); both must give the expected text.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"
#include "symshape/expr/substitute.h"

using namespace symshape;

namespace {
struct Row {
  const char *input;
  std::vector<std::pair<const char *, const char *>> subst; // key text -> value text
  const char *expected;
};

void check_table(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    INFO("input: " << r.input);
    Expr e = parse_expr(r.input);
    SubstPairs pairs;
    SubstMap map;
    for (auto &[k, v] : r.subst) {
      pairs.emplace_back(parse_expr(k).node(), parse_expr(v));
      map.emplace(parse_expr(k).node(), parse_expr(v));
    }
    CHECK(print(substitute(e, pairs)) == r.expected);
    CHECK(print(substitute(e, map)) == r.expected);
  }
}
} // namespace

TEST_CASE("substitution into relations over sums of symbols", "[expr][substitute]") {
  check_table({
      {"s0 + s1 < s2 + 5", {{"s1", "s3"}}, "s0 + s3 < s2 + 5"},
      {"s0 + s1 < s2 + 5", {{"s1", "s2 + 2"}}, "s0 < 3"},          // like terms cancel
      {"s0 + s1 < s2 + 5", {{"s0", "4"}, {"s1", "s2"}}, "True"},   // a constant comparison
      {"s0 - s1 <= 0", {{"s1", "s0"}}, "True"},
      {"Eq(s0, s1 + 3)", {{"s0", "s2 + 3"}}, "Eq(s1, s2)"},        // Eq flips to its normal sign
      {"Eq(s0, 2*s1)", {{"s0", "2*s2 + 1"}}, "False"},             // 2*(s2 - s1) == -1: no solution
      {"Ne(s0, s1)", {{"s0", "s1"}}, "False"},
      {"2*s0 < s1", {{"s1", "4*s2"}}, "s0 < 2*s2"},               // the content divides out
      {"s0 + s1 < 7", {{"s1", "s2*s3"}}, "s0 + s2*s3 < 7"},       // a product becomes a term
      {"s0 + s1 < 7", {{"s2", "s0"}}, "s0 + s1 < 7"},             // nothing to replace
      {"s0 + s1 < 7", {{"s1", "0.5"}}, "0.5 + s0 < 7"},           // a float: the general path
      {"s0 + s1 < 7", {{"7 - s0 - s1", "s2"}}, "0 < s2"},         // the sum as a key (0 < 7 - s0 - s1): general
      {"s0*s1 + s2 < 7", {{"s2", "s0"}}, "s0*s1 + s0 < 7"},      // a product inside: the general path
  });
}

TEST_CASE("substitution elsewhere renormalizes", "[expr][substitute]") {
  check_table({
      {"s0 - s1", {{"s1", "s0"}}, "0"},
      {"s0*s1", {{"s1", "s0"}}, "s0**2"},
      {"(s0 + s1)//2", {{"s1", "s0"}}, "s0"},
      {"Mod(s0 + s1, 4)", {{"s0", "4*s2"}}, "Mod(s1, 4)"},
      {"Max(s0, s1)", {{"s1", "s0 + 1"}}, "s0 + 1"},
      {"(s0 < 5) & (s1 < 5)", {{"s1", "s0"}}, "s0 < 5"},
  });
}
