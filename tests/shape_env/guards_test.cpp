//===- guards_test.cpp - produce_guards, minimization, compiled guards -----===//
#include <catch2/catch.hpp>

#include <random>

#include "support/random_expr.h"
#include "symshape/expr/parse.h"
#include "symshape/shape_env/guards.h"

using namespace symshape;

TEST_CASE("produce_guards: PyTorch's order and text", "[shape_env][guards]") {
  // PyTorch test_mega_guard: a (16,), b (8,), a.shape[0] == 2*b.shape[0].
  ShapeEnv env;
  Expr a = env.create_tensor("a", {Int(16)}).sizes[0];
  Expr b = env.create_tensor("b", {Int(8)}).sizes[0];
  CHECK(env.evaluate(eq(a, 2 * b)));
  GuardOptions o;
  o.minimize = false;
  GuardSet gs = produce_guards(env, o);
  CHECK(gs.texts() == std::vector<std::string>{"a.size()[0] == 2*b.size()[0]", "2 <= b.size()[0]"});
  std::vector<std::string> st;
  for (auto &g : gs.static_guards) st.push_back(g.text);
  CHECK(st == std::vector<std::string>{"a.stride()[0] == 1", "a.storage_offset() == 0", "b.stride()[0] == 1",
                                       "b.storage_offset() == 0"});
  CHECK(gs.validation == "proved");
  o.ignore_static = false;
  CHECK(produce_guards(env, o).guards.size() == 6);
}

TEST_CASE("produce_guards: ranges merge, relations stay, duck sizing shows", "[shape_env][guards]") {
  ShapeEnv env;
  TensorSymbols a = env.create_tensor("a", {Int(15), Int(20)});
  env.evaluate(gt(a.sizes[0], 12));
  env.evaluate(gt(a.sizes[1], 5));
  env.evaluate(gt(a.sizes[1], a.sizes[0]));
  TensorSymbols b = env.create_tensor("b", {Int(15)});
  GuardSet gs = produce_guards(env);
  CHECK(gs.texts() == std::vector<std::string>{"a.stride()[0] == a.size()[1]", "b.size()[0] == a.size()[0]",
                                               "a.size()[0] < a.size()[1]", "13 <= a.size()[0]",
                                               "14 <= a.size()[1]"});
  CHECK(gs.guards[1].provenance == "duck sizing: same example value as a.size()[0]");
  CHECK(gs.validation == "proved");
}

TEST_CASE("minimization drops what the rest implies, with a proof", "[shape_env][guards]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(16), Int(4)});
  Expr s0 = x.sizes[0], s1 = x.sizes[1];
  env.evaluate(eq(mod(s0, 8), 0));
  env.evaluate(eq(floordiv(s0, 8) * 8, s0)); // implies the first (and vice versa)
  env.evaluate(gt(s0 * s1, 10));
  env.evaluate(gt(s0 * s1, 20)); // implies the previous one
  // Decided by the axioms (same form, weaker constant): no third guard.
  size_t recorded = env.guards().size();
  CHECK(env.evaluate(gt(s0 * s1, 15)));
  CHECK(env.guards().size() == recorded);
  GuardOptions full;
  full.minimize = false;
  size_t before = produce_guards(env, full).guards.size();
  GuardSet gs = produce_guards(env);
  CHECK(gs.validation == "proved");
  CHECK(gs.guards.size() + gs.dropped.size() == before);
  REQUIRE(gs.dropped.size() == 2);
  // 10 < s0*s1 goes by the cheap tier (same form, weaker constant); the
  // floor-division guard needs Z3.
  std::vector<std::string> why;
  for (auto &d : gs.dropped) why.push_back(d.text + " | " + d.dropped_because);
  std::sort(why.begin(), why.end());
  CHECK(why[0] == "10 < x.size()[0]*x.size()[1] | implied by 20 < x.size()[0]*x.size()[1]");
  CHECK_THAT(why[1], Catch::StartsWith("x.size()[0] == (8*(x.size()[0] // 8)) | z3: implied by (x.size()[0] % 8) == 0"));
}

