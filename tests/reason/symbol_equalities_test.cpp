//===- symbol_equalities_test.cpp - Classes of equal symbols ---------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/reason/symbol_equalities.h"

using namespace symshape;

TEST_CASE("symbol equalities: classes, representatives, proofs by rewriting", "[reason][equalities]") {
  SymbolEqualities eq;
  for (const char *f : {"Eq(b, c)", "Eq(a, b)", "Eq(x, y) and x > 2", "Eq(d, e + 1)", "e < 5"})
    eq.add(parse_expr(f));
  struct Row { const char *expr, *canonical; };
  const Row rows[] = {
      {"c", "a"},                 // the least symbol represents {a, b, c}
      {"a + c", "2*a"},
      {"Eq(a, c)", "True"},
      {"Eq(y, x)", "True"},       // And split
      {"Eq(d, e + 1)", "Eq(d, e + 1)"}, // only x == y between two symbols
      {"b*c - a**2", "0"},
      {"Eq(a, x)", "Eq(a, x)"},
  };
  for (const Row &row : rows) {
    CAPTURE(row.expr);
    CHECK(eq.canonical(parse_expr(row.expr)) == parse_expr(row.canonical));
  }
  CHECK(eq.implies(parse_expr("Eq(c, a)")));
  CHECK_FALSE(eq.implies(parse_expr("Eq(a, x)")));
  CHECK_FALSE(eq.implies(parse_expr("Eq(a, b + 1)"))); // rewrites to False, not True
  CHECK(SymbolEqualities().canonical(parse_expr("a + b")) == parse_expr("a + b"));
}
