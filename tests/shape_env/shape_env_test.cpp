//===- shape_env_test.cpp - Symbols, decisions, learning, checks -----------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"
#include "symshape/shape_env/shape_env.h"

using namespace symshape;

namespace {
std::string py(Expr e) { return print(e, Dialect::Python); }
std::vector<std::string> pys(const std::vector<Expr> &v) {
  std::vector<std::string> out;
  for (Expr e : v) out.push_back(py(e));
  return out;
}
std::vector<std::string> guard_texts(const ShapeEnv &env) {
  std::vector<std::string> out;
  for (const Guard &g : env.guards()) out.push_back(py(g.expr));
  return out;
}
} // namespace

TEST_CASE("symbols: duck sizing, 0/1 specialization, static and dynamic dims", "[shape_env][symbols]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(5), Int(1), Int(3)});
  TensorSymbols y = env.create_tensor("y", {Int(5), Int(0)}, {DimSpec{DimPolicy::Dynamic}, DimSpec{}});
  TensorSymbols z = env.create_tensor("z", {Int(3), Int(6)}, {DimSpec{DimPolicy::Static}, DimSpec{DimPolicy::Static}});
  CHECK(pys(x.sizes) == std::vector<std::string>{"s0", "1", "s1"});
  CHECK(pys(x.strides) == std::vector<std::string>{"s1", "s1", "1"}); // PyTorch: (s1, s1, 1)
  CHECK(py(x.storage_offset) == "0");
  CHECK(pys(y.sizes) == std::vector<std::string>{"s2", "0"});         // dynamic: not ducked with s0
  CHECK(pys(z.sizes) == std::vector<std::string>{"3", "6"});
  CHECK(pys(z.strides) == std::vector<std::string>{"6", "1"});
  CHECK(env.info(symbol("s0"))->range.str() == "[2, inf]");
  CHECK(env.info(symbol("s0"))->hint == Int(5));
  CHECK(env.info(symbol("s0"))->sources == std::vector<std::string>{"x.size()[0]"});
  CHECK(*env.lookup_source("x.stride()[0]") == symbol("s1"));
  TensorSymbols w = env.create_tensor("w", {Int(2), Int(3), Int(4)}, std::vector<DimSpec>(3, DimSpec{DimPolicy::Dynamic}));
  CHECK(pys(w.strides) == std::vector<std::string>{"s4*s5", "s5", "1"});
}

TEST_CASE("symbols: scalars, ranges, unbacked ints and bools", "[shape_env][symbols]") {
  ShapeEnv env;
  Expr n = env.create_unspecified_symbol(Int(-3), "n");
  CHECK(py(n) == "s0");
  CHECK(env.info(n)->range.str() == "[-inf, inf]");
  Expr u0 = env.create_unbacked_int();
  Expr b = env.create_unbacked_bool();
  CHECK(py(u0) == "u0");
  CHECK(py(b) == "u1 == 1");
  CHECK(env.info(symbol("u1"))->range.str() == "[0, 1]");
  CHECK(pys(env.take_pending_unbacked()) == std::vector<std::string>{"u0", "u1"});
  CHECK(env.pending_unbacked().empty());
  // A user range: the example must lie inside, 0/1 specialization applies.
  ShapeEnv e2;
  CHECK_THROWS_WITH(e2.create_tensor("x", {Int(100)}, {DimSpec{DimPolicy::Dynamic, ValueRange::ints(Bound(2), Bound(64))}}),
                    "100 not in range [2, 64]");
  TensorSymbols x = e2.create_tensor("x", {Int(10)}, {DimSpec{DimPolicy::Dynamic, ValueRange::ints(Bound(0), Bound(64))}});
  CHECK(e2.info(x.sizes[0])->range.str() == "[2, 64]");
  CHECK_THROWS_AS(e2.create_tensor("y", {Int(7)}, {DimSpec{DimPolicy::Dynamic, ValueRange::ints(Bound(8), Bound(8))}}),
                  ConstraintViolation);
  // constrain_range: narrows, errors on an empty range or a hint outside.
  Expr u = e2.create_unbacked_int();
  e2.constrain_range(u, Bound(0), Bound(10));
  CHECK(e2.info(u)->range.str() == "[0, 10]");
  CHECK_THROWS_WITH(e2.constrain_range(u, Bound(20), Bound(30)), "Invalid ranges [20:10]");
  CHECK_THROWS_AS(e2.constrain_range(x.sizes[0], Bound(20), Bound(30)), ValueRangeError);
  CHECK_THROWS_AS(e2.constrain_range(x.sizes[0] + 1, Bound(0), Bound(30)), ValueError);
  // No 0/1 specialization: sizes start at 0 and the offset is a symbol.
  ShapeEnvSettings s;
  s.specialize_zero_one = false;
  ShapeEnv e3(s);
  TensorSymbols a = e3.create_tensor("a", {Int(5)});
  CHECK(py(a.storage_offset) == "s1");
  CHECK(e3.info(a.sizes[0])->range.str() == "[0, inf]");
}