TEST_CASE("constraint violations: a Dim range the guards narrow or specialize", "[shape_env][guards]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(10)}, {DimSpec{DimPolicy::Dynamic, ValueRange::ints(Bound(2), Bound(64))}});
  CHECK(produce_guards(env).constraint_violations.empty());
  env.evaluate(lt(x.sizes[0], 20));
  auto v = produce_guards(env).constraint_violations;
  REQUIRE(v.size() == 1);
  CHECK_THAT(v[0], Catch::Contains("satisfy the generated guard 2 <= x.size()[0] and x.size()[0] <= 19"));
  env.evaluate_int(x.sizes[0]);
  v = produce_guards(env).constraint_violations;
  REQUIRE(v.size() == 1);
  CHECK_THAT(v[0], Catch::Contains("inferred to be a constant (10)"));
}

TEST_CASE("GuardProgram: compiled guards agree with evaluation", "[shape_env][guards][program]") {
  std::vector<std::string> sources = {"x.size()[0]", "x.size()[1]", "n"};
  std::vector<Expr> guards = {parse_expr("2 <= x.size()[0] <= 64"), parse_expr("(x.size()[0] % 8) == 0"),
                              parse_expr("x.size()[1] == max(2, x.size()[0] // 4)"),
                              parse_expr("n // (x.size()[1] - 4) >= -1"), parse_expr("(n if n > 0 else -n) < 100"),
                              parse_expr("math.floor(x.size()[0] / 3) > 1")};
  GuardProgram p(guards, sources);
  CHECK(p.num_guards() == 6);
  struct Row { int64_t s0, s1, n; int expected; };
  const Row rows[] = {
      {16, 4, 5, 3},   // n // (4 - 4): division by zero fails guard 3
      {16, 4, 0, 3},
      {32, 8, 7, -1},
      {32, 8, -3, -1},
      {32, 8, -100, 3}, // -100 // 4 == -25
      {32, 8, 100, 4},  // |n| < 100 fails
      {1, 2, 0, 0},
      {12, 3, 0, 1},
      {32, 7, 0, 2},
      {8, 2, 0, -1},    // 0 // -2 == 0
  };
  for (const Row &r : rows) {
    int64_t v[3] = {r.s0, r.s1, r.n};
    INFO(r.s0 << " " << r.s1 << " " << r.n);
    // The reference: evaluate each guard.
    Assignment a;
    a.set(symbol("x.size()[0]"), Int(static_cast<long long>(r.s0)));
    a.set(symbol("x.size()[1]"), Int(static_cast<long long>(r.s1)));
    a.set(symbol("n"), Int(static_cast<long long>(r.n)));
    int ref = -1;
    for (size_t i = 0; i < guards.size() && ref < 0; ++i) {
      bool ok;
      try {
        ok = evaluate(guards[i], a).as_bool();
      } catch (const Error &) {
        ok = false;
      }
      if (!ok) ref = static_cast<int>(i);
    }
    CHECK(ref == r.expected);
    CHECK(p.check(v) == ref);
  }
  CHECK_THROWS_AS(GuardProgram({parse_expr("y.size()[0] > 2")}, sources), ValueError);
}

