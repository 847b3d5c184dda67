//===- node_map_test.cpp - NodeMap and the node walks ----------------------===//
#include <catch2/catch.hpp>

#include <string>

#include "symshape/expr/node_map.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"

using namespace symshape;

TEST_CASE("NodeMap: find, insert, iterate in insertion order", "[expr][node_map]") {
  NodeMap<int> m;
  Expr a = symbol("nm_a"), b = symbol("nm_b"), c = symbol("nm_c");
  CHECK(m.empty());
  CHECK(m.find(a.node()) == nullptr);
  m[b.node()] = 2;
  m[a.node()] = 1;
  CHECK(m.emplace(c.node(), 3).second);
  CHECK_FALSE(m.emplace(a.node(), 99).second); // present: kept
  m[b.node()] += 10;                           // an existing key: assigned in place
  REQUIRE(m.size() == 3);
  CHECK(*m.find(a.node()) == 1);
  CHECK(*m.find(b.node()) == 12);
  CHECK(m.contains(c.node()));
  CHECK(Expr(m.key(0)) == b);
  CHECK(Expr(m.key(1)) == a);
  CHECK(m.value(2) == 3);
  m.clear();
  CHECK(m.empty());
  CHECK(m.find(a.node()) == nullptr);
}

TEST_CASE("NodeMap: thousands of keys across growth", "[expr][node_map]") {
  NodeMap<size_t> m;
  std::vector<Expr> keys;
  for (size_t i = 0; i < 5000; ++i) keys.push_back(symbol("nm_k" + std::to_string(i)));
  for (size_t i = 0; i < keys.size(); ++i) m[keys[i].node()] = i;
  REQUIRE(m.size() == 5000);
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t *v = m.find(keys[i].node());
    REQUIRE(v);
    CHECK(*v == i);
    CHECK(m.key(i) == keys[i].node());
  }
  CHECK(m.find(symbol("nm_absent").node()) == nullptr);
}

TEST_CASE("for_each_node: each distinct node once, children first", "[expr][walk]") {
  // (Trees of <= 32 nodes take an allocation-free path, larger ones a hash
  // set; the rows cover the first, the sum below the second.)
  struct Row { const char *expr; const char *visits; };
  const Row rows[] = {
      {"s0", "s0"},
      {"s0 + s1 < 5", "s0 s1 -s0 - s1 + 5 s0 + s1 < 5"},      // Lt(5 - s0 - s1), printed as the two sides
      {"s0*s0 + s0", "s0 s0**2 s0**2 + s0"},
      {"(s0 // 2) % 3 == 0", "s0 2 (s0//2) 3 Mod((s0//2), 3) -(Mod((s0//2), 3)) Eq(Mod((s0//2), 3), 0)"},
  };
  for (const Row &row : rows) {
    INFO(row.expr);
    std::string got;
    for_each_node(parse_expr(row.expr), [&](Expr n) { got += (got.empty() ? "" : " ") + print(n, Dialect::Sympy); });
    CHECK(got == row.visits);
  }
  // A tree of more than 32 nodes (counted with repeats): 40 distinct symbols.
  Expr big = integer(0);
  for (int i = 0; i < 40; ++i) big = big + symbol("fe" + std::to_string(i)) * symbol("fe" + std::to_string(i + 1));
  REQUIRE(big.size() > 32);
  size_t symbols = 0, products = 0;
  for_each_node(big, [&](Expr n) {
    symbols += n.is_symbol();
    products += n.kind() == Kind::Mul;
  });
  CHECK(symbols == 41);
  CHECK(products == 40);
}