TEST_CASE("evaluate: static answers add no guard, backed ones guard on the hint", "[shape_env][evaluate]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(5), Int(7)});
  Expr s0 = x.sizes[0], s1 = x.sizes[1];
  CHECK(env.evaluate(ne(s0, 1)));     // [2, inf] excludes 1
  CHECK(env.evaluate(ne(s0, 0)));
  CHECK(env.guards().empty());
  CHECK(env.evaluate(gt(s0, 3)));
  CHECK_FALSE(env.evaluate(eq(s0, s1)));
  CHECK(guard_texts(env) == std::vector<std::string>{"3 < s0", "s0 != s1"});
  CHECK(env.info(s0)->range.str() == "[4, inf]"); // learned from 3 < s0
  // A repeated decision is now known: no new guard.
  CHECK(env.evaluate(gt(s0, 3)));
  CHECK(env.evaluate(ne(s0, s1)));
  CHECK(env.guards().size() == 2);
  // int(): specializes.
  CHECK(env.evaluate_int(s1 * 2) == Int(14));
  CHECK(py(env.guards().back().expr) == "s1 == 7");
  CHECK(py(env.simplify(s1 + 1)) == "8");
  CHECK(env.size_hint(s0 * s1) == Int(35));
  CHECK(py(env.replace(s0 * s1)) == "7*s0");
}