TEST_CASE("minimization tiers: narrowed ranges, one fact, a counterexample", "[shape_env][guards]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(16), Int(4)});
  Expr s0 = x.sizes[0], s1 = x.sizes[1];
  Expr y0 = env.create_tensor("y", {Int(5)}).sizes[0];
  Expr z0 = env.create_tensor("z", {Int(30)}).sizes[0];
  CHECK(env.evaluate(gt(s0, y0)));           // implied once s0 >= 10 (y0 <= 9 is learned)
  CHECK(env.evaluate(ne(s0, 2 * y0)));       // implied by 2*y0 < s0
  CHECK(env.evaluate(lt(2 * y0, s0)));
  CHECK(env.evaluate(lt(s1, 6)));            // s1 in [2, 5]
  CHECK(env.evaluate(gt(z0, 29)));           // z0 in [30, inf]
  CHECK(env.evaluate(gt(s0 * s1, 45)));      // so s0 >= 10
  CHECK(env.evaluate(lt(y0 + z0, 40)));      // so y0 <= 9
  GuardSet gs = produce_guards(env);
  CHECK(gs.validation == "proved");
  std::vector<std::string> why;
  for (auto &d : gs.dropped) why.push_back(d.text + " | " + d.dropped_because);
  CHECK(why == std::vector<std::string>{
                   "y.size()[0] < x.size()[0] | value ranges, narrowed by 45 < x.size()[0]*x.size()[1]",
                   "x.size()[0] != (2*y.size()[0]) | implied by 2*y.size()[0] < x.size()[0] and the ranges"});
  // The ShapeEnv learned y0 <= 9 and z0 <= 37 from y0 + z0 < 40 (and
  // s0 >= 5 from 2*y0 < s0); only minimization narrows s0 to >= 10.
  CHECK(gs.texts() == std::vector<std::string>{"x.stride()[0] == x.size()[1]", "2*y.size()[0] < x.size()[0]",
                                               "45 < x.size()[0]*x.size()[1]", "y.size()[0] + z.size()[0] < 40",
                                               "5 <= x.size()[0]", "2 <= x.size()[1] and x.size()[1] <= 5",
                                               "2 <= y.size()[0] and y.size()[0] <= 9",
                                               "30 <= z.size()[0] and z.size()[0] <= 37"});
  // The three kept relations were each shown necessary by a point near the
  // example inputs, without Z3.
  CHECK(gs.refuted_by_search == 3);
  CHECK(gs.z3_queries == 0);
}

// Seeded fuzzer: random integer guards (sums with coefficients, floor
// division, mod, min/max, where, powers) at random points, including values
// near 2**62 that overflow intermediate products: the compiled program fails
// exactly the first guard that evaluation does not find True.
TEST_CASE("GuardProgram: fuzzed against evaluation", "[shape_env][guards][program][fuzz]") {
  testing::RandomExprOptions o = testing::RandomExprOptions::integer_only({"a", "b", "c"});
  o.allow_pow = true;
  o.max_depth = 3;
  testing::RandomExpr gen(1126, o);
  std::vector<std::string> sources = {"a", "b", "c"};
  std::mt19937_64 rng(99);
  int compared = 0, failures_seen = 0;
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<Expr> guards;
    while (guards.size() < 4) {
      try {
        guards.push_back(parse_expr(gen.bool_expr(3)));
      } catch (const Error &) {
        // a literal division by zero: skip
      }
    }
    GuardProgram p(guards, sources);
    for (int k = 0; k < 20; ++k) {
      int64_t v[3];
      for (int64_t &x : v)
        x = rng() % 4 == 0 ? static_cast<int64_t>(rng() >> 1) * (rng() % 2 ? 1 : -1)
                           : static_cast<int64_t>(rng() % 41) - 20;
      Assignment a;
      for (int i = 0; i < 3; ++i) a.set(symbol(sources[i]), Int(static_cast<long long>(v[i])));
      int ref = -1;
      for (size_t i = 0; i < guards.size() && ref < 0; ++i)
        if (truth_at(guards[i], a) != std::optional<bool>(true)) ref = static_cast<int>(i);
      INFO(guards[0].str() << " | " << guards[1].str() << " | " << guards[2].str() << " | " << guards[3].str()
                           << " at a=" << v[0] << " b=" << v[1] << " c=" << v[2]);
      REQUIRE(p.check(v) == ref);
      ++compared;
      failures_seen += ref >= 0;
    }
  }
  CHECK(compared == 6000);
  CHECK(failures_seen > 1000);
}