TEST_CASE("learning: replacements, ranges, divisibility, the time-travel ban", "[shape_env][learn]") {
  SECTION("the symbol PyTorch solves for: largest hint, then highest name") {
    ShapeEnv env;
    TensorSymbols x = env.create_tensor("x", {Int(6), Int(3)});
    CHECK(env.evaluate(eq(x.sizes[0], x.sizes[1] + 3)));
    auto r = env.replacements();
    REQUIRE(r.size() == 1);
    CHECK(py(r[0].first) == "s0");
    CHECK(py(r[0].second) == "s1 + 3");
    CHECK(env.info(x.sizes[0])->range.str() == "[5, inf]");
    CHECK(py(env.simplify(x.sizes[0] - x.sizes[1])) == "3");
  }
  SECTION("a range refined to one value becomes a replacement") {
    ShapeEnv env;
    Expr s0 = env.create_tensor("a", {Int(6)}).sizes[0];
    env.evaluate(gt(s0, 5));
    env.evaluate(lt(s0, 7));
    CHECK(py(env.simplify(s0)) == "6");
  }
  SECTION("divisibility turns FloorDiv into CleanDiv; unbacked Mod(c*u, q) rewrites u") {
    ShapeEnv env;
    Expr s0 = env.create_tensor("x", {Int(16)}).sizes[0];
    CHECK(env.evaluate(eq(mod(s0, 8), 0)));
    CHECK(env.divisibility().size() == 1);
    CHECK(env.simplify(floordiv(s0, 8)).kind() == Kind::CleanDiv);
    Expr u0 = env.create_unbacked_int();
    env.check_is_size(u0);
    env.check(eq(mod(4 * u0, 8), 0));
    CHECK(py(env.simplify(u0)) == "2*u1");
    CHECK(env.info(symbol("u1"))->size_like);
  }
  SECTION("never replace an unbacked symbol by a later one") {
    ShapeEnv env;
    Expr u0 = env.create_unbacked_int(), u1 = env.create_unbacked_int();
    env.check_is_size(u0);
    env.check_is_size(u1);
    env.check(eq(u0, u1 * 4));
    env.check(eq(u0 + u1, 10));
    CHECK(env.replacements().empty());
    CHECK(env.info(u0)->range.str() == "[0, 10]");
  }
  SECTION("an unbacked symbol equal to a backed expression is replaced") {
    ShapeEnv env;
    Expr s0 = env.create_tensor("x", {Int(6)}).sizes[0];
    Expr u0 = env.create_unbacked_int();
    env.check(eq(u0, 2 * s0));
    CHECK(py(env.simplify(u0)) == "2*s0");
    CHECK(env.size_hint(u0 + 1) == Int(13));
    CHECK(env.info(u0)->range.str() == "[4, inf]");
  }
}

TEST_CASE("learning: range refinement isolates each +-1 symbol in turn", "[shape_env][learn]") {
  // Three unbacked ints u0, u1, u2 with the given ranges; the assert, then
  // their ranges.  Rows with ends from 2^40 on take the general (checked)
  // path; the one with 524288*u1 switches to it midway: after u0's refined
  // end passes 2^40, u2 is still refined (seeing u0's new range).
  struct Row {
    const char *ranges[3];
    const char *fact;
    const char *expected[3];
  } rows[] = {
      {{"[0, 5]", "", ""}, "u0 + u1 < 10", {"[0, 5]", "[-inf, 9]", "[-inf, inf]"}},
      {{"[1, 3]", "", ""}, "2*u0 + u1 <= 7", {"[1, 3]", "[-inf, 5]", "[-inf, inf]"}},
      {{"[0, 4]", "[0, 4]", ""}, "u0 + u1 == 8", {"[4, 4]", "[4, 4]", "[-inf, inf]"}},
      {{"[0, 9]", "[2, 6]", "[0, 100]"}, "u2 < u0 - u1", {"[3, 9]", "[2, 6]", "[0, 6]"}},
      {{"", "[2, 6]", ""}, "u0 >= u1 + 3", {"[5, inf]", "[2, 6]", "[-inf, inf]"}},
      {{"", "[0, 3]", "[-2, 2]"}, "u0 == u1 + u2 + 2", {"[0, 7]", "[0, 3]", "[-2, 2]"}},
      {{"[0, 100]", "[-5, inf]", ""}, "u0 <= 10 - u1", {"[0, 15]", "[-5, 10]", "[-inf, inf]"}},
      {{"[0, 1180591620717411303424]", "", ""}, "u0 + u1 < 5", {"[0, 1180591620717411303424]", "[-inf, 4]", "[-inf, inf]"}},
      {{"[0, inf]", "[-549755813888, 549755813888]", "[0, inf]"}, // (2^39)
       "u0 + 524288*u1 + u2 < 0",
       {"[0, 288230376151711743]", "[-549755813888, 549755813888]", "[0, 288230376151711743]"}}, // 2^58 - 1
      {{"[0, 1099511627776]", "", ""}, "u0 + u1 < 5", {"[0, 1099511627776]", "[-inf, 4]", "[-inf, inf]"}}, // 2^40
  };
  for (const Row &row : rows) {
    INFO(row.fact);
    ShapeEnv env;
    Expr u[3] = {env.create_unbacked_int(), env.create_unbacked_int(), env.create_unbacked_int()};
    for (int i = 0; i < 3; ++i) {
      std::string r = row.ranges[i];
      if (r.empty()) continue;
      size_t comma = r.find(", ");
      auto end = [](const std::string &t) { return t == "inf" ? Bound::pos_inf() : Bound(*Int::parse(t)); };
      env.constrain_range(u[i], end(r.substr(1, comma - 1)), end(r.substr(comma + 2, r.size() - comma - 3)));
    }
    env.check(parse_expr(row.fact));
    for (int i = 0; i < 3; ++i) CHECK(env.info(u[i])->range.str() == row.expected[i]);
  }
}

TEST_CASE("unbacked: data-dependent errors, checks, runtime asserts", "[shape_env][unbacked]") {
  ShapeEnv env;
  Expr s0 = env.create_tensor("a", {Int(5)}).sizes[0];
  Expr u0 = env.create_unbacked_int();
  env.set_origin("model.py:12");
  try {
    env.evaluate(eq(u0, 0));
    FAIL("no error");
  } catch (const DataDependentError &e) {
    std::string m = e.what();
    CHECK_THAT(m, Catch::StartsWith("Could not guard on data-dependent expression Eq(u0, 0) (unhinted: Eq(u0, 0)).  "
                                    "(Size-like symbols: none)"));
    CHECK_THAT(m, Catch::Contains("Caused by: model.py:12"));
    CHECK_THAT(m, Catch::Contains("torch._check(u0 == 0)"));
    CHECK(py(e.cond()) == "u0 == 0");
  }
  CHECK_THROWS_WITH(env.evaluate_int(u0), Catch::StartsWith("Could not extract specialized integer from data-dependent "
                                                            "expression u0 (unhinted: u0)"));
  CHECK_THROWS_AS(env.size_hint(u0), DataDependentError);
  CHECK_FALSE(env.guard_or_false(eq(u0, 1)));
  CHECK(env.guard_or_true(eq(u0, 1)));
  CHECK(env.guard_or_false(eq(u0, u0)));
  CHECK(env.assumptions().size() == 2);
  env.check(lt(u0, s0));
  REQUIRE(env.runtime_asserts().size() == 1);
  CHECK(py(env.runtime_asserts()[0].expr) == "u0 < s0");
  CHECK(py(env.runtime_asserts()[0].key) == "u0");
  CHECK(env.evaluate(lt(u0, s0)));
  CHECK(env.evaluate(ne(u0, s0)));
  CHECK_FALSE(env.evaluate(gt(u0, s0)));
  CHECK_FALSE(env.evaluate(ge(u0, s0)));
  CHECK(env.guards().empty());
  // The highest-numbered unbacked symbol keys the assert.
  std::vector<Expr> us;
  for (int i = 0; i < 11; ++i) us.push_back(env.create_unbacked_int());
  Expr sum = integer(0);
  for (Expr u : us) sum = sum + u;
  env.check(eq(sum, 20));
  CHECK(py(env.runtime_asserts().back().key) == "u11");
  CHECK(env.statically_known_true(eq(sum, 20)));
}

TEST_CASE("check: a guard when backed (failing loudly), an assert when unbacked", "[shape_env][check]") {
  ShapeEnv env;
  Expr s0 = env.create_tensor("x", {Int(5)}).sizes[0];
  CHECK_THROWS_AS(env.check(eq(s0, 3)), CheckFailed);
  CHECK(guard_texts(env) == std::vector<std::string>{"s0 != 3"});
  CHECK_THROWS_AS(env.check(false_()), CheckFailed);
  env.check(true_());
  Expr u0 = env.create_unbacked_int();
  env.check(gt(u0, 4));
  CHECK(env.info(u0)->range.str() == "[5, inf]");
  CHECK(env.statically_known_true(ne(u0, 4)));
  CHECK_FALSE(env.statically_known_true(ne(u0, 5)));
  CHECK_THROWS_AS(env.check(lt(u0, 3)), CheckFailed); // statically false

  ShapeEnvSettings s;
  s.prefer_deferred_runtime_asserts_over_guards = true;
  ShapeEnv ex(s);
  Expr a = ex.create_tensor("a", {Int(8)}).sizes[0];
  Expr b = ex.create_tensor("b", {Int(4)}).sizes[0];
  ex.check(eq(a, 2 * b));
  CHECK(ex.guards().empty());
  REQUIRE(ex.runtime_asserts().size() == 1);
  CHECK(py(ex.runtime_asserts()[0].expr) == "s0 == (2*s1)");
  CHECK(ex.runtime_asserts()[0].key.is_null());
  CHECK(py(ex.simplify(a)) == "2*s1");
  // guard_int still guards in export mode (PyTorch test).
  ex.evaluate_int(b);
  CHECK(ex.guards().size() == 1);
}

TEST_CASE("size-oblivious decisions treat size-like symbols as >= 2", "[shape_env][oblivious]") {
  ShapeEnv env;
  Expr u0 = env.create_unbacked_int();
  CHECK_THROWS_AS(env.guard_size_oblivious(eq(u0, 1)), DataDependentError);
  env.check_is_size(u0);
  CHECK_FALSE(env.guard_size_oblivious(eq(u0, 1)));
  CHECK_FALSE(env.guard_size_oblivious(eq(u0, 0)));
  CHECK_THROWS_AS(env.evaluate(eq(u0, 1)), DataDependentError); // not oblivious
  CHECK(env.bound(u0, true).str() == "[2, inf]");
  CHECK(env.bound(u0).str() == "[0, inf]");
  // A size-like symbol never learns it is below 2.
  env.check(eq(u0, 0));
  CHECK(env.info(u0)->range.str() == "[0, 2]");
  CHECK(py(env.simplify(u0)) == "u0");
}

TEST_CASE("suppress_guards and freeze", "[shape_env][scopes]") {
  ShapeEnv env;
  Expr s0 = env.create_tensor("x", {Int(5)}).sizes[0];
  {
    ShapeEnv::SuppressGuards s(env);
    CHECK(env.evaluate(gt(s0, 3)));
  }
  CHECK(env.guards().empty());
  env.freeze();
  CHECK(env.evaluate(gt(s0, 3)));
  CHECK(env.guards().size() == 1);
  CHECK(env.frozen_guards() == 1);
}

TEST_CASE("the question observer sees every boolean question, with the API asking", "[shape_env]") {
  ShapeEnv env;
  Expr s0 = env.create_symbol(Int(6), "x.size()[0]");
  Expr u0 = env.create_unbacked_int();
  env.check_is_size(u0);
  std::vector<std::string> seen;
  env.set_question_observer([&](Expr cond, const char *api) { seen.push_back(std::string(api) + ": " + cond.str()); });
  env.evaluate(gt(s0, integer(4)));
  env.evaluate(true_());                       // constant: not a question
  env.statically_known_true(ge(s0, integer(2)));
  env.guard_or_false(eq(u0, integer(3)));
  env.guard_size_oblivious(ne(u0, integer(1)));
  env.check(le(u0, integer(100)));             // unbacked: a runtime assert
  env.check(lt(s0, integer(10)));              // backed: evaluate, seen once
  env.set_question_observer(nullptr);
  env.evaluate(lt(s0, integer(100)));
  CHECK(seen == std::vector<std::string>{
                    "evaluate: 4 < s0",
                    "statically_known_true: 2 <= s0",
                    "guard_or_false: Eq(u0, 3)",
                    "guard_size_oblivious: Ne(u0, 1)",
                    "check: u0 <= 100",
                    "evaluate: s0 < 10",
                });
}
